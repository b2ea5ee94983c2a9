#include "interactions.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "request.hpp"
#include "sorting.hpp"

namespace dosecalc {

int severity_rank(const std::string& severity) {
  if (severity == "avoid") return 4;
  if (severity == "major") return 3;
  if (severity == "moderate") return 2;
  return 1;
}

namespace {

// A substance an input brings: its own, or an ingredient of a combination product.
struct Carried {
  const Substance* substance;
  bool own;  // false for an ingredient of a combination
};

std::vector<Carried> carried_substances(const Catalog& catalog, const Substance* substance) {
  std::vector<Carried> out{{substance, true}};
  for (const auto& id : substance->ingredients)
    if (const Substance* ingredient = catalog.substance(id)) out.push_back({ingredient, false});
  return out;
}

// How specifically a rule side names a substance: 3 the input's own substance, 2 an ingredient of it,
// 1 a class of either; 0 no match.
int side_specificity(const RuleSide& side, const Carried& carried) {
  if (side.is_class) {
    const auto& classes = carried.substance->classes;
    return std::find(classes.begin(), classes.end(), side.id) != classes.end() ? 1 : 0;
  }
  if (side.id != carried.substance->id) return 0;
  return carried.own ? 3 : 2;
}

struct Candidate {
  const InteractionRule* rule;
  int specificity;
  const Substance* supplement;
  const Substance* other;
  size_t supplement_input, other_input;  // the rule's sides, as entered
};

// Two entries, whichever of them a rule takes as its supplement side: 5-HTP with L-tryptophan is one pair
// whether a rule reads it "L-tryptophan with a serotonergic" or "5-HTP with L-tryptophan".
struct PairKey {
  size_t supplement_input, other_input;
  std::string kind;
  bool operator<(const PairKey& o) const {
    return std::tie(supplement_input, other_input, kind) < std::tie(o.supplement_input, o.other_input, o.kind);
  }
};

double longest_separation(const InteractionRule& rule) {
  double longest = 0;
  for (const auto& s : rule.separations) longest = std::max({longest, s.medicine_first_hours, s.supplement_first_hours});
  return longest;
}

bool better(const Candidate& a, const Candidate& b) {
  if (a.specificity != b.specificity) return a.specificity > b.specificity;
  if (severity_rank(a.rule->severity) != severity_rank(b.rule->severity))
    return severity_rank(a.rule->severity) > severity_rank(b.rule->severity);
  return longest_separation(*a.rule) > longest_separation(*b.rule);
}

std::string hours_text(double lo, double hi, Locale locale) {
  return lo == hi ? number_in(locale, lo, 1) + " h" : number_in(locale, lo, 1) + "–" + number_in(locale, hi, 1) + " h";
}

// Checks every pair of entered times of two inputs that an interaction with a separation joins. A dose
// is followed by the other's next dose (wrapping past midnight): supplement then other needs
// supplement_first_hours, other then supplement needs medicine_first_hours; the same time breaks both.
void check_entered_times(const Catalog& catalog, const std::vector<ResolvedInput>& inputs,
                         const std::map<PairKey, Candidate>& chosen, const InteractionContext& context, Report& report) {
  constexpr size_t kMaxConflicts = 50;
  for (const auto& [key, candidate] : chosen) {
    const InteractionRule& rule = *candidate.rule;
    if (rule.separations.empty()) continue;
    double supplement_first = 0, medicine_first = 0;
    for (const auto& s : rule.separations) {
      supplement_first = std::max(supplement_first, s.supplement_first_hours);
      medicine_first = std::max(medicine_first, s.medicine_first_hours);
    }
    const ResolvedInput& supplement = inputs[candidate.supplement_input];
    const ResolvedInput& other = inputs[candidate.other_input];
    for (int supplement_time : supplement.times) {
      for (int other_time : other.times) {
        int supplement_to_other = minutes_forward(supplement_time, other_time);
        int other_to_supplement = minutes_forward(other_time, supplement_time);
        struct Check {
          const ResolvedInput* first;
          int first_time;
          const ResolvedInput* second;
          int second_time;
          int gap;
          double required;
        };
        std::vector<Check> checks;
        if (supplement_to_other == 0)  // the same time breaks the rule whichever comes first: one entry
          checks.push_back({&supplement, supplement_time, &other, other_time, 0, std::max(supplement_first, medicine_first)});
        else
          checks = {Check{&supplement, supplement_time, &other, other_time, supplement_to_other, supplement_first},
                    Check{&other, other_time, &supplement, supplement_time, other_to_supplement, medicine_first}};
        for (const Check& c : checks) {
          if (c.required <= 0 || c.gap >= c.required * 60) continue;
          if (report.timing_conflicts.size() >= kMaxConflicts) return;
          TimingConflict conflict;
          conflict.rule_id = rule.id;
          conflict.substances = {candidate.supplement->id, candidate.other->id};
          conflict.first_name = c.first->typed;
          conflict.first_time = clock_text(c.first_time);
          conflict.second_name = c.second->typed;
          conflict.second_time = clock_text(c.second_time);
          conflict.required_hours = c.required;
          conflict.actual_hours = round_to(c.gap / 60.0, 1);
          conflict.message = fill_template(
              catalog.phrase(c.gap == 0 ? "timing_conflict_same_time" : "timing_conflict").in(context.locale),
              {{"first", conflict.first_name}, {"first_time", conflict.first_time}, {"second", conflict.second_name},
               {"second_time", conflict.second_time}, {"actual", number_in(context.locale, conflict.actual_hours, 1)},
               {"required", number_in(context.locale, c.required, 1)}});
          bool duplicate = false;
          for (const auto& existing : report.timing_conflicts)
            duplicate = duplicate || (existing.message == conflict.message && existing.rule_id == conflict.rule_id);
          if (!duplicate) report.timing_conflicts.push_back(conflict);
        }
      }
    }
  }
}

}  // namespace

// Out of line: the first result (no knowledge base yet) never calls it, so the browser need not compile it.
[[gnu::noinline]]
void find_interactions(const Catalog& catalog, const std::vector<ResolvedInput>& inputs,
                       const InteractionContext& context, Report& report,
                       std::vector<SeparationConstraint>* separations) {
  // Daily amount of each supplement substance, where every input of it gives one.
  std::map<std::string, double> mg_per_day;
  std::set<std::string> amount_unknown;
  for (const auto& input : inputs) {
    if (input.mg_per_day) mg_per_day[input.substance->id] += *input.mg_per_day;
    else amount_unknown.insert(input.substance->id);
  }

  std::map<PairKey, Candidate> chosen;
  std::map<PairKey, std::string> condition_notes;
  for (size_t si = 0; si < inputs.size(); ++si) {
    for (size_t oi = 0; oi < inputs.size(); ++oi) {
      if (si == oi) continue;
      for (const Carried& s : carried_substances(catalog, inputs[si].substance)) {
        for (const Carried& o : carried_substances(catalog, inputs[oi].substance)) {
          if (s.substance == o.substance) continue;
          for (const auto& rule : catalog.rules) {
            int supplement_match = side_specificity(rule.supplement, s);
            int other_match = supplement_match ? side_specificity(rule.other, o) : 0;
            if (!supplement_match || !other_match) continue;
            const auto& conditions = rule.conditions;
            if (conditions.route == "intravenous") continue;  // we assess oral products only
            if (conditions.kidney_impaired && !context.kidney_impaired) continue;
            std::string note;
            if (conditions.min_supplement_mg_per_day) {
              double threshold = *conditions.min_supplement_mg_per_day;
              bool known = !amount_unknown.count(s.substance->id) && mg_per_day.count(s.substance->id);
              if (known && mg_per_day[s.substance->id] < threshold) continue;
              if (!known)
                note = fill_template(catalog.phrase("condition_min_dose").in(context.locale),
                                     {{"mg", format_number(threshold, 0)}});
            }
            if (conditions.duration == "long_term") note = catalog.phrase("condition_long_term").in(context.locale);
            if (conditions.kidney_impaired) note = catalog.phrase("condition_kidney").in(context.locale);
            Candidate candidate{&rule, supplement_match + other_match, s.substance, o.substance, si, oi};
            PairKey key{std::min(si, oi), std::max(si, oi), rule.kind};
            auto found = chosen.find(key);
            if (found == chosen.end() || better(candidate, found->second)) {
              chosen[key] = candidate;
              condition_notes[key] = note;
            }
          }
        }
      }
    }
  }

  // One entry per rule and substance pair, listing every name that brought it.
  std::map<std::pair<std::string, std::string>, size_t> entry_of;
  for (const auto& [key, candidate] : chosen) {
    const InteractionRule& rule = *candidate.rule;
    auto id = std::make_pair(rule.id, candidate.supplement->id + "|" + candidate.other->id);
    auto found = entry_of.find(id);
    if (found != entry_of.end()) {
      auto& names = report.interactions[found->second].matched_names;
      for (const auto* typed : {&inputs[candidate.supplement_input].typed, &inputs[candidate.other_input].typed})
        if (std::find(names.begin(), names.end(), *typed) == names.end()) names.push_back(*typed);
      continue;
    }
    InteractionResult result;
    result.rule_id = rule.id;
    result.substances = {candidate.supplement->id, candidate.other->id};
    result.substance_names = {candidate.supplement->display_name(context.locale), candidate.other->display_name(context.locale)};
    result.matched_names = {inputs[candidate.supplement_input].typed, inputs[candidate.other_input].typed};
    result.severity = rule.severity;
    result.kind = rule.kind;
    result.mechanism = rule.mechanism.in(context.locale);
    result.summary = rule.summary.in(context.locale);
    result.management = rule.management.in(context.locale);
    result.condition_note = condition_notes[key];
    result.sources = rule.sources;
    result.last_reviewed = rule.last_reviewed;
    if (!rule.separations.empty()) {
      SeparationRange range{1e9, 0, 1e9, 0};
      for (const auto& s : rule.separations) {
        range.medicine_first_min = std::min(range.medicine_first_min, s.medicine_first_hours);
        range.medicine_first_max = std::max(range.medicine_first_max, s.medicine_first_hours);
        range.supplement_first_min = std::min(range.supplement_first_min, s.supplement_first_hours);
        range.supplement_first_max = std::max(range.supplement_first_max, s.supplement_first_hours);
        if (std::find(result.sources.begin(), result.sources.end(), s.source) == result.sources.end())
          result.sources.push_back(s.source);
      }
      // The most conservative value each way.
      result.separation = Separation{range.medicine_first_max, range.supplement_first_max};
      if (range.medicine_first_min != range.medicine_first_max ||
          range.supplement_first_min != range.supplement_first_max) {
        result.separation_range = range;
        std::string text = fill_template(
            catalog.phrase("separation_range_detail").in(context.locale),
            {{"other", candidate.other->display_name(context.locale)},
             {"other_first", hours_text(range.medicine_first_min, range.medicine_first_max, context.locale)},
             {"supplement", candidate.supplement->display_name(context.locale)},
             {"supplement_first", hours_text(range.supplement_first_min, range.supplement_first_max, context.locale)}});
        double longest = std::max(range.medicine_first_max, range.supplement_first_max);
        result.separation_note = fill_template(catalog.phrase("separation_range").in(context.locale),
                                               {{"range", text}, {"hours", number_in(context.locale, longest, 1)}});
      }
    }
    entry_of[id] = report.interactions.size();
    report.interactions.push_back(result);
  }
  check_entered_times(catalog, inputs, chosen, context, report);
  if (separations) {
    for (const auto& [key, candidate] : chosen) {
      SeparationConstraint constraint{candidate.rule->id, candidate.supplement_input, candidate.other_input, 0, 0};
      for (const auto& s : candidate.rule->separations) {
        constraint.supplement_first_minutes = std::max(constraint.supplement_first_minutes,
                                                       static_cast<int>(std::lround(s.supplement_first_hours * 60)));
        constraint.other_first_minutes = std::max(constraint.other_first_minutes,
                                                  static_cast<int>(std::lround(s.medicine_first_hours * 60)));
      }
      // A major or avoid interaction with no separation: timing does not help, and the schedule says so.
      constraint.timing_does_not_help = candidate.rule->separations.empty() && severity_rank(candidate.rule->severity) >= 3;
      if (constraint.timing_does_not_help || constraint.supplement_first_minutes > 0 || constraint.other_first_minutes > 0)
        separations->push_back(constraint);
    }
  }

  stable_sort_small(report.interactions, [](const InteractionResult& a, const InteractionResult& b) {
    if (severity_rank(a.severity) != severity_rank(b.severity)) return severity_rank(a.severity) > severity_rank(b.severity);
    return a.rule_id < b.rule_id;
  });

  // Recognised medicines that no rule joined to a supplement.
  bool any_supplement = std::any_of(inputs.begin(), inputs.end(), [](const ResolvedInput& input) {
    return !input.from_medicines || input.substance->kind == "supplement";
  });
  if (!any_supplement) return;
  std::set<size_t> involved;
  for (const auto& [key, candidate] : chosen) {
    involved.insert(key.supplement_input);
    involved.insert(key.other_input);
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    if (!input.from_medicines || involved.count(i) || input.contains_magnesium) continue;
    NoInteraction none;
    none.name = input.typed;
    none.substance = input.substance->id;
    none.substance_name = input.substance->display_name(context.locale);
    none.message = fill_template(catalog.phrase("no_interaction_found").in(context.locale), {{"medicine", input.typed}});
    report.no_interaction_found.push_back(none);
  }
}

}  // namespace dosecalc
