// A small streaming JSON writer for reports. Smaller in wasm than building nlohmann objects, and it
// guarantees the two things a report must never contain: invalid UTF-8 and NaN/Infinity.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dosecalc {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);  // non-finite numbers are written as null
  JsonWriter& value(int number) { return value(static_cast<double>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& null();
  JsonWriter& value(const std::optional<double>& number);
  JsonWriter& value(const std::vector<std::string>& texts);
  JsonWriter& text_or_null(const std::string& text);  // "" -> null

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  std::string take() { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  std::vector<unsigned char> first_in_container_;  // not vector<bool>: its code is larger
  bool after_key_ = false;
};

// Appends `text` as a JSON string literal, replacing invalid UTF-8 with U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 character.
std::string utf8_prefix(std::string_view text, size_t max_bytes);

}  // namespace dosecalc
