#include "catalog.hpp"

#include <algorithm>
#include <set>

#include "json_reader.hpp"

namespace dosecalc {
namespace {

const std::vector<std::string> kSeverities = {"avoid", "major", "moderate", "minor"};
const std::vector<std::string> kRuleKinds = {"absorption", "additive_effect", "depletion", "retention", "other"};
const std::vector<std::string> kWarningSeverities = {"danger", "warning", "caution", "info"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Reads members of data that is trusted to have the documented shape but is checked anyway. A member
// that is missing or of the wrong type reads as empty and the first such mistake is kept, to be reported
// as a problem of its file: data errors are data, not exceptions (the wasm build has none).
class ShapeReader {
 protected:
  std::string shape_error_;

  void missing(const char* key) {
    if (shape_error_.empty()) shape_error_ = std::string("missing or mistyped key '") + key + "'";
  }

  const json& member(const json& object, const char* key) {
    static const json null_value;
    const json* found = object.find(key);
    if (!found) missing(key);
    return found ? *found : null_value;
  }

  static bool has(const json& object, const char* key) { return object.find(key) != nullptr; }

  std::string str(const json& object, const char* key) {
    const json& value = member(object, key);
    if (!value.is_string()) missing(key);
    return value.string();
  }

  std::string str_or(const json& object, const char* key, const std::string& fallback) {
    const json* found = object.find(key);
    if (!found || found->is_null()) return fallback;
    if (!found->is_string()) missing(key);
    return found->string();
  }

  double num(const json& object, const char* key) {
    const json& value = member(object, key);
    if (!value.is_number()) missing(key);
    return value.number();
  }

  double num_or(const json& object, const char* key, double fallback) {
    const json* found = object.find(key);
    if (!found || found->is_null()) return fallback;
    if (!found->is_number()) missing(key);
    return found->number();
  }

  bool flag(const json& object, const char* key) {
    const json* found = object.find(key);
    if (!found || found->is_null()) return false;
    if (!found->is_boolean()) missing(key);
    return found->boolean();
  }

  const std::vector<json>& array(const json& object, const char* key) {
    static const std::vector<json> empty;
    const json* found = object.find(key);
    if (!found) return empty;
    if (!found->is_array()) missing(key);
    return found->items();
  }

  std::vector<std::string> strings(const json& object, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : array(object, key)) {
      if (!item.is_string()) missing(key);
      out.push_back(item.string());
    }
    return out;
  }

  LocalizedText text_value(const json& value) {
    if (value.is_string()) return {value.string(), ""};
    return {str(value, "en"), str_or(value, "es", "")};
  }

  LocalizedText text(const json& object, const char* key) {
    const json* found = object.find(key);
    if (!found || found->is_null()) return {};
    return text_value(*found);
  }

  std::optional<double> optional_number(const json& object, const char* key) {
    const json* found = object.find(key);
    if (!found || found->is_null()) return std::nullopt;
    if (!found->is_number()) missing(key);
    return found->number();
  }
};

// Reads one data file into the catalog. Data is trusted to be JSON of the documented shape, but every
// access is checked: a mistake becomes a problem string, not a crash.
class Loader : ShapeReader {
 public:
  explicit Loader(Catalog& catalog) : c_(catalog) {}

  void load(const DataFile& file) {
    file_ = file.name;
    JsonParseResult parsed = parse_json(file.text, 16);
    if (!parsed.ok) {
      problem(file.name + ": invalid JSON at byte " + std::to_string(parsed.error_offset) + ": " + parsed.error);
      return;
    }
    if (parsed.value.is_array()) {  // a bundle: several data files in one array
      for (const auto& part : parsed.value.items()) load_object(part);
    } else {
      load_object(parsed.value);
    }
  }

 private:
  void load_object(const json& root) {
    if (!root.is_object()) {
      problem(file_ + ": not a JSON object");
      return;
    }
    shape_error_.clear();
    if (has(root, "data_version")) c_.data_version = str(root, "data_version");
    for (const auto& s : array(root, "sources")) load_source(s);
    for (const auto& w : array(root, "atomic_weights")) {
      std::string symbol = str(w, "symbol");
      c_.atomic_weights[symbol] = num(w, "g_per_mol");
      c_.atomic_weight_sources[symbol] = strings(w, "sources");
    }
    if (has(root, "creatinine")) {
      c_.creatinine_formula = str(member(root, "creatinine"), "formula");
      c_.creatinine_sources = strings(member(root, "creatinine"), "sources");
    }
    for (const auto& n : array(root, "nutrients")) {
      Nutrient nutrient;
      nutrient.id = str(n, "id");
      nutrient.name = text(n, "name");
      nutrient.element = str(n, "element");
      nutrient.valence = static_cast<int>(num(n, "valence"));
      nutrient.substance = str_or(n, "substance", nutrient.id);
      nutrient.sources = strings(n, "sources");
      c_.nutrients.push_back(nutrient);
    }
    for (const auto& g : array(root, "compound_groups")) {
      c_.compound_groups.push_back({str(g, "id"), str(g, "nutrient"), text(g, "name"), strings(g, "names"), {}});
    }
    for (const auto& k : array(root, "compounds")) {
      Compound compound;
      compound.id = str(k, "id");
      compound.group = str(k, "group");
      compound.name = text(k, "name");
      compound.formula = str(k, "formula");
      compound.hydrate_waters = static_cast<int>(num_or(k, "hydrate_waters", 0));
      compound.laxative = flag(k, "laxative");
      compound.names = strings(k, "names");
      compound.sources = strings(k, "sources");
      compound.topical_names = strings(k, "topical_names");
      for (const auto& stated : array(k, "stated")) {
        compound.stated.push_back({strings(stated, "names"), num(stated, "elemental_percent"), strings(stated, "sources")});
      }
      c_.compounds.push_back(compound);
    }
    for (const auto& a : array(root, "authorities")) {
      c_.authorities.push_back({str(a, "id"), text(a, "name"), text(a, "recommended_label"),
                                strings(a, "sources")});
    }
    for (const auto& r : array(root, "recommended")) load_recommended(r);
    for (const auto& r : array(root, "upper_limits")) load_upper_limit(r);
    if (has(root, "upper_limit_scope")) {
      c_.upper_limit_scope = text(root, "upper_limit_scope");
      c_.upper_limit_scope_sources = strings(member(root, "upper_limit_scope"), "sources");
    }
    if (has(root, "thresholds")) {
      const json& thresholds = member(root, "thresholds");
      for (size_t i = 0; i < thresholds.size(); ++i)
        c_.thresholds[thresholds.keys()[i]] = {num(thresholds.items()[i], "value"), strings(thresholds.items()[i], "sources")};
    }
    if (has(root, "egfr_equation")) {
      const json& e = member(root, "egfr_equation");
      auto& q = c_.egfr_equation;
      q.constant = num(e, "constant");
      q.kappa_female = num(e, "kappa_female");
      q.kappa_male = num(e, "kappa_male");
      q.alpha_female = num(e, "alpha_female");
      q.alpha_male = num(e, "alpha_male");
      q.exponent_above_kappa = num(e, "exponent_above_kappa");
      q.age_base = num(e, "age_base");
      q.female_factor = num(e, "female_factor");
      q.sources = strings(e, "sources");
    }
    if (has(root, "gfr_categories")) {
      for (const auto& g : array(member(root, "gfr_categories"), "categories"))
        c_.gfr_categories.push_back({str(g, "id"), text(g, "name"), num(g, "min_egfr")});
      c_.gfr_category_sources = strings(member(root, "gfr_categories"), "sources");
    }
    for (const auto& w : array(root, "warnings")) {
      WarningDefinition definition{str(w, "code"), str(w, "severity"),
                                   text(w, "message"), strings(w, "sources")};
      if (!c_.warnings.emplace(definition.code, definition).second) problem("duplicate warning " + definition.code);
    }
    if (has(root, "phrases")) {
      const json& phrases = member(root, "phrases");
      for (size_t i = 0; i < phrases.size(); ++i) c_.phrases[phrases.keys()[i]] = text_value(phrases.items()[i]);
    }
    for (const auto& k : array(root, "classes")) {
      std::string id = str(k, "id");
      if (!c_.classes.emplace(id, str_or(k, "name", id)).second) problem("duplicate class " + id);
    }
    for (const auto& s : array(root, "substances")) load_substance(s);
    for (const auto& r : array(root, "rules")) load_rule(r);
    if (!shape_error_.empty()) problem(file_ + ": " + shape_error_);
  }

 public:
  // Derives, indexes and checks the whole catalog; running it again after loading more files gives
  // what a single load of all the files would.
  void finish() {
    derive_compositions();
    derive_creatinine();
    build_name_index();
    check_references();
  }

 private:
  Catalog& c_;
  std::string file_;

  void problem(std::string text) { c_.problems.push_back(std::move(text)); }

  void load_source(const json& s) {
    Source source{str(s, "id"), str(s, "title"), str(s, "url"),
                  str_or(s, "section", ""), str_or(s, "evidence", ""), str_or(s, "jurisdiction", "")};
    if (source.url.rfind("http://", 0) != 0 && source.url.rfind("https://", 0) != 0)
      problem("source " + source.id + " has no http(s) URL");
    if (source.title.empty()) problem("source " + source.id + " has no title");
    if (!c_.sources.emplace(source.id, source).second) problem("duplicate source id " + source.id + " in " + file_);
  }

  static SexFilter sex_filter(const std::string& text) {
    return text == "male" ? SexFilter::male : text == "female" ? SexFilter::female : SexFilter::any;
  }

  static PregnancyFilter pregnancy_filter(const std::string& text) {
    if (text == "none") return PregnancyFilter::none;
    if (text == "pregnant") return PregnancyFilter::pregnant;
    if (text == "lactating") return PregnancyFilter::lactating;
    return PregnancyFilter::any;
  }

  void load_band(const json& r, ReferenceBand& band, const char* what) {
    band.authority = str(r, "authority");
    band.nutrient = str(r, "nutrient");
    band.age_min = num(r, "age_min");
    band.age_max = num(r, "age_max");
    band.mg = optional_number(r, "mg");
    band.note = text(r, "note");
    band.sources = strings(r, "sources");
    if (band.age_min >= band.age_max) problem(std::string(what) + " row with empty age band in " + file_);
    if (!band.mg && band.note.empty()) problem(std::string(what) + " row without a value must explain why (note)");
  }

  void load_recommended(const json& r) {
    RecommendedRow row;
    load_band(r, row, "recommended");
    row.sex = sex_filter(str_or(r, "sex", "any"));
    row.pregnancy = pregnancy_filter(str_or(r, "pregnancy", "any"));
    row.kind = str_or(r, "kind", "");
    c_.recommended.push_back(row);
  }

  void load_upper_limit(const json& r) {
    UpperLimitRow row;
    load_band(r, row, "upper-limit");
    c_.upper_limits.push_back(row);
  }

  // Substances and rules come only with the knowledge bundle: kept out of line, their code is not compiled
  // by the browser for the first result (which loads only the core data).
  [[gnu::noinline]] void load_substance(const json& s) {
    Substance substance;
    substance.id = str(s, "id");
    substance.kind = str(s, "kind");
    substance.name = str(s, "name");
    substance.name_es = str_or(s, "name_es", "");
    substance.brands_us = strings(s, "brands_us");
    substance.brands_uk = strings(s, "brands_uk");
    substance.brands_es = strings(s, "brands_es");
    substance.synonyms = strings(s, "synonyms");
    substance.classes = strings(s, "classes");
    substance.ingredients = strings(s, "ingredients");
    substance.sources = strings(s, "sources");
    substance.magnesium_source = flag(s, "magnesium_source");
    if (substance.kind != "medicine" && substance.kind != "supplement")
      problem("substance " + substance.id + " has kind '" + substance.kind + "'");
    c_.substances.push_back(substance);
  }

  RuleSide side(const json& value, const std::string& rule_id) {
    if (has(value, "substance")) return {false, str(value, "substance")};
    if (has(value, "class")) return {true, str(value, "class")};
    problem("rule " + rule_id + " has a side with neither substance nor class");
    return {};
  }

  [[gnu::noinline]] void load_rule(const json& r) {
    InteractionRule rule;
    rule.id = str(r, "id");
    rule.supplement = side(member(r, "supplement"), rule.id);
    rule.other = side(member(r, "other"), rule.id);
    rule.severity = str(r, "severity");
    rule.kind = str(r, "kind");
    rule.mechanism = text(r, "mechanism");
    rule.summary = text(r, "summary");
    rule.management = text(r, "management");
    for (const auto& s : array(r, "separations")) {
      SourcedSeparation separation;
      separation.source = str(s, "source");
      separation.medicine_first_hours = num(s, "medicine_first_hours");
      separation.supplement_first_hours = num(s, "supplement_first_hours");
      separation.note = text(s, "note");
      rule.separations.push_back(separation);
    }
    if (const json* conditions = r.find("conditions"); conditions && conditions->is_object()) {
      const json& k = *conditions;
      rule.conditions.min_supplement_mg_per_day = optional_number(k, "min_supplement_mg_per_day");
      rule.conditions.route = str_or(k, "route", "");
      rule.conditions.duration = str_or(k, "duration", "");
      rule.conditions.kidney_impaired = flag(k, "kidney_impaired");
    }
    rule.sources = strings(r, "sources");
    rule.last_reviewed = str_or(r, "last_reviewed", "");
    c_.rules.push_back(rule);
  }

  void derive_compositions() {
    for (auto& group : c_.compound_groups) group.compound_ids.clear();
    for (auto& compound : c_.compounds) {
      const CompoundGroup* group = c_.compound_group(compound.group);
      if (!group) {
        problem("compound " + compound.id + " has unknown group " + compound.group);
        continue;
      }
      compound.nutrient = group->nutrient;
      const Nutrient* nutrient = c_.nutrient(compound.nutrient);
      if (!nutrient) {
        problem("compound " + compound.id + " has unknown nutrient " + compound.nutrient);
        continue;
      }
      FormulaResult parsed = parse_formula(compound.formula);
      if (!parsed.counts) {
        problem("compound " + compound.id + " formula '" + compound.formula + "': " + parsed.error);
        continue;
      }
      std::string error;
      auto result = composition(*parsed.counts, compound.hydrate_waters, nutrient->element, c_.atomic_weights, &error);
      if (!result) {
        problem("compound " + compound.id + ": " + error);
        continue;
      }
      compound.composition = *result;
      for (auto& g : c_.compound_groups)
        if (g.id == compound.group) g.compound_ids.push_back(compound.id);
    }
    for (auto& nutrient : c_.nutrients) {
      auto weight = c_.atomic_weights.find(nutrient.element);
      if (weight == c_.atomic_weights.end()) problem("nutrient " + nutrient.id + " element has no atomic weight");
      else nutrient.element_molar_mass = weight->second;
      if (nutrient.valence <= 0) problem("nutrient " + nutrient.id + " needs a positive valence");
    }
  }

  void derive_creatinine() {
    if (c_.creatinine_formula.empty()) {
      problem("no creatinine formula (needed to convert umol/L to mg/dL)");
      return;
    }
    FormulaResult parsed = parse_formula(c_.creatinine_formula);
    auto mass = parsed.counts ? molar_mass(*parsed.counts, c_.atomic_weights) : std::nullopt;
    if (!mass) problem("creatinine formula does not give a molar mass");
    else c_.creatinine_molar_mass = *mass;
  }

  void build_name_index() {
    c_.names = NameIndex{};
    std::map<std::string, std::string> owner_of_key[2];  // [0] substances, [1] forms
    auto add = [&](int space, const std::string& display, const std::string& target, const std::string& canonical,
                   NameKind kind, bool is_group) {
      std::string key = name_key(display);
      if (key.empty()) {
        problem("name '" + display + "' of " + target + " is empty after normalisation");
        return;
      }
      auto [it, inserted] = owner_of_key[space].emplace(key, target);
      if (!inserted && it->second != target) {
        problem("name '" + display + "' maps to both " + it->second + " and " + target);
        return;
      }
      if (inserted) c_.names.add({key, display, target, canonical, kind, is_group});
    };
    for (const auto& s : c_.substances) {
      NameKind kind = s.kind == "supplement" ? NameKind::supplement : NameKind::medicine;
      add(0, s.name, s.id, s.name, kind, false);
      if (!s.name_es.empty()) add(0, s.name_es, s.id, s.name, kind, false);
      for (const auto* list : {&s.brands_us, &s.brands_uk, &s.brands_es, &s.synonyms})
        for (const auto& name : *list) add(0, name, s.id, s.name, kind, false);
    }
    for (const auto& g : c_.compound_groups) {
      // A group with a single compound is not ambiguous: its names lead straight to that compound.
      bool single = g.compound_ids.size() == 1;
      const Compound* only = single ? c_.compound(g.compound_ids.front()) : nullptr;
      std::string target = only ? only->id : g.id;
      std::string canonical = only ? only->name.en : g.name.en;
      for (const auto* name : {&g.name.en, &g.name.es})
        if (!name->empty()) add(1, *name, target, canonical, NameKind::form, !single);
      for (const auto& name : g.names) add(1, name, target, canonical, NameKind::form, !single);
    }
    for (const auto& k : c_.compounds) {
      add(1, k.id, k.id, k.name.en, NameKind::form, false);
      add(1, k.name.en, k.id, k.name.en, NameKind::form, false);
      if (!k.name.es.empty()) add(1, k.name.es, k.id, k.name.en, NameKind::form, false);
      for (const auto& name : k.names) add(1, name, k.id, k.name.en, NameKind::form, false);
      for (const auto& stated : k.stated)
        for (const auto& name : stated.names) add(1, name, k.id, k.name.en, NameKind::form, false);
    }
    c_.names.finish();
  }

  void check_sources(const std::vector<std::string>& ids, const std::string& owner, bool required = true) {
    if (required && ids.empty()) problem(owner + " has no source");
    for (const auto& id : ids)
      if (!c_.source(id)) problem(owner + " cites unknown source " + id);
  }

  bool known_substance_or_class(const RuleSide& side) const {
    return side.is_class ? c_.classes.count(side.id) > 0 : c_.substance(side.id) != nullptr;
  }

  // Out of line: the wasm module's start-up path (a snapshot) never runs it, so its code stays out of
  // the module's first part.
  [[gnu::noinline]] void check_references() {
    validate_references();
    validate_reference_coverage();
  }

  void validate_references() {
    for (const auto& [symbol, ids] : c_.atomic_weight_sources) check_sources(ids, "atomic weight " + symbol);
    check_sources(c_.creatinine_sources, "creatinine conversion");
    check_sources(c_.egfr_equation.sources, "eGFR equation");
    check_sources(c_.gfr_category_sources, "GFR categories");
    if (c_.egfr_equation.constant <= 0) problem("no eGFR equation");
    for (size_t i = 1; i < c_.gfr_categories.size(); ++i)
      if (c_.gfr_categories[i].min_egfr >= c_.gfr_categories[i - 1].min_egfr) problem("GFR categories must be listed highest first");
    for (const auto& g : c_.gfr_categories)
      if (g.name.en.empty()) problem("GFR category " + g.id + " has no name");
    for (const auto& n : c_.nutrients) check_sources(n.sources, "nutrient " + n.id);
    std::set<std::string> compound_ids;
    for (const auto& k : c_.compounds) {
      if (!compound_ids.insert(k.id).second) problem("duplicate compound id " + k.id);
      check_sources(k.sources, "compound " + k.id);
      // Names the compound is known by without a brand: a stated content under one of them would give
      // the brand's figure to everyone who types the chemical name.
      std::set<std::string> generic = {name_key(k.id), name_key(k.name.en), name_key(k.name.es)};
      for (const auto& name : k.names) generic.insert(name_key(name));
      if (const CompoundGroup* group = c_.compound_group(k.group)) {
        generic.insert({name_key(group->name.en), name_key(group->name.es)});
        for (const auto& name : group->names) generic.insert(name_key(name));
      }
      for (const auto& name : k.topical_names)
        if (std::none_of(k.names.begin(), k.names.end(), [&](const std::string& n) { return name_key(n) == name_key(name); }))
          problem("compound " + k.id + ": topical name '" + name + "' is not one of its names");
      for (const auto& stated : k.stated) {
        check_sources(stated.sources, "stated content of compound " + k.id);
        if (stated.names.empty()) problem("a stated content of compound " + k.id + " has no name");
        for (const auto& name : stated.names)
          if (generic.count(name_key(name))) problem("compound " + k.id + ": stated name '" + name + "' is also a name of the compound or its group");
        // A stated figure above the formula's would mean a blend, not this compound.
        if (!(stated.elemental_percent > 0) ||
            stated.elemental_percent > k.composition.elemental_fraction.value * 100 + 0.5)
          problem("compound " + k.id + ": stated elemental percent " + format_number(stated.elemental_percent, 2) +
                  " is not between 0 and the formula's");
      }
    }
    for (const auto& g : c_.compound_groups) {
      if (!c_.nutrient(g.nutrient)) problem("compound group " + g.id + " has unknown nutrient");
      if (g.name.en.empty()) problem("compound group " + g.id + " has no display name");
    }
    for (const auto& a : c_.authorities) check_sources(a.sources, "authority " + a.id);
    for (const auto& r : c_.recommended) {
      if (!c_.authority(r.authority)) problem("recommended row has unknown authority " + r.authority);
      if (!c_.nutrient(r.nutrient)) problem("recommended row has unknown nutrient " + r.nutrient);
      check_sources(r.sources, "recommended row " + r.authority + "/" + r.nutrient);
    }
    for (const auto& r : c_.upper_limits) {
      if (!c_.authority(r.authority)) problem("upper-limit row has unknown authority " + r.authority);
      check_sources(r.sources, "upper-limit row " + r.authority + "/" + r.nutrient);
    }
    check_sources(c_.upper_limit_scope_sources, "upper-limit scope");
    for (const auto& [id, t] : c_.thresholds) check_sources(t.sources, "threshold " + id);
    for (const auto& [code, w] : c_.warnings) {
      if (!contains(kWarningSeverities, w.severity)) problem("warning " + code + " has severity " + w.severity);
      if (w.message.en.empty()) problem("warning " + code + " has no English message");
      check_sources(w.sources, "warning " + code, /*required=*/false);
    }
    if (!c_.substances.empty() || !c_.rules.empty() || !c_.classes.empty()) validate_knowledge();
  }

  [[gnu::noinline]] void validate_knowledge() {
    std::set<std::string> ids;
    for (const auto& [id, name] : c_.classes) ids.insert(id);
    for (const auto& s : c_.substances) {
      if (!ids.insert(s.id).second) problem("substance id " + s.id + " is not unique (substances and classes)");
      check_sources(s.sources, "substance " + s.id);
      for (const auto& k : s.classes)
        if (!c_.classes.count(k)) problem("substance " + s.id + " has unknown class " + k);
      for (const auto& i : s.ingredients)
        if (!c_.substance(i)) problem("substance " + s.id + " has unknown ingredient " + i);
    }
    std::set<std::string> rule_ids;
    for (const auto& r : c_.rules) {
      std::string owner = "rule " + r.id;
      if (!rule_ids.insert(r.id).second) problem("duplicate " + owner);
      if (!known_substance_or_class(r.supplement)) problem(owner + " supplement side " + r.supplement.id + " is unknown");
      if (!known_substance_or_class(r.other)) problem(owner + " other side " + r.other.id + " is unknown");
      if (!contains(kSeverities, r.severity)) problem(owner + " has severity " + r.severity);
      if (!contains(kRuleKinds, r.kind)) problem(owner + " has kind " + r.kind);
      if (r.summary.en.empty() || r.management.en.empty()) problem(owner + " needs summary and management text");
      if (r.last_reviewed.empty()) problem(owner + " has no last_reviewed date");
      check_sources(r.sources, owner);
      for (const auto& s : r.separations) {
        check_sources({s.source}, owner + " separation");
        for (double h : {s.medicine_first_hours, s.supplement_first_hours})
          if (!(h >= 0 && h <= 48)) problem(owner + " separation hours out of 0-48");
      }
      const auto& route = r.conditions.route;
      if (!route.empty() && route != "oral" && route != "intravenous") problem(owner + " has route " + route);
    }
  }

  // Every authority must give exactly one recommended row and one upper-limit row for every age,
  // sex and pregnancy state a request can carry; otherwise a person would silently get no value.
  void validate_reference_coverage() {
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& r : c_.recommended) pairs.insert({r.authority, r.nutrient});
    // Which rows match can change only at a band edge, so every edge and one age inside each gap
    // between edges cover all ages from 0 to 120.
    std::set<double> edges = {0, 120};
    for (const auto& r : c_.recommended) edges.insert({r.age_min, r.age_max});
    for (const auto& r : c_.upper_limits) edges.insert({r.age_min, r.age_max});
    std::vector<double> ages;
    for (auto it = edges.begin(); it != edges.end(); ++it) {
      if (*it > 120) break;
      ages.push_back(*it);
      auto next = std::next(it);
      if (next != edges.end()) ages.push_back((*it + std::min(*next, 120.0)) / 2);
    }
    for (const auto& [authority, nutrient] : pairs) {
      // This runs at every start-up, so the pair's rows are picked out once rather than per age.
      std::vector<const RecommendedRow*> pair_rows;
      for (const auto& r : c_.recommended)
        if (r.authority == authority && r.nutrient == nutrient) pair_rows.push_back(&r);
      std::vector<const UpperLimitRow*> pair_limits;
      for (const auto& r : c_.upper_limits)
        if (r.authority == authority && r.nutrient == nutrient) pair_limits.push_back(&r);
      for (double age : ages) {
        for (SexFilter sex : {SexFilter::male, SexFilter::female}) {
          for (PregnancyFilter pregnancy :
               {PregnancyFilter::none, PregnancyFilter::pregnant, PregnancyFilter::lactating}) {
            if (sex == SexFilter::male && pregnancy != PregnancyFilter::none) continue;
            int recommended = 0;
            for (const RecommendedRow* r : pair_rows) {
              if (age < r->age_min || age >= r->age_max) continue;
              if (r->sex != SexFilter::any && r->sex != sex) continue;
              if (r->pregnancy != PregnancyFilter::any && r->pregnancy != pregnancy) continue;
              ++recommended;
            }
            if (recommended != 1)
              problem(authority + "/" + nutrient + ": " + std::to_string(recommended) +
                      " recommended rows match age " + format_number(age, 2));
          }
        }
        int upper = 0;
        for (const UpperLimitRow* r : pair_limits)
          if (age >= r->age_min && age < r->age_max) ++upper;
        if (upper != 1)
          problem(authority + "/" + nutrient + ": " + std::to_string(upper) + " upper-limit rows match age " +
                  format_number(age, 2));
      }
    }
  }
};

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

}  // namespace

const Nutrient* Catalog::nutrient(std::string_view id) const { return find_by_id(nutrients, id); }
const Compound* Catalog::compound(std::string_view id) const { return find_by_id(compounds, id); }

const StatedPercent* Compound::stated_for(std::string_view typed) const {
  if (stated.empty()) return nullptr;
  std::string key = name_key(typed);
  for (const auto& candidate : stated)
    for (const auto& name : candidate.names)
      if (name_key(name) == key) return &candidate;
  return nullptr;
}
bool Compound::is_topical_name(std::string_view typed) const {
  if (topical_names.empty()) return false;
  std::string key = name_key(typed);
  for (const auto& name : topical_names)
    if (name_key(name) == key) return true;
  return false;
}
const CompoundGroup* Catalog::compound_group(std::string_view id) const { return find_by_id(compound_groups, id); }
const Authority* Catalog::authority(std::string_view id) const { return find_by_id(authorities, id); }
const Substance* Catalog::substance(std::string_view id) const { return find_by_id(substances, id); }

const Source* Catalog::source(std::string_view id) const {
  auto found = sources.find(id);
  return found == sources.end() ? nullptr : &found->second;
}

const WarningDefinition* Catalog::warning(std::string_view code) const {
  auto found = warnings.find(code);
  return found == warnings.end() ? nullptr : &found->second;
}

double Catalog::threshold(std::string_view id) const {
  auto found = thresholds.find(id);
  return found == thresholds.end() ? 0 : found->second.value;
}

const std::vector<std::string>& Catalog::threshold_sources(std::string_view id) const {
  static const std::vector<std::string> none;
  auto found = thresholds.find(id);
  return found == thresholds.end() ? none : found->second.sources;
}

const LocalizedText& Catalog::phrase(std::string_view id) const {
  static const LocalizedText empty;
  auto found = phrases.find(id);
  return found == phrases.end() ? empty : found->second;
}

Catalog load_catalog_onto(Catalog base, const std::vector<DataFile>& files) {
  // base's own problems stay (some, such as a file's shape errors, cannot be found again from the
  // catalog); those of the whole catalog are added.
  Loader loader(base);
  for (const auto& file : files) loader.load(file);
  loader.finish();
  for (const char* code : {"above_upper_limit", "infant_supplement", "kidney_severe", "kidney_moderate"})
    if (!base.warning(code)) base.problems.push_back(std::string("missing warning definition ") + code);
  for (const char* id : {"kidney_severe_below_egfr", "kidney_moderate_below_egfr", "laxative_forms_mg_per_day",
                         "egfr_min_age_years"})
    if (!base.thresholds.count(id)) base.problems.push_back(std::string("missing threshold ") + id);
  if (base.data_version.empty()) base.problems.push_back("no data_version (data/manifest.json)");
  return base;
}

Catalog load_catalog(const std::vector<DataFile>& files) { return load_catalog_onto(Catalog{}, files); }

Catalog load_catalog_with(const std::vector<DataFile>& extra_files) {
  Catalog catalog = load_catalog_onto(embedded_catalog(), extra_files);
  // A bundle without substances or rules ("{}") is no knowledge base: a problem, so that it is refused
  // rather than replacing one that works.
  if (catalog.problems.empty() && (catalog.substances.empty() || catalog.rules.empty()))
    catalog.problems.push_back("the knowledge bundle has no substances or no rules");
  return catalog;
}

const Catalog& embedded_catalog() {
  static const Catalog catalog = load_embedded_catalog();
  return catalog;
}

}  // namespace dosecalc
