#pragma once
// The statement interface every SQL backend implements, and the only one the
// backend-neutral store (row mapping, orchestration) uses: a connection hands
// out prepared statements; a statement binds parameters by index, steps to a
// row or to the end, and reads columns. SQL text is written once, with numbered
// parameters (?1, ?2 ...); a backend whose dialect differs rewrites them.
//
// Errors are values classified by the backend as a Fault: a constraint that
// refused the write (named as `table.column[, table.column]` for a unique key,
// or by the message a trigger raises), busy (the database stayed locked), or
// anything else. A Query turns a Fault into the API's error, through the one
// table of constraint_reasons.h when the caller said which write it runs.
// Not thread-safe: one thread uses a connection and its statements at a time.
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace kc::store::sql {

// The storage class of a column's value, before any conversion.
enum class Storage { null, integer, real, text, blob };

struct Fault {
  enum class Kind { constraint, busy, other };
  Kind kind = Kind::other;
  std::string constraint;  // Kind::constraint: the violated constraint, as above
  std::string message;     // for the log: what failed, in the backend's words
};

// The API's error for a fault outside any declared write: busy -> unavailable
// (database_busy), a constraint -> conflict (constraint), else internal (database).
Error error_of(const Fault& fault);

// A prepared statement, owned by its connection and reused across queries.
class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are 1-based, as in SQL.
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual std::expected<bool, Fault> step() = 0;  // true: a row is available
  // Columns are 0-based, valid after step() returned true.
  virtual std::int64_t column_int64(int column) const = 0;
  virtual double column_real(int column) const = 0;
  virtual std::string column_text(int column) const = 0;
  virtual Storage column_storage(int column) const = 0;
  // Back to the start with every parameter unbound (a Query's end).
  virtual void reset() = 0;
};

// One use of a prepared statement; resets it when it goes out of scope.
class Query {
 public:
  explicit Query(Statement* stmt) : stmt_(stmt) {}
  Query(Query&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), write_(other.write_), subject_(std::move(other.subject_)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Declares the write this query performs, a row of constraint_reasons.h:
  // a constraint that refuses it answers with that row's error, its message
  // naming `subject` (an id) where it has a {}.
  Query& refusing(std::string_view write, std::string subject = {});

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view value);
  Query& bind(int index, std::nullopt_t);
  template <class T>
  Query& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  Result<bool> step();  // true: a row is available
  Result<void> run();   // steps to completion, ignoring rows
  // Calls `on_row(*this)` for every row; stops at the first error.
  template <class F>
  Result<void> each(F&& on_row) {
    for (;;) {
      auto row = step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      on_row(*this);
    }
  }

  std::int64_t int64(int column) const { return stmt_->column_int64(column); }
  double real(int column) const { return stmt_->column_real(column); }
  std::string text(int column) const { return stmt_->column_text(column); }
  bool is_null(int column) const { return storage(column) == Storage::null; }
  Storage storage(int column) const { return stmt_->column_storage(column); }

 private:
  Statement* stmt_;
  std::string_view write_;  // empty: no declared write
  std::string subject_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Prepares once per connection; `sql` must outlive the connection (a literal
  // or a static string), as statements are cached by its address.
  Result<Query> query(const char* sql);
  virtual Result<void> exec(const std::string& sql) = 0;  // one or more statements, no parameters
  virtual std::int64_t last_insert_id() const = 0;
  virtual int changes() const = 0;  // rows changed by the last statement

 protected:
  virtual Result<Statement*> prepare(const char* sql) = 0;
};

}  // namespace kc::store::sql
