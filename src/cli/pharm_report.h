#pragma once
// JSON and text descriptions shared by the pharmacology commands: the model
// with its citation and the source of each parameter, the patient, the
// effect site (flagged when assumed), the receptor-binding constants.
#include <string>

#include <nlohmann/json.hpp>

#include "cli/pharm_args.h"
#include "cli/svg_plot.h"
#include "pharm/prediction.h"
#include "pharm/reference_ranges.h"
#include "pharm/regimen.h"
#include "pharm/solver.h"

namespace kc::cli {

nlohmann::json model_json(const PatientSetup& s);
nlohmann::json patient_json(const PatientSetup& s);
nlohmann::json regimen_json(const pharm::Regimen& r);
nlohmann::json receptor_json(const PatientSetup& s);
nlohmann::json summary_json(const pharm::Summary& summary, const PatientSetup& s);

// A few lines for the top of a text report: model, citation, patient, effect site.
std::string header_text(const PatientSetup& s);

// Writes `text` to `path`; ErrorCode::invalid_argument naming "plot" when it cannot.
Result<void> write_file(const std::string& path, const std::string& text);

// "model, patient" line for plot subtitles.
std::string plot_subtitle(const PatientSetup& s, const std::string& what);

// The shaded ranges of a chart and the footnote that cites them (" Ranges: Zanos 2018.").
std::vector<PlotRegion> plot_regions(const std::vector<const pharm::ReferenceRange*>& ranges);
std::string ranges_footnote(const std::vector<const pharm::ReferenceRange*>& ranges);

// A prediction's warnings as "ketaclinic <command>: warning: ..." on stderr (as JSON:
// http/pharm_codec.h, shared with the API).
void print_warnings(std::string_view command, const pharm::Prediction& p);

// For the commands that predict without the prediction use case (tci, plan): the
// peak's range warnings (printed on stderr as print_warnings does) and the model's
// benchmark deviations, as text lines and as the JSON `sim` and the API give.
struct PeakReport {
  std::vector<pharm::Warning> warnings;
  std::vector<pharm::BenchmarkDeviation> benchmarks;
};
Result<PeakReport> peak_report(std::string_view command, double peak_ng_ml, const PatientSetup& s, const PharmData& data);
std::string peak_text(const PeakReport& r, const PatientSetup& s);

}  // namespace kc::cli
