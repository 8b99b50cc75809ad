#pragma once
// The reader pool of the SQLite engine (detail/engine.h).
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace kc::store::sqlite::detail {

// Reader connections, created when every existing one is in use and kept for
// reuse; a lease returns its connection when it goes out of scope.
class Pool {
 public:
  Pool(std::string path, OpenOptions options) : path_(std::move(path)), options_(options) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_->give_back(std::move(db_));
    }
    Connection& operator*() const { return *db_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> db_;
  };

  Result<Lease> take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(db));
      }
    }
    auto db = Connection::open(path_, options_);
    if (!db) return std::unexpected(db.error());
    return Lease(*this, std::move(*db));
  }

 private:
  void give_back(std::unique_ptr<Connection> db) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
  }

  std::string path_;
  OpenOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace kc::store::sqlite::detail
