// The whole WebAssembly binding: plain strings across the boundary, one call per core entry point.
// The friendly API (createCalculator) is web/dosecalc.js.
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "api.hpp"

namespace {

// The core data is embedded; the interaction knowledge base arrives later as text (loadKnowledge).
std::unique_ptr<dosecalc::Catalog> loaded_catalog;

const dosecalc::Catalog& catalog() { return loaded_catalog ? *loaded_catalog : dosecalc::embedded_catalog(); }

std::string load_knowledge(const std::string& bundle_text) {
  auto candidate = std::make_unique<dosecalc::Catalog>(
      dosecalc::load_catalog_with({{"dosecalc-knowledge.json", bundle_text}}));
  std::string status = dosecalc::knowledge_status_json(*candidate);
  if (candidate->problems.empty()) loaded_catalog = std::move(candidate);  // else keep the catalog we had
  return status;
}

std::string assess(const std::string& request_text) {
  return dosecalc::assess_request_text(catalog(), request_text).json;
}

std::string search_names(const std::string& text, int limit, const std::string& kinds, const std::string& locale) {
  return dosecalc::search_names_json(catalog(), text, limit, kinds, locale);
}

std::string forms(const std::string& locale) { return dosecalc::forms_json(catalog(), locale); }

std::string data_version() { return catalog().data_version; }

std::string error_codes() { return dosecalc::error_codes_json(); }

}  // namespace

EMSCRIPTEN_BINDINGS(dosecalc) {
  emscripten::function("_assess", &assess);
  emscripten::function("_searchNames", &search_names);
  emscripten::function("_forms", &forms);
  emscripten::function("_dataVersion", &data_version);
  emscripten::function("_errorCodes", &error_codes);
  emscripten::function("_loadKnowledge", &load_knowledge);
}
