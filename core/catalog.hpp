// The curated clinical data, typed once at load: sources, atomic weights, nutrients, compounds,
// reference values, warning texts, substances and interaction rules. Built from the JSON files in
// data/ (embedded in the CLI and the wasm module at build time).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemistry.hpp"
#include "names.hpp"
#include "text.hpp"

namespace dosecalc {

struct DataFile {
  std::string name;  // e.g. "compounds.json"
  std::string text;
};

struct Source {
  std::string id, title, url, section, evidence, jurisdiction;
};

struct Nutrient {
  std::string id;
  LocalizedText name;
  std::string element;     // "Mg"
  int valence = 0;         // 2 for Mg2+
  double element_molar_mass = 0;  // g/mol == mg/mmol
  std::string substance;   // substance id used by interaction rules ("magnesium")
  std::vector<std::string> sources;
};

struct CompoundGroup {
  std::string id, nutrient;
  LocalizedText name;  // display name ("Magnesium citrate" / "Citrato de magnesio")
  std::vector<std::string> names;
  std::vector<std::string> compound_ids;  // filled at load
};

// A branded ingredient whose maker states its elemental content ("Magtein": 2,000 mg gives 144 mg, 7.2 %),
// which can differ from the formula's (8.25 %). Typed by one of its names, the stated figure is used.
struct StatedPercent {
  std::vector<std::string> names;
  double elemental_percent = 0;
  std::vector<std::string> sources;
};

struct Compound {
  std::string id, group, nutrient;
  LocalizedText name;
  std::string formula;
  int hydrate_waters = 0;
  bool laxative = false;
  std::vector<std::string> names;
  std::vector<std::string> sources;
  std::vector<StatedPercent> stated;
  // Names of products usually put on the skin or in a bath (magnesium oil, flakes): a subset of `names`.
  std::vector<std::string> topical_names;
  CompoundComposition composition;  // computed from formula + atomic weights

  // The stated content whose name `typed` is (compared as names are: case, accents, strengths), or null.
  const StatedPercent* stated_for(std::string_view typed) const;
  bool is_topical_name(std::string_view typed) const;
};

struct Authority {
  std::string id;
  LocalizedText name, recommended_label;
  std::vector<std::string> sources;
};

enum class SexFilter { any, male, female };
enum class PregnancyFilter { any, none, pregnant, lactating };

// An age band of one authority's value for one nutrient; mg is nullopt when the authority set none,
// and the note then says why.
struct ReferenceBand {
  std::string authority, nutrient;
  double age_min = 0, age_max = 0;  // [min, max) years
  std::optional<double> mg;
  LocalizedText note;
  std::vector<std::string> sources;
};

struct RecommendedRow : ReferenceBand {
  SexFilter sex = SexFilter::any;
  PregnancyFilter pregnancy = PregnancyFilter::any;
  std::string kind;  // RDA, AI, RNI
};

struct UpperLimitRow : ReferenceBand {};

struct Threshold {
  double value = 0;
  std::vector<std::string> sources;
};

struct WarningDefinition {
  std::string code, severity;
  LocalizedText message;
  std::vector<std::string> sources;
};

struct Substance {
  std::string id, kind;  // kind: medicine | supplement
  std::string name;
  std::string name_es;   // Spanish display name (INN); empty falls back to name
  std::vector<std::string> brands_us, brands_uk, brands_es, synonyms, classes, ingredients, sources;
  bool magnesium_source = false;
  const std::string& display_name(Locale locale) const {
    return locale == Locale::es && !name_es.empty() ? name_es : name;
  }
};

struct RuleSide {
  bool is_class = false;
  std::string id;
};

struct SourcedSeparation {
  std::string source;
  double medicine_first_hours = 0;
  double supplement_first_hours = 0;
  LocalizedText note;
};

struct RuleConditions {
  std::optional<double> min_supplement_mg_per_day;
  std::string route;     // "", "oral" or "intravenous"
  std::string duration;  // "" or "long_term"
  bool kidney_impaired = false;
};

struct InteractionRule {
  std::string id;
  RuleSide supplement, other;
  std::string severity, kind;
  LocalizedText mechanism, summary, management;
  std::vector<SourcedSeparation> separations;
  RuleConditions conditions;
  std::vector<std::string> sources;
  std::string last_reviewed;
};

struct EgfrEquation {
  double constant = 0, kappa_female = 0, kappa_male = 0, alpha_female = 0, alpha_male = 0;
  double exponent_above_kappa = 0, age_base = 0, female_factor = 0;
  std::vector<std::string> sources;
};

struct GfrCategory {
  std::string id;      // KDIGO G1..G5
  LocalizedText name;  // KDIGO's term ("mildly decreased")
  double min_egfr = 0;
};

// Maps keyed by id use std::less<> so a lookup by string_view needs no temporary std::string.
struct Catalog {
  std::string data_version;
  std::map<std::string, Source, std::less<>> sources;
  AtomicWeights atomic_weights;
  std::map<std::string, std::vector<std::string>> atomic_weight_sources;
  std::string creatinine_formula;  // as in data/chemistry.json
  double creatinine_molar_mass = 0;  // derived from the formula
  std::vector<std::string> creatinine_sources;
  std::vector<Nutrient> nutrients;
  std::vector<CompoundGroup> compound_groups;
  std::vector<Compound> compounds;
  std::vector<Authority> authorities;
  std::vector<RecommendedRow> recommended;
  std::vector<UpperLimitRow> upper_limits;
  LocalizedText upper_limit_scope;
  std::vector<std::string> upper_limit_scope_sources;
  std::map<std::string, Threshold, std::less<>> thresholds;
  EgfrEquation egfr_equation;
  std::vector<GfrCategory> gfr_categories;  // highest first
  std::vector<std::string> gfr_category_sources;
  std::map<std::string, WarningDefinition, std::less<>> warnings;
  std::map<std::string, LocalizedText, std::less<>> phrases;
  std::map<std::string, std::string, std::less<>> classes;  // id -> display name
  std::vector<Substance> substances;
  std::vector<InteractionRule> rules;
  NameIndex names;

  // Everything that is wrong with the data; an assessment refuses to run when this is not empty.
  std::vector<std::string> problems;

  // False in the wasm module until the page loads the knowledge bundle.
  bool has_interaction_data() const { return !substances.empty(); }

  const Nutrient* nutrient(std::string_view id) const;
  const Compound* compound(std::string_view id) const;
  const CompoundGroup* compound_group(std::string_view id) const;
  const Authority* authority(std::string_view id) const;
  const Substance* substance(std::string_view id) const;
  const Source* source(std::string_view id) const;
  const WarningDefinition* warning(std::string_view code) const;
  double threshold(std::string_view id) const;
  const std::vector<std::string>& threshold_sources(std::string_view id) const;
  const LocalizedText& phrase(std::string_view id) const;
};

// Loads data files with every check: their shape, every cross-reference (sources, compounds, reference
// values) and that each authority covers every age and sex. Whatever is wrong ends up in `problems`.
Catalog load_catalog(const std::vector<DataFile>& files);

// `base` with more files loaded onto it, then derived, indexed and checked again as a whole: the same
// catalog as loading base's files and these together.
Catalog load_catalog_onto(Catalog base, const std::vector<DataFile>& files);

// The embedded data plus extra files, e.g. the knowledge bundle (data/knowledge as one JSON array)
// that the page loads after its first result; a catalog left without substances or rules has a problem.
Catalog load_catalog_with(const std::vector<DataFile>& extra_files);

// The data compiled into this binary, loaded once, on first use. Natively (and in the wasm build's
// snapshot writer) that is data/ as JSON (cmake/embed_data.cmake, core/embedded_json.cpp); the wasm
// module embeds a catalog snapshot of the same files instead (core/snapshot.hpp).
const Catalog& embedded_catalog();
Catalog load_embedded_catalog();
const std::vector<DataFile>& embedded_data_files();  // JSON builds only

}  // namespace dosecalc
