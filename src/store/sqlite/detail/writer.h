#pragma once
// The store's single writer with group commit. Every write runs as a job in
// the writer's next transaction (BEGIN IMMEDIATE ... COMMIT), each job inside
// its own SAVEPOINT so that one job's failure rolls back only that job. The
// first caller to find the writer idle leads: it runs the queued jobs of all
// waiting callers in one transaction and commits once, so with
// synchronous=FULL one fsync covers a whole batch instead of one booking.
// A caller returns only after the transaction holding its job committed (or
// failed, in which case its job's effects are gone). A job runs on whichever
// thread leads; it may read through the connection it is given but must not
// call back into a store write (that would wait for itself).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "store/sql/engine.h"
#include "store/sqlite/connection.h"

namespace kc::store::sqlite::detail {

class Writer {
 public:
  using Work = sql::Engine::Work;

  explicit Writer(std::unique_ptr<Connection> db) : db_(std::move(db)) {}
  Result<void> run(const Work& work);

 private:
  struct Job {
    const Work* work;
    Result<void> result;
    bool done = false;
  };
  void run_batch(const std::vector<Job*>& batch);
  Result<void> run_job(const Work& work);

  static constexpr std::size_t kMaxBatch = 128;
  std::unique_ptr<Connection> db_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<Job*> queue_;
  bool leading_ = false;
};

}  // namespace kc::store::sqlite::detail
