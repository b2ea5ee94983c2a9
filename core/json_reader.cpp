#include "json_reader.hpp"

#include <algorithm>
#include <cmath>

#include "json_writer.hpp"
#include "text.hpp"

namespace dosecalc {

ParseOutcome parse_untrusted_json(std::string_view text, size_t max_bytes, int max_depth) {
  ParseOutcome outcome;
  if (text.size() > max_bytes) {
    outcome.error = InputError{ErrorCode::too_large, "",
                               "The request is " + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(max_bytes) + " bytes.",
                               {}};
    return outcome;
  }
  JsonParseResult parsed = parse_json(text, max_depth);
  if (parsed.too_deep) {
    outcome.error = InputError{ErrorCode::too_deep, "",
                               "Arrays and objects may nest at most " + std::to_string(max_depth) + " levels deep.", {}};
  } else if (!parsed.ok) {
    outcome.error = InputError{ErrorCode::invalid_json, "",
                               "The request is not valid JSON (at byte " + std::to_string(parsed.error_offset) + ": " +
                                   parsed.error + ").",
                               {}};
  } else {
    outcome.value = std::move(parsed.value);
  }
  return outcome;
}

std::string json_type_name(const json& value, Locale locale) {
  if (value.is_null()) return in_locale(locale, "null", "null");
  if (value.is_boolean()) return in_locale(locale, "a boolean", "un booleano");
  if (value.is_number()) return in_locale(locale, "a number", "un número");
  if (value.is_string()) return in_locale(locale, "a string", "un texto");
  if (value.is_array()) return in_locale(locale, "an array", "una lista");
  if (value.is_object()) return in_locale(locale, "an object", "un objeto");
  return in_locale(locale, "an unknown type", "un tipo desconocido");
}

std::string number_in(Locale locale, double value, int decimals) {
  std::string text = format_number(value, decimals);
  if (locale == Locale::es) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

bool expect_object(const json& value, const std::string& path, std::vector<InputError>& errors, Locale locale) {
  if (value.is_object()) return true;
  errors.push_back({ErrorCode::wrong_type, path,
                    (path.empty() ? std::string(in_locale(locale, "The request", "La solicitud")) : path) +
                        in_locale(locale, " must be an object, not ", " debe ser un objeto, no ") +
                        json_type_name(value, locale) + ".",
                    {}});
  return false;
}

FieldReader::FieldReader(const json& object, std::string path, std::vector<InputError>& errors, Locale locale)
    : object_(object), path_(std::move(path)), errors_(errors), locale_(locale) {}

std::string FieldReader::path_of(std::string_view key) const { return path_ + "/" + json_pointer_token(key); }

bool FieldReader::present(std::string_view key) const {
  const json* found = object_.find(key);
  return found && !found->is_null();
}

void FieldReader::add_error(ErrorCode code, std::string path, std::string message) {
  errors_.push_back({code, std::move(path), std::move(message), {}});
}

const json* FieldReader::lookup(std::string_view key, Presence presence) {
  const json* found = object_.find(key);
  if (!found || found->is_null()) {
    if (presence == Presence::required) {
      add_error(ErrorCode::missing_field, path_of(key), path_of(key) + in_locale(locale_, " is required.", ": este dato es obligatorio."));
    }
    return nullptr;
  }
  return found;
}

std::optional<double> FieldReader::number(std::string_view key, Presence presence, double min, double max,
                                          std::string_view unit) {
  const json* value = lookup(key, presence);
  if (!value) return std::nullopt;
  std::string path = path_of(key);
  if (!value->is_number()) {
    add_error(ErrorCode::wrong_type, path,
              path + in_locale(locale_, " must be a number, not ", " debe ser un número, no ") + json_type_name(*value, locale_) + ".");
    return std::nullopt;
  }
  double number = value->number();
  // Units as the page shows them in Spanish; English keeps the contract's plain-text spelling.
  std::string shown_unit = unit == "years"            ? in_locale(locale_, "years", "años")
                           : unit == "mL/min/1.73 m2" ? in_locale(locale_, "mL/min/1.73 m2", "mL/min/1,73 m²")
                                                      : std::string(unit);
  std::string suffix = unit.empty() ? "" : " " + shown_unit;
  if (!std::isfinite(number) || number < min || number > max) {
    add_error(ErrorCode::out_of_range, path,
              path + in_locale(locale_, " must be between ", " debe estar entre ") + number_in(locale_, min) +
                  in_locale(locale_, " and ", " y ") + number_in(locale_, max) + suffix +
                  in_locale(locale_, " (got ", " (se indicó ") + number_in(locale_, number) + ").");
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> FieldReader::string(std::string_view key, Presence presence, size_t max_length) {
  const json* value = lookup(key, presence);
  if (!value) return std::nullopt;
  std::string path = path_of(key);
  if (!value->is_string()) {
    add_error(ErrorCode::wrong_type, path,
              path + in_locale(locale_, " must be a string, not ", " debe ser un texto, no ") + json_type_name(*value, locale_) + ".");
    return std::nullopt;
  }
  const auto& text = value->string();
  if (text.size() > max_length) {
    add_error(ErrorCode::too_long, path,
              path + in_locale(locale_, " is ", " tiene ") + std::to_string(text.size()) +
                  in_locale(locale_, " bytes of UTF-8; the limit is ", " bytes de UTF-8; el límite es ") + std::to_string(max_length) + ".");
    return std::nullopt;
  }
  if (presence == Presence::required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    add_error(ErrorCode::missing_field, path, path + in_locale(locale_, " must not be empty.", ": este dato no puede quedar vacío."));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> FieldReader::choice(std::string_view key, Presence presence,
                                               const std::vector<std::string>& allowed) {
  std::optional<std::string> text = string(key, presence, 64);
  if (!text) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
  std::string list;
  for (const auto& option : allowed) list += (list.empty() ? "" : ", ") + option;
  errors_.push_back({ErrorCode::unknown_value, path_of(key),
                     path_of(key) + in_locale(locale_, " must be one of: ", " debe ser uno de: ") + list +
                         in_locale(locale_, " (got \"", " (se indicó \"") + *text + "\").",
                     allowed});
  return std::nullopt;
}

const json* FieldReader::object(std::string_view key, Presence presence) {
  const json* value = lookup(key, presence);
  if (!value) return nullptr;
  if (!expect_object(*value, path_of(key), errors_, locale_)) return nullptr;
  return value;
}

const json* FieldReader::array(std::string_view key, Presence presence, size_t max_items) {
  const json* value = lookup(key, presence);
  if (!value) return nullptr;
  std::string path = path_of(key);
  if (!value->is_array()) {
    add_error(ErrorCode::wrong_type, path,
              path + in_locale(locale_, " must be an array, not ", " debe ser una lista, no ") + json_type_name(*value, locale_) + ".");
    return nullptr;
  }
  if (value->size() > max_items) {
    add_error(ErrorCode::too_long, path,
              path + in_locale(locale_, " has ", " tiene ") + std::to_string(value->size()) +
                  in_locale(locale_, " entries; the limit is ", " elementos; el límite es ") + std::to_string(max_items) + ".");
    return nullptr;
  }
  return value;
}

void FieldReader::reject_unknown(const std::vector<std::string>& known, size_t max_reported) {
  size_t reported = static_cast<size_t>(std::count_if(errors_.begin(), errors_.end(),
                                                      [](const InputError& e) { return e.code == ErrorCode::unknown_field; }));
  for (const auto& key : object_.keys()) {
    if (reported >= max_reported) return;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      ++reported;
      std::string shown = key.size() > 40 ? utf8_prefix(key, 40) + "..." : key;
      std::string list;
      for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
      errors_.push_back({ErrorCode::unknown_field, path_of(utf8_prefix(key, 200)),
                         "\"" + shown + in_locale(locale_, "\" is not a field of ", "\" no es un campo de ") +
                             (path_.empty() ? std::string(in_locale(locale_, "the request", "la solicitud")) : path_) +
                             in_locale(locale_, ". Known fields: ", ". Campos conocidos: ") + list + ".",
                         known});
    }
  }
}

}  // namespace dosecalc
