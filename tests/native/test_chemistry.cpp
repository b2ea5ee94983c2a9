// Elemental fractions computed from formulas must match the published table (clinical-facts.md §2.2,
// computed from CIAAW weights and cross-checked against PMC7397051 Table 3) to 0.05 percentage points,
// and reproduce the magnesium content printed on regulatory product labels (§2.3).
#include <catch2/catch.hpp>

#include "catalog.hpp"
#include "chemistry.hpp"

using namespace dosecalc;

TEST_CASE("Formula parser: counts atoms through parentheses and hydrates", "[chemistry]") {
  auto glycinate = parse_formula("Mg(C2H4NO2)2");
  REQUIRE(glycinate.counts);
  CHECK(glycinate.counts->at("Mg") == 1);
  CHECK(glycinate.counts->at("C") == 4);
  CHECK(glycinate.counts->at("H") == 8);
  CHECK(glycinate.counts->at("N") == 2);
  CHECK(glycinate.counts->at("O") == 4);

  auto epsom = parse_formula("MgSO4\xC2\xB7" "7H2O");
  REQUIRE(epsom.counts);
  CHECK(epsom.counts->at("H") == 14);
  CHECK(epsom.counts->at("O") == 11);

  auto citrate = parse_formula("Mg3(C6H5O7)2.9H2O");
  REQUIRE(citrate.counts);
  CHECK(citrate.counts->at("Mg") == 3);
  CHECK(citrate.counts->at("C") == 12);
  CHECK(citrate.counts->at("H") == 28);
  CHECK(citrate.counts->at("O") == 23);
}

TEST_CASE("Formula parser: rejects malformed formulas", "[chemistry]") {
  for (const char* bad : {"", "mg", "Mg(OH", "MgO)", "Mg#", "Mg(((((((((((O)))))))))))"}) {
    INFO(bad);
    CHECK_FALSE(parse_formula(bad).counts);
  }
}

TEST_CASE("Compound catalogue: elemental % matches the facts table within 0.05 points", "[chemistry][data]") {
  struct Expected {
    const char* id;
    double percent;
  };
  // clinical-facts.md §2.2, column "% Mg (w/w)".
  const Expected table[] = {
      {"magnesium_oxide", 60.30},
      {"magnesium_hydroxide", 41.68},
      {"magnesium_carbonate_anhydrous", 28.83},
      {"magnesium_chloride_anhydrous", 25.53},
      {"magnesium_chloride_hexahydrate", 11.96},
      {"magnesium_sulfate_anhydrous", 20.19},
      {"magnesium_sulfate_heptahydrate", 9.86},
      {"magnesium_citrate_trimagnesium_anhydrous", 16.16},
      {"magnesium_citrate_trimagnesium_nonahydrate", 11.89},
      {"magnesium_hydrogen_citrate", 11.34},
      {"magnesium_bisglycinate", 14.10},
      {"magnesium_malate_anhydrous", 15.54},
      {"magnesium_malate_trihydrate", 11.55},
      {"magnesium_lactate_anhydrous", 12.01},
      {"magnesium_lactate_dihydrate", 10.19},
      {"magnesium_gluconate_anhydrous", 5.86},
      {"magnesium_gluconate_dihydrate", 5.39},
      {"magnesium_aspartate_anhydrous", 8.42},
      {"magnesium_aspartate_dihydrate", 7.49},
      {"magnesium_hydrogen_aspartate_tetrahydrate", 6.74},
      {"magnesium_orotate_anhydrous", 7.27},
      {"magnesium_orotate_dihydrate", 6.56},
      {"magnesium_taurate", 8.92},
      {"magnesium_l_threonate", 8.25},
      {"magnesium_pidolate", 8.66},
      {"magnesium_ascorbate", 6.49},
      {"magnesium_glycerophosphate", 12.51},
  };
  const Catalog& catalog = embedded_catalog();
  for (const auto& row : table) {
    INFO(row.id);
    const Compound* compound = catalog.compound(row.id);
    REQUIRE(compound);
    CHECK(compound->composition.elemental_fraction.value * 100 == Approx(row.percent).margin(0.05));
  }
  CHECK(catalog.compounds.size() == sizeof table / sizeof table[0]);
}

TEST_CASE("Compound catalogue: molar masses match the facts table within 0.05 g/mol", "[chemistry][data]") {
  const Catalog& catalog = embedded_catalog();
  CHECK(catalog.compound("magnesium_sulfate_heptahydrate")->composition.molar_mass_g_per_mol == Approx(246.47).margin(0.05));
  CHECK(catalog.compound("magnesium_citrate_trimagnesium_anhydrous")->composition.molar_mass_g_per_mol == Approx(451.11).margin(0.05));
  CHECK(catalog.compound("magnesium_glycerophosphate")->composition.molar_mass_g_per_mol == Approx(194.36).margin(0.05));
  CHECK(catalog.compound("magnesium_citrate_trimagnesium_anhydrous")->composition.nutrient_atoms == 3);
}

TEST_CASE("Compound catalogue: reproduces regulatory label amounts", "[chemistry][data]") {
  const Catalog& catalog = embedded_catalog();
  auto elemental = [&](const char* id, double compound_mg) {
    return compound_mg * catalog.compound(id)->composition.elemental_fraction.value;
  };
  // UK SmPC (emc 11577): 777.6 mg magnesium glycerophosphate = 97.2 mg = 4 mmol Mg.
  CHECK(elemental("magnesium_glycerophosphate", 777.6) == Approx(97.2).margin(0.1));
  // Spanish SmPC Magnesioboi: 404.85 mg magnesium lactate (anhydrous) = 48.62 mg Mg.
  CHECK(elemental("magnesium_lactate_anhydrous", 404.85) == Approx(48.62).margin(0.05));
  // Magnesium-ratiopharm: 1803 mg bis(hydrogen-DL-aspartate) tetrahydrate = 121.5 mg = 5 mmol Mg.
  CHECK(elemental("magnesium_hydrogen_aspartate_tetrahydrate", 1803) == Approx(121.5).margin(0.2));
  // US MgSO4 label: 1 g MgSO4·7H2O = 98.6 mg Mg = 8.12 mEq.
  double mg = elemental("magnesium_sulfate_heptahydrate", 1000);
  CHECK(mg == Approx(98.6).margin(0.1));
  const Nutrient* magnesium = catalog.nutrient("magnesium");
  CHECK(to_meq(to_mmol({mg}, magnesium->element_molar_mass), magnesium->valence).value == Approx(8.12).margin(0.01));
}

TEST_CASE("Units: mmol and mEq of magnesium", "[chemistry]") {
  const Nutrient* magnesium = embedded_catalog().nutrient("magnesium");
  // clinical-facts.md §6: 1 mmol Mg = 24.305 mg; 1 mmol = 2 mEq; UL 350 mg = 14.4 mmol = 28.8 mEq.
  CHECK(to_mmol({24.305}, magnesium->element_molar_mass).value == Approx(1.0));
  CHECK(to_mmol({350}, magnesium->element_molar_mass).value == Approx(14.4).margin(0.01));
  CHECK(to_meq(to_mmol({350}, magnesium->element_molar_mass), magnesium->valence).value == Approx(28.8).margin(0.02));
}
