// A small, strict JSON document model for requests and data. The core needs only parsing and read
// access; a dedicated parser is a fraction of nlohmann/json's size in the wasm module, reports the
// byte offset of every syntax error, never throws, and bounds nesting while it parses.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dosecalc {

class JsonValue {
 public:
  enum class Type { null, boolean, number, string, array, object };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_boolean() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }

  bool boolean() const { return boolean_; }
  double number() const { return number_; }
  const std::string& string() const { return text_; }

  // Arrays: the elements. Objects: the member values, in order, beside keys().
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<std::string>& keys() const { return keys_; }
  size_t size() const { return items_.size(); }

  // The member named `key` (the last one if repeated), or nullptr when absent or not an object.
  const JsonValue* find(std::string_view key) const;

 private:
  friend class JsonParser;
  Type type_ = Type::null;
  bool boolean_ = false;
  double number_ = 0;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<std::string> keys_;
};

struct JsonParseResult {
  JsonValue value;
  bool ok = false;
  bool too_deep = false;    // the failure was the nesting limit
  size_t error_offset = 0;  // byte offset of the first error
  std::string error;        // what was wrong there
};

// RFC 8259 JSON: no comments, trailing commas, NaN or Infinity; strings must be valid UTF-8;
// numbers must be finite doubles; arrays and objects may nest at most max_depth levels.
JsonParseResult parse_json(std::string_view text, int max_depth);

}  // namespace dosecalc
