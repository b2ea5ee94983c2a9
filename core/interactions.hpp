// Pairs every supplement the person takes with their other medicines and supplements, applies the
// curated rules (most specific rule per pair and kind wins), and explains separation hours.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "report.hpp"
#include "schedule.hpp"
#include "text.hpp"

namespace dosecalc {

// One thing the person entered, resolved to a substance.
struct ResolvedInput {
  std::string typed;  // as entered: the product form or the medicine/supplement name
  std::string path;   // JSON pointer of the entry
  const Substance* substance = nullptr;
  bool from_medicines = false;
  std::optional<double> mg_per_day;  // elemental mg/day where known
  std::vector<int> times;            // minutes after midnight, as entered
  // Magnesium itself, typed as a name ("milk of magnesia", "Epsom salt" are forms), or a medicine that
  // contains it: the magnesium_in_medicine warning speaks for it, never "no interaction found".
  bool contains_magnesium = false;
  std::vector<std::string> magnesium_sources;  // for that warning
};

struct InteractionContext {
  bool kidney_impaired = false;
  Locale locale = Locale::en;
};

// `separations`, when given, receives each chosen rule's separation between two inputs (indices into
// `inputs`), the longest each way, for the schedule.
void find_interactions(const Catalog& catalog, const std::vector<ResolvedInput>& inputs,
                       const InteractionContext& context, Report& report,
                       std::vector<SeparationConstraint>* separations = nullptr);

int severity_rank(const std::string& severity);  // avoid 4, major 3, moderate 2, minor 1

}  // namespace dosecalc
