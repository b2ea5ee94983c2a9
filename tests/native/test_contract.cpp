// The contract shared by the CLI, the wasm module, the page and the docs: golden request/report pairs
// (the wasm tests in tests/js replay the same files and must print identical text), and the one list
// of error codes, which docs/api.md and web/dosecalc.d.ts must list exactly.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "errors.hpp"
#include "helpers.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::set<std::string> core_codes() {
  std::set<std::string> codes;
  for (auto code : dosecalc::all_error_codes()) codes.insert(std::string(dosecalc::error_code_name(code)));
  return codes;
}

}  // namespace

TEST_CASE("Golden reports: the CLI's text API reproduces every golden report exactly", "[contract]") {
  fs::path dir = fs::path(DOSECALC_SOURCE_DIR) / "tests" / "golden";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 13 || name.substr(name.size() - 13) != ".request.json") continue;
    fs::path report = dir / (name.substr(0, name.size() - 13) + ".report.json");
    INFO(name);
    REQUIRE(fs::exists(report));
    std::string expected = read_file(report);
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    CHECK(dosecalc::assess_request_text(dosecalc::embedded_catalog(), read_file(entry.path())).json == expected);
    ++cases;
  }
  CHECK(cases >= 8);
}

TEST_CASE("Error codes: docs/api.md lists exactly the core's codes", "[contract]") {
  std::string whole = read_file(fs::path(DOSECALC_SOURCE_DIR) / "docs" / "api.md");
  size_t start = whole.find("\n## Errors");
  REQUIRE(start != std::string::npos);
  std::string docs = whole.substr(start, whole.find("\n## ", start + 1) - start);
  // The error table's rows look like: | `code` | meaning |
  std::regex row(R"(\n\| `([a-z_]+)` \|)");
  std::set<std::string> documented;
  for (std::sregex_iterator it(docs.begin(), docs.end(), row), end; it != end; ++it) documented.insert((*it)[1]);
  CHECK(documented == core_codes());
}

TEST_CASE("Error codes: web/dosecalc.d.ts lists exactly the core's codes", "[contract]") {
  std::string types = read_file(fs::path(DOSECALC_SOURCE_DIR) / "web" / "dosecalc.d.ts");
  size_t start = types.find("export type ErrorCode =");
  REQUIRE(start != std::string::npos);
  std::string union_text = types.substr(start, types.find(';', start) - start);
  std::regex literal("'([a-z_]+)'");
  std::set<std::string> typed;
  for (std::sregex_iterator it(union_text.begin(), union_text.end(), literal), end; it != end; ++it) typed.insert((*it)[1]);
  CHECK(typed == core_codes());
}
