// Molecular formulas and molar masses, so elemental fractions are computed from standard atomic
// weights rather than typed in.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "units.hpp"

namespace dosecalc {

using ElementCounts = std::map<std::string, int>;
using AtomicWeights = std::map<std::string, double>;  // symbol -> g/mol

struct FormulaResult {
  std::optional<ElementCounts> counts;
  std::string error;
};

// Parses formulas such as "Mg(C2H4NO2)2", "Mg3(C6H5O7)2", "MgCl2·6H2O" or "MgSO4.7H2O".
FormulaResult parse_formula(std::string_view formula);

// Sum of atomic weights; nullopt (with `missing` set) when an element has no weight in the table.
std::optional<double> molar_mass(const ElementCounts& counts, const AtomicWeights& weights,
                                 std::string* missing = nullptr);

struct CompoundComposition {
  double molar_mass_g_per_mol = 0;   // including water of hydration
  int nutrient_atoms = 0;            // atoms of the nutrient element per formula unit
  ElementalFraction elemental_fraction;
};

std::optional<CompoundComposition> composition(const ElementCounts& anhydrous_counts, int hydrate_waters,
                                               const std::string& element, const AtomicWeights& weights,
                                               std::string* error);

}  // namespace dosecalc
