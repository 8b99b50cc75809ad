#pragma once
// An outcome instrument as data: the items of a questionnaire shaped after FHIR
// Questionnaire, and the rules that score it (data/instruments/*.json, format in
// docs/instruments.md). src/catalog/instruments.h builds these from JSON; this
// core never reads files.
//
// Items are addressed by position (the order of the questionnaire) once loaded;
// every rule refers to item positions, resolved from link ids by the loader.
// Answers are small integers: the ordinal of a choice, 0/1 for a yes/no item,
// the number a clinician enters for an integer item.
//
// validate() checks what the loader cannot see field by field: unique link ids,
// answer ranges, bands that tile 0..max total, and that no item text is shipped
// for an instrument whose licence withholds it (docs/instruments.md, licences).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "clinic/measures/safety.h"
#include "clinic/measures/threshold.h"
#include "core/error.h"

namespace kc::measures {

struct Coding {
  std::string system;  // "http://loinc.org"
  std::string code;
  std::string display;
};

enum class ItemType { choice, boolean, integer };
enum class Administration { self_report, clinician };

struct AnswerOption {
  int value = 0;                 // the ordinal that is scored
  std::string display;           // the anchor text ("Several days")
  std::optional<Coding> coding;  // LOINC answer code where the reference gives one
};

// The item is asked only when `question` (an earlier item) was answered `equals`.
struct EnableWhen {
  std::size_t question = 0;
  int equals = 1;
};

struct Item {
  std::string link_id;
  std::string prefix;  // "1", "Q6b"
  std::string text;    // empty when the licence does not allow shipping it
  std::string label;   // our short descriptor where the text is withheld; may be empty
  std::vector<Coding> codes;
  ItemType type = ItemType::choice;
  bool required = true;
  int min_value = 0, max_value = 0;   // choice: from the options; boolean: 0..1
  std::vector<AnswerOption> options;  // choice only
  std::optional<EnableWhen> enable_when;
  std::string source;  // citation for the item's codes/text where it differs from the instrument's
};

struct Band {
  int min = 0, max = 0;  // inclusive
  std::string id, label;
};

struct Subscale {
  std::string id, label;
  std::vector<std::size_t> items;
};

// A cut-point on the total, e.g. GAD-7 >= 10 or PCL-5 >= 33 (config).
struct CutPoint {
  int total_at_least = 0;
};

// Symptom counting, e.g. the PHQ-9 diagnostic algorithm or the PCL-5 DSM-5 rule:
// an item is endorsed when its answer reaches `endorsed_at_least` (or its
// override); the criterion is met when every group's endorsed count lies in
// [min, max].
struct CountGroup {
  std::vector<std::size_t> items;
  int min = 0;
  std::optional<int> max;
};
struct SymptomCount {
  int endorsed_at_least = 1;
  std::vector<std::pair<std::size_t, int>> overrides;  // item -> its own endorsement level
  std::vector<CountGroup> groups;
  int endorsement_level(std::size_t item) const;
};

struct Criterion {
  std::string id, label, source;
  std::variant<CutPoint, SymptomCount> rule;
};

enum class MissingRule { incomplete, prorate };

// Proration: the mean of the answered total items stands in for the missing
// ones, rounded half up (14 x 9/8 = 15.75 -> 16, test vector P15).
struct Proration {
  int max_missing = 0;
  std::string source;
};

struct MissingItems {
  MissingRule rule = MissingRule::incomplete;
  std::optional<Proration> proration;  // required when rule == prorate
  std::string source;
};

// An item that becomes required once the total exceeds a value (PHQ-9 item 10,
// CamCOPS rule, [@camcops]).
struct ConditionalRequirement {
  std::size_t item = 0;
  int when_total_above = 0;
  std::string source;
};

// A flag raised by one item: when its answer is in [at_least, below), or, for
// a rule `when_blank`, when the item is enabled and left blank (a skipped
// suicide item is a question to ask in person, never a "no"). An item with a
// flag rule is a safety item: proration never imputes it.
struct ItemFlagRule {
  std::size_t item = 0;
  int at_least = 1;
  std::optional<int> below;  // exclusive upper bound, for a lower tier under an urgent one
  bool when_blank = false;
  FlagSpec flag;
  bool raised_by(const std::optional<int>& answer, bool enabled) const {
    if (when_blank) return !answer && enabled;
    return answer && *answer >= at_least && (!below || *answer < *below);
  }
};

// Categorical risk from yes/no items (C-SSRS screener). Tiers are listed from
// the highest; the first whose items include a "yes" applies.
struct RiskTier {
  std::string id, label, action, source;
  std::vector<std::size_t> when_any_yes;
  std::optional<FlagSpec> flag;
};
struct RiskTiers {
  std::vector<RiskTier> tiers;
  std::string none_id, none_label;  // when no tier applies and every item was answered
  std::optional<Coding> code;       // LOINC of the risk-level observation
  std::string source;
};

struct Total {
  std::vector<std::size_t> items;
  std::optional<Coding> code;  // LOINC of the total score where one exists
  std::string source;
};

struct Scoring {
  std::optional<Total> total;  // absent: no total (C-SSRS, medical screening)
  std::vector<Band> bands;     // empty: no severity bands (PCL-5, CADSS-6)
  std::string bands_source;
  std::vector<Subscale> subscales;
  std::string subscales_source;
  MissingItems missing;
  std::vector<ConditionalRequirement> conditionally_required;
  std::vector<Criterion> criteria;
  std::vector<ItemFlagRule> flags;
  std::optional<RiskTiers> risk;
};

enum class ResponseKind { percent_reduction, point_reduction };
struct ResponseRule {
  ResponseKind kind = ResponseKind::percent_reduction;
  double at_least = 0;  // percent or points of reduction from baseline
  std::string source;
};
struct RemissionRule {
  Threshold threshold;  // e.g. total < 5
  std::string source;
};
// Baselines that enter a quality measure's denominator (PHQ-9: baseline > 9, MNCM/NCQA).
struct MetricBaseline {
  Threshold threshold;
  std::string label, source;
};
struct OutcomeDefinition {
  std::optional<ResponseRule> response;
  std::optional<RemissionRule> remission;
  std::optional<MetricBaseline> metric_baseline;
};

struct Licence {
  bool item_text_shipped = false;
  std::string note;  // what may be reproduced, and on what basis
  std::string source;
};

struct Instrument {
  std::string id;  // "phq9": the file stem and the CLI name
  std::string url, name, title, version, description;
  std::vector<Coding> codes;  // the panel code(s)
  Administration administration = Administration::self_report;
  std::string copyright, source;
  Licence licence;
  std::vector<Item> items;
  Scoring scoring;
  OutcomeDefinition outcomes;

  std::optional<std::size_t> index_of(std::string_view link_id) const;
  int max_total() const;  // sum of the maxima of the total's items; 0 without a total
};

// Cross-field checks; the error's field is a path inside the instrument
// ("item[3].linkId", "scoring.bands.ranges[1]").
Result<void> validate(const Instrument& instrument);

}  // namespace kc::measures
