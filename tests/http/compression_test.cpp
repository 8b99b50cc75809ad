// Compression over real HTTP. The web app's files: the build's precompressed
// copy chosen by Accept-Encoding, with Content-Encoding, Vary, the file's own
// Content-Type, a Content-Length and an ETag per representation, and a body
// that decodes (with brotli's and zlib's own decoders) to the file; a stale
// copy, a copy linked out of the folder, and a copy named in the path are never
// sent. The API: never compressed by default; with a threshold, only JSON at
// least that long, decoding to the uncompressed answer.
#include <brotli/decode.h>
#include <zlib.h>

#include <fstream>
#include <set>

#include "http/compression.h"
#include "raw_client.h"
#include "server_fixture.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;
using testing::json;

std::optional<std::string> unbrotli(const std::string& in) {
  std::string out(4 << 20, '\0');
  std::size_t size = out.size();
  if (BrotliDecoderDecompress(in.size(), reinterpret_cast<const std::uint8_t*>(in.data()), &size,
                              reinterpret_cast<std::uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS)
    return std::nullopt;
  out.resize(size);
  return out;
}

std::optional<std::string> gunzip(const std::string& in) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return std::nullopt;  // 16: gzip framing only
  std::string out(4 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return status == Z_STREAM_END && z.avail_in == 0 ? std::optional(out) : std::nullopt;
}

std::optional<std::string> decode(const std::string& body, const std::string& encoding) {
  if (encoding == "br") return unbrotli(body);
  if (encoding == "gzip") return gunzip(body);
  if (encoding.empty()) return body;
  return std::nullopt;
}

// Text that compresses well, as the app's script does.
std::string script_text() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += fmt::format("export function f{0}(x) {{ return x * {0} + 1; }}\n", i);
  return text;
}

class CompressionTest : public testing::ApiServerTest {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / fmt::format("kc-web-coding-{}-{}", getpid(), ++counter);
    outside = root.string() + "-outside.br";
    fs::create_directories(root / "assets");
    const std::string index = "<!doctype html><title>ketaclinic</title>" + std::string(600, ' ') + "<p>app</p>";
    write_with_copies(root / "index.html", index);
    write_with_copies(root / "assets" / "index-3f9a1c.js", script_text());
    write(root / "favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    auto files = StaticFiles::open(root);
    ASSERT_TRUE(files.has_value()) << files.error().message;
    web = std::move(*files);
    ApiServerTest::SetUp();
  }

  void TearDown() override {
    ApiServerTest::TearDown();
    fs::remove_all(root);
    fs::remove(outside);
  }

  static void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

  // The file and its .br and .gz copies, as scripts/precompress.mjs leaves them.
  static void write_with_copies(const fs::path& file, const std::string& text) {
    write(file, text);
    for (const auto coding : {Coding::br, Coding::gzip}) {
      auto copy = file;
      copy += std::string(coding_suffix(coding));
      write(copy, compress_fast(text, coding).value());
    }
  }

  // A client that hands over bodies as they came (no decoding of its own).
  httplib::Result get(const std::string& target, const std::string& accept_encoding) const {
    auto c = anonymous();
    c.set_decompress(false);
    return c.Get(target, {{"Accept-Encoding", accept_encoding}});
  }

  fs::path root;
  std::string outside;
  static inline int counter = 0;
};

TEST_F(CompressionTest, TheCopyTheClientPrefersIsSentWithItsHeaders) {
  struct Case {
    std::string accept, encoding;
  };
  const std::vector<Case> cases{
      {"gzip, deflate, br", "br"}, {"br", "br"},   {"gzip", "gzip"},         {"br;q=0, gzip", "gzip"},
      {"gzip;q=1, br;q=0.5", "gzip"}, {"*", "br"}, {"gzip;q=0.5, identity;q=0", "gzip"},
      {"identity", ""},           {"", ""},       {"identity;q=0", ""},     {"deflate", ""},
  };
  const auto original = script_text();
  std::set<std::string> tags;
  for (const auto& c : cases) {
    auto r = get("/assets/index-3f9a1c.js", c.accept);
    ASSERT_TRUE(r) << c.accept;
    EXPECT_EQ(r->status, 200) << c.accept;
    EXPECT_EQ(r->get_header_value("Content-Encoding"), c.encoding) << c.accept;
    EXPECT_EQ(r->get_header_value("Vary"), "Accept-Encoding") << c.accept;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/javascript; charset=utf-8") << c.accept;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=31536000, immutable") << c.accept;
    EXPECT_EQ(r->get_header_value("Content-Length"), std::to_string(r->body.size())) << c.accept;
    if (!c.encoding.empty()) {
      EXPECT_LT(r->body.size(), original.size() / 2) << c.accept;
    }
    EXPECT_EQ(decode(r->body, c.encoding), original) << c.accept;
    tags.insert(r->get_header_value("ETag"));
  }
  EXPECT_EQ(tags.size(), 3u);  // one ETag per representation: br, gzip, identity
}

TEST_F(CompressionTest, NoAcceptEncodingAtAllGetsTheFileItself) {
  testing::RawClient c(port);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.send("GET /assets/index-3f9a1c.js HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  const auto response = c.read_to_end(std::chrono::seconds(10));
  EXPECT_EQ(testing::status_of(response), 200);
  EXPECT_EQ(response.find("Content-Encoding"), std::string::npos);
  EXPECT_NE(response.find("Vary: Accept-Encoding\r\n"), std::string::npos);
  EXPECT_EQ(testing::body_of(response), script_text());
}

TEST_F(CompressionTest, IndexAndTheAppsRoutesComeCompressedAndRevalidated) {
  for (const std::string target : {"/", "/find", "/clinics/allen"}) {
    auto r = get(target, "gzip, deflate, br");
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 200) << target;
    EXPECT_EQ(r->get_header_value("Content-Encoding"), "br") << target;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8") << target;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache") << target;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    const auto decoded = unbrotli(r->body);
    ASSERT_TRUE(decoded) << target;
    EXPECT_NE(decoded->find("<title>ketaclinic</title>"), std::string::npos) << target;
  }
}

TEST_F(CompressionTest, RevalidationComparesTheTagOfTheRepresentationAsked) {
  auto br = get("/", "br");
  ASSERT_TRUE(br);
  const auto tag = br->get_header_value("ETag");
  auto c = anonymous();
  c.set_decompress(false);
  auto same = c.Get("/", {{"Accept-Encoding", "br"}, {"If-None-Match", tag}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 304);
  EXPECT_EQ(same->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(same->get_header_value("Vary"), "Accept-Encoding");
  auto other = c.Get("/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);  // the gzip copy is another representation
  EXPECT_EQ(other->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(CompressionTest, HeadSaysTheLengthOfTheCopy) {
  auto c = anonymous();
  c.set_decompress(false);
  auto full = get("/assets/index-3f9a1c.js", "br");
  auto head = c.Head("/assets/index-3f9a1c.js", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(full && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(full->body.size()));
  EXPECT_TRUE(head->body.empty());
}

TEST_F(CompressionTest, AFileWithoutCopiesIsSentAsItIsWithoutVary) {
  auto r = get("/favicon.svg", "gzip, deflate, br");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->has_header("Content-Encoding"));
  EXPECT_FALSE(r->has_header("Vary"));
  EXPECT_EQ(r->body, "<svg xmlns='http://www.w3.org/2000/svg'/>");
}

TEST_F(CompressionTest, ACopyOlderThanItsFileIsNotUsed) {
  const auto file = root / "assets" / "index-3f9a1c.js";
  fs::last_write_time(root / "assets" / "index-3f9a1c.js.br", fs::last_write_time(file) - std::chrono::hours(1));
  auto r = get("/assets/index-3f9a1c.js", "br");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->has_header("Content-Encoding"));
  EXPECT_EQ(r->body, script_text());
  auto gzip = get("/assets/index-3f9a1c.js", "br, gzip;q=0.5");  // the fresh gzip copy still counts
  ASSERT_TRUE(gzip);
  EXPECT_EQ(gzip->get_header_value("Content-Encoding"), "gzip");
}

TEST_F(CompressionTest, ACopyLinkedOutOfTheFolderIsNotUsed) {
  const auto copy = root / "assets" / "index-3f9a1c.js.br";
  write(outside, compress_fast("outside", Coding::br).value());
  fs::remove(copy);
  fs::create_symlink(outside, copy);
  auto r = get("/assets/index-3f9a1c.js", "br");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->has_header("Content-Encoding"));
  EXPECT_EQ(r->body, script_text());
}

TEST_F(CompressionTest, ACopyCannotBeNamedInThePath) {
  for (const std::string target : {"/assets/index-3f9a1c.js.br", "/assets/index-3f9a1c.js.gz", "/index.html.br",
                                   "/assets/index-3f9a1c.js%2ebr", "/assets/../index.html.gz"}) {
    auto r = get(target, "gzip, deflate, br");
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 404) << target;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json") << target;
    EXPECT_FALSE(r->has_header("Content-Encoding")) << target;
  }
}

TEST_F(CompressionTest, TheApiIsNotCompressedByDefault) {
  for (const std::string target : {"/api/v1/locations", "/api/v1/booking-policy", "/api/v1/nothing-here"}) {
    auto r = get(target, "gzip, deflate, br");
    ASSERT_TRUE(r) << target;
    EXPECT_FALSE(r->has_header("Content-Encoding")) << target;
    EXPECT_FALSE(r->has_header("Vary")) << target;
    EXPECT_TRUE(json::accept(r->body)) << target;
  }
}

TEST_F(CompressionTest, WithAThresholdOnlyLargeJsonIsCompressedAtAFastLevel) {
  stop();
  ServerOptions o;
  o.compress_min_bytes = 1024;
  start(o);
  const auto plain = get("/api/v1/locations", "identity");
  ASSERT_TRUE(plain);
  ASSERT_GE(plain->body.size(), 1024u);  // the demo clinics: well above the threshold
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
  for (const std::string encoding : {"br", "gzip"}) {
    auto r = get("/api/v1/locations", encoding);
    ASSERT_TRUE(r) << encoding;
    EXPECT_EQ(r->status, 200) << encoding;
    EXPECT_EQ(r->get_header_value("Content-Encoding"), encoding);
    EXPECT_EQ(r->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(r->get_header_value("Content-Length"), std::to_string(r->body.size()));
    EXPECT_LT(r->body.size(), plain->body.size());
    EXPECT_EQ(decode(r->body, encoding), plain->body) << encoding;
  }
  for (const std::string target : {"/api/v1/booking-policy", "/api/v1/nothing-here", "/healthz"}) {
    auto small = get(target, "gzip, deflate, br");
    ASSERT_TRUE(small) << target;
    ASSERT_LT(small->body.size(), 1024u) << target;
    EXPECT_FALSE(small->has_header("Content-Encoding")) << target;
    EXPECT_TRUE(json::accept(small->body)) << target;
  }
}

}  // namespace
}  // namespace kc::http
