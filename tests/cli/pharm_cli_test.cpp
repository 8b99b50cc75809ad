// The pharmacology commands end to end, through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_cli.h"

namespace kc {
namespace {

using testing::run_cli;

TEST(SimCli, TheIssueExamplePrintsTheDocumentedJson) {
  auto r = run_cli("sim --model domino --weight 70kg --infuse 0.5mg/kg --over 40min --until 6h --step 1min --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"]["id"], "domino");
  EXPECT_EQ(j["patient"]["weight_kg"], 70.0);
  const auto& s = j["summary"];
  EXPECT_NEAR(s["cmax_ng_ml"].get<double>(), 240.4, 0.05);  // pharmacology.md §8 V2
  EXPECT_EQ(s["tmax_min"].get<double>(), 40);
  EXPECT_NEAR(s["c_end_infusion_ng_ml"].get<double>(), 240.4, 0.05);
  EXPECT_GT(s["auc_ng_h_ml"].get<double>(), 0);
  ASSERT_EQ(j["series"].size(), 361u);
  const auto& at40 = j["series"][40];
  EXPECT_EQ(at40["t_min"].get<double>(), 40);
  EXPECT_NEAR(at40["cp_ng_ml"].get<double>(), 240.4, 0.05);
  EXPECT_TRUE(at40["ce_ng_ml"].is_number());
  EXPECT_GT(at40["nmda_occupancy"].get<double>(), 0);
  EXPECT_LT(at40["nmda_occupancy"].get<double>(), 1);
  EXPECT_TRUE(j["model"]["effect_site"]["assumed"].get<bool>());
}

TEST(SimCli, PoundsAreConvertedAndCsvHasAHeader) {
  auto r = run_cli("sim --weight 154lb --infuse 35mg --over 40min --times 40min --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "t_min,cp_ng_ml,ce_ng_ml,nmda_occupancy");
  EXPECT_NE(r.out.find("\n40,"), std::string::npos);
}

TEST(SimCli, DrawsAnSvgWithTitleAxesAndCurves) {
  const auto svg = std::filesystem::temp_directory_path() / "kc_test_sim.svg";
  auto r = run_cli("sim --weight 70kg --infuse 0.5mg/kg --over 40min --plot " + svg.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto text = testing::slurp(svg);
  EXPECT_EQ(text.rfind("<svg", 0), 0u);
  EXPECT_NE(text.find("</svg>"), std::string::npos);
  EXPECT_NE(text.find("concentration (ng/mL)"), std::string::npos);
  EXPECT_NE(text.find("plasma (Cp)"), std::string::npos);
  EXPECT_NE(text.find("<polyline"), std::string::npos);
  std::filesystem::remove(svg);
}

struct BadInput {
  const char* args;
  const char* names;  // the argument the message must name
};

class PharmCliRejects : public ::testing::TestWithParam<BadInput> {};

// Exit 2, nothing on stdout, a message naming the argument.
TEST_P(PharmCliRejects, WithExitCodeTwo) {
  auto r = run_cli(GetParam().args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(GetParam().names), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PharmCliRejects,
    ::testing::Values(
        BadInput{"sim --weight 70 --infuse 35mg --over 40min", "--weight"},
        BadInput{"sim --weight 0kg --infuse 35mg --over 40min", "weight"},
        BadInput{"sim --weight -70kg --infuse 35mg --over 40min", "weight"},
        BadInput{"sim --weight 7000kg --infuse 35mg --over 40min", "weight"},
        BadInput{"sim --weight 70kg --infuse 35 --over 40min", "--infuse"},
        BadInput{"sim --weight 70kg --infuse 35mg --over 40", "--infuse"},
        BadInput{"sim --weight 70kg --infuse 35mg/h --over 40min --start 1x", "--infuse"},
        BadInput{"sim --weight 70kg --infuse 0mg --over 40min", "infusions[0].rate"},
        BadInput{"sim --weight 70kg --infuse 3500mg --over 40min", "dose"},
        BadInput{"sim --weight 70kg --infuse 35mg", "--over"},
        BadInput{"sim --weight 70kg --over 40min", "--over"},
        BadInput{"sim --weight 70kg", "regimen"},
        BadInput{"sim --model nosuch --weight 70kg --infuse 35mg --over 40min", "nosuch"},
        BadInput{"sim --model herd --weight 70kg --infuse 35mg --over 40min", "--force"},
        BadInput{"sim --weight 70kg --age 12y --infuse 35mg --over 40min", "age"},
        BadInput{"sim --weight 70kg --dose \"56mg intranasal\"", "intranasal"},
        BadInput{"sim --weight 70kg --infuse 35mg --over 40min --step 0min", "--step"},
        BadInput{"sim --weight 70kg --infuse 35mg --over 40min --format xml", "--format"},
        BadInput{"sim --weight 70kg --infuse 35mg --over 40min --ke0 1/min --tpeak 1min", "--ke0"},
        BadInput{"sim --weight 70kg --infuse 35mg --over 40min --nosuch", "--nosuch"},
        BadInput{"tci --weight 70kg --target 200 --syringe 10mg/mL", "--target"},
        BadInput{"tci --weight 70kg --target 200ng/mL --syringe 10mg/mL --mode effect", "--ke0"},
        BadInput{"tci --weight 70kg --target 200ng/mL", "--syringe"},
        BadInput{"tci --weight 70kg --target 20000ng/mL --syringe 10mg/mL", "anaesthetic range"},
        BadInput{"tci --weight 70kg --target \"200ng/mL\" --target \"1200ng/mL at 30min\" --syringe 10mg/mL", "--force"},
        BadInput{"pop --weight 70kg --infuse 35mg --over 40min", "--cv"},
        BadInput{"pop --model herd --weight 30kg --infuse 35mg --over 40min --n 0", "patients"},
        BadInput{"pop --model herd --weight 30kg --infuse 35mg --over 40min --percentiles 95,5", "percentiles"},
        BadInput{"plan --weight 70kg --over 40min", "--peak"},
        BadInput{"plan --weight 70kg --peak 185ng/mL --plateau 150ng/mL --over 40min", "--peak"},
        // The clinic's dose caps (data/clinic/dose_policy.json): hard caps name the option, soft ones the override.
        BadInput{"sim --weight 70kg --infuse 5mg/kg --over 40min", "--infuse: dose_mg_per_kg"},
        BadInput{"sim --weight 70kg --infuse 5mg/kg --over 40min --override-reason \"sure\"", "hard cap"},
        BadInput{"sim --weight 72.5kg --infuse 1mg/kg --over 60min", "--override-reason"},
        BadInput{"sim --weight 70kg --infusion \"35mg over 9min\"", "--infusion: rate_mg_per_kg_per_h"},
        BadInput{"tci --weight 70kg --target 300ng/mL --syringe 10mg/mL --until 5min", "--target: target_ng_ml"},
        BadInput{"tci --weight 70kg --target 20000ng/mL --syringe 10mg/mL --until 5min --force", "hard cap"},
        BadInput{"plan --weight 70kg --peak 500ng/mL --over 40min", "--override-reason"},
        BadInput{"plan --weight 70kg --peak 1100ng/mL --over 40min", "--peak: dose_mg_per_kg"},
        BadInput{"nosuch", "nosuch"}));

TEST(TciCli, PrintsTheV8PumpScheduleInMlPerHour) {
  auto r = run_cli("tci --model domino --weight 70kg --target 200ng/mL --syringe 10mg/mL --until 60min --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  const auto& last = j["schedule"].back();
  EXPECT_NEAR(last["end_min"].get<double>(), 60, 1e-9);
  EXPECT_NEAR(last["rate_mg_per_h"].get<double>(), 36.21, 0.04);  // pharmacology.md §8 V8
  EXPECT_NEAR(last["rate_ml_per_h"].get<double>(), 3.621, 0.004);
  EXPECT_NEAR(last["cumulative_mg"].get<double>(), 46.92, 0.05);
}

TEST(TciCli, HonoursThePumpMaximum) {
  auto r = run_cli("tci --weight 70kg --target 200ng/mL --syringe 10mg/mL --max-rate 20mL/h --until 5min --every 10s --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["schedule"][0]["at_max_rate"].get<bool>());
  for (const auto& row : j["schedule"]) EXPECT_LE(row["rate_ml_per_h"].get<double>(), 20 + 1e-9);
}

// A target in the anaesthetic range (data/reference_ranges.json) is refused above, naming --force; with
// --force the clinic's hard cap on targets (1200 ng/mL, data/clinic/dose_policy.json) still blocks it, and
// a target above the soft cap (250 ng/mL) needs an override reason. The lower edges are where refusals start.
TEST(TciCli, AnAnaestheticTargetIsBlockedAndAHighOneNeedsAReason) {
  EXPECT_EQ(run_cli("tci --weight 70kg --target 250ng/mL --syringe 10mg/mL --until 5min").exit_code, 0);
  auto high = run_cli("tci --weight 70kg --target 1199ng/mL --syringe 10mg/mL --until 5min");
  EXPECT_EQ(high.exit_code, 2);
  EXPECT_NE(high.err.find("--override-reason"), std::string::npos) << high.err;
  auto reasoned = run_cli("tci --weight 70kg --target 1199ng/mL --syringe 10mg/mL --until 5min --format json "
                          "--override-reason \"research simulation\"");
  ASSERT_EQ(reasoned.exit_code, 0) << reasoned.err;
  const auto j = nlohmann::json::parse(reasoned.out);
  EXPECT_EQ(j["dose_policy"]["findings"][0]["cap"], "target_ng_ml");
  EXPECT_EQ(j["dose_policy"]["override_reason"], "research simulation");
  EXPECT_NE(reasoned.err.find("overridden: research simulation"), std::string::npos) << reasoned.err;
  auto forced = run_cli("tci --weight 70kg --target 1201ng/mL --syringe 10mg/mL --until 5min --force "
                        "--override-reason \"x\"");
  EXPECT_EQ(forced.exit_code, 2);
  EXPECT_NE(forced.err.find("hard cap"), std::string::npos) << forced.err;
}

// The TCI pump's default maximum is the clinic's 6 mg/kg/h, not the drug's 0.75 mg/kg/min.
TEST(TciCli, ThePumpsDefaultMaximumIsTheClinicSetting) {
  auto r = run_cli("tci --weight 70kg --target 250ng/mL --syringe 10mg/mL --until 2min --every 10s --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["pump"]["max_rate_ml_per_h"].get<double>(), 6.0 * 70 / 10, 1e-9);  // 420 mg/h at 10 mg/mL
  EXPECT_TRUE(j["schedule"][0]["at_max_rate"].get<bool>());
}

// clinical.md §9.8 D5: 72.5 kg, 1.0 mg/kg = 72.5 mg against a 60 mg cap -> needs an override; with a reason
// the simulation runs and says which cap was overridden and why.
TEST(SimCli, AnOverrideReasonLetsASoftCapThroughAndIsReported) {
  auto r = run_cli("sim --weight 72.5kg --infuse 1mg/kg --over 60min --until 2h --format json "
                   "--override-reason \"escalation approved by Dr A\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["dose_policy"]["findings"].size(), 1u);
  EXPECT_EQ(j["dose_policy"]["findings"][0]["cap"], "total_mg");
  EXPECT_EQ(j["dose_policy"]["findings"][0]["limit"], 60);
  EXPECT_NEAR(j["dose_policy"]["findings"][0]["value"].get<double>(), 72.5, 1e-9);
  EXPECT_EQ(j["dose_policy"]["override_reason"], "escalation approved by Dr A");
  EXPECT_NE(r.err.find("dose policy: total_mg"), std::string::npos) << r.err;
  EXPECT_EQ(j["warnings"][0]["code"], "above_display_range");  // about 390 ng/mL, above 100-250
}

// Every table names the dose basis, the illustrative occupancy and the model's deviation from the measured
// 185 ng/mL (Domino: 240 ng/mL, +30 %, pharmacology.md §8 V2), computed for the model in use.
TEST(SimCli, TheTableShowsTheBenchmarkDeviationAndTheDoseBasis) {
  auto r = run_cli("sim --model domino --weight 90kg --infuse 0.5mg/kg --over 40min --until 1h --step 10min");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("predicts 240 ng/mL where 185 ng/mL was measured (+30 %)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ketamine base"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("illustrative"), std::string::npos) << r.out;
  auto other = run_cli("sim --model clements250 --weight 70kg --infuse 0.5mg/kg --over 40min --format json");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const auto b = nlohmann::json::parse(other.out)["benchmarks"][0];
  EXPECT_EQ(b["measured_ng_ml"], 185);
  EXPECT_NE(b["predicted_ng_ml"].get<double>(), 240.4);
}

TEST(PopCli, SameSeedSameBandsAndJsonShape) {
  const std::string args = "pop --model herd --weight 30kg --infuse 1mg/kg --over 10min --n 2000 --seed 3 --until 2h --step 10min --format json";
  auto a = run_cli(args), b = run_cli(args + " --threads 1");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja["population"]["bands"], jb["population"]["bands"]);
  EXPECT_EQ(ja["population"]["bands"].size(), 3u);
  EXPECT_TRUE(ja["population"]["metrics"].contains("cmax_ng_ml"));
}

TEST(PlanCli, PeakForTheStandardProtocolGivesHalfAMilligramPerKilogram) {
  auto r = run_cli("plan --model domino --weight 70kg --peak 240.4ng/mL --over 40min --syringe 1mg/mL --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["plan"]["total_mg_per_kg"].get<double>(), 0.5, 0.0005);
  EXPECT_NEAR(j["plan"]["rate_ml_per_h"].get<double>(), 52.5, 0.05);
}

// plan and tci predict without the prediction use case; their outputs warn and compare with the benchmark too.
TEST(PlanCli, AHighPeakIsACautionAndTheBenchmarkIsShown) {
  auto r = run_cli("plan --model domino --weight 70kg --peak 400ng/mL --over 40min --format json "
                   "--override-reason \"research\"");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["code"], "above_display_range");
  EXPECT_EQ(j["warnings"][0]["severity"], "caution");
  EXPECT_NE(r.err.find("warning: cmax"), std::string::npos) << r.err;
  EXPECT_NEAR(j["benchmarks"][0]["predicted_ng_ml"].get<double>(), 240.4, 0.05);
  auto standard = run_cli("plan --model domino --weight 70kg --peak 240.4ng/mL --over 40min");
  ASSERT_EQ(standard.exit_code, 0) << standard.err;
  EXPECT_NE(standard.out.find("(+30 %)"), std::string::npos) << standard.out;
  EXPECT_NE(standard.out.find("ketamine base"), std::string::npos) << standard.out;
  EXPECT_EQ(standard.err.find("warning"), std::string::npos) << standard.err;
}

TEST(TciCli, ShowsTheBenchmarkAndNoWarningWithinTheRange) {
  auto r = run_cli("tci --weight 70kg --target 200ng/mL --syringe 10mg/mL --until 10min --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["warnings"].empty());
  EXPECT_EQ(j["benchmarks"][0]["measured_ng_ml"], 185);
}

TEST(ModelsCli, ListsEveryShippedModelWithItsCitation) {
  auto r = run_cli("models --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> ids;
  for (const auto& m : j) {
    ids.insert(m["id"]);
    EXPECT_FALSE(m["citation"].get<std::string>().empty());
  }
  for (const char* id : {"domino", "clements250", "hijazi", "herd", "kamp2020", "esketamine"}) EXPECT_TRUE(ids.contains(id)) << id;
}

TEST(Cli, HelpExitsZero) {
  for (const char* cmd : {"--help", "sim --help", "tci --help", "pop --help", "plan --help", "models --help"}) {
    auto r = run_cli(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace kc

namespace kc {
namespace {

// docs/validation.md is the output of `ketaclinic validate`, never edited by hand.
TEST(ValidateCli, DocsValidationIsTheCommandsOutput) {
  auto r = testing::run_cli("validate");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::slurp(std::filesystem::path(KC_SOURCE_DIR) / "docs" / "validation.md"))
      << "run ./kc validation to regenerate docs/validation.md";
  EXPECT_NE(r.out.find("185 ng/mL"), std::string::npos);
}

}  // namespace
}  // namespace kc
