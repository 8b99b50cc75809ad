#include "store/sqlite/detail/writer.h"

#include <exception>

namespace kc::store::sqlite::detail {

Result<void> Writer::run(const Work& work) {
  Job job{&work, {}, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      finished_.wait(lock);
      continue;
    }
    leading_ = true;
    const auto n = std::min(queue_.size(), kMaxBatch);
    std::vector<Job*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    run_batch(batch);
    lock.lock();
    for (Job* j : batch) j->done = true;
    leading_ = false;
    finished_.notify_all();
  }
  return job.result;
}

// A job's failure (a constraint, a refused plan) undoes only its own writes.
Result<void> Writer::run_job(const Work& work) {
  auto begin = db_->query("SAVEPOINT job");
  if (!begin) return std::unexpected(begin.error());
  if (auto ok = begin->run(); !ok) return ok;
  Result<void> result;
  try {
    result = work(*db_);
  } catch (const std::exception& e) {
    result = fail(ErrorCode::internal, "", std::string("write failed: ") + e.what());
  }
  if (!result) {
    auto undo = db_->query("ROLLBACK TO job");
    if (!undo || !undo->run()) return fail(ErrorCode::internal, "", "cannot roll back a failed write");
  }
  auto release = db_->query("RELEASE job");
  if (!release) return std::unexpected(release.error());
  if (auto ok = release->run(); !ok) return ok;
  return result;
}

void Writer::run_batch(const std::vector<Job*>& batch) {
  auto tx = Transaction::begin(*db_);
  if (!tx) {
    for (Job* j : batch) j->result = std::unexpected(tx.error());
    return;
  }
  for (Job* j : batch) j->result = run_job(*j->work);
  if (auto ok = tx->commit(); !ok)
    for (Job* j : batch)
      if (j->result) j->result = std::unexpected(ok.error());
}

}  // namespace kc::store::sqlite::detail
