// The daily schedule: a time for every dose of the person's products that keeps every interaction's
// separation from the times they take their medicines and other supplements (docs/api.md, "Schedule").
// Medicines and supplements keep the times entered; products are placed, near the times entered when
// those fit, else spread over the waking day, at meals where there is room.
#pragma once
#include <string>
#include <vector>

#include "catalog.hpp"
#include "report.hpp"
#include "text.hpp"

namespace dosecalc {

// An interaction's separation between two entries of the request, in minutes each way.
struct SeparationConstraint {
  std::string rule_id;
  size_t supplement_input = 0, other_input = 0;  // indices into the ScheduleInput's entries
  int supplement_first_minutes = 0;              // after the supplement side, wait this long before the other
  int other_first_minutes = 0;                   // after the other side, wait this long before the supplement
};

// One entry of the request with doses in the day.
struct ScheduleEntry {
  std::string name;        // as the person reads it: the product's form name, the medicine as typed
  std::string kind;        // product | medicine | supplement
  std::string path;        // JSON pointer of the entry (/products/0)
  std::string product_id;  // products only
  bool movable = false;    // products: the schedule chooses their times
  double doses_per_day = 1;
  std::vector<int> entered_minutes;  // times entered, minutes after midnight
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
  static constexpr int min_gap_same_product_minutes = 60;
  static constexpr int default_wake_minutes = 7 * 60;
  static constexpr int default_bed_minutes = 22 * 60;
  static constexpr int max_doses_placed = 12;  // as many times as a product may list
};

ScheduleResult solve_schedule(const Catalog& catalog, const ScheduleInput& input);

}  // namespace dosecalc
