#include "json_value.hpp"

#include "number_text.hpp"
#include "utf8.hpp"

namespace dosecalc {

const JsonValue* JsonValue::find(std::string_view key) const {
  if (type_ != Type::object) return nullptr;
  for (size_t i = keys_.size(); i-- > 0;)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}

class JsonParser {
 public:
  JsonParser(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  JsonParseResult run() {
    JsonParseResult result;
    skip_space();
    if (parse_value(result.value, 0)) {
      skip_space();
      if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    }
    result.ok = error_.empty();
    result.error = error_;
    result.error_offset = error_offset_;
    result.too_deep = too_deep_;
    if (!result.ok) result.value = JsonValue();
    return result;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int max_depth_;
  std::string error_;
  size_t error_offset_ = 0;
  bool too_deep_ = false;

  bool fail(const char* message) {
    if (error_.empty()) {
      error_ = message;
      error_offset_ = pos_;
    }
    return false;
  }

  bool too_deep() {
    too_deep_ = error_.empty();
    return fail("arrays and objects nest too deeply");
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.compare(pos_, word.size(), word) != 0) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool parse_value(JsonValue& out, int depth) {
    if (pos_ >= text_.size()) return fail("unexpected end of input");
    switch (text_[pos_]) {
      case '{': return parse_object(out, depth + 1);
      case '[': return parse_array(out, depth + 1);
      case '"': out.type_ = JsonValue::Type::string; return parse_string(out.text_);
      case 't': out.type_ = JsonValue::Type::boolean; out.boolean_ = true; return literal("true");
      case 'f': out.type_ = JsonValue::Type::boolean; out.boolean_ = false; return literal("false");
      case 'n': out.type_ = JsonValue::Type::null; return literal("null");
      default: return parse_number(out);
    }
  }

  bool parse_array(JsonValue& out, int depth) {
    if (depth > max_depth_) return too_deep();
    out.type_ = JsonValue::Type::array;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      out.items_.emplace_back();
      skip_space();
      if (!parse_value(out.items_.back(), depth)) return false;
      skip_space();
      if (pos_ >= text_.size()) return fail("unexpected end of input in an array");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  bool parse_object(JsonValue& out, int depth) {
    if (depth > max_depth_) return too_deep();
    out.type_ = JsonValue::Type::object;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string key in an object");
      out.keys_.emplace_back();
      if (!parse_string(out.keys_.back())) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':' after an object key");
      ++pos_;
      skip_space();
      out.items_.emplace_back();
      if (!parse_value(out.items_.back(), depth)) return false;
      skip_space();
      if (pos_ >= text_.size()) return fail("unexpected end of input in an object");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}' in an object");
    }
  }

  bool hex4(unsigned& out) {
    if (pos_ + 4 > text_.size()) return fail("incomplete \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("invalid \\u escape");
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // Copies one UTF-8 character, rejecting malformed, overlong and surrogate encodings.
  bool copy_utf8(std::string& out) {
    size_t length = utf8_char_length(text_, pos_);
    if (length == 0) return fail("invalid UTF-8 in a string");
    out.append(text_.data() + pos_, length);
    pos_ += length;
    return true;
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) return fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string");
      if (c >= 0x80) {
        if (!copy_utf8(out)) return false;
        continue;
      }
      if (c != '\\') {  // a run of plain characters is copied at once: data files are mostly prose
        size_t end = pos_ + 1;
        while (end < text_.size()) {
          unsigned char next = static_cast<unsigned char>(text_[end]);
          if (next == '"' || next == '\\' || next < 0x20 || next >= 0x80) break;
          ++end;
        }
        out.append(text_.data() + pos_, end - pos_);
        pos_ = end;
        continue;
      }
      if (++pos_ >= text_.size()) return fail("unterminated string");
      char escape = text_[pos_++];
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = 0;
          if (!hex4(code)) return false;
          if (code >= 0xD800 && code <= 0xDBFF) {  // a high surrogate needs its low half
            unsigned low = 0;
            if (text_.compare(pos_, 2, "\\u") != 0) return fail("unpaired surrogate in \\u escape");
            pos_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate in \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return fail("unpaired surrogate in \\u escape");
          }
          append_utf8(out, code);
          break;
        }
        default:
          --pos_;
          return fail("invalid escape in a string");
      }
    }
  }

  bool digits() {
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool parse_number(JsonValue& out) {
    size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      pos_ = start;
      return fail("invalid value");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return fail("invalid number: digits expected after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("invalid number: digits expected in the exponent");
    }
    double value = 0;
    if (!parse_json_number(text_.substr(start, pos_ - start), value)) {
      pos_ = start;
      return fail("number overflow");
    }
    out.type_ = JsonValue::Type::number;
    out.number_ = value;
    return true;
  }
};

JsonParseResult parse_json(std::string_view text, int max_depth) { return JsonParser(text, max_depth).run(); }

}  // namespace dosecalc
