// The report half of the contract (docs/api.md). Plain structs; report_json.cpp turns them into JSON.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "errors.hpp"
#include "names.hpp"
#include "units.hpp"

namespace dosecalc {

struct ProductResult {
  std::string id;
  std::string nutrient;
  std::string form;       // compound id
  std::string form_name;  // in the request's language
  std::string typed_form;
  std::string amount_basis;  // elemental | compound
  ElementalFraction elemental_fraction;
  std::string elemental_fraction_basis;  // formula | manufacturer
  ElementalMg elemental_per_unit, elemental_per_dose, elemental_per_day;
  CompoundMg compound_per_unit;
  Mmol mmol_per_day;
  Meq meq_per_day;
  bool laxative = false;
  std::vector<std::string> times;
  std::vector<std::string> sources;
};

struct NutrientResult {
  std::string nutrient, name;
  ElementalMg supplement_per_day;
  std::optional<double> diet_mg_per_day;
  ElementalMg total_per_day;
  std::optional<double> recommended_mg_per_day;
  std::string recommended_kind;  // RDA | AI | RNI
  std::string recommended_note;
  std::optional<double> upper_limit_mg_per_day;
  std::string upper_limit_note;
  std::string upper_limit_scope;
  std::string authority, authority_name;
  std::string status;  // below_recommended | meets_recommended | above_upper_limit | no_reference_value
  Mmol supplement_mmol_per_day;
  Meq supplement_meq_per_day;
  std::vector<std::string> sources;
};

struct WarningResult {
  std::string code, severity, message;
  std::vector<std::string> sources;
  std::vector<std::string> subjects;  // product ids or nutrient ids the warning is about
};

struct EgfrResult {
  double value = 0;         // mL/min/1.73 m2, rounded to one decimal; every threshold is applied to this value
  std::string basis;        // given | ckd_epi_2021
  std::string category;     // KDIGO G1..G5
  std::string category_name;  // KDIGO's term for it, in the request's language
  std::optional<double> creatinine_mg_dl;
  std::vector<std::string> sources;
};

struct Separation {
  double medicine_first_hours = 0;
  double supplement_first_hours = 0;
};

struct SeparationRange {
  double medicine_first_min = 0, medicine_first_max = 0;
  double supplement_first_min = 0, supplement_first_max = 0;
};

struct InteractionResult {
  std::string rule_id;
  std::vector<std::string> substances;     // [supplement id, other id]
  std::vector<std::string> substance_names;
  std::vector<std::string> matched_names;  // what the person typed
  std::string severity, kind, mechanism, summary, management;
  std::optional<Separation> separation;
  std::optional<SeparationRange> separation_range;
  std::string separation_note;
  std::string condition_note;
  std::vector<std::string> sources;
  std::string last_reviewed;
};

// A pair of times the person entered that breaks an interaction's separation (times wrap at midnight).
struct TimingConflict {
  std::string rule_id;
  std::vector<std::string> substances;  // [supplement id, other id]
  std::string first_name, first_time;   // taken first
  std::string second_name, second_time; // taken too soon after
  double required_hours = 0;
  double actual_hours = 0;
  std::string message;
};

struct NoInteraction {
  std::string name, substance, substance_name, message;
};

struct UnrecognizedName {
  std::string name, path;
  std::vector<std::string> suggestions;
};

struct InterpretedName {
  std::string name, path, as, substance;
};

// One dose on the day's schedule.
struct ScheduledDose {
  int minutes = 0;         // after midnight: the time, for ordering (not written)
  std::string time;        // HH:MM
  std::string item;        // as the person reads it
  std::string kind;        // product | medicine | supplement
  std::string product_id;  // products only
  std::string path;        // the request entry
  int dose = 1, of = 1;    // the product's n-th dose of the day
  std::string origin;      // entered | moved | placed (products) | fixed (medicines, supplements)
  std::string entered_time;  // moved: the time entered for this dose
  bool at_meal = false;
  int every_days = 1;  // 1 daily; 2 for a product taken every other day (0.5 a day); 0 less than daily, irregularly
  std::vector<std::string> rule_ids;  // the interactions whose separation this time keeps
  std::string note;
};

// An entry the schedule could not place or take into account.
struct UnplacedEntry {
  std::string item, kind, path, product_id;
  std::string reason;  // no_time_given | doses_not_whole | too_many_doses | no_time_fits
  std::vector<std::string> rule_ids;
  std::string message;
};

struct ScheduleResult {
  std::string status = "not_computed";  // not_computed | solved | incomplete
  std::string reason;                   // not_computed: interaction_data_not_loaded | no_products
  std::string wake, bed;                // the waking day used (empty when not computed)
  std::vector<std::string> assumed;     // wake and/or bed when the routine did not give them
  std::vector<ScheduledDose> doses;
  std::vector<UnplacedEntry> unplaced;
  std::string message;
};

struct Report {
  std::string data_version;
  std::string reference;
  std::string locale;
  std::string interaction_data = "loaded";  // loaded | not_loaded
  std::vector<ProductResult> products;
  std::vector<NutrientResult> nutrients;
  std::optional<EgfrResult> egfr;
  std::vector<WarningResult> warnings;
  std::vector<InteractionResult> interactions;
  std::vector<TimingConflict> timing_conflicts;
  std::vector<NoInteraction> no_interaction_found;
  std::vector<UnrecognizedName> unrecognized;
  std::vector<InterpretedName> interpreted;
  ScheduleResult schedule;
  std::vector<std::string> sources;  // ids, in first-use order
};

}  // namespace dosecalc
