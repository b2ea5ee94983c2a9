// Quantities that carry their unit in the type, so that elemental mg, compound (salt) mg, mmol and mEq
// are never mixed by accident. Conversions that need a substance's molar mass or valence take it
// explicitly.
#pragma once

namespace dosecalc {

struct ElementalMg {
  double value = 0;
};
struct CompoundMg {
  double value = 0;
};
struct Mmol {
  double value = 0;
};
struct Meq {
  double value = 0;
};

// Mass fraction of the nutrient element in a compound, 0..1.
struct ElementalFraction {
  double value = 0;
};

inline ElementalMg operator+(ElementalMg a, ElementalMg b) { return {a.value + b.value}; }
inline ElementalMg operator*(ElementalMg a, double factor) { return {a.value * factor}; }

inline ElementalMg elemental_from_compound(CompoundMg compound, ElementalFraction fraction) {
  return {compound.value * fraction.value};
}

// molar_mass_g_per_mol is the element's atomic weight (mg per mmol).
inline Mmol to_mmol(ElementalMg mass, double molar_mass_g_per_mol) { return {mass.value / molar_mass_g_per_mol}; }

// valence: charge of the ion (Mg2+ -> 2); 1 mmol of a divalent ion is 2 mEq.
inline Meq to_meq(Mmol amount, int valence) { return {amount.value * valence}; }

}  // namespace dosecalc
