// Data validation: the shipped data has no problems, and the validator really catches each kind of
// mistake (so "no problems" means something).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "helpers.hpp"
#include "snapshot.hpp"

using namespace dosecalc;
using nlohmann::json;

namespace {

std::vector<DataFile> shipped_with(const std::string& name, const json& extra) {
  std::vector<DataFile> files = embedded_data_files();
  files.push_back({name, extra.dump()});
  return files;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool has_problem(const Catalog& catalog, const std::string& fragment) {
  for (const auto& p : catalog.problems)
    if (p.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("Shipped data: no problems, every source has a URL, every compound sourced", "[data]") {
  const Catalog& catalog = embedded_catalog();
  for (const auto& problem : catalog.problems) FAIL(problem);
  CHECK_FALSE(catalog.data_version.empty());
  for (const auto& [id, source] : catalog.sources) {
    INFO(id);
    CHECK(source.url.rfind("http", 0) == 0);
    CHECK_FALSE(source.title.empty());
  }
  for (const auto& rule : catalog.rules) {
    INFO(rule.id);
    CHECK_FALSE(rule.last_reviewed.empty());
    CHECK_FALSE(rule.summary.es.empty());  // Spanish is shipped for every rule
  }
}

TEST_CASE("Validator: catches unknown sources, duplicates, bad formulas, name clashes", "[data]") {
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"sources", {{{"id", "s1"}, {"title", "t"}, {"url", "ftp://x"}}}}})),
                    "no http(s) URL"));
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"sources", {{{"id", "nkf-ckd-epi-2021"}, {"title", "t"}, {"url", "https://x"}}}}})),
                    "duplicate source id"));
  json compound = {{"id", "magnesium_bad"}, {"group", "magnesium_oxide"}, {"name", "Bad"}, {"formula", "Mg(OH"},
                   {"sources", {"nkf-ckd-epi-2021"}}};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {compound}}})), "formula"));
  compound["formula"] = "MgO";
  compound["sources"] = {"no-such-source"};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {compound}}})), "unknown source"));
  json clash = {{"id", "fake_drug"}, {"kind", "medicine"}, {"name", "Fake"}, {"brands_us", {"Zoloft"}},
                {"sources", {"nkf-ckd-epi-2021"}}};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"substances", {clash}}})), "maps to both"));
  json rule = {{"id", "r"}, {"supplement", {{"substance", "magnesium"}}}, {"other", {{"class", "no_such_class"}}},
               {"severity", "catastrophic"}, {"kind", "absorption"}, {"summary", "s"}, {"management", "m"},
               {"sources", json::array()}};
  Catalog bad_rule = load_catalog(shipped_with("x.json", {{"rules", {rule}}}));
  CHECK(has_problem(bad_rule, "other side no_such_class is unknown"));
  CHECK(has_problem(bad_rule, "has severity catastrophic"));
  CHECK(has_problem(bad_rule, "rule r has no source"));
  CHECK(has_problem(bad_rule, "no last_reviewed"));
  // A maker's stated content: never above the formula's, never under a name the chemical goes by.
  json branded = {{"id", "magnesium_oxide_branded"}, {"group", "magnesium_oxide"}, {"name", "Branded oxide"}, {"formula", "MgO"},
                  {"sources", {"nkf-ckd-epi-2021"}},
                  {"stated", {{{"names", {"BrandOx"}}, {"elemental_percent", 75}, {"sources", {"nkf-ckd-epi-2021"}}}}}};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {branded}}})), "is not between 0 and the formula's"));
  branded["stated"][0]["elemental_percent"] = 50;
  CHECK_FALSE(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {branded}}})), "stated"));
  branded["stated"][0]["names"] = {"magnesium oxide"};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {branded}}})), "is also a name of the compound or its group"));
  // A topical name must be one the compound resolves by, else the warning could never fire.
  json topical = {{"id", "magnesium_oxide_topical"}, {"group", "magnesium_oxide"}, {"name", "Topical oxide"}, {"formula", "MgO"},
                  {"sources", {"nkf-ckd-epi-2021"}}, {"names", {"oxide cream"}}, {"topical_names", {"oxide lotion"}}};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {topical}}})), "topical name 'oxide lotion' is not one of its names"));
  topical["topical_names"] = {"Oxide Cream"};
  CHECK_FALSE(has_problem(load_catalog(shipped_with("x.json", {{"compounds", {topical}}})), "topical name"));
}

TEST_CASE("Validator: every age, sex and pregnancy state has exactly one reference row", "[data]") {
  // Overlapping row: two US values for 45-year-old women.
  json row = {{"authority", "us"}, {"nutrient", "magnesium"}, {"age_min", 40}, {"age_max", 50}, {"sex", "female"},
              {"pregnancy", "any"}, {"mg", 999}, {"kind", "RDA"}, {"sources", {"nkf-ckd-epi-2021"}}};
  CHECK(has_problem(load_catalog(shipped_with("x.json", {{"recommended", {row}}})), "2 recommended rows match age"));
  // Bundles (several data files in one JSON array) load like separate files.
  Catalog bundle = load_catalog({{"b.json", "[{\"classes\": [{\"id\": \"c1\"}]}, {\"classes\": [{\"id\": \"c2\"}]}]"}});
  CHECK(bundle.classes.count("c1") == 1);
  CHECK(bundle.classes.count("c2") == 1);
}

TEST_CASE("A catalog with problems refuses to assess", "[data]") {
  Catalog broken = load_catalog({{"empty.json", "{}"}});
  REQUIRE_FALSE(broken.problems.empty());
  auto result = assess_request_text(broken, R"({"person": {"age_years": 40, "sex": "male"}})");
  CHECK_FALSE(result.ok);
  CHECK(json::parse(result.json).at("errors").at(0).at("code") == "internal_error");
}

namespace {

bool is_knowledge_file(const DataFile& file) { return file.name == "interactions.json" || file.name == "substances.json"; }

std::vector<DataFile> core_files() {
  std::vector<DataFile> files;
  for (const auto& file : embedded_data_files())
    if (!is_knowledge_file(file)) files.push_back(file);
  return files;
}

std::vector<DataFile> knowledge_files() {
  std::vector<DataFile> files;
  for (const auto& file : embedded_data_files())
    if (is_knowledge_file(file)) files.push_back(file);
  return files;
}

std::vector<std::string> golden_requests() {
  std::vector<std::string> requests;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DOSECALC_SOURCE_DIR) + "/tests/golden"))
    if (entry.path().string().size() > 13 && entry.path().string().substr(entry.path().string().size() - 13) == ".request.json")
      requests.push_back(read_text(entry.path().string()));
  return requests;
}

}  // namespace

TEST_CASE("Catalog snapshot: reads back to the same catalog, giving the same reports and names", "[data][snapshot]") {
  // The wasm module starts from a snapshot of the core data (wasm/write-snapshot.cpp); natively the
  // embedded catalog also holds the knowledge base, so substances, classes and rules are covered too.
  const Catalog& original = embedded_catalog();
  REQUIRE(original.problems.empty());
  REQUIRE_FALSE(original.rules.empty());
  const std::string bytes = write_catalog_snapshot(original);
  const Catalog restored = read_catalog_snapshot(bytes);
  for (const auto& problem : restored.problems) FAIL(problem);
  CHECK(write_catalog_snapshot(restored) == bytes);
  CHECK(restored.data_version == original.data_version);
  CHECK(restored.creatinine_molar_mass == original.creatinine_molar_mass);
  CHECK(restored.names.entries().size() == original.names.entries().size());
  REQUIRE(restored.compounds.size() == original.compounds.size());
  for (size_t i = 0; i < original.compounds.size(); ++i)
    CHECK(restored.compounds[i].composition.elemental_fraction.value == original.compounds[i].composition.elemental_fraction.value);

  const auto requests = golden_requests();
  REQUIRE(requests.size() >= 9);
  for (const auto& request : requests) CHECK(assess_request_text(restored, request).json == assess_request_text(original, request).json);
  for (const char* text : {"zoloft", "magnesium citrate", "sertralin", "glicinato"})
    CHECK(search_names_json(restored, text, 8, "", "en") == search_names_json(original, text, 8, "", "en"));
  CHECK(forms_json(restored, "es") == forms_json(original, "es"));
}

TEST_CASE("Catalog snapshot: knowledge loaded onto it is the catalog of all the files, checked again", "[data][snapshot]") {
  // The page loads the knowledge bundle onto the module's snapshot of the core data (load_catalog_with).
  const Catalog core = read_catalog_snapshot(write_catalog_snapshot(load_catalog(core_files())));
  REQUIRE(core.problems.empty());
  REQUIRE(core.rules.empty());
  const Catalog combined = load_catalog_onto(core, knowledge_files());
  for (const auto& problem : combined.problems) FAIL(problem);
  CHECK(write_catalog_snapshot(combined) == write_catalog_snapshot(load_catalog(embedded_data_files())));

  // The cross-reference checks run on the combined catalog: a rule citing an unknown source is found,
  // and so is one naming a compound form the core data has no name for.
  json rule = {{"id", "x"}, {"supplement", {{"substance", "magnesium"}}}, {"other", {{"substance", "no-such-substance"}}},
               {"severity", "major"}, {"kind", "absorption"}, {"summary", "s"}, {"management", "m"},
               {"last_reviewed", "2026-01-01"}, {"sources", {"no-such-source"}}};
  const Catalog bad = load_catalog_onto(core, {{"bad.json", json{{"rules", {rule}}}.dump()}});
  CHECK(has_problem(bad, "unknown source"));
  CHECK(has_problem(bad, "is unknown"));
}

TEST_CASE("Catalog snapshot: damaged bytes give a problem, never a crash", "[data][snapshot]") {
  const std::string bytes = write_catalog_snapshot(load_catalog(core_files()));
  REQUIRE(bytes.size() > 1000);
  CHECK(has_problem(read_catalog_snapshot(""), "not a catalog snapshot"));
  CHECK(has_problem(read_catalog_snapshot("{\"data_version\": \"2026.11.22\"}"), "not a catalog snapshot"));
  CHECK(has_problem(read_catalog_snapshot(bytes + "x"), "bytes left over"));
  std::string other_version = bytes;
  other_version[std::string("dosecalc catalog snapshot ").size()] = '9';
  CHECK(has_problem(read_catalog_snapshot(other_version), "not a catalog snapshot"));
  // Cut short anywhere: the first 300 lengths, then every 97th.
  for (size_t length = 0; length < bytes.size(); length += (length < 300 ? 1 : 97)) {
    const Catalog cut = read_catalog_snapshot(std::string_view(bytes).substr(0, length));
    INFO(length);
    REQUIRE(cut.problems.size() == 1);
    CHECK(cut.problems[0].rfind("catalog snapshot: ", 0) == 0);
    CHECK(cut.compounds.empty());
  }
  // Bytes changed anywhere: either a problem or a catalog, but no crash and no runaway allocation.
  uint32_t state = 12345;
  for (int i = 0; i < 3000; ++i) {
    state = state * 1664525u + 1013904223u;
    std::string damaged = bytes;
    damaged[28 + state % (bytes.size() - 28)] = static_cast<char>(state >> 24);
    const Catalog result = read_catalog_snapshot(damaged);
    CHECK(result.problems.size() <= 1);
  }
}
