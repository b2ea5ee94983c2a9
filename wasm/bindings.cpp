// The whole WebAssembly binding: JSON text in, JSON text out, one call per core entry point.
// The friendly API (createCalculator) is web/dosecalc.js.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>

#include "api.hpp"

namespace {

// The core data is embedded; the interaction knowledge base arrives later as text (loadKnowledge).
std::unique_ptr<dosecalc::Catalog> loaded_catalog;

const dosecalc::Catalog& catalog() { return loaded_catalog ? *loaded_catalog : dosecalc::embedded_catalog(); }

// Each result goes back as its UTF-8 bytes: a view of this string in the module's memory, which
// web/dosecalc.js decodes at once with TextDecoder (the view is valid until the next call). Returned as
// std::string, embind 3.1.6 would scan the text byte by byte in JS before decoding it: 3-11 ms for the
// first report at 4x CPU slowdown, on the page's critical path (docs/performance.md).
std::string last_result;

emscripten::val result(std::string text) {
  last_result = std::move(text);
  // A memory_view returned by value would be an aggregate, which wasm32 returns through a hidden
  // pointer that embind 3.1.6's JS side does not pass; wrapped in a val it arrives as a Uint8Array.
  return emscripten::val(
      emscripten::typed_memory_view(last_result.size(), reinterpret_cast<const unsigned char*>(last_result.data())));
}

emscripten::val load_knowledge(const std::string& bundle_text) {
  auto candidate = std::make_unique<dosecalc::Catalog>(
      dosecalc::load_catalog_with({{"dosecalc-knowledge.json", bundle_text}}));
  std::string status = dosecalc::knowledge_status_json(*candidate);
  if (candidate->problems.empty()) loaded_catalog = std::move(candidate);  // else keep the catalog we had
  return result(std::move(status));
}

emscripten::val assess(const std::string& request_text) {
  return result(dosecalc::assess_request_text(catalog(), request_text).json);
}

emscripten::val search_names(const std::string& text, int limit, const std::string& kinds,
                                                    const std::string& locale) {
  return result(dosecalc::search_names_json(catalog(), text, limit, kinds, locale));
}

emscripten::val forms(const std::string& locale) {
  return result(dosecalc::forms_json(catalog(), locale));
}

emscripten::val data_version() { return result(catalog().data_version); }

emscripten::val error_codes() { return result(dosecalc::error_codes_json()); }

}  // namespace

EMSCRIPTEN_BINDINGS(dosecalc) {
  emscripten::function("_assess", &assess);
  emscripten::function("_searchNames", &search_names);
  emscripten::function("_forms", &forms);
  emscripten::function("_dataVersion", &data_version);
  emscripten::function("_errorCodes", &error_codes);
  emscripten::function("_loadKnowledge", &load_knowledge);
}
