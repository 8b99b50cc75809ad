#include "store/sql/statement.h"

#include "store/sql/constraint_reasons.h"

namespace kc::store::sql {

Error error_of(const Fault& fault) {
  const auto message = "database: " + fault.message;
  switch (fault.kind) {
    case Fault::Kind::busy: return Error{ErrorCode::unavailable, "", message, "database_busy"};
    case Fault::Kind::constraint: return Error{ErrorCode::conflict, "", message, "constraint"};
    case Fault::Kind::other: break;
  }
  return Error{ErrorCode::internal, "", message, "database"};
}

Query::~Query() {
  if (stmt_ != nullptr) stmt_->reset();
}

Query& Query::refusing(std::string_view write, std::string subject) {
  write_ = write;
  subject_ = std::move(subject);
  return *this;
}

Query& Query::bind(int index, std::int64_t value) {
  stmt_->bind_int64(index, value);
  return *this;
}

Query& Query::bind(int index, double value) {
  stmt_->bind_real(index, value);
  return *this;
}

Query& Query::bind(int index, std::string_view value) {
  stmt_->bind_text(index, value);
  return *this;
}

Query& Query::bind(int index, std::nullopt_t) {
  stmt_->bind_null(index);
  return *this;
}

Result<bool> Query::step() {
  auto row = stmt_->step();
  if (row) return *row;
  const Fault& fault = row.error();
  if (fault.kind == Fault::Kind::constraint && !write_.empty())
    if (auto refused = constraint_refusal(write_, fault.constraint, subject_)) return std::unexpected(std::move(*refused));
  return std::unexpected(error_of(fault));
}

Result<void> Query::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

Result<Query> Connection::query(const char* sql) {
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  return Query(*stmt);
}

}  // namespace kc::store::sql
