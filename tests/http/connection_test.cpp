// The connection layer against raw clients on loopback (issue 16, items 5 and
// 7): slow clients are cut off by the request budget while /healthz answers,
// over HTTP and HTTPS; the per-client connection cap; a stalled body; framing
// that could smuggle a request; an oversized header block; pipelined requests;
// idle keep-alive connections giving way; a POST without Content-Length. Slow
// clients connect from 127.0.0.2, 127.0.0.3, ... so that they are other client
// addresses than the health checks' 127.0.0.1.
#include <fmt/format.h>

#include "http/access_log.h"
#include "raw_client.h"
#include "server_fixture.h"

namespace kc::http {
namespace {

using namespace std::chrono_literals;
using testing::ApiServerTest;
using testing::body_of;
using testing::Clock;
using testing::json;
using testing::RawClient;
using testing::status_of;
using Tls = RawClient::Tls;

constexpr std::string_view kHealth = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

std::string source(int i) { return fmt::format("127.0.0.{}", i); }

class ConnectionTest : public ApiServerTest {
 protected:
  void SetUp() override {}  // each test starts the server with its own options

  void start_tls(ServerOptions o) {
    const auto base = store::sqlite::testing::temp_db_path();
    cert_ = base + ".crt";
    key_ = base + ".key";
    ASSERT_TRUE(testing::make_test_certificate(cert_, key_)) << "openssl is needed: scripts/install-deps.sh test";
    o.tls_cert = cert_;
    o.tls_key = key_;
    start(o);
  }
  void TearDown() override {
    ApiServerTest::TearDown();
    if (cert_.empty()) return;
    std::filesystem::remove(cert_);
    std::filesystem::remove(key_);
  }

  // The status of GET /healthz on a new connection from `from`, 0 without an answer in `timeout`.
  int health(const std::string& from = "127.0.0.1", std::chrono::milliseconds timeout = 10s, Tls tls = Tls::off) {
    RawClient c(port, from.c_str(), tls);
    if (!c.ok() || !c.send(kHealth)) return 0;
    return status_of(c.read_response(timeout));
  }

  std::string cert_, key_;
};

struct Dribbled {
  bool cut_off = false;  // the server answered or closed before the client gave up
  std::string answer;
};

// Sends `first`, then `drip` every 300 ms, until the server answers or closes
// the connection, or `give_up` passes.
Dribbled dribble(int port, const std::string& from, Tls tls, std::string_view first, std::string_view drip,
                 std::chrono::seconds give_up = 20s) {
  RawClient c(port, from.c_str(), tls);
  Dribbled out;
  if (!c.ok()) return {true, {}};  // the handshake itself was cut off
  c.send(first);
  for (const auto end = Clock::now() + give_up; Clock::now() < end;) {
    if (c.receive(out.answer, 300ms)) {
      out.answer += c.read_to_end(5s);
      out.cut_off = true;
      return out;
    }
    if (!c.timed_out() || !c.send(drip)) {
      out.cut_off = true;
      return out;
    }
  }
  return out;
}

// Six slow clients on a four-worker server: one sends a request line that
// never ends, the others one header line every 300 ms. The library read each
// line within its read timeout and kept all four workers; now every one is
// answered 408 once its 2 s budget is spent and /healthz answers throughout.
void slow_clients_cannot_starve_the_server(int port, Tls tls, const std::function<int()>& health) {
  std::vector<Dribbled> slow(6);
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&, i] {
      slow[i] = i == 0 ? dribble(port, source(i + 2), tls, "GET /", "a")
                       : dribble(port, source(i + 2), tls, "GET /healthz HTTP/1.1\r\nHost: t\r\n",
                                 fmt::format("X-Slow-{}: still typing\r\n", i));
    });
  std::this_thread::sleep_for(500ms);  // the slow clients hold every worker
  for (int i = 0; i < 3; ++i) EXPECT_EQ(health(), 200) << "health check " << i;
  for (auto& c : clients) c.join();
  for (const auto& s : slow) {
    EXPECT_TRUE(s.cut_off);
    EXPECT_EQ(status_of(s.answer), 408) << s.answer;
  }
}

ServerOptions four_workers_two_second_budget() {
  ServerOptions o;
  o.threads = 4;
  o.request_timeout = 2s;
  o.read_timeout = 30s;  // each single read would wait this long
  return o;
}

TEST_F(ConnectionTest, SlowClientsAreCutOffByTheRequestBudgetWhileHealthzAnswers) {
  start(four_workers_two_second_budget());
  slow_clients_cannot_starve_the_server(port, Tls::off, [this] { return health(); });
}

// The same over HTTPS, and two more clients that connect and never start the
// TLS handshake: the budget covers the handshake too.
TEST_F(ConnectionTest, SlowClientsAreCutOffOverHttpsToo) {
  start_tls(four_workers_two_second_budget());
  std::vector<Dribbled> silent(2);
  std::vector<std::thread> clients;
  for (int i = 0; i < 2; ++i)
    clients.emplace_back([&, i] { silent[i] = dribble(port, source(20 + i), Tls::off, "", ""); });
  slow_clients_cannot_starve_the_server(port, Tls::on, [this] { return health("127.0.0.1", 10s, Tls::on); });
  for (auto& c : clients) c.join();
  for (const auto& s : silent) EXPECT_TRUE(s.cut_off);
}

ServerOptions cap_of_two() {
  ServerOptions o;
  o.threads = 8;
  o.max_connections_per_client = 2;
  o.request_timeout = 30s;  // the held connections stay open
  o.read_timeout = 30s;
  return o;
}

// Two connections from 127.0.0.2 sit in their headers; a third from the same
// address is refused at once with 503 problem+json and closed, while other
// addresses are served; once one closes, the address is served again.
TEST_F(ConnectionTest, AClientOverItsConnectionCapIsRefusedWith503) {
  start(cap_of_two());
  auto first = std::make_unique<RawClient>(port, "127.0.0.2");
  RawClient second(port, "127.0.0.2");
  ASSERT_TRUE(first->send("GET /healthz HTTP/1.1\r\n") && second.send("GET /healthz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(300ms);
  RawClient third(port, "127.0.0.2");
  ASSERT_TRUE(third.send(kHealth));
  const auto refused = third.read_response(5s);
  ASSERT_EQ(status_of(refused), 503) << refused;
  EXPECT_NE(refused.find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(refused.find("Content-Type: application/problem+json\r\n"), std::string::npos);
  EXPECT_NE(refused.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_EQ(json::parse(body_of(refused))["code"], "too_many_connections");
  bool closed = false;
  third.read_to_end(5s, &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(health("127.0.0.3"), 200);
  EXPECT_EQ(health("127.0.0.1"), 200);
  first.reset();  // its slot comes back once the server sees the close
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i, std::this_thread::sleep_for(100ms)) status = health("127.0.0.2", 5s);
  EXPECT_EQ(status, 200);
}

// Over TLS the extra connection is closed before the handshake completes (an
// answer would need a handshake a slow client could stall).
TEST_F(ConnectionTest, TheConnectionCapHoldsOverHttps) {
  start_tls(cap_of_two());
  RawClient first(port, "127.0.0.2", Tls::on), second(port, "127.0.0.2", Tls::on);
  ASSERT_TRUE(first.ok() && second.ok());
  std::this_thread::sleep_for(300ms);
  RawClient third(port, "127.0.0.2", Tls::on);
  EXPECT_FALSE(third.ok());
  EXPECT_EQ(health("127.0.0.3", 10s, Tls::on), 200);
}

// A body that stops halfway is answered 408 when the budget is spent, not
// after the (here 30 s) read timeout, and the connection is closed.
TEST_F(ConnectionTest, ABodyThatStallsIsCutOffWith408) {
  ServerOptions o;
  o.request_timeout = 1s;
  o.read_timeout = 30s;
  start(o);
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"email\": "));
  const auto r = c.read_response(15s);
  ASSERT_EQ(status_of(r), 408) << r;
  EXPECT_EQ(json::parse(body_of(r))["code"], "request_timeout");
  bool closed = false;
  c.read_to_end(5s, &closed);
  EXPECT_TRUE(closed);
}

struct FramingCase {
  const char* name;
  const char* headers;  // between the request line and the blank line
  const char* field;    // "" when the request is fine
};

const FramingCase kFraming[] = {
    {"two different Content-Length values", "Content-Length: 0\r\nContent-Length: 5\r\n", "Content-Length"},
    {"Content-Length with Transfer-Encoding", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
     "Transfer-Encoding"},
    {"a transfer coding other than chunked", "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding"},
    {"a Content-Length that is not a number", "Content-Length: 5abc\r\n", "Content-Length"},
    {"a bare LF that would split a line", "X-A: 1\nContent-Length: 5\r\n", "headers"},
    {"a folded header line", "X-A: 1\r\n X-B: 2\r\n", "headers"},
    {"white space before the colon", "Content-Length : 5\r\n", "headers"},
    {"the same Content-Length twice is one", "Content-Length: 0\r\nContent-Length: 0\r\n", ""},
};

// Each answered 400 problem+json naming the header, then closed (the body is
// unread); the library took the first Content-Length and answered 200.
TEST_F(ConnectionTest, FramingThatCouldSmuggleARequestIsRefusedWith400) {
  start({});
  for (const auto& f : kFraming) {
    SCOPED_TRACE(f.name);
    RawClient c(port, "127.0.0.2");
    ASSERT_TRUE(c.send(fmt::format("GET /healthz HTTP/1.1\r\nHost: t\r\n{}\r\n", f.headers)));
    const auto r = c.read_response(10s);
    if (*f.field == '\0') {
      EXPECT_EQ(status_of(r), 200) << r;
      continue;
    }
    ASSERT_EQ(status_of(r), 400) << r;
    EXPECT_NE(r.find("Content-Type: application/problem+json\r\n"), std::string::npos);
    const auto problem = json::parse(body_of(r));
    EXPECT_EQ(problem["code"], "bad_framing");
    EXPECT_EQ(problem["errors"][0]["field"], f.field);
    bool closed = false;
    c.read_to_end(5s, &closed);
    EXPECT_TRUE(closed);
  }
}

// 40 KB of headers, once without the blank line that would end them: 431 at
// once (the read timeout is 60 s), logged, and closed.
TEST_F(ConnectionTest, AnOversizedHeaderBlockIsAnsweredAtOnceWith431) {
  const auto log_path = store::sqlite::testing::temp_db_path() + ".access.log";
  auto log = AccessLog::open(log_path);
  ASSERT_TRUE(log.has_value());
  ServerOptions o;
  o.read_timeout = 60s;
  o.request_timeout = 60s;
  o.access_log = log->get();
  start(o);
  std::string head = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 40; ++i) head += fmt::format("X-Filler-{}: {}\r\n", i, std::string(1000, 'a'));
  for (const bool ended : {false, true}) {
    SCOPED_TRACE(ended ? "with the blank line" : "a block that never ends");
    RawClient c(port, "127.0.0.2");
    ASSERT_TRUE(c.send(ended ? head + "\r\n" : head));
    const auto r = c.read_response(20s);
    ASSERT_EQ(status_of(r), 431) << r.substr(0, 200);
    EXPECT_EQ(json::parse(body_of(r))["code"], "header_too_large");
    bool closed = false;
    c.read_to_end(5s, &closed);
    EXPECT_TRUE(closed);
  }
  (*log)->flush();
  EXPECT_NE(testing::slurp(log_path).find(R"("method":"GET","path":"/healthz","status":431)"), std::string::npos)
      << testing::slurp(log_path);
  std::filesystem::remove(log_path);
}

// The library does not read a GET's body; it was then parsed as the next
// request (a request smuggled past a proxy that sent it as a body). Now the
// GET is answered and the connection closed; the body is never a request.
TEST_F(ConnectionTest, AnUnreadBodyIsNeverTakenForTheNextRequest) {
  start({});
  const std::string smuggled = "GET /api/v1/locations HTTP/1.1\r\nHost: t\r\n\r\n";
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send(fmt::format("GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\n\r\n{}",
                                 smuggled.size(), smuggled)));
  EXPECT_EQ(status_of(c.read_response(10s)), 200);
  bool closed = false;
  const auto rest = c.read_to_end(10s, &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(rest, "");
}

// cpp-httplib read a chunked body past the body limit (a 200 KB login was
// read and answered 401 under a 64 KiB limit): 411, the client sends a length.
TEST_F(ConnectionTest, AChunkedRequestBodyIsRefusedWith411) {
  start({});
  const std::string chunk(8192, 'a');
  std::string body;
  for (int i = 0; i < 25; ++i) body += fmt::format("{:x}\r\n{}\r\n", chunk.size(), chunk);
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n" + body + "0\r\n\r\n"));
  const auto r = c.read_response(10s);
  ASSERT_EQ(status_of(r), 411) << r;
  const auto problem = json::parse(body_of(r));
  EXPECT_EQ(problem["code"], "length_required");
  EXPECT_EQ(problem["errors"][0]["field"], "Transfer-Encoding");
  bool closed = false;
  c.read_to_end(5s, &closed);
  EXPECT_TRUE(closed);
}

// A POST with a body, then two GETs, in one write: three responses in order.
TEST_F(ConnectionTest, RequestsPipelinedInOneWriteAreAllAnswered) {
  start({});
  const std::string login = R"({"email": "nobody@example.test", "password": "not the password at all"})";
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send(fmt::format("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                 "Content-Length: {}\r\n\r\n{}{}"
                                 "GET /api/v1/locations HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                                 login.size(), login, kHealth)));
  EXPECT_EQ(status_of(c.read_response(10s)), 401);
  EXPECT_EQ(status_of(c.read_response(10s)), 200);
  const auto locations = c.read_response(10s);
  ASSERT_EQ(status_of(locations), 200);
  EXPECT_NE(body_of(locations).find("allen"), std::string::npos);
  bool closed = false;
  c.read_to_end(5s, &closed);
  EXPECT_TRUE(closed);
}

// Four clients keep their connections idle after one request on a
// four-worker server: a fifth is served at once, not after their 30 s.
TEST_F(ConnectionTest, IdleKeepAliveConnectionsGiveTheirWorkersToWaitingOnes) {
  ServerOptions o;
  o.threads = 4;
  o.keep_alive_timeout = 30s;
  o.read_timeout = 30s;
  start(o);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<RawClient>(port, source(i + 2).c_str()));
    ASSERT_TRUE(idle.back()->send(kHealth));
    ASSERT_EQ(status_of(idle.back()->read_response(5s)), 200);
  }
  EXPECT_EQ(health("127.0.0.1", 10s), 200);
}

// A request with neither Content-Length nor Transfer-Encoding has no body:
// answered at once, not after the library waited out the read timeout for one.
TEST_F(ConnectionTest, APostWithoutContentLengthHasNoBody) {
  ServerOptions o;
  o.read_timeout = 60s;
  o.request_timeout = 60s;
  start(o);
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send("POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\r\n"));
  const auto r = c.read_response(10s);
  EXPECT_EQ(status_of(r), 400) << r;
  EXPECT_NE(r.find("Content-Type: application/problem+json\r\n"), std::string::npos);
  ASSERT_TRUE(c.send(kHealth));  // the connection is still good
  EXPECT_EQ(status_of(c.read_response(10s)), 200);
}

// stop() lets requests being handled finish, but does not wait out the
// budget of a client still sending its headers.
TEST_F(ConnectionTest, StoppingDoesNotWaitForAHeaderBlockStillArriving) {
  ServerOptions o;
  o.request_timeout = 60s;
  o.read_timeout = 60s;
  start(o);
  RawClient slow(port, "127.0.0.2");
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: t\r\n"));
  std::this_thread::sleep_for(200ms);
  const auto begin = Clock::now();
  server->stop();
  runner.join();
  EXPECT_LT(Clock::now() - begin, 20s);  // not the 60 s budget
  bool closed = false;
  slow.read_to_end(5s, &closed);
  EXPECT_TRUE(closed);
}

// The budget is per request: idle time between requests and a handler that
// runs longer than the budget do not count against it.
TEST_F(ConnectionTest, TheBudgetCoversReadingARequestNotHandlingItNorIdling) {
  extra_routes.push_back({Method::post, "/api/v1/test/slow", "testSlow", public_route(), [](const ApiRequest&) {
                            std::this_thread::sleep_for(1500ms);  // a long simulation, say
                            return ApiResponse{200, "application/json", R"({"slow": true})", {}};
                          }});
  ServerOptions o;
  o.request_timeout = 1s;
  start(o);
  RawClient c(port, "127.0.0.2");
  ASSERT_TRUE(c.send("POST /api/v1/test/slow HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                     "Content-Length: 2\r\n\r\n{}"));
  EXPECT_EQ(status_of(c.read_response(10s)), 200);
  std::this_thread::sleep_for(1500ms);
  ASSERT_TRUE(c.send(kHealth));
  EXPECT_EQ(status_of(c.read_response(10s)), 200);
}

}  // namespace
}  // namespace kc::http
