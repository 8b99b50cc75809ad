// The pure parts of the connection layer: the framing checks of a header
// block, the request target of a refused request's log line, the client key
// of the per-client cap (IPv6 by /64) and the slots it counts.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "http/detail/admission.h"
#include "http/detail/framing.h"

namespace kc::http::detail {
namespace {

using namespace std::string_view_literals;

struct FramingCase {
  const char* name;
  std::string_view head;
  const char* field;  // "" when accepted
  BodyFraming framing = BodyFraming::none;
  std::uint64_t length = 0;
};

const FramingCase kCases[] = {
    {"no body", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "", BodyFraming::none},
    {"a length", "POST / HTTP/1.1\r\ncontent-length:  12 \r\n\r\n", "", BodyFraming::content_length, 12},
    {"chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n", "", BodyFraming::chunked},
    {"the same length twice", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n", "",
     BodyFraming::content_length, 3},
    {"a tab in a value", "GET / HTTP/1.1\r\nX-A: a\tb\r\n\r\n", ""},
    {"two lengths", "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\n", "Content-Length"},
    {"a list of lengths", "POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\n", "Content-Length"},
    {"a negative length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Content-Length"},
    {"an empty length", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", "Content-Length"},
    {"a length beyond any body", "POST / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n", "Content-Length"},
    {"length and chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
     "Transfer-Encoding"},
    {"chunked twice", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
     "Transfer-Encoding"},
    {"a coding list", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "Transfer-Encoding"},
    {"identity", "POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n", "Transfer-Encoding"},
    {"a bare LF", "POST / HTTP/1.1\r\nX-A: 1\nContent-Length: 3\r\n\r\n", "headers"},
    {"a bare CR", "POST / HTTP/1.1\r\nX-A: 1\rContent-Length: 3\r\n\r\n", "headers"},
    {"a NUL", "GET / HTTP/1.1\r\nX-A: \0\r\n\r\n"sv, "headers"},
    {"a folded line", "GET / HTTP/1.1\r\nX-A: 1\r\n\tmore\r\n\r\n", "headers"},
    {"a space before the colon", "GET / HTTP/1.1\r\nContent-Length : 3\r\n\r\n", "headers"},
    {"no colon", "GET / HTTP/1.1\r\nX-A\r\n\r\n", "headers"},
    {"no name", "GET / HTTP/1.1\r\n: 1\r\n\r\n", "headers"},
};

TEST(FramingTest, RefusesWhatCouldSmuggleARequestAndNamesTheHeader) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    const auto checked = check_framing(c.head);
    if (*c.field == '\0') {
      ASSERT_TRUE(checked.has_value()) << checked.error().message;
      EXPECT_EQ(checked->body, c.framing);
      EXPECT_EQ(checked->content_length, c.length);
      continue;
    }
    ASSERT_FALSE(checked.has_value());
    EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(checked.error().field, c.field);
    EXPECT_EQ(checked.error().reason, "bad_framing");
  }
}

using Target = std::pair<std::string_view, std::string_view>;

TEST(FramingTest, TheRequestTargetOfALogLineHasNoQuery) {
  EXPECT_EQ(request_target("GET /api/v1/patients?q=Jane HTTP/1.1\r\n"), Target("GET", "/api/v1/patients"));
  EXPECT_EQ(request_target("POST /healthz"), Target("POST", "/healthz"));
  EXPECT_EQ(request_target(""), Target());
  EXPECT_EQ(request_target(std::string(40, 'A') + " /x"), Target());
}

sockaddr_storage v4(const char* text) {
  sockaddr_storage s{};
  auto& a = reinterpret_cast<sockaddr_in&>(s);
  a.sin_family = AF_INET;
  a.sin_port = htons(4242);
  ::inet_pton(AF_INET, text, &a.sin_addr);
  return s;
}

sockaddr_storage v6(const char* text) {
  sockaddr_storage s{};
  auto& a = reinterpret_cast<sockaddr_in6&>(s);
  a.sin6_family = AF_INET6;
  ::inet_pton(AF_INET6, text, &a.sin6_addr);
  return s;
}

TEST(AdmissionTest, AClientIsItsIpv4AddressOrItsIpv6Slash64) {
  int port = 0;
  EXPECT_EQ(address_text(v4("203.0.113.7"), port), "203.0.113.7");
  EXPECT_EQ(port, 4242);
  EXPECT_EQ(client_key(v4("203.0.113.7")), "203.0.113.7");
  EXPECT_EQ(client_key(v6("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key(v6("2001:db8:1:2:bbbb::9")), client_key(v6("2001:db8:1:2:aaaa::1")));
  EXPECT_NE(client_key(v6("2001:db8:1:3::1")), client_key(v6("2001:db8:1:2::1")));
  EXPECT_EQ(client_key(v6("::ffff:203.0.113.7")), "203.0.113.7");
}

TEST(AdmissionTest, SlotsAreCountedPerClientAndGivenBack) {
  ClientSlots slots(2);
  auto a = slots.take("a");
  auto b = slots.take("a");
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(slots.take("a"));
  EXPECT_TRUE(slots.take("b"));  // another client; given back at once
  EXPECT_EQ(slots.held("b"), 0u);
  a.reset();
  EXPECT_EQ(slots.held("a"), 1u);
  EXPECT_TRUE(slots.take("a"));
  ClientSlots unlimited(0);
  std::vector<ClientSlots::Slot> many;
  for (int i = 0; i < 100; ++i) many.push_back(*unlimited.take("a"));
  EXPECT_EQ(unlimited.held("a"), 100u);
}

}  // namespace
}  // namespace kc::http::detail
