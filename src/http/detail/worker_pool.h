#pragma once
// A fixed pool of worker threads running jobs in submission order, and how
// many jobs wait for a worker (an idle keep-alive connection gives its worker
// up when someone waits: detail/connection.h).
//
// Thread-safe. finish() (and the destructor) runs every job already submitted,
// then joins the workers; submit() after finish() is a contract violation.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kc::http::detail {

class WorkerPool {
 public:
  using Job = std::move_only_function<void()>;

  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(Job job);
  // Jobs submitted and not yet started.
  std::size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }
  void finish();

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::atomic<std::size_t> waiting_{0};
  bool finishing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kc::http::detail
