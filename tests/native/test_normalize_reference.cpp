// normalize_name was rewritten to avoid a string per word (it runs for every name at data load and on every
// keystroke). This keeps the previous implementation as a reference and checks both agree.
#include <catch2/catch.hpp>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "names.hpp"

namespace {

const char* reference_fold_two_byte(unsigned char lead, unsigned char trail) {
  unsigned code = ((lead & 0x1Fu) << 6) | (trail & 0x3Fu);
  switch (code) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5:
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return "a";
    case 0xC6: case 0xE6: return "ae";
    case 0xC7: case 0xE7: return "c";
    case 0xC8: case 0xC9: case 0xCA: case 0xCB:
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return "e";
    case 0xCC: case 0xCD: case 0xCE: case 0xCF:
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return "i";
    case 0xD1: case 0xF1: return "n";
    case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6: case 0xD8:
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: return "o";
    case 0xD9: case 0xDA: case 0xDB: case 0xDC:
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return "u";
    case 0xDD: case 0xFD: case 0xFF: return "y";
    case 0xDF: return "ss";
    case 0x152: case 0x153: return "oe";
    case 0x160: case 0x161: return "s";
    case 0x17D: case 0x17E: return "z";
    default: return nullptr;
  }
}

bool reference_is_strength_token(const std::string& token) {
  static const char* units[] = {"mg", "mcg", "ug", "g", "iu", "ml"};
  size_t digits = 0;
  while (digits < token.size() && (std::isdigit(static_cast<unsigned char>(token[digits])) || token[digits] == '.'))
    ++digits;
  std::string unit = token.substr(digits);
  if (unit.empty()) return digits > 0;
  for (const char* u : units)
    if (unit == u) return true;
  return false;
}

std::string reference_normalize_name(std::string_view text) {
  std::string folded;
  for (size_t i = 0; i < text.size() && folded.size() < 256; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) folded += static_cast<char>(std::tolower(c));
      else if (c == '\'') continue;
      else if (c == '.' && i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
               std::isdigit(static_cast<unsigned char>(text[i + 1])))
        folded += '.';
      else folded += ' ';
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      const char* ascii = reference_fold_two_byte(c, static_cast<unsigned char>(text[i + 1]));
      unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      ++i;
      if (ascii) folded += ascii;
      else if (code == 0xB5) folded += 'u';
      else folded += ' ';
    } else if ((c & 0xF0) == 0xE0) {
      bool apostrophe = i + 2 < text.size() && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                        static_cast<unsigned char>(text[i + 2]) == 0x99;
      i += 2;
      if (!apostrophe) folded += ' ';
    } else if ((c & 0xF8) == 0xF0) {
      i += 3;
      folded += ' ';
    } else {
      folded += ' ';
    }
  }
  std::vector<std::string> tokens;
  std::string token;
  for (char c : folded + " ") {
    if (c == ' ') {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += c;
    }
  }
  while (tokens.size() > 1 && reference_is_strength_token(tokens.back())) tokens.pop_back();
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

}  // namespace

TEST_CASE("normalize_name agrees with its reference implementation", "[names]") {
  const std::vector<std::string> pieces = {"Zoloft", " ", "50", "mg", "2.5", ".", "'", "\xE2\x80\x99", "\xC3\xA9", "\xC3\x9F",
                                           "\xC2\xB5", "g", "\xC2\xAE", "\xE2\x84\xA2", "\xF0\x9F\x92\x8A", "-", "5-HTP",
                                           "mcg", "IU", "\xC5\x93", "\xC3", "\x80", "John's", "ml", "1000iu", "\t", "A"};
  std::mt19937 random(11);
  for (int round = 0; round < 50000; ++round) {
    std::string text;
    int count = static_cast<int>(random() % 9);
    for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    if (round % 10 == 0) text += std::string(300, 'x');  // the 256-character cap
    INFO(text);
    REQUIRE(dosecalc::normalize_name(text) == reference_normalize_name(text));
  }
}
