#pragma once
// Running the real `ketaclinic` binary from a test: spawn with stdin, stdout
// and stderr redirected to files, wait for its exit code, find a free port and
// wait until a server answers /healthz.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

extern char** environ;

namespace kc::http::testing {

inline int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Files for the child's standard streams; empty: inherit ours.
struct Redirect {
  std::string in, out, err;
};

inline pid_t spawn(std::vector<std::string> args, const Redirect& io = {}) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!io.in.empty()) posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, io.in.c_str(), O_RDONLY, 0);
  if (!io.out.empty())
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, io.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (!io.err.empty())
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, io.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, KC_KETACLINIC_BIN, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline int run(std::vector<std::string> args, const Redirect& io = {}) { return wait_exit(spawn(std::move(args), io)); }

inline bool wait_healthy(int port) {
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 300; ++i) {
    if (auto r = c.Get("/healthz"); r && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace kc::http::testing
