// The web app's files over real HTTP next to the API: MIME types, caching
// (hashed assets immutable, index.html revalidated with an ETag), the
// single-page-app fallback, no way out of the folder, and the API untouched.
#include <fstream>

#include "server_fixture.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;
using testing::json;

class StaticFilesTest : public testing::ApiServerTest {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / fmt::format("kc-web-{}-{}", getpid(), ++counter);
    fs::create_directories(root / "assets");
    write(root / "index.html", "<!doctype html><title>ketaclinic</title>");
    write(root / "assets" / "index-3f9a1c.js", "console.log('app');");
    write(root / "assets" / "index-77b0de.css", "body{}");
    write(root / "favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(root / ".env", "SECRET=1");
    write(root.parent_path() / fmt::format("kc-web-outside-{}.txt", getpid()), "outside");
    auto files = StaticFiles::open(root);
    ASSERT_TRUE(files.has_value()) << files.error().message;
    web = std::move(*files);
    ApiServerTest::SetUp();
  }

  void TearDown() override {
    ApiServerTest::TearDown();
    fs::remove_all(root);
    fs::remove(root.parent_path() / fmt::format("kc-web-outside-{}.txt", getpid()));
  }

  static void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

  httplib::Result get(const std::string& target, const httplib::Headers& headers = {}) {
    return client().Get(target, headers);
  }

  fs::path root;
  static inline int counter = 0;
};

TEST_F(StaticFilesTest, IndexIsServedAsHtmlAndRevalidated) {
  auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html><title>ketaclinic</title>");
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  const auto tag = r->get_header_value("ETag");
  ASSERT_FALSE(tag.empty());
  auto again = get("/", {{"If-None-Match", tag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableWithTheirMimeType) {
  struct Case {
    std::string path, type, cache;
  };
  const std::vector<Case> cases{
      {"/assets/index-3f9a1c.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
      {"/assets/index-77b0de.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
      {"/favicon.svg", "image/svg+xml", "no-cache"},
  };
  for (const auto& c : cases) {
    auto r = get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, 200) << c.path;
    EXPECT_EQ(r->get_header_value("Content-Type"), c.type) << c.path;
    EXPECT_EQ(r->get_header_value("Cache-Control"), c.cache) << c.path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << c.path;
  }
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndexButMissingFilesAre404) {
  for (const std::string target : {"/find", "/clinics/allen", "/appointments/12", "/assets"}) {
    auto r = get(target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 200) << target;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8") << target;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache") << target;
  }
  auto missing = get("/assets/gone-123.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");
}

TEST_F(StaticFilesTest, NothingOutsideTheFolderOrHiddenIsServed) {
  const auto outside = fmt::format("kc-web-outside-{}.txt", getpid());
  const std::vector<std::string> targets{"/../" + outside,     "/assets/../../" + outside, "/%2e%2e/" + outside,
                                         "/.env",               "/assets/..%2f..%2f" + outside,
                                         "/..%5c" + outside};
  for (const auto& target : targets) {
    auto r = get(target);
    ASSERT_TRUE(r) << target;
    EXPECT_NE(r->body, "outside") << target;
    EXPECT_NE(r->body, "SECRET=1") << target;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << target << " " << r->status;
  }
}

TEST_F(StaticFilesTest, TheApiIsStillTheApi) {
  auto health = get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["status"], "ok");
  auto unknown = get("/api/v1/nothing-here");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(json::parse(unknown->body)["code"], "no_route");
  auto post = send("POST", "/clinics/allen", "{}");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 404);  // only GET and HEAD reach the files
}

TEST(StaticFilesOpenTest, AFolderWithoutIndexIsRefusedNamingTheOption) {
  auto r = StaticFiles::open(fs::temp_directory_path() / "kc-no-such-web-folder");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "web");
}

TEST(MimeTypeTest, KnownExtensionsAndAFallback) {
  EXPECT_EQ(mime_type("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type("x.woff2"), "font/woff2");
  EXPECT_EQ(mime_type("x.webmanifest"), "application/manifest+json");
  EXPECT_EQ(mime_type("noextension"), "application/octet-stream");
}

}  // namespace
}  // namespace kc::http
