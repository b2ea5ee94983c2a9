#include "errors.hpp"

namespace dosecalc {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
#define DOSECALC_NAME_CASE(name, description) \
  case ErrorCode::name:                       \
    return #name;
    DOSECALC_ERROR_CODES(DOSECALC_NAME_CASE)
#undef DOSECALC_NAME_CASE
  }
  return "internal_error";
}

std::string_view error_code_description(ErrorCode code) {
  switch (code) {
#define DOSECALC_DESCRIPTION_CASE(name, description) \
  case ErrorCode::name:                              \
    return description;
    DOSECALC_ERROR_CODES(DOSECALC_DESCRIPTION_CASE)
#undef DOSECALC_DESCRIPTION_CASE
  }
  return "";
}

std::vector<ErrorCode> all_error_codes() {
  return {
#define DOSECALC_LIST_ENTRY(name, description) ErrorCode::name,
      DOSECALC_ERROR_CODES(DOSECALC_LIST_ENTRY)
#undef DOSECALC_LIST_ENTRY
  };
}

std::string json_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace dosecalc
