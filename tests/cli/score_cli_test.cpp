// `ketaclinic score` end to end: JSON on stdout and exit 0, or exit 2 with the
// item named on stderr and nothing on stdout.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), f)) text.append(buf.data(), n);
    std::fclose(f);
  }
  return text;
}

Outcome ketaclinic(const std::string& args) {
  const std::string err_file = ::testing::TempDir() + "kc_score_stderr.txt";
  const std::string cmd = std::string(KC_BINARY_DIR) + "/src/app/ketaclinic " + args + " 2>" + err_file;
  Outcome run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) run.out.append(buf.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(err_file);
  return run;
}

TEST(ScoreCli, Phq9WithItem9CarriesTheFlagAndCrisisResources) {
  const Outcome r = ketaclinic("score phq9 --answers 2,0,2,0,0,0,0,0,1,1");  // §9.1 P11
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"], 5);
  EXPECT_EQ(j["band"]["id"], "mild");
  EXPECT_EQ(j["flags"][0]["kind"], "phq9_item9");
  EXPECT_EQ(j["flags"][0]["severity"], "urgent");
  EXPECT_EQ(j["crisis_resources"]["resources"][0]["id"], "988");
}

TEST(ScoreCli, NoCrisisResourcesWithoutAnUrgentFlag) {
  const Outcome r = ketaclinic("score gad7 --answers 2,2,2,2,1,1,0");  // §9.2 G5
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"], 10);
  EXPECT_EQ(j["criteria"][0]["met"], true);
  EXPECT_FALSE(j.contains("crisis_resources"));
}

TEST(ScoreCli, Pcl5SubscalesAndMissingTrailingItems) {
  const Outcome r = ketaclinic("score pcl5 --answers 1,1,1,1,1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["complete"], false);
  EXPECT_TRUE(j["total"].is_null());
  EXPECT_EQ(j["subscales"][0]["score"], 5);
  EXPECT_EQ(j["missing"].size(), 15u);
}

TEST(ScoreCli, CssrsTakesYesNo) {
  const Outcome r = ketaclinic("score cssrs_screener --answers y,y,n,n,y,n");  // §9.6 C7
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["risk"]["id"], "high");
  EXPECT_EQ(j["flags"][0]["kind"], "cssrs_high");
}

TEST(ScoreCli, TableFormat) {
  const Outcome r = ketaclinic("score madrs --answers 6,6,6,6,6,6,6,6,6,6 --format table");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("60 of 60"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Severe"), std::string::npos);
}

TEST(ScoreCli, BadInputExits2NamingTheItemWithNothingOnStdout) {
  const std::pair<const char*, const char*> cases[] = {
      {"score phq9 --answers 0,0,0,0,0,0,0,0,4", "answers[8] (phq9_9)"},  // §9.1 P14
      {"score phq9 --answers 0,0,zero", "answers[2] (phq9_3)"},
      {"score gad7 --answers 0,0,0,0,0,0,0,0", "answers[7]"},
      {"score cssrs_screener --answers n,n,y", "answers[2] (cssrs_3)"},  // §9.6 C9
      {"score phq8 --answers 0", "unknown instrument 'phq8'"},
      {"score phq9 --answers 0 --format csv", "--format"},
  };
  for (const auto& [args, named] : cases) {
    const Outcome r = ketaclinic(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_TRUE(r.out.empty()) << args;
    EXPECT_NE(r.err.find(named), std::string::npos) << args << ": " << r.err;
  }
}

}  // namespace
