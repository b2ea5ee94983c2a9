// Name search: case, accent and punctuation insensitive; brand -> generic; typo tolerant, ranked.
#include "helpers.hpp"

using namespace dosecalc;

namespace {
const NameEntry* exact(const char* text) { return embedded_catalog().names.find_exact(text, {NameKind::medicine, NameKind::supplement}); }
std::string top(const char* text, std::vector<NameKind> kinds = {NameKind::medicine, NameKind::supplement}) {
  auto matches = embedded_catalog().names.search(text, 5, kinds);
  return matches.empty() ? "" : matches.front().entry->target_id;
}
}  // namespace

TEST_CASE("Names: normalisation", "[names]") {
  CHECK(normalize_name("St. John's Wort\xC2\xAE") == "st johns wort");
  CHECK(normalize_name("  \xC3\x93xido   de magnesio ") == "oxido de magnesio");
  CHECK(normalize_name("Zoloft 50 mg") == "zoloft");
  CHECK(normalize_name("melatonin 3mg") == "melatonin");
  CHECK(name_key("5-HTP") == name_key("5 htp"));
  CHECK(normalize_name("5 HTP") == "5 htp");  // a name is never reduced to nothing
  CHECK(bounded_edit_distance("sertraline", "sertralin", 3) == 1);
  CHECK(bounded_edit_distance("zolfot", "zoloft", 3) == 1);  // transposition
  CHECK(bounded_edit_distance("abc", "xyzxyz", 2) == 3);     // gives up past the limit
}

TEST_CASE("Names: brands and synonyms lead to the generic", "[names]") {
  REQUIRE(exact("Zoloft"));
  CHECK(exact("Zoloft")->target_id == "sertraline");
  CHECK(exact("ZOLOFT")->target_id == "sertraline");
  CHECK(exact("Lustral")->target_id == "sertraline");  // UK brand
  CHECK(exact("paracetamol")->target_id == exact("acetaminophen")->target_id);
  CHECK(exact("Synthroid")->target_id == "levothyroxine");
  CHECK(exact("5-hydroxytryptophan")->target_id == "five_htp");
  CHECK(exact("Hypericum")->target_id == "st_johns_wort");
}

TEST_CASE("Names: typos and prefixes rank the intended name first", "[names]") {
  CHECK(top("sertralin") == "sertraline");
  CHECK(top("zolof") == "sertraline");
  CHECK(top("levothyroxin") == "levothyroxine");
  CHECK(top("cipro") == "ciprofloxacin");
  CHECK(top("omeprazol") == "omeprazole");
  CHECK(top("magnesium glycinat", {NameKind::form}) == "magnesium_bisglycinate");
  CHECK(top("epsom", {NameKind::form}) == "magnesium_sulfate_heptahydrate");
}

TEST_CASE("Names: combination products list their ingredients", "[names]") {
  const Substance* triumeq = embedded_catalog().substance(exact("Triumeq")->target_id);
  REQUIRE(triumeq);
  CHECK(std::find(triumeq->ingredients.begin(), triumeq->ingredients.end(), "dolutegravir") != triumeq->ingredients.end());
}

TEST_CASE("Names: Spanish names and brands resolve, and Spanish reports name substances in Spanish", "[names][locale]") {
  REQUIRE(exact("levotiroxina"));
  CHECK(exact("levotiroxina")->target_id == "levothyroxine");
  CHECK(exact("Ciprofloxacino")->target_id == "ciprofloxacin");
  CHECK(exact("ciprofloxacina")->target_id == "ciprofloxacin");  // Latin American spelling
  CHECK(exact("hierba de San Juan")->target_id == "st_johns_wort");
  CHECK(exact("Eutirox")->target_id == "levothyroxine");  // a brand in Spain
  CHECK(top("sertralin") == "sertraline");
  auto es = nlohmann::json::parse(search_names_json(embedded_catalog(), "sertral", 1, "medicine", "es"));
  CHECK(es.at(0).at("name") == "Sertralina");
  auto forms = nlohmann::json::parse(search_names_json(embedded_catalog(), "citrato de magn", 1, "form", "es"));
  CHECK(forms.at(0).at("name") == "Citrato de magnesio");
  nlohmann::json report = dosecalc::test::run(
      {{"locale", "es"}, {"person", dosecalc::test::adult()},
       {"products", {dosecalc::test::product("citrato de magnesio", 100, "elemental")}},
       {"medicines", {{{"name", "Eutirox"}}}}});
  REQUIRE_FALSE(report.at("interactions").empty());
  CHECK(report.at("interactions").at(0).at("substance_names") == nlohmann::json({"Magnesio", "Levotiroxina"}));
}

TEST_CASE("Names: a medicine as printed on its label, with its salt or strength, is that medicine, said openly", "[names]") {
  using nlohmann::json;
  using dosecalc::test::adult;
  using dosecalc::test::product;
  using dosecalc::test::run;
  for (const auto& [typed, substance] : std::vector<std::pair<std::string, std::string>>{
           {"sertraline hydrochloride", "sertraline"}, {"omeprazole magnesium", "omeprazole"},
           {"pantoprazole sodium", "pantoprazole"}, {"escitalopram oxalate", "escitalopram"},
           {"amitriptyline hydrochloride", "amitriptyline"}, {"sertralina clorhidrato", "sertraline"}}) {
    INFO(typed);
    json report = run({{"person", adult()}, {"products", {product("magnesium glycinate", 200, "elemental")}},
                       {"medicines", {{{"name", typed}}}}});
    REQUIRE(report.contains("interpreted"));
    REQUIRE(report.at("interpreted").size() == 1);
    CHECK(report.at("interpreted").at(0).at("substance") == substance);
    CHECK(report.at("unrecognized").empty());
  }
  // A strength in words is dropped like "50 mg"; an unknown word is not (no silent guess).
  json strength = run({{"person", adult()}, {"medicines", {{{"name", "levothyroxine 50 micrograms"}}}}});
  CHECK(strength.at("unrecognized").empty());
  CHECK(dosecalc::without_salt("sertraline") == "");
  CHECK(dosecalc::without_salt("magnesium") == "");  // never the whole name
  json unknown = run({{"person", adult()}, {"medicines", {{{"name", "sertraline extra"}}}}});
  CHECK(unknown.at("interpreted").empty());
}
