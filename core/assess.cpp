#include "assess.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "interactions.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "sorting.hpp"

namespace dosecalc {

double ckd_epi_2021(const EgfrEquation& q, double creatinine_mg_dl, double age_years, bool female) {
  double kappa = female ? q.kappa_female : q.kappa_male;
  double alpha = female ? q.alpha_female : q.alpha_male;
  double ratio = creatinine_mg_dl / kappa;
  double egfr = q.constant * std::pow(std::min(ratio, 1.0), alpha) * std::pow(std::max(ratio, 1.0), q.exponent_above_kappa) *
                std::pow(q.age_base, age_years);
  return female ? egfr * q.female_factor : egfr;
}

const GfrCategory* gfr_category_of(const Catalog& catalog, double egfr) {
  for (const auto& category : catalog.gfr_categories)
    if (egfr >= category.min_egfr) return &category;
  return catalog.gfr_categories.empty() ? nullptr : &catalog.gfr_categories.back();
}

std::string gfr_category(const Catalog& catalog, double egfr) {
  const GfrCategory* category = gfr_category_of(catalog, egfr);
  return category ? category->id : "";
}

namespace {

class Assessor {
 public:
  Assessor(const Catalog& catalog, const Request& request) : c_(catalog), q_(request), locale_(request.locale) {}

  AssessOutcome run() {
    AssessOutcome outcome;
    Report report;
    report.data_version = c_.data_version;
    report.reference = q_.reference;
    report.locale = locale_ == Locale::es ? "es" : "en";
    add_sources(c_.authority(q_.reference) ? c_.authority(q_.reference)->sources : std::vector<std::string>{});

    std::vector<ResolvedInput> inputs;
    for (size_t i = 0; i < q_.products.size(); ++i) {
      auto product = assess_product(q_.products[i], "/products/" + std::to_string(i), outcome.errors);
      if (!product) continue;
      const Nutrient* nutrient = c_.nutrient(product->nutrient);
      if (nutrient && c_.substance(nutrient->substance))
        inputs.push_back({q_.products[i].form, "/products/" + std::to_string(i) + "/form",
                          c_.substance(nutrient->substance), false, product->elemental_per_day.value,
                          minutes(q_.products[i].times)});
      report.products.push_back(*product);
    }
    if (!outcome.errors.empty()) return outcome;

    if (c_.has_interaction_data()) {
      resolve_names(q_.supplements, "/supplements/", false, inputs, report);
      resolve_names(q_.medicines, "/medicines/", true, inputs, report);
    } else {
      report.interaction_data = "not_loaded";  // names are not judged without the knowledge base
    }

    report.egfr = assess_kidney(report);
    assess_nutrients(report);
    person_warnings(report);
    medicine_warnings(inputs);

    InteractionContext context;
    context.locale = locale_;
    context.kidney_impaired = kidney_impaired(report);
    std::vector<SeparationConstraint> separations;
    if (!inputs.empty()) find_interactions(c_, inputs, context, report, c_.has_interaction_data() ? &separations : nullptr);
    for (const auto& interaction : report.interactions) add_sources(interaction.sources);
    if (c_.has_interaction_data()) report.schedule = schedule(report, inputs, separations);
    else report.schedule.reason = "interaction_data_not_loaded";  // separations come with the knowledge base

    stable_sort_small(warnings_, [](const WarningResult& a, const WarningResult& b) {
      return warning_rank(a.severity) > warning_rank(b.severity);
    });
    report.warnings = warnings_;
    report.sources = used_sources_;
    outcome.report = std::move(report);
    return outcome;
  }

 private:
  const Catalog& c_;
  const Request& q_;
  Locale locale_;
  std::vector<WarningResult> warnings_;
  std::vector<std::string> used_sources_;

  // The day's schedule from the request's entries and the interactions' separations. Out of line: it
  // runs only once the knowledge base is loaded.
  [[gnu::noinline]]
  ScheduleResult schedule(const Report& report, const std::vector<ResolvedInput>& inputs,
                          const std::vector<SeparationConstraint>& separations) const {
    ScheduleInput input;
    input.locale = locale_;
    for (size_t i = 0; i < q_.products.size() && i < report.products.size(); ++i) {
      ScheduleEntry entry;
      entry.name = q_.products[i].form;  // as typed, as the interactions' and timing conflicts' names are
      entry.nutrient = report.products[i].nutrient;
      entry.kind = "product";
      entry.path = "/products/" + std::to_string(i);
      entry.product_id = report.products[i].id;
      entry.movable = true;
      entry.doses_per_day = q_.products[i].doses_per_day;
      entry.entered_minutes = minutes(q_.products[i].times);
      input.entries.push_back(entry);
    }
    const auto add_named = [&](const std::vector<NamedInput>& items, const char* kind, const char* list) {
      for (size_t i = 0; i < items.size(); ++i) {
        ScheduleEntry entry;
        entry.name = items[i].name;
        entry.kind = kind;
        entry.path = std::string(list) + std::to_string(i);
        entry.entered_minutes = minutes(items[i].times);
        input.entries.push_back(entry);
      }
    };
    add_named(q_.medicines, "medicine", "/medicines/");
    add_named(q_.supplements, "supplement", "/supplements/");
    // An input's path names its field (/medicines/2/name); its entry is the path without the field.
    std::map<std::string, size_t> entry_at;
    for (size_t i = 0; i < input.entries.size(); ++i) entry_at[input.entries[i].path] = i;
    const auto entry_of = [&](const ResolvedInput& resolved) -> std::optional<size_t> {
      auto found = entry_at.find(resolved.path.substr(0, resolved.path.rfind('/')));
      return found == entry_at.end() ? std::nullopt : std::optional<size_t>(found->second);
    };
    for (const auto& separation : separations) {
      auto supplement = entry_of(inputs[separation.supplement_input]);
      auto other = entry_of(inputs[separation.other_input]);
      if (!supplement || !other) continue;
      SeparationConstraint constraint = separation;
      constraint.supplement_input = *supplement;
      constraint.other_input = *other;
      input.constraints.push_back(constraint);
    }
    if (q_.routine) {
      if (q_.routine->wake) input.wake_minutes = q_.routine->wake->minutes;
      if (q_.routine->bed) input.bed_minutes = q_.routine->bed->minutes;
      input.meal_minutes = minutes(q_.routine->meals);
    }
    return solve_schedule(c_, input);
  }

  static std::vector<int> minutes(const std::vector<ClockTime>& times) {
    std::vector<int> out;
    for (const auto& time : times) out.push_back(time.minutes);
    return out;
  }

  static int warning_rank(const std::string& severity) {
    if (severity == "danger") return 4;
    if (severity == "warning") return 3;
    if (severity == "caution") return 2;
    return 1;
  }

  void add_sources(const std::vector<std::string>& ids) {
    for (const auto& id : ids)
      if (std::find(used_sources_.begin(), used_sources_.end(), id) == used_sources_.end()) used_sources_.push_back(id);
  }

  void warn(const std::string& code, const std::map<std::string, std::string>& values,
            std::vector<std::string> extra_sources = {}, std::vector<std::string> subjects = {}) {
    const WarningDefinition* definition = c_.warning(code);
    if (!definition) return;
    WarningResult warning{code, definition->severity, fill_template(definition->message.in(locale_), values),
                          definition->sources, std::move(subjects)};
    for (const auto& id : extra_sources)
      if (std::find(warning.sources.begin(), warning.sources.end(), id) == warning.sources.end())
        warning.sources.push_back(id);
    add_sources(warning.sources);
    warnings_.push_back(std::move(warning));
  }

  std::string nutrient_name(const std::string& id) const {
    const Nutrient* nutrient = c_.nutrient(id);
    std::string name = nutrient ? nutrient->name.in(locale_) : id;
    if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
  }

  // Resolves the typed form to a compound; a group name ("magnesium citrate") takes the variant with
  // the highest elemental fraction so that the amount is never underestimated, and says so.
  const Compound* resolve_form(const ProductInput& input, const std::string& path, std::vector<InputError>& errors,
                               std::vector<const Compound*>& group_variants) {
    const NameEntry* entry = c_.names.find_exact(input.form, {NameKind::form});
    if (!entry) {
      const auto say = [this](const char* en, const char* es) { return std::string(in_locale(locale_, en, es)); };
      InputError error{ErrorCode::unknown_form, path + "/form",
                       path + "/form \"" + utf8_prefix(input.form, 80) +
                           say("\" is not a magnesium form we know.", "\" no es una forma de magnesio que conozcamos."),
                       {}};
      // Canonical names: readable, and each resolves when used as the form; a brand with a stated content
      // by its own name, which carries that content ("Magtien" -> Magtein, not the chemical name).
      for (const auto& match : c_.names.search(input.form, 5, {NameKind::form})) {
        const Compound* target = match.entry->is_group ? nullptr : c_.compound(match.entry->target_id);
        const CompoundGroup* group = match.entry->is_group ? c_.compound_group(match.entry->target_id) : nullptr;
        // In the request's language ("Sulfato de magnesio"), as the page's picker shows it.
        const std::string& name = target && target->stated_for(match.entry->display) ? match.entry->display
                                  : target                                          ? target->name.in(locale_)
                                  : group                                           ? group->name.in(locale_)
                                                                                    : match.entry->canonical;
        if (std::find(error.suggestions.begin(), error.suggestions.end(), name) == error.suggestions.end())
          error.suggestions.push_back(name);
      }
      if (!error.suggestions.empty()) {
        error.message += say(" Did you mean: ", " ¿Quería decir: ");
        for (size_t i = 0; i < error.suggestions.size(); ++i)
          error.message += (i ? ", " : "") + error.suggestions[i];
        error.message += "?";
      }
      const NameEntry* substance = c_.names.find_exact(input.form, {NameKind::supplement, NameKind::medicine});
      if (substance)
        error.message += " \"" + utf8_prefix(input.form, 80) + "\"" +
                         (substance->kind == NameKind::medicine
                              ? say(" is a medicine, not a form of magnesium: list it with your medicines and other supplements.",
                                    " es un medicamento, no una forma de magnesio: indíquelo con sus medicamentos y otros suplementos.")
                              : say(" is a supplement, not a form of magnesium: list it with your medicines and other supplements.",
                                    " es un suplemento, no una forma de magnesio: indíquelo con sus medicamentos y otros suplementos."));
      errors.push_back(error);
      return nullptr;
    }
    if (!entry->is_group) return c_.compound(entry->target_id);
    const CompoundGroup* group = c_.compound_group(entry->target_id);
    const Compound* best = nullptr;
    for (const auto& id : group->compound_ids) {
      const Compound* compound = c_.compound(id);
      group_variants.push_back(compound);
      if (!best || compound->composition.elemental_fraction.value > best->composition.elemental_fraction.value)
        best = compound;
    }
    return best;
  }

  std::optional<ProductResult> assess_product(const ProductInput& input, const std::string& path,
                                              std::vector<InputError>& errors) {
    std::vector<const Compound*> variants;
    const Compound* compound = resolve_form(input, path, errors, variants);
    if (!compound) return std::nullopt;
    const Nutrient* nutrient = c_.nutrient(compound->nutrient);
    ProductResult result;
    result.id = input.id;
    result.nutrient = compound->nutrient;
    result.form = compound->id;
    result.form_name = compound->name.in(locale_);
    result.typed_form = input.form;
    result.amount_basis = input.basis == AmountBasis::compound ? "compound" : "elemental";
    result.laxative = compound->laxative;
    result.sources = compound->sources;
    double theoretical = compound->composition.elemental_fraction.value;
    // A percentage typed by the person first; else the maker's stated content of a branded ingredient
    // typed by its brand name (data/compounds.json "stated"); else the formula's.
    const StatedPercent* stated = input.elemental_percent ? nullptr : compound->stated_for(input.form);
    std::optional<double> percent = input.elemental_percent ? input.elemental_percent
                                    : stated                ? std::optional<double>(stated->elemental_percent)
                                                            : std::nullopt;
    result.elemental_fraction = {percent ? *percent / 100.0 : theoretical};
    result.elemental_fraction_basis = percent ? "manufacturer" : "formula";
    if (stated)
      for (const auto& id : stated->sources)
        if (std::find(result.sources.begin(), result.sources.end(), id) == result.sources.end()) result.sources.push_back(id);
    if (input.basis == AmountBasis::compound) {
      result.compound_per_unit = {input.amount_mg};
      result.elemental_per_unit = elemental_from_compound(result.compound_per_unit, result.elemental_fraction);
    } else {
      result.elemental_per_unit = {input.amount_mg};
      result.compound_per_unit = {input.amount_mg / result.elemental_fraction.value};
    }
    result.elemental_per_dose = result.elemental_per_unit * input.units_per_dose;
    result.elemental_per_day = result.elemental_per_dose * input.doses_per_day;
    result.mmol_per_day = to_mmol(result.elemental_per_day, nutrient->element_molar_mass);
    result.meq_per_day = to_meq(result.mmol_per_day, nutrient->valence);
    for (const auto& time : input.times) result.times.push_back(time.text());
    add_sources(result.sources);
    add_sources(nutrient->sources);

    if (variants.size() > 1 && input.basis == AmountBasis::compound && !input.elemental_percent) {
      std::string list;
      std::vector<std::string> variant_sources;
      for (const Compound* variant : variants) {
        list += (list.empty() ? "" : "; ") + variant->name.in(locale_) + " " +
                number_in(locale_, variant->composition.elemental_fraction.value * 100, 1) + " %";
        variant_sources.insert(variant_sources.end(), variant->sources.begin(), variant->sources.end());
      }
      warn("form_variant_assumed",
           {{"typed", input.form.substr(0, 80)}, {"variants", list}, {"chosen", compound->name.in(locale_)},
            {"percent", number_in(locale_, theoretical * 100, 1)}, {"nutrient", nutrient_name(compound->nutrient)}},
           variant_sources, {input.id});
    }
    if (compound->is_topical_name(input.form))
      warn("topical_form", {{"typed", input.form.substr(0, 80)}}, {}, {input.id});
    if (input.elemental_percent && *input.elemental_percent > theoretical * 100 + 0.5) {
      warn("buffered_blend_likely",
           {{"percent", number_in(locale_, *input.elemental_percent, 1)},
            {"form", compound->name.in(locale_)},
            {"theoretical", number_in(locale_, theoretical * 100, 1)}},
           compound->sources, {input.id});
    }
    return result;
  }

  // Out of line (as find_interactions is): names are resolved only once the knowledge base is loaded, so
  // the browser need not compile this for the first result.
  [[gnu::noinline]]
  void resolve_names(const std::vector<NamedInput>& items, const std::string& list_path, bool medicines,
                     std::vector<ResolvedInput>& inputs, Report& report) {
    std::vector<NameKind> kinds = medicines ? std::vector<NameKind>{NameKind::medicine, NameKind::supplement}
                                            : std::vector<NameKind>{NameKind::supplement, NameKind::medicine};
    for (size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i];
      std::string path = list_path + std::to_string(i) + "/name";
      const Substance* substance = nullptr;
      bool via_form = false;
      std::vector<std::string> form_sources;  // the compound's, which say what it is and how much magnesium it holds
      if (const NameEntry* entry = c_.names.find_exact(item.name, kinds)) {
        substance = c_.substance(entry->target_id);
      } else if (const NameEntry* form = c_.names.find_exact(item.name, {NameKind::form})) {
        // "magnesium glycinate" typed as a supplement, or "milk of magnesia" as a medicine: it is
        // magnesium (its amount is unknown here).
        const Compound* compound = form->is_group ? nullptr : c_.compound(form->target_id);
        const CompoundGroup* group = form->is_group ? c_.compound_group(form->target_id) : nullptr;
        std::string nutrient = compound ? compound->nutrient : group ? group->nutrient : "";
        if (const Nutrient* n = c_.nutrient(nutrient)) substance = c_.substance(n->substance);
        via_form = true;
        const Compound* cited = compound ? compound : group && !group->compound_ids.empty() ? c_.compound(group->compound_ids.front()) : nullptr;
        if (cited) form_sources = cited->sources;
      }
      if (!substance) {
        // A name as printed on a pharmacy label, with its salt ("sertraline hydrochloride"): the medicine,
        // said openly, as a corrected typo is.
        std::string base = without_salt(item.name);
        if (const NameEntry* entry = base.empty() ? nullptr : c_.names.find_exact(base, kinds)) {
          substance = c_.substance(entry->target_id);
          if (substance) report.interpreted.push_back({item.name, path, entry->display, substance->id});
        }
      }
      if (!substance) {
        auto matches = c_.names.search(item.name, 6, kinds);
        if (!matches.empty() && !matches[0].exact() && is_confident_typo(matches, item.name)) {
          substance = c_.substance(matches[0].entry->target_id);
          if (substance)
            report.interpreted.push_back({item.name, path, matches[0].entry->display, substance->id});
        }
        if (!substance) {
          UnrecognizedName unknown{item.name.substr(0, 200), path, {}};
          // Each suggestion is a name the page can put in the field as it is: the substance's name in the
          // request's language ("Omeprazole" / "Omeprazol"), which always resolves.
          for (const auto& match : matches) {
            const Substance* suggested = c_.substance(match.entry->target_id);
            std::string suggestion = suggested ? suggested->display_name(locale_) : match.entry->display;
            if (unknown.suggestions.size() < 5 &&
                std::find(unknown.suggestions.begin(), unknown.suggestions.end(), suggestion) == unknown.suggestions.end())
              unknown.suggestions.push_back(suggestion);
          }
          report.unrecognized.push_back(unknown);
          continue;
        }
      }
      ResolvedInput resolved{item.name, path, substance, medicines, item.amount_mg_per_day, minutes(item.times)};
      if (via_form || substance->magnesium_source) {
        resolved.contains_magnesium = true;
        resolved.magnesium_sources = substance->magnesium_source ? substance->sources : form_sources;
      }
      inputs.push_back(resolved);
    }
  }

  // A typo is corrected silently only when one target is clearly closest: one or two edits (two only
  // for long names) and no other target as close.
  // A prefix ("zolof" -> Zoloft) must be the prefix of one medicine only: "predni" could be prednisone
  // or prednisolone, so it is listed as not recognised with both as suggestions.
  static bool is_confident_typo(const std::vector<NameMatch>& matches, const std::string& typed) {
    const NameMatch& best = matches[0];
    size_t length = name_key(typed).size();
    bool fuzzy_enough = best.distance > 0 && (best.distance == 1 ? length >= 5 : best.distance == 2 && length >= 9);
    bool prefix = best.score >= 700 && best.score < 1000 && length >= 5;
    if (!fuzzy_enough && !prefix) return false;
    for (size_t i = 1; i < matches.size(); ++i) {
      const NameMatch& other = matches[i];
      if (other.entry->target_id == best.entry->target_id) continue;
      if (prefix ? other.score >= 700 : (other.score >= best.score || (other.distance > 0 && other.distance <= best.distance)))
        return false;
    }
    return true;
  }

  std::optional<EgfrResult> assess_kidney(Report&) {
    const auto& kidney = q_.person.kidney;
    if (!kidney) return std::nullopt;
    EgfrResult result;
    if (kidney->egfr) {
      result.value = *kidney->egfr;
      result.basis = "given";
    } else if (kidney->creatinine_mg_dl || kidney->creatinine_umol_l) {
      if (q_.person.age_years < c_.threshold("egfr_min_age_years")) {
        warn("egfr_adults_only", {}, c_.threshold_sources("egfr_min_age_years"));
        return std::nullopt;
      }
      // umol/L -> mg/dL via creatinine's molar mass: 1 mg/dL = 10 mg/L = 10/M mmol/L.
      double mg_dl = kidney->creatinine_mg_dl ? *kidney->creatinine_mg_dl
                                              : *kidney->creatinine_umol_l * c_.creatinine_molar_mass / 10000.0;
      result.creatinine_mg_dl = round_to(mg_dl, 2);
      result.value = ckd_epi_2021(c_.egfr_equation, mg_dl, q_.person.age_years, q_.person.sex == Sex::female);
      result.basis = "ckd_epi_2021";
      result.sources = c_.egfr_equation.sources;
      if (kidney->creatinine_umol_l) result.sources.insert(result.sources.end(), c_.creatinine_sources.begin(), c_.creatinine_sources.end());
    } else {
      return std::nullopt;
    }
    // One decimal, and the thresholds below (30, 60, the G categories) are applied to that same value:
    // rounded to a whole number, a typed 29.5 or a computed 29.51 became 30 and escaped "below 30".
    result.value = round_to(result.value, 1);
    if (const GfrCategory* category = gfr_category_of(c_, result.value)) {
      result.category = category->id;
      result.category_name = category->name.in(locale_);
    }
    result.sources.insert(result.sources.end(), c_.gfr_category_sources.begin(), c_.gfr_category_sources.end());
    add_sources(result.sources);
    return result;
  }

  bool kidney_impaired(const Report& report) const {
    if (report.egfr) return report.egfr->value < c_.threshold("kidney_moderate_below_egfr");
    return q_.person.kidney && q_.person.kidney->status && *q_.person.kidney->status == "ckd";
  }

  bool row_matches_age(const ReferenceBand& row, const std::string& nutrient) const {
    return row.authority == q_.reference && row.nutrient == nutrient && q_.person.age_years >= row.age_min &&
           q_.person.age_years < row.age_max;
  }

  const RecommendedRow* recommended_row(const std::string& nutrient) const {
    for (const auto& row : c_.recommended) {
      if (!row_matches_age(row, nutrient)) continue;
      if (row.sex != SexFilter::any && (row.sex == SexFilter::male) != (q_.person.sex == Sex::male)) continue;
      if (row.pregnancy != PregnancyFilter::any) {
        PregnancyFilter wanted = q_.person.pregnancy == Pregnancy::pregnant    ? PregnancyFilter::pregnant
                                 : q_.person.pregnancy == Pregnancy::lactating ? PregnancyFilter::lactating
                                                                               : PregnancyFilter::none;
        if (row.pregnancy != wanted) continue;
      }
      return &row;
    }
    return nullptr;
  }

  const UpperLimitRow* upper_limit_row(const std::string& nutrient) const {
    for (const auto& row : c_.upper_limits)
      if (row_matches_age(row, nutrient)) return &row;
    return nullptr;
  }

  void assess_nutrients(Report& report) {
    std::vector<std::string> order;
    for (const auto& product : report.products)
      if (std::find(order.begin(), order.end(), product.nutrient) == order.end()) order.push_back(product.nutrient);
    for (const auto& [nutrient, mg] : q_.diet_mg_per_day)
      if (std::find(order.begin(), order.end(), nutrient) == order.end()) order.push_back(nutrient);
    const Authority* authority = c_.authority(q_.reference);
    for (const auto& id : order) {
      const Nutrient* nutrient = c_.nutrient(id);
      if (!nutrient) continue;
      NutrientResult result;
      result.nutrient = id;
      result.name = nutrient->name.in(locale_);
      result.authority = q_.reference;
      result.authority_name = authority ? authority->name.in(locale_) : q_.reference;
      for (const auto& product : report.products)
        if (product.nutrient == id) result.supplement_per_day = result.supplement_per_day + product.elemental_per_day;
      auto diet = q_.diet_mg_per_day.find(id);
      if (diet != q_.diet_mg_per_day.end()) result.diet_mg_per_day = diet->second;
      result.total_per_day = {result.supplement_per_day.value + result.diet_mg_per_day.value_or(0)};
      result.supplement_mmol_per_day = to_mmol(result.supplement_per_day, nutrient->element_molar_mass);
      result.supplement_meq_per_day = to_meq(result.supplement_mmol_per_day, nutrient->valence);
      if (const RecommendedRow* row = recommended_row(id)) {
        result.recommended_mg_per_day = row->mg;
        result.recommended_kind = row->kind;
        result.recommended_note = row->note.in(locale_);
        result.sources.insert(result.sources.end(), row->sources.begin(), row->sources.end());
      }
      const UpperLimitRow* ul = upper_limit_row(id);
      if (ul) {
        result.upper_limit_mg_per_day = ul->mg;
        result.upper_limit_note = ul->note.in(locale_);
        result.sources.insert(result.sources.end(), ul->sources.begin(), ul->sources.end());
      }
      result.upper_limit_scope = c_.upper_limit_scope.in(locale_);
      result.sources.insert(result.sources.end(), c_.upper_limit_scope_sources.begin(), c_.upper_limit_scope_sources.end());
      double supplement = round_to(result.supplement_per_day.value, 1);
      double total = round_to(result.total_per_day.value, 1);
      if (result.upper_limit_mg_per_day && supplement > *result.upper_limit_mg_per_day) result.status = "above_upper_limit";
      else if (!result.recommended_mg_per_day) result.status = "no_reference_value";
      else if (total >= *result.recommended_mg_per_day) result.status = "meets_recommended";
      else result.status = "below_recommended";
      std::vector<std::string> unique_sources;
      for (const auto& id : result.sources)
        if (std::find(unique_sources.begin(), unique_sources.end(), id) == unique_sources.end()) unique_sources.push_back(id);
      result.sources = unique_sources;
      add_sources(result.sources);

      if (result.status == "above_upper_limit") {
        warn("above_upper_limit",
             {{"supplement_mg", number_in(locale_, supplement, 0)}, {"nutrient", nutrient_name(id)},
              {"authority", result.authority_name}, {"upper_limit_mg", number_in(locale_, *result.upper_limit_mg_per_day, 0)}},
             ul->sources, {id});
      } else if (ul && !ul->mg && supplement > 0 && q_.person.age_years >= 1) {
        warn("no_upper_limit_set", {{"note", ul->note.in(locale_)}}, ul->sources, {id});
      }
      if (!result.diet_mg_per_day && supplement > 0) warn("diet_not_given", {{"nutrient", nutrient_name(id)}}, {}, {id});
      laxative_warning(report, id);
      report.nutrients.push_back(result);
    }
  }

  void laxative_warning(const Report& report, const std::string& nutrient) {
    double laxative_mg = 0;
    std::vector<std::string> forms, subjects, sources;
    for (const auto& product : report.products) {
      if (product.nutrient != nutrient || !product.laxative) continue;
      laxative_mg += product.elemental_per_day.value;
      if (std::find(forms.begin(), forms.end(), product.form_name) == forms.end()) forms.push_back(product.form_name);
      subjects.push_back(product.id);
      sources.insert(sources.end(), product.sources.begin(), product.sources.end());
    }
    double threshold = c_.threshold("laxative_forms_mg_per_day");
    if (laxative_mg <= threshold) return;
    std::string list;
    for (size_t i = 0; i < forms.size(); ++i) list += (i ? ", " : "") + forms[i];
    const auto& threshold_sources = c_.threshold_sources("laxative_forms_mg_per_day");
    sources.insert(sources.end(), threshold_sources.begin(), threshold_sources.end());
    warn("laxative_form",
         {{"forms", list}, {"mg", number_in(locale_, laxative_mg, 0)}, {"threshold_mg", number_in(locale_, threshold, 0)}},
         sources, subjects);
  }

  void person_warnings(const Report& report) {
    bool takes_supplement = !report.products.empty() || !q_.supplements.empty();
    if (q_.person.age_years < 1 && takes_supplement) warn("infant_supplement", {});
    if (report.egfr) {
      std::string egfr = number_in(locale_, report.egfr->value, 1);
      if (report.egfr->value < c_.threshold("kidney_severe_below_egfr"))
        warn("kidney_severe", {{"egfr", egfr}}, c_.threshold_sources("kidney_severe_below_egfr"));
      else if (report.egfr->value < c_.threshold("kidney_moderate_below_egfr"))
        warn("kidney_moderate", {{"egfr", egfr}}, c_.threshold_sources("kidney_moderate_below_egfr"));
    } else if (q_.person.kidney && q_.person.kidney->status && *q_.person.kidney->status == "ckd") {
      warn("kidney_disease_reported", {});
    } else if (!report.products.empty() &&
               (!q_.person.kidney || (q_.person.kidney->status && *q_.person.kidney->status == "unknown"))) {
      warn("kidney_unknown", {});
    }
    for (const auto& condition : q_.person.conditions) warn(condition, {});
    if (q_.person.pregnancy == Pregnancy::pregnant) warn("pregnancy", {});
    if (q_.person.pregnancy == Pregnancy::lactating) warn("lactation", {});
  }

  void medicine_warnings(const std::vector<ResolvedInput>& inputs) {
    for (const auto& input : inputs) {
      if (!input.from_medicines || !input.contains_magnesium) continue;
      warn("magnesium_in_medicine", {{"medicine", utf8_prefix(input.typed, 80)}}, input.magnesium_sources);
    }
  }
};

}  // namespace

AssessOutcome assess(const Catalog& catalog, const Request& request) {
  if (!catalog.problems.empty()) {
    AssessOutcome outcome;
    outcome.errors.push_back({ErrorCode::internal_error, "",
                              "The built-in clinical data failed validation: " + catalog.problems.front(), {}});
    return outcome;
  }
  return Assessor(catalog, request).run();
}

}  // namespace dosecalc
