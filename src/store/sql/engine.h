#pragma once
// What a backend gives the backend-neutral store: where reads run, how a
// write becomes one all-or-nothing job of a committed transaction, and the
// few facts its SQL cannot ask the same way on every backend.
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "store/sql/statement.h"

namespace kc::store::sql {

class Engine {
 public:
  using Work = std::function<Result<void>(Connection&)>;
  virtual ~Engine() = default;

  // Runs `work` on a connection that sees the last committed state; callable
  // from any thread (each caller gets a connection of its own).
  virtual Result<void> run_read(const Work& work) = 0;
  // Runs `work` as one job of a write transaction: its writes stay only if it
  // succeeds, and this returns once they are committed. `work` must not call
  // back into a write (it would wait for itself).
  virtual Result<void> run_write(const Work& work) = 0;

  // Whether the schema has the table `name`.
  virtual Result<bool> has_table(Connection& db, std::string_view name) = 0;
  // The highest audit_log id the backend's id counter handed out (it survives
  // deleting the newest rows); nullopt when the backend keeps no such counter.
  virtual Result<std::optional<std::int64_t>> audit_id_counter(Connection& db) = 0;

  // Typed conveniences: `f(connection)` returns a Result.
  template <class F>
  auto read(F&& f) -> decltype(f(std::declval<Connection&>())) {
    return collect<decltype(f(std::declval<Connection&>()))>(f, false);
  }
  template <class T, class F>
  Result<T> write(F&& f) {
    return collect<Result<T>>(f, true);
  }

 private:
  template <class R, class F>
  R collect(F& f, bool writing) {
    std::optional<R> out;
    const Work work = [&](Connection& db) -> Result<void> {
      out.emplace(f(db));
      if (!*out) return std::unexpected(out->error());
      return {};
    };
    if (auto ok = writing ? run_write(work) : run_read(work); !ok) return std::unexpected(ok.error());
    return std::move(*out);
  }
};

}  // namespace kc::store::sql
