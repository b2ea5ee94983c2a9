// The whole WebAssembly binding: plain strings across the boundary, one call per core entry point.
// The friendly API (createCalculator) is web/dosecalc.js.
#include <emscripten/bind.h>

#include <string>

#include "api.hpp"

namespace {

const dosecalc::Catalog& catalog() { return dosecalc::embedded_catalog(); }

std::string assess(const std::string& request_text) {
  return dosecalc::assess_request_text(catalog(), request_text).json;
}

std::string search_names(const std::string& text, int limit, const std::string& kinds) {
  return dosecalc::search_names_json(catalog(), text, limit, kinds);
}

std::string forms(const std::string& locale) { return dosecalc::forms_json(catalog(), locale); }

std::string data_version() { return catalog().data_version; }

int data_problem_count() { return static_cast<int>(catalog().problems.size()); }

std::string error_codes() { return dosecalc::error_codes_json(); }

}  // namespace

EMSCRIPTEN_BINDINGS(dosecalc) {
  emscripten::function("_assess", &assess);
  emscripten::function("_searchNames", &search_names);
  emscripten::function("_forms", &forms);
  emscripten::function("_dataVersion", &data_version);
  emscripten::function("_dataProblemCount", &data_problem_count);
  emscripten::function("_errorCodes", &error_codes);
}
