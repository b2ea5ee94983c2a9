// Assessment behaviour against sourced expectations (clinical-facts.md §1, §5, §6).
#include <set>

#include "helpers.hpp"

using nlohmann::json;
using namespace dosecalc::test;

TEST_CASE("Products: compound weight becomes elemental magnesium", "[assess]") {
  // 500 mg magnesium glycerophosphate compound x 2 tablets x 2 doses: 12.51 % Mg (facts §2.2).
  json report = run({{"person", adult()}, {"products", {product("magnesium glycerophosphate", 500, "compound", 2, 2)}}});
  const json& p = report.at("products").at(0);
  CHECK(p.at("form") == "magnesium_glycerophosphate");
  CHECK(p.at("elemental_fraction").get<double>() == Approx(0.1251).margin(0.0001));
  CHECK(p.at("elemental_mg_per_unit").get<double>() == Approx(62.5).margin(0.1));
  CHECK(p.at("elemental_mg_per_dose").get<double>() == Approx(125.1).margin(0.1));
  CHECK(p.at("elemental_mg_per_day").get<double>() == Approx(250.2).margin(0.1));
  CHECK(p.at("mmol_per_day").get<double>() == Approx(250.2 / 24.305).margin(0.01));
  CHECK(p.at("meq_per_day").get<double>() == Approx(2 * 250.2 / 24.305).margin(0.01));
}

TEST_CASE("Products: an elemental label amount is taken as it is", "[assess]") {
  json report = run({{"person", adult()}, {"products", {product("magnesium glycinate", 200, "elemental")}}});
  const json& p = report.at("products").at(0);
  CHECK(p.at("elemental_mg_per_day").get<double>() == Approx(200));
  CHECK(p.at("compound_mg_per_unit").get<double>() == Approx(200 / 0.1410).margin(1));
}

TEST_CASE("Products: a manufacturer-stated percentage overrides the formula", "[assess]") {
  // Magtein: 2,000 mg magnesium L-threonate gives 144 mg (7.2 %), below the formula's 8.25 %.
  json magtein = product("Magtein", 2000, "compound");
  magtein["elemental_percent"] = 7.2;
  json report = run({{"person", adult()}, {"products", {magtein}}});
  CHECK(report.at("products").at(0).at("elemental_mg_per_day").get<double>() == Approx(144));
  CHECK(report.at("products").at(0).at("elemental_fraction_basis") == "manufacturer");
  CHECK_FALSE(has_warning(report, "buffered_blend_likely"));

  json buffered = product("magnesium glycinate", 1000, "compound");
  buffered["elemental_percent"] = 20;  // above the 14.1 % possible for the pure chelate
  CHECK(has_warning(run({{"person", adult()}, {"products", {buffered}}}), "buffered_blend_likely"));
}

TEST_CASE("Products: a branded ingredient typed by its brand uses its maker's stated content", "[assess]") {
  // Magtein: 2,000 mg of compound provides 144 mg magnesium (7.2 %), below the formula's 8.25 % (facts 2.3).
  json brand = run({{"person", adult()}, {"products", {product("Magtein", 2000, "compound")}}});
  const json& p = brand.at("products").at(0);
  CHECK(p.at("form") == "magnesium_l_threonate");
  CHECK(p.at("elemental_mg_per_day").get<double>() == Approx(144).margin(0.05));
  CHECK(p.at("elemental_fraction_basis") == "manufacturer");
  CHECK(std::find(p.at("sources").begin(), p.at("sources").end(), "magtein-threonate") != p.at("sources").end());
  // The compound by its chemical name keeps the formula's figure; a percentage typed by the person wins.
  json generic = run({{"person", adult()}, {"products", {product("magnesium L-threonate", 2000, "compound")}}});
  CHECK(generic.at("products").at(0).at("elemental_mg_per_day").get<double>() == Approx(165.1).margin(0.1));
  CHECK(generic.at("products").at(0).at("elemental_fraction_basis") == "formula");
  json typed = product("Magtein", 2000, "compound");
  typed["elemental_percent"] = 8;
  CHECK(run({{"person", adult()}, {"products", {typed}}}).at("products").at(0).at("elemental_mg_per_day").get<double>() ==
        Approx(160).margin(0.05));
  // Search and "did you mean" offer the brand by its own name, so picking it keeps the stated content.
  json found = json::parse(dosecalc::search_names_json(dosecalc::embedded_catalog(), "Magt", 5, "form", "en"));
  REQUIRE_FALSE(found.empty());
  CHECK(found.at(0).at("name") == "Magtein");
  json typo = run({{"person", adult()}, {"products", {product("Magtien", 2000, "compound")}}});
  CHECK(typo.at("errors").at(0).at("suggestions").at(0) == "Magtein");
}

TEST_CASE("Products: human names, brands of forms and accents resolve", "[assess]") {
  for (const auto& [typed, id] : std::vector<std::pair<std::string, std::string>>{
           {"Epsom salt", "magnesium_sulfate_heptahydrate"},
           {"milk of magnesia", "magnesium_hydroxide"},
           {"Magnesium Bisglycinate", "magnesium_bisglycinate"},
           {"Óxido de magnesio", "magnesium_oxide"},
           {"MAGNESIUM-OXIDE", "magnesium_oxide"},
           {"magnesium_taurate", "magnesium_taurate"}}) {
    INFO(typed);
    json report = run({{"person", adult()}, {"products", {product(typed, 100, "compound")}}});
    REQUIRE(report.contains("products"));
    CHECK(report.at("products").at(0).at("form") == id);
  }
}

TEST_CASE("Products: an ambiguous name takes the richest variant and says so", "[assess]") {
  json report = run({{"person", adult()}, {"products", {product("magnesium citrate", 500, "compound")}}});
  CHECK(report.at("products").at(0).at("form") == "magnesium_citrate_trimagnesium_anhydrous");
  CHECK(report.at("products").at(0).at("elemental_mg_per_day").get<double>() == Approx(80.8).margin(0.1));
  CHECK(has_warning(report, "form_variant_assumed"));
  // Flakes are sold as the hexahydrate (12.0 %, facts 2.4), not the anhydrous chloride the group's richest
  // variant would give (25.5 %).
  json flakes = run({{"person", adult()}, {"products", {product("magnesium flakes", 1000, "compound")}}});
  CHECK(flakes.at("products").at(0).at("form") == "magnesium_chloride_hexahydrate");
  CHECK(flakes.at("products").at(0).at("elemental_mg_per_day").get<double>() == Approx(119.6).margin(0.1));
  CHECK_FALSE(has_warning(flakes, "form_variant_assumed"));
  // With the label's elemental amount the variant does not matter: no warning.
  CHECK_FALSE(has_warning(run({{"person", adult()}, {"products", {product("magnesium citrate", 100, "elemental")}}}),
                          "form_variant_assumed"));
}

TEST_CASE("Reference values: US RDA by age, sex and pregnancy (IOM 1997)", "[assess][reference]") {
  struct Case {
    double age;
    const char* sex;
    const char* pregnancy;
    double rda;
    double ul;
  };
  const Case cases[] = {{25, "male", "none", 400, 350},   {45, "male", "none", 420, 350},
                        {25, "female", "none", 310, 350}, {45, "female", "none", 320, 350},
                        {17, "male", "none", 410, 350},   {17, "female", "pregnant", 400, 350},
                        {25, "female", "pregnant", 350, 350}, {35, "female", "pregnant", 360, 350},
                        {35, "female", "lactating", 320, 350}, {6, "female", "none", 130, 110},
                        {2, "male", "none", 80, 65},      {10, "male", "none", 240, 350},
                        {13, "female", "none", 240, 350},
                        // "Pregnancy <= 18 y: 400; lactation <= 18 y: 360" (IOM 1997 p. 239, facts 1.1), below 14 too.
                        {13.5, "female", "pregnant", 400, 350}, {12, "female", "lactating", 360, 350}};
  for (const auto& c : cases) {
    INFO(c.age << " " << c.sex << " " << c.pregnancy);
    json person = adult(c.age, c.sex);
    person["pregnancy"] = c.pregnancy;
    json n = run({{"person", person}, {"products", {product("magnesium oxide", 100, "elemental")}}}).at("nutrients").at(0);
    CHECK(n.at("recommended_mg_per_day").get<double>() == c.rda);
    CHECK(n.at("upper_limit_mg_per_day").get<double>() == c.ul);
  }
}

TEST_CASE("Reference values: EU (EFSA) and UK (COMA/NHS)", "[assess][reference]") {
  auto nutrient = [](const char* reference, double age, const char* sex) {
    return run({{"reference", reference}, {"person", adult(age, sex)}, {"products", {product("magnesium oxide", 100, "elemental")}}})
        .at("nutrients")
        .at(0);
  };
  CHECK(nutrient("eu", 45, "male").at("recommended_mg_per_day") == 350);
  CHECK(nutrient("eu", 45, "female").at("recommended_mg_per_day") == 300);
  CHECK(nutrient("eu", 45, "female").at("upper_limit_mg_per_day") == 250);
  CHECK(nutrient("eu", 2, "female").at("recommended_mg_per_day") == 170);
  CHECK(nutrient("eu", 2, "female").at("upper_limit_mg_per_day").is_null());  // EFSA: none for 1-3 y
  CHECK(nutrient("eu", 15, "female").at("recommended_mg_per_day") == 250);
  CHECK(nutrient("uk", 45, "male").at("recommended_mg_per_day") == 300);
  CHECK(nutrient("uk", 45, "female").at("recommended_mg_per_day") == 270);
  CHECK(nutrient("uk", 45, "female").at("upper_limit_mg_per_day") == 400);
  CHECK(nutrient("uk", 12, "female").at("recommended_mg_per_day") == 280);
  CHECK(nutrient("us", 0.3, "female").at("upper_limit_mg_per_day").is_null());  // infants: none set
  CHECK(nutrient("us", 0.3, "female").at("recommended_kind") == "AI");
}

TEST_CASE("Upper limit counts supplements only; food counts towards the recommended intake", "[assess]") {
  json request = {{"person", adult(45, "male")},
                  {"products", {product("magnesium glycinate", 300, "elemental")}},
                  {"diet", {{"magnesium_mg_per_day", 300}}}};
  json n = run(request).at("nutrients").at(0);
  CHECK(n.at("supplement_mg_per_day") == 300);
  CHECK(n.at("total_mg_per_day") == 600);
  CHECK(n.at("status") == "meets_recommended");  // 600 total >= 420, and 300 supplemental <= 350

  request["products"] = {product("magnesium glycinate", 360, "elemental")};
  request["diet"] = {{"magnesium_mg_per_day", 0}};
  json report = run(request);
  CHECK(report.at("nutrients").at(0).at("status") == "above_upper_limit");
  CHECK(has_warning(report, "above_upper_limit"));

  request["products"] = {product("magnesium glycinate", 100, "elemental")};
  request["diet"] = {{"magnesium_mg_per_day", 100}};
  CHECK(run(request).at("nutrients").at(0).at("status") == "below_recommended");
}

TEST_CASE("Warnings: under-1s, pregnancy, conditions, laxative forms", "[assess][warnings]") {
  CHECK(has_warning(run({{"person", adult(0.5, "female")}, {"products", {product("magnesium citrate", 20, "elemental")}}}),
                    "infant_supplement"));
  json pregnant = adult(30, "female");
  pregnant["pregnancy"] = "pregnant";
  CHECK(has_warning(run({{"person", pregnant}, {"products", {product("magnesium oxide", 100, "elemental")}}}), "pregnancy"));
  json conditions = adult();
  conditions["conditions"] = {"myasthenia_gravis", "heart_block"};
  json report = run({{"person", conditions}, {"products", {product("magnesium oxide", 100, "elemental")}}});
  CHECK(has_warning(report, "myasthenia_gravis"));
  CHECK(has_warning(report, "heart_block"));
  // Laxative forms above 250 mg/day (BfR: no diarrhoea up to 250 mg/day on top of the diet).
  CHECK(has_warning(run({{"person", adult()}, {"products", {product("magnesium oxide", 300, "elemental")}}}), "laxative_form"));
  CHECK_FALSE(has_warning(run({{"person", adult()}, {"products", {product("magnesium oxide", 200, "elemental")}}}), "laxative_form"));
  CHECK_FALSE(has_warning(run({{"person", adult()}, {"products", {product("magnesium glycinate", 300, "elemental")}}}), "laxative_form"));
}

TEST_CASE("Kidney: CKD-EPI 2021 eGFR and thresholds", "[assess][kidney]") {
  auto with_kidney = [](json kidney, double age = 55, const char* sex = "female") {
    json person = adult(age, sex);
    person["kidney"] = kidney;
    return run({{"person", person}, {"products", {product("magnesium glycinate", 100, "elemental")}}});
  };
  // NKF worked check (facts §5.1): woman, 55 y, Scr 0.9 mg/dL -> eGFR about 76.
  json report = with_kidney({{"creatinine_mg_dl", 0.9}});
  CHECK(report.at("egfr").at("value").get<double>() == Approx(76).margin(1));
  CHECK(report.at("egfr").at("basis") == "ckd_epi_2021");
  CHECK(report.at("egfr").at("category") == "G2");
  // 79.6 umol/L is 0.9 mg/dL (creatinine 113.12 g/mol): the same eGFR.
  CHECK(with_kidney({{"creatinine_umol_l", 79.6}}).at("egfr").at("value") == report.at("egfr").at("value"));
  CHECK(has_warning(with_kidney({{"egfr", 25}}), "kidney_severe"));
  CHECK(has_warning(with_kidney({{"egfr", 45}}), "kidney_moderate"));
  CHECK(with_kidney({{"egfr", 45}}).at("egfr").at("category") == "G3a");
  CHECK(with_kidney({{"egfr", 45}}).at("egfr").at("category_name") == "mildly to moderately decreased");  // KDIGO table 5
  CHECK_FALSE(has_warning(with_kidney({{"egfr", 60}}), "kidney_moderate"));
  CHECK(has_warning(with_kidney({{"creatinine_mg_dl", 3.0}}, 70, "male"), "kidney_severe"));
  // Thresholds apply to the eGFR as reported (one decimal), never to a whole number it was rounded to.
  json just_below = with_kidney({{"egfr", 29.5}});
  CHECK(just_below.at("egfr").at("value") == 29.5);
  CHECK(just_below.at("egfr").at("category") == "G4");
  CHECK(has_warning(just_below, "kidney_severe"));
  CHECK(has_warning(with_kidney({{"egfr", 59.5}}), "kidney_moderate"));
  CHECK(has_warning(with_kidney({{"egfr", 29.96}}), "kidney_moderate"));  // reported as 30
  // Man, 65 y, creatinine 2.38 mg/dL: CKD-EPI 2021 gives 29.5 (29.51), below 30.
  json computed = with_kidney({{"creatinine_mg_dl", 2.38}}, 65, "male");
  CHECK(computed.at("egfr").at("value") == 29.5);
  CHECK(has_warning(computed, "kidney_severe"));
  CHECK(has_warning(with_kidney({{"status", "ckd"}}), "kidney_disease_reported"));
  CHECK(has_warning(with_kidney({{"status", "unknown"}}), "kidney_unknown"));
  json child = with_kidney({{"creatinine_mg_dl", 0.5}}, 10);
  CHECK(child.at("egfr").is_null());
  CHECK(has_warning(child, "egfr_adults_only"));
}

TEST_CASE("Every warning and number in a report is sourced", "[assess][sources]") {
  json person = adult(70, "male");
  person["kidney"] = {{"creatinine_mg_dl", 2.5}};
  person["conditions"] = {"heart_block"};
  json report = run({{"person", person},
                     {"products", {product("magnesium citrate", 2000, "compound", 2, 2), product("Epsom salt", 5000, "compound")}}});
  std::set<std::string> listed;
  for (const auto& s : report.at("sources")) {
    CHECK(s.at("url").get<std::string>().rfind("http", 0) == 0);
    listed.insert(s.at("id").get<std::string>());
  }
  REQUIRE(report.at("warnings").size() >= 4);
  for (const auto& w : report.at("warnings")) {
    INFO(w.at("code"));
    CHECK_FALSE(w.at("sources").empty());
    for (const auto& id : w.at("sources")) CHECK(listed.count(id.get<std::string>()));
  }
  for (const auto& n : report.at("nutrients"))
    for (const auto& id : n.at("sources")) CHECK(listed.count(id.get<std::string>()));
}

TEST_CASE("Spanish requests get Spanish clinical text", "[assess][locale]") {
  json report = run({{"locale", "es"}, {"person", adult()}, {"products", {product("magnesium oxide", 400, "elemental")}}});
  CHECK(report.at("locale") == "es");
  bool spanish = false;
  for (const auto& w : report.at("warnings"))
    if (w.at("code") == "above_upper_limit") spanish = w.at("message").get<std::string>().find("límite superior") != std::string::npos;
  CHECK(spanish);
  // Numbers in Spanish text carry a decimal comma; KDIGO's category term is Spanish too.
  json person = adult();
  person["kidney"] = {{"egfr", 29.5}};
  json kidney = run({{"locale", "es"}, {"person", person}, {"products", {product("magnesium oxide", 100, "elemental")}}});
  CHECK(kidney.at("egfr").at("category_name") == "gravemente disminuido");
  bool comma = false;
  for (const auto& w : kidney.at("warnings"))
    if (w.at("code") == "kidney_severe") comma = w.at("message").get<std::string>().find("29,5") != std::string::npos;
  CHECK(comma);
}

// Magnesium oil and flakes are sold for the skin or the bath: the amount is still counted (some people
// dissolve food-grade flakes in a drink), and the report says what that means for the upper limit.
TEST_CASE("topical products: magnesium oil is counted and flagged, the plain chemical name is not") {
  json oil = run({{"person", adult()}, {"products", {{{"id", "spray"}, {"form", "Magnesium oil"}, {"amount_mg", 1000},
                                                      {"amount_basis", "compound"}}}}});
  REQUIRE(has_warning(oil, "topical_form"));
  for (const auto& w : oil.at("warnings")) {
    if (w.at("code") != "topical_form") continue;
    CHECK(w.at("subjects") == json::array({"spray"}));
    CHECK(w.at("message").get<std::string>().find("\"Magnesium oil\" is usually used on the skin or in a bath") != std::string::npos);
    CHECK(std::find(w.at("sources").begin(), w.at("sources").end(), "groeber-2017-transdermal") != w.at("sources").end());
  }
  CHECK(oil.at("products")[0].at("form") == "magnesium_chloride_hexahydrate");
  CHECK(oil.at("products")[0].at("elemental_mg_per_day") == Approx(119.6).margin(0.1));

  json es = run({{"locale", "es"}, {"person", adult()},
                 {"products", {{{"form", "aceite de magnesio"}, {"amount_mg", 1000}, {"amount_basis", "compound"}}}}});
  REQUIRE(has_warning(es, "topical_form"));
  for (const auto& w : es.at("warnings"))
    if (w.at("code") == "topical_form") CHECK(w.at("message").get<std::string>().find("suele aplicarse sobre la piel") != std::string::npos);

  for (const char* oral : {"magnesium chloride hexahydrate", "Epsom salt", "magnesium chloride"}) {
    INFO(oral);
    CHECK_FALSE(has_warning(run({{"person", adult()}, {"products", {{{"form", oral}, {"amount_mg", 1000}, {"amount_basis", "compound"}}}}}),
                            "topical_form"));
  }
}
