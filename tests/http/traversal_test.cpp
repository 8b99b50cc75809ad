// No file outside the built web app is reachable: a table of traversal
// spellings (single and double percent-encoding, "//", "/./", backslashes, NUL,
// overlong UTF-8, symbolic links out of the folder) sent byte for byte over a
// raw socket, and every API route with its path parameters replaced by the
// same spellings. The secrets looked for are the live database file, the
// system's /etc/passwd, this process's /proc/self files and a file beside the
// web folder.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "server_fixture.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;

// One request sent exactly as written (the target is not re-encoded); the
// whole answer, headers and body, as received until the server closes.
std::string raw_exchange(int port, const std::string& method, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return {};
  }
  const auto request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  [[maybe_unused]] const auto sent = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return answer;
}

int status_of(const std::string& answer) {
  return answer.size() > 12 && answer.starts_with("HTTP/1.") ? std::atoi(answer.c_str() + 9) : 0;
}

std::string body_of(const std::string& answer) {
  const auto end = answer.find("\r\n\r\n");
  return end == std::string::npos ? std::string{} : answer.substr(end + 4);
}

// Percent-encodes every byte, so that a path survives as one segment.
std::string encode_all(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) out += fmt::format("%{:02X}", c);
  return out;
}

class TraversalTest : public testing::ApiServerTest {
 protected:
  void SetUp() override {
    base = fs::temp_directory_path() / fmt::format("kc-traversal-{}", getpid());
    root = base / "web";
    fs::create_directories(root / "assets");
    write(root / "index.html", kIndex);
    write(root / "assets" / "app-1a2b.js", "console.log('app');");
    write(base / "outside.txt", kOutside);
    fs::create_symlink(base / "outside.txt", root / "assets" / "leak.txt");
    fs::create_symlink("/etc", root / "etc-link");
    fs::create_symlink(base, root / "up");
    web = std::move(StaticFiles::open(root).value());
    ApiServerTest::SetUp();
  }

  void TearDown() override {
    ApiServerTest::TearDown();
    fs::remove_all(base);
  }

  static void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

  // The answer leaks nothing: no database page, no passwd line, no command line
  // of this process, nothing from beside the web folder; and, when `refused`,
  // it is a refusal or the app's own index page (the single-page app's fallback).
  void expect_nothing_leaks(const std::string& method, const std::string& target, bool refused = true) {
    const auto answer = raw_exchange(port, method, target);
    const auto body = body_of(answer);
    const int status = status_of(answer);
    EXPECT_EQ(body.find("SQLite format 3"), std::string::npos) << target;
    EXPECT_EQ(body.find("root:x:0:0"), std::string::npos) << target;
    EXPECT_EQ(body.find("test_http"), std::string::npos) << target;
    EXPECT_EQ(body.find(kOutside), std::string::npos) << target;
    if (!refused) return;
    EXPECT_TRUE(status == 400 || status == 404 || status == 405 || status == 401 || status == 403 || body == kIndex)
        << method << " " << target << " answered " << status;
  }

  static constexpr const char* kIndex = "<!doctype html><title>index</title>";
  static constexpr const char* kOutside = "outside-the-web-folder";
  fs::path base, root;
};

// Spellings of a way out, each to be tried with the absolute file `abs`
// ("/etc/passwd") and its path relative to the filesystem's root `rel` ("etc/passwd").
std::vector<std::string> spellings(const std::string& abs, const std::string& rel) {
  const std::string up = "../../../../../../../../";
  std::string up_encoded, up_double, up_backslash, up_overlong, up_overlong3, up_mixed;
  for (int i = 0; i < 8; ++i) {
    up_encoded += "%2e%2e%2f";
    up_double += "%252e%252e%252f";
    up_backslash += "..%5c";
    up_overlong += "%c0%ae%c0%ae%c0%af";
    up_overlong3 += "%e0%80%ae%e0%80%ae/";
    up_mixed += ".%2e/";
  }
  return {
      "/" + abs,                             // "//etc/passwd": an empty first segment
      "//" + abs,                            // three slashes
      "/./" + abs,                           // a dot segment, then absolute
      "/assets/" + abs,                      // an empty segment after a real folder
      "/assets/./" + abs,
      "/" + up + rel,                        // plain dot-dot
      "/assets/" + up + rel,
      "/assets/./" + up + rel,
      "/" + up_encoded + rel,                // %2e%2e%2f
      "/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F" + rel,
      "/" + up_double + rel,                 // double encoded
      "/%2f" + rel,                          // an encoded slash
      "/%2F" + encode_all(abs.substr(1)),
      "/%252f" + rel,
      encode_all(abs),                       // the whole target encoded
      "/" + up_backslash + rel,              // ..\ encoded
      "/..\\..\\..\\..\\..\\..\\..\\" + rel,  // raw backslashes
      "/\\" + abs,
      "/%5c%5c" + rel,
      "/" + up_overlong + rel,               // overlong UTF-8 "." and "/"
      "/" + up_overlong3 + rel,
      "/%c0%af" + rel,
      "/" + up_mixed + rel,                  // .%2e
      "/%2e./%2e./%2e./%2e./%2e./%2e./" + rel,
      "/..%00/" + up + rel,                  // NUL
      "/%00" + abs,
      "/index.html%00/" + up + rel,
      "/....//....//....//....//....//" + rel,
      "/..;/..;/..;/..;/..;/..;/" + rel,
      "/.../.../.../" + rel,
      "/%u002e%u002e/%u002e%u002e/%u002e%u002e/" + rel,
      "/%09" + abs,                          // control bytes
      "/%0d%0a" + abs,
      "/file:" + abs,
      "/assets%2f..%2f" + up + rel,
      "/etc-link/passwd",                    // symbolic links out of the folder
      "/up/outside.txt",
      "/assets/leak.txt",
      "/up/web/../outside.txt",
      "http://127.0.0.1/" + abs,             // absolute-form targets
      "*",
  };
}

TEST_F(TraversalTest, NoSpellingReachesAFileOutsideTheWebFolder) {
  const auto db = fs::absolute(path).string();
  const std::vector<std::string> targets{"/etc/passwd", "/proc/self/cmdline", "/proc/self/environ", db,
                                         (base / "outside.txt").string()};
  std::size_t tried = 0;
  for (const auto& target : targets)
    for (const auto& spelled : spellings(target, target.substr(1))) {
      expect_nothing_leaks("GET", spelled);
      ++tried;
    }
  EXPECT_GE(tried, 5u * 40u);
  expect_nothing_leaks("HEAD", "//etc/passwd");
}

TEST_F(TraversalTest, NoApiRouteReachesAFileWhateverItsPathParameters) {
  const auto db = fs::absolute(path).string();
  const std::vector<std::string> values{"..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", encode_all("/etc/passwd"),
                                        encode_all(db), encode_all("/proc/self/cmdline"), "%2e%2e", "..", "%00"};
  for (const auto& route : routes)
    for (const auto& value : values) {
      std::string target = route.path;
      for (std::size_t open; (open = target.find('{')) != std::string::npos;)
        target.replace(open, target.find('}', open) - open + 1, value);
      expect_nothing_leaks(std::string(to_string(route.method)), target, false);
      expect_nothing_leaks("GET", target + "?location=" + value + "&instrument=" + value, false);
    }
}

TEST_F(TraversalTest, TheAppItselfIsStillServed) {
  const auto index = raw_exchange(port, "GET", "/");
  EXPECT_EQ(status_of(index), 200);
  EXPECT_EQ(body_of(index), kIndex);
  const auto script = raw_exchange(port, "GET", "/assets/app-1a2b.js");
  EXPECT_EQ(status_of(script), 200);
  EXPECT_EQ(body_of(script), "console.log('app');");
  EXPECT_EQ(body_of(raw_exchange(port, "GET", "/clinics/allen")), kIndex);  // an app route
}

}  // namespace
}  // namespace kc::http
