// Data validation: the shipped data has no problems, and the validator really catches each kind of
// mistake (so "no problems" means something).
#include <fstream>
#include <sstream>
#include <string>

#include "helpers.hpp"

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

TEST_CASE("Checks: the start-up load skips only the reference checks, and gives the same catalog", "[data]") {
  // The wasm module loads its embedded data with Checks::references_checked_at_build; its build runs the
  // full checks on the same files (wasm/check-data.mjs). What is skipped must be checks, never data.
  json compound = {{"id", "magnesium_unsourced"}, {"group", "magnesium_oxide"}, {"name", "Unsourced"}, {"formula", "MgO"},
                   {"sources", {"no-such-source"}}};
  auto files = shipped_with("x.json", {{"compounds", {compound}}});
  CHECK(has_problem(load_catalog(files), "unknown source"));
  CHECK_FALSE(has_problem(load_catalog(files, Checks::references_checked_at_build), "unknown source"));
  // Shape errors are still found without the reference checks.
  CHECK_FALSE(load_catalog({{"x.json", "{\"compounds\": 3}"}}, Checks::references_checked_at_build).problems.empty());

  const Catalog full = load_catalog(embedded_data_files());
  const Catalog quick = load_catalog(embedded_data_files(), Checks::references_checked_at_build);
  CHECK(quick.problems.empty());
  CHECK(quick.data_version == full.data_version);
  CHECK(quick.sources.size() == full.sources.size());
  CHECK(quick.warnings.size() == full.warnings.size());
  for (const char* path : {"/golden/citrate-compound-over-ul.request.json", "/golden/infant-pregnancy-kidney.request.json"}) {
    INFO(path);
    const std::string request = read_text(std::string(DOSECALC_SOURCE_DIR) + "/tests" + path);
    REQUIRE_FALSE(request.empty());
    CHECK(assess_request_text(quick, request).json == assess_request_text(full, request).json);
  }
}
