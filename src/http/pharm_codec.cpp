#include "http/pharm_codec.h"

namespace kc::http {

using nlohmann::json;

json or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json assumptions_json(const pharm::Prediction& p) {
  json out = json::array();
  for (const auto& a : p.assumptions) out.push_back({{"code", pharm::to_string(a.code)}, {"text", a.text}});
  return out;
}

json warnings_json(const pharm::Prediction& p) { return warnings_json(p.warnings); }

json warnings_json(const std::vector<pharm::Warning>& warnings) {
  json out = json::array();
  for (const auto& w : warnings)
    out.push_back({{"code", pharm::to_string(w.code)}, {"severity", pharm::to_string(w.severity)}, {"field", w.field},
                   {"message", w.message}, {"value", w.value}, {"low", or_null(w.low)}, {"high", or_null(w.high)}});
  return out;
}

json benchmarks_json(const pharm::Prediction& p) { return benchmarks_json(p.benchmarks); }

json benchmarks_json(const std::vector<pharm::BenchmarkDeviation>& benchmarks) {
  json out = json::array();
  for (const auto& b : benchmarks)
    out.push_back({{"id", b.id}, {"title", b.title}, {"source", b.source}, {"predicted_ng_ml", b.predicted_ng_ml},
                   {"measured_ng_ml", b.measured_ng_ml}, {"deviation_fraction", b.deviation_fraction},
                   {"text", b.text}});
  return out;
}

json dose_policy_json(const std::vector<pharm::PolicyFinding>& findings, std::string_view override_reason) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"level", pharm::to_string(f.level)}, {"cap", pharm::to_string(f.cap)}, {"value", f.value},
                   {"limit", f.limit}, {"unit", pharm::unit_of(f.cap)}, {"message", f.message}});
  return {{"findings", out},
          {"override_reason", findings.empty() || override_reason.empty() ? json(nullptr) : json(override_reason)}};
}

}  // namespace kc::http
