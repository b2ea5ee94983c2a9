// The one list of error codes shared by the core, the CLI, the wasm module, the JS API and docs/api.md.
// tests/native/test_contract.cpp checks that docs/api.md and web/dosecalc.d.ts list exactly these codes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace dosecalc {

#define DOSECALC_ERROR_CODES(X)                                                        \
  X(invalid_json, "The request is not valid JSON.")                                   \
  X(too_large, "The request text is larger than the 1 MiB limit.")                   \
  X(too_deep, "The request nests arrays or objects more than 32 levels deep.")       \
  X(missing_field, "A required field is missing.")                                    \
  X(wrong_type, "A field has the wrong JSON type.")                                   \
  X(out_of_range, "A number is outside the accepted range.")                          \
  X(unknown_value, "A field has a value outside its fixed vocabulary.")               \
  X(unknown_field, "The object has a field that the contract does not define.")      \
  X(unknown_form, "A product form is not in the compound catalogue.")                 \
  X(invalid_time, "A time is not a 24-hour HH:MM string.")                             \
  X(too_long, "A string or an array is longer than its limit.")                       \
  X(conflict, "Two fields contradict each other.")                                     \
  X(duplicate, "A value that must be unique appears twice.")                           \
  X(internal_error, "The calculator failed unexpectedly; the request was not assessed.")

enum class ErrorCode {
#define DOSECALC_ENUM_ENTRY(name, description) name,
  DOSECALC_ERROR_CODES(DOSECALC_ENUM_ENTRY)
#undef DOSECALC_ENUM_ENTRY
};

std::string_view error_code_name(ErrorCode code);
std::string_view error_code_description(ErrorCode code);
std::vector<ErrorCode> all_error_codes();

struct InputError {
  ErrorCode code;
  std::string path;  // JSON pointer to the offending field ("" is the whole request)
  std::string message;
  std::vector<std::string> suggestions;  // e.g. close names for an unknown form
};

// Escapes one JSON-pointer reference token (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string json_pointer_token(std::string_view key);

}  // namespace dosecalc
