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
