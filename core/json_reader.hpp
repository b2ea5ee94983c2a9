// Validating access to untrusted JSON: every problem becomes an InputError naming the field by JSON
// pointer, and nothing here throws or aborts on bad input.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors.hpp"
#include "json_value.hpp"
#include "text.hpp"

namespace dosecalc {

using json = JsonValue;

enum class Presence { required, optional };

struct ParseOutcome {
  json value;
  std::optional<InputError> error;
};

// The size limit is checked before parsing and the nesting limit while parsing, so a 10 MB string or
// a 100,000-deep array never costs more than a scan.
ParseOutcome parse_untrusted_json(std::string_view text, size_t max_bytes, int max_depth);

// Messages are written in `locale`: a request's errors in its own "locale" (the page shows them beside
// the field), the data loader's in English.
class FieldReader {
 public:
  FieldReader(const json& object, std::string path, std::vector<InputError>& errors, Locale locale = Locale::en);

  std::string path_of(std::string_view key) const;
  bool present(std::string_view key) const;  // present and not null
  const json* get(std::string_view key) const { return object_.find(key); }

  std::optional<double> number(std::string_view key, Presence presence, double min, double max,
                               std::string_view unit = "");
  std::optional<std::string> string(std::string_view key, Presence presence, size_t max_length);
  std::optional<std::string> choice(std::string_view key, Presence presence,
                                    const std::vector<std::string>& allowed);
  const json* object(std::string_view key, Presence presence);
  const json* array(std::string_view key, Presence presence, size_t max_items);

  // Reports the fields not in `known` as unknown_field, at most `max_reported` of them across the request.
  void reject_unknown(const std::vector<std::string>& known, size_t max_reported = 20);

  void add_error(ErrorCode code, std::string path, std::string message);
  Locale locale() const { return locale_; }

 private:
  const json* lookup(std::string_view key, Presence presence);
  const json& object_;
  std::string path_;
  std::vector<InputError>& errors_;
  Locale locale_;
};

// Checks that `value` at `path` is an object; reports wrong_type otherwise.
bool expect_object(const json& value, const std::string& path, std::vector<InputError>& errors,
                   Locale locale = Locale::en);

std::string json_type_name(const json& value, Locale locale = Locale::en);

// The English or the Spanish wording of an input error.
inline const char* in_locale(Locale locale, const char* en, const char* es) { return locale == Locale::es ? es : en; }

// A limit or a value quoted in an input error, with the locale's decimal mark ("0.1", "0,1").
std::string number_in(Locale locale, double value, int decimals = 3);

}  // namespace dosecalc
