#pragma once
// `serve --audit-anchor FILE`: keeps an anchor file of the audit trail up to
// date while the server runs, from its own thread. At start it verifies the
// whole trail (against the anchors already in the file) and appends the head;
// every interval it verifies the entries appended since and appends the new
// head when it moved; at stop it does so one last time. Once the trail is
// found broken it logs the break as an error and appends nothing more: an
// anchor must never vouch for a rewritten trail.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "auth/audit.h"
#include "auth/ports.h"
#include "clinic/ports.h"

namespace kc::cli {

class AnchorKeeper {
 public:
  // Reads the file's anchors now (creating it when missing): an error when it
  // cannot be read or written, or a line is not an anchor.
  static Result<std::unique_ptr<AnchorKeeper>> open(auth::AuditStore& store, const clinic::Clock& clock,
                                                    std::string path, std::chrono::seconds every);
  AnchorKeeper(const AnchorKeeper&) = delete;
  AnchorKeeper& operator=(const AnchorKeeper&) = delete;
  ~AnchorKeeper();

  void start();
  // Takes the last anchor and joins the thread; the store must still be open.
  void stop();

 private:
  AnchorKeeper(auth::AuditStore& store, const clinic::Clock& clock, std::string path, std::chrono::seconds every);
  void run();
  void take();

  auth::AuditStore& store_;
  const clinic::Clock& clock_;
  std::string path_;
  std::chrono::seconds every_;
  auth::ChainVerifier chain_;  // verified up to the last anchor taken
  std::int64_t appended_id_ = -1;
  bool broken_reported_ = false;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kc::cli
