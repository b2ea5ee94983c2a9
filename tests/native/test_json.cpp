// The core's JSON parser against nlohmann/json: the same accept/reject decision and the same values,
// on hand-written edge cases and on thousands of random mutations of real requests.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"
#include "json_value.hpp"
#include "json_writer.hpp"

using dosecalc::JsonValue;
using dosecalc::parse_json;
using nlohmann::json;

namespace {

bool same(const JsonValue& mine, const json& theirs) {
  switch (mine.type()) {
    case JsonValue::Type::null: return theirs.is_null();
    case JsonValue::Type::boolean: return theirs.is_boolean() && theirs.get<bool>() == mine.boolean();
    case JsonValue::Type::number: return theirs.is_number() && theirs.get<double>() == mine.number();
    case JsonValue::Type::string: return theirs.is_string() && theirs.get<std::string>() == mine.string();
    case JsonValue::Type::array:
      if (!theirs.is_array() || theirs.size() != mine.size()) return false;
      for (size_t i = 0; i < mine.size(); ++i)
        if (!same(mine.items()[i], theirs[i])) return false;
      return true;
    case JsonValue::Type::object:
      if (!theirs.is_object()) return false;
      for (size_t i = 0; i < mine.size(); ++i) {
        auto found = theirs.find(mine.keys()[i]);
        if (found == theirs.end() || !same(*mine.find(mine.keys()[i]), *found)) return false;
      }
      return theirs.size() <= mine.size();
  }
  return false;
}

void agree(const std::string& text) {
  INFO(text.substr(0, 200));
  auto mine = parse_json(text, 64);
  json theirs = json::parse(text, nullptr, false);
  CHECK(mine.ok == !theirs.is_discarded());
  if (mine.ok && !theirs.is_discarded()) CHECK(same(mine.value, theirs));
}

}  // namespace

TEST_CASE("JSON parser: edge cases agree with nlohmann", "[json]") {
  for (const char* text :
       {"{}", "[]", "null", "true", "false", "0", "-0", "1.5e3", "-1E-2", "\"a\"", " [1, 2 ,3 ] ", "{\"a\":{\"b\":[null]}}",
        "\"\\u00e9\\n\\t\\\"\\\\\\/\"", "\"\\ud83d\\ude00\"", "\"\xC3\xA9\"", "\"\xF0\x9F\x98\x80\"", "01", "1.", ".5", "+1",
        "1e", "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "'x'", "\"\\x\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\xC0\xAF\"",
        "\"\xED\xA0\x80\"", "\"\xFF\"", "\"a\nb\"", "NaN", "Infinity", "[", "{\"a\"", "{\"a\":", "nul", "truex", "1e999",
        "", " ", "{\"a\":1}{", "[1]]", "\"\\u12\""}) {
    agree(text);
  }
}

TEST_CASE("JSON parser: nesting is bounded while parsing", "[json]") {
  auto deep = parse_json(std::string(100000, '['), 32);
  CHECK_FALSE(deep.ok);
  CHECK(deep.too_deep);
  CHECK(parse_json(std::string(32, '[') + std::string(32, ']'), 32).ok);
  CHECK_FALSE(parse_json(std::string(33, '[') + std::string(33, ']'), 32).ok);
}

TEST_CASE("JSON parser: random mutations of real requests agree with nlohmann", "[json]") {
  std::vector<std::string> seeds;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(DOSECALC_SOURCE_DIR) / "tests" / "golden")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    seeds.push_back(buffer.str());
  }
  REQUIRE_FALSE(seeds.empty());
  std::mt19937 random(20261122);
  const std::string alphabet = "{}[]\":,.-+eE0123456789 \\u\xC3\xA9\xFFtrufalsn\n";
  for (int round = 0; round < 3000; ++round) {
    std::string text = seeds[random() % seeds.size()];
    int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = random() % text.size();
      switch (random() % 3) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
        default: text[at] = alphabet[random() % alphabet.size()]; break;
      }
    }
    agree(text);
    // Whatever the mutation, the assessment answers with JSON.
    CHECK(parse_json(dosecalc::assess_request_text(dosecalc::embedded_catalog(), text).json, 64).ok);
  }
}

TEST_CASE("JSON writer: output re-parses to the same strings, invalid UTF-8 replaced", "[json]") {
  dosecalc::JsonWriter writer;
  writer.begin_object().field("a", std::string("quote \" backslash \\ newline \n tab \t ctrl \x01 é")).field("bad", std::string("x\xFFy"));
  writer.key("n").value(0.1 + 0.2).key("inf").value(1e308 * 10).end_object();
  std::string text = writer.take();
  auto parsed = parse_json(text, 8);
  REQUIRE(parsed.ok);
  CHECK(parsed.value.find("a")->string() == "quote \" backslash \\ newline \n tab \t ctrl \x01 é");
  CHECK(parsed.value.find("bad")->string() == "x\xEF\xBF\xBDy");
  CHECK(parsed.value.find("inf")->is_null());
  CHECK(parsed.value.find("n")->number() == Approx(0.3));
  CHECK(dosecalc::utf8_prefix("ab\xC3\xA9", 3) == "ab");
}
