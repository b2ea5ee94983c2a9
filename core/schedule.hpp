// The daily schedule: a time for every dose of the person's products that keeps every interaction's
// separation from the times they take their medicines and other supplements (docs/api.md, "Schedule").
// Medicines and supplements keep the times entered; products are placed, near the times entered when
// those fit, else spread over the waking day, at meals where there is room.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "report.hpp"
#include "request.hpp"
#include "text.hpp"

namespace dosecalc {

// An interaction's separation between two entries of the request, in minutes each way; or, for a
// major or avoid interaction with no separation, the fact that timing does not help.
struct SeparationConstraint {
  std::string rule_id;
  size_t supplement_input = 0, other_input = 0;  // indices into the ScheduleInput's entries
  int supplement_first_minutes = 0;              // after the supplement side, wait this long before the other
  int other_first_minutes = 0;                   // after the other side, wait this long before the supplement
  bool timing_does_not_help = false;
};

// One entry of the request with doses in the day.
struct ScheduleEntry {
  std::string name;        // as the person typed it: the product's form, the medicine's name
  std::string kind;        // product | medicine | supplement
  std::string path;        // JSON pointer of the entry (/products/0)
  std::string product_id;  // products only
  bool movable = false;    // products: the schedule chooses their times
  double doses_per_day = 1;
  std::vector<int> entered_minutes;  // times entered, minutes after midnight
  std::string nutrient;    // products: doses of one nutrient from several products are spread, not stacked
};

struct ScheduleInput {
  std::vector<ScheduleEntry> entries;
  std::vector<SeparationConstraint> constraints;
  std::optional<int> wake_minutes, bed_minutes;
  std::vector<int> meal_minutes;
  Locale locale = Locale::en;
};

// Rules of the scheduler itself, not clinical ones (docs/api.md): the day's grid, the gap between two
// doses of one product, and the waking day assumed when the routine does not give it.
struct ScheduleRules {
  static constexpr int grid_minutes = 15;
  static constexpr int min_gap_same_product_minutes = 60;  // around the clock
  static constexpr int default_wake_minutes = 7 * 60;
  static constexpr int default_bed_minutes = 22 * 60;
  static constexpr int max_doses_placed = static_cast<int>(RequestLimits::max_times);  // as many times as a product may list
  // Spreading doses evenly, a meal up to this much farther away still wins: meals are easy to remember.
  static constexpr int meal_preference_minutes = 180;
  // Within the gap of another product's dose of the same nutrient counts as this much farther away:
  // more than a meal's pull, so two magnesium products are not stacked at a meal.
  static constexpr int stacking_penalty_minutes = 240;
  // When the entered times are not one per dose, each one that fits is kept: this outweighs any
  // distance (12 doses × a day) and meal preference.
  static constexpr int entered_preference_minutes = 100000;
  // Candidate times beyond the grid (where each stretch of allowed times starts and ends, and the times
  // an hour apart from those for the other doses) stop growing here, for very long lists of times.
  static constexpr size_t max_candidate_times = 400;
};

ScheduleResult solve_schedule(const Catalog& catalog, const ScheduleInput& input);

}  // namespace dosecalc
