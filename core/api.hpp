// Text in, text out: the entry points shared by the CLI, the wasm binding and the tests. None of
// them throws; every failure is a JSON error document.
#pragma once
#include <string>
#include <string_view>

#include "catalog.hpp"

namespace dosecalc {

struct AssessText {
  std::string json;  // the report, or {"errors": [...]}
  bool ok = false;
};

AssessText assess_request_text(const Catalog& catalog, std::string_view request_text);

// [{"id","kind","name","matched","score"}]; kinds: "" for all, or a comma list of medicine,supplement,form.
// "name" is the canonical name in `locale` ("en" or "es"); "matched" is the alias that matched.
std::string search_names_json(const Catalog& catalog, std::string_view text, int limit, std::string_view kinds,
                              std::string_view locale = "en");

// {"groups": [{"id","name","nutrient","compounds": [{"id","name","elemental_percent","laxative"}]}]}:
// the compound catalogue for a form picker. locale: "en" or "es".
std::string forms_json(const Catalog& catalog, std::string_view locale);

// {"ok","data_version","substances","rules","problems"}: the state of a catalog after loading.
std::string knowledge_status_json(const Catalog& catalog);

// {"codes": [{"code","description"}]}: the one list of error codes.
std::string error_codes_json();

}  // namespace dosecalc
