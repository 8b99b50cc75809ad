#include "http/pharm_codec.h"

namespace kc::http {

using nlohmann::json;

json or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json assumptions_json(const pharm::Prediction& p) {
  json out = json::array();
  for (const auto& a : p.assumptions) out.push_back({{"code", pharm::to_string(a.code)}, {"text", a.text}});
  return out;
}

json warnings_json(const pharm::Prediction& p) {
  json out = json::array();
  for (const auto& w : p.warnings)
    out.push_back({{"code", pharm::to_string(w.code)}, {"field", w.field}, {"message", w.message}, {"value", w.value},
                   {"low", or_null(w.low)}, {"high", or_null(w.high)}});
  return out;
}

}  // namespace kc::http
