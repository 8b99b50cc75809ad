#include "http/detail/worker_pool.h"

#include "core/contract.h"

namespace kc::http::detail {

WorkerPool::WorkerPool(std::size_t threads) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() { finish(); }

void WorkerPool::submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    KC_EXPECT(!finishing_, "no work is submitted once the pool is finishing");
    jobs_.push_back(std::move(job));
    waiting_.store(jobs_.size(), std::memory_order_relaxed);
  }
  wake_.notify_one();
}

void WorkerPool::finish() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void WorkerPool::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return finishing_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // finishing, and nothing left to run
      job = std::move(jobs_.front());
      jobs_.pop_front();
      waiting_.store(jobs_.size(), std::memory_order_relaxed);
    }
    job();
  }
}

}  // namespace kc::http::detail
