#include "cli/anchor_keeper.h"

#include <spdlog/spdlog.h>

#include "cli/audit_anchors.h"

namespace kc::cli {

Result<std::unique_ptr<AnchorKeeper>> AnchorKeeper::open(auth::AuditStore& store, const clinic::Clock& clock,
                                                         std::string path, std::chrono::seconds every) {
  auto anchors = read_anchor_file(path, "audit-anchor", true);
  if (!anchors) return std::unexpected(anchors.error());
  // Appending nothing creates the file and shows now, not at the first anchor, that it can be written.
  if (auto ok = append_anchor_line(path, "audit-anchor", ""); !ok) return std::unexpected(ok.error());
  std::unique_ptr<AnchorKeeper> keeper(new AnchorKeeper(store, clock, std::move(path), every));
  keeper->chain_.expect(std::move(*anchors));
  return keeper;
}

AnchorKeeper::AnchorKeeper(auth::AuditStore& store, const clinic::Clock& clock, std::string path,
                           std::chrono::seconds every)
    : store_(store), clock_(clock), path_(std::move(path)), every_(every) {}

AnchorKeeper::~AnchorKeeper() { stop(); }

void AnchorKeeper::start() { thread_ = std::thread([this] { run(); }); }

void AnchorKeeper::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AnchorKeeper::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    lock.unlock();
    take();
    lock.lock();
    // stop(): one more anchor (the server has finished, so it is the final head), then out.
    if (wake_.wait_for(lock, every_, [this] { return stopping_; })) {
      lock.unlock();
      take();
      return;
    }
  }
}

void AnchorKeeper::take() {
  if (!chain_.intact()) return;
  if (auto ok = verify_trail(store_, chain_); !ok) {
    spdlog::error("audit anchor: cannot read the audit trail: {}", ok.error().message);
    return;
  }
  if (!chain_.intact()) {
    if (!broken_reported_) spdlog::error("audit anchor: BROKEN: {}; no anchor appended to {}", chain_.problem(), path_);
    broken_reported_ = true;
    return;
  }
  if (chain_.last_id() == appended_id_) return;
  if (auto ok = append_anchor_line(path_, "audit-anchor", auth::anchor_line(chain_.head_anchor(), clock_.now())); !ok) {
    spdlog::error("audit anchor: {}", ok.error().message);
    return;
  }
  appended_id_ = chain_.last_id();
}

}  // namespace kc::cli
