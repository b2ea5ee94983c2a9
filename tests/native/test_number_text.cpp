// core/number_text.cpp against glibc: format_general/format_fixed/zero_padded byte for byte against
// snprintf, parse_json_number bit for bit against strtod, on edge values and hundreds of thousands of
// random ones. The core's conversions are exact (big-integer arithmetic on the double's exact value),
// so no class of finite input is exempt.
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "json_writer.hpp"
#include "number_text.hpp"
#include "text.hpp"

using dosecalc::format_fixed;
using dosecalc::format_general;
using dosecalc::parse_json_number;

namespace {

uint64_t bits_of(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

double from_bits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::string printf_text(const char* format, int precision, double value) {
  char buffer[2048];
  std::snprintf(buffer, sizeof buffer, format, precision, value);
  return buffer;
}

std::string hex_bits(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%a (0x%016llx)", value, static_cast<unsigned long long>(bits_of(value)));
  return buffer;
}

// Collects disagreements so a loop of 200,000 cases costs one assertion and reports a few examples.
struct Mismatches {
  int count = 0;
  std::string examples;
  void add(const std::string& what) {
    if (count++ < 10) examples += what + "\n";
  }
};

void check_general(Mismatches& m, double value, int precision) {
  std::string expected = printf_text("%.*g", precision, value);
  std::string actual = format_general(value, precision);
  if (actual != expected)
    m.add("%." + std::to_string(precision) + "g of " + hex_bits(value) + ": " + actual + " != " + expected);
}

void check_fixed(Mismatches& m, double value, int decimals) {
  std::string expected = printf_text("%.*f", decimals, value);
  std::string actual = format_fixed(value, decimals);
  if (actual != expected)
    m.add("%." + std::to_string(decimals) + "f of " + hex_bits(value) + ": " + actual + " != " + expected);
}

void check_parse(Mismatches& m, const std::string& token) {
  double expected = std::strtod(token.c_str(), nullptr);
  double actual = 12345;
  bool finite = parse_json_number(token, actual);
  if (bits_of(actual) != bits_of(expected) || finite != std::isfinite(expected))
    m.add(token.substr(0, 120) + (token.size() > 120 ? "... (" + std::to_string(token.size()) + " chars)" : "") +
          ": " + hex_bits(actual) + " != strtod " + hex_bits(expected));
}

double random_finite(std::mt19937_64& random) {
  while (true) {
    double value = from_bits(random());
    if (std::isfinite(value)) return value;
  }
}

// A value with 1..15 significant digits and a decimal exponent in -12..20, as text parses it.
double random_short_decimal(std::mt19937_64& random) {
  int digits = 1 + static_cast<int>(random() % 15);
  std::string text = random() % 2 ? "-" : "";
  text += static_cast<char>('1' + random() % 9);
  for (int i = 1; i < digits; ++i) text += static_cast<char>('0' + random() % 10);
  int exponent = -12 + static_cast<int>(random() % 33) - (digits - 1);
  text += "e" + std::to_string(exponent);
  return std::strtod(text.c_str(), nullptr);
}

// What the calculator produces: a quantity rounded to a few decimals by round_to.
double random_rounded(std::mt19937_64& random, int decimals) {
  std::uniform_real_distribution<double> log_magnitude(-4, 9);
  double value = std::pow(10.0, log_magnitude(random)) * (random() % 4 == 0 ? -1 : 1);
  return dosecalc::round_to(value, decimals);
}

const std::vector<double>& edge_values() {
  static const std::vector<double> values = [] {
    std::vector<double> v = {0.0, -0.0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 123456789.123456789, 0.5, 1.5,
                             2.5, 0.05, 0.15, 0.25, 0.35, 9.5, 99.5, 999999999999999.0, 1e15, 1e15 + 1, 1e16, 1e17,
                             9007199254740992.0, 9007199254740993.0, 1e20, 1.5e-7, 1e-4, 9.99999e-5, 1e-5, 0.0001,
                             0.00012345, 123456, 1e21, 1e22, 1e23, 5e-324, 1e-323, 2.2250738585072009e-308,
                             2.2250738585072014e-308, 1.7976931348623157e308, 4.9406564584124654e-324, 1e308,
                             1e-300, 12.5, 350, 0.3, 1234.5678, 999.95, 9.9999999999999995, 0.99999999999999989,
                             99999999999999.99, 999999999999999.9, 5e-5, 4.4e-5, 1e-10, 123e-10, 1.0000000000000002,
                             0.1 * 3, 100, 1000000, 65.5, 2.675, 1.005, 1.045, 0.125, 0.375};
    for (int e = -330; e <= 310; ++e) v.push_back(std::pow(10.0, e));
    for (int e = -1074; e <= 1023; ++e) v.push_back(std::ldexp(1.0, e));
    for (size_t i = 0, n = v.size(); i < n; ++i) {
      v.push_back(-v[i]);
      v.push_back(std::nextafter(v[i], 0.0));
      v.push_back(std::nextafter(v[i], std::numeric_limits<double>::infinity()));
    }
    return v;
  }();
  return values;
}

}  // namespace

TEST_CASE("format_general: edge values match %.Ng for every N from 1 to 17", "[number_text]") {
  Mismatches m;
  for (double value : edge_values())
    for (int precision = 1; precision <= 17; ++precision) check_general(m, value, precision);
  INFO(m.examples);
  CHECK(m.count == 0);
  CHECK(format_general(0.1 + 0.2, 15) == "0.3");
  CHECK(format_general(1.0 / 3, 15) == "0.333333333333333");
  CHECK(format_general(2.0 / 3, 15) == "0.666666666666667");
  CHECK(format_general(123456789.123456789, 15) == "123456789.123457");
  CHECK(format_general(1e20, 15) == "1e+20");
  CHECK(format_general(1.5e-7, 15) == "1.5e-07");
  CHECK(format_general(-0.0, 15) == "-0");
  CHECK(format_general(std::numeric_limits<double>::infinity(), 15) == "inf");
}

TEST_CASE("format_general: 200,000 random doubles match %.15g and %.3g byte for byte", "[number_text]") {
  std::mt19937_64 random(20261122);
  Mismatches m;
  for (int i = 0; i < 70000; ++i) {  // any finite bit pattern: denormals, huge, tiny; and a random precision
    double value = random_finite(random);
    check_general(m, value, 15);
    check_general(m, value, 3);
    check_general(m, value, 1 + static_cast<int>(random() % 17));
  }
  for (int i = 0; i < 70000; ++i) {
    double value = random_short_decimal(random);
    check_general(m, value, 15);
    check_general(m, value, 3);
  }
  for (int i = 0; i < 60000; ++i) {
    double value = random_rounded(random, 1 + static_cast<int>(random() % 4));
    check_general(m, value, 15);
    check_general(m, value, 3);
  }
  INFO(m.examples);
  CHECK(m.count == 0);
}

TEST_CASE("format_fixed: matches %.*f on rounded values and on random doubles below 1e15", "[number_text]") {
  std::mt19937_64 random(7);
  Mismatches m;
  for (double value : edge_values())
    for (int decimals = 0; decimals <= 9; ++decimals) check_fixed(m, value, decimals);
  for (int i = 0; i < 100000; ++i) {
    int decimals = static_cast<int>(random() % 7);
    check_fixed(m, random_rounded(random, decimals), decimals);
  }
  for (int i = 0; i < 50000; ++i) {  // not pre-rounded: exact ties and near-ties of the binary value
    double value = random_finite(random);
    if (std::fabs(value) >= 1e15) value = std::fmod(value, 1e15);
    check_fixed(m, value, static_cast<int>(random() % 10));
  }
  INFO(m.examples);
  CHECK(m.count == 0);
  CHECK(format_fixed(0.125, 2) == "0.12");  // an exact tie rounds to even, as glibc does
  CHECK(format_fixed(-0.04, 1) == "-0.0");
}

TEST_CASE("parse_json_number: edge tokens give strtod's double bit for bit", "[number_text]") {
  std::vector<std::string> tokens = {
      "0", "-0", "0.0", "-0.0", "-0e5", "0e-999", "1", "-1", "0.1", "0.30000000000000004441", "0.3000000000000000444089209850062616169452667236328125",
      "1234567890123456789012345", "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000000001",
      "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "1e999",
      "-1e999", "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "2.4703282292062327e-324",
      "2.4703282292062328e-324", "2.47032822920623272e-324", "5e-324", "1e-323", "1e-400", "-1e-400", "1e-324",
      "3e-324", "1e22", "1e23", "8.98846567431158e307", "123456789012345678901234567890e-30", "0.000001", "1E+2",
      "1e-7", "100000000000000000000000", "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
      "18014398509481993", "1e99999999999999999999", "1e-99999999999999999999", "0.0000000000000000000000001e25"};
  Mismatches m;
  for (const auto& token : tokens) check_parse(m, token);
  INFO(m.examples);
  CHECK(m.count == 0);
  double value = 1;
  CHECK(parse_json_number("-0", value));
  CHECK(std::signbit(value));
  CHECK_FALSE(parse_json_number("1e999", value));
  CHECK(std::isinf(value));
}

TEST_CASE("parse_json_number: 200,000 random tokens give strtod's double bit for bit", "[number_text]") {
  std::mt19937_64 random(42);
  Mismatches m;
  for (int i = 0; i < 200000; ++i) {
    int total_digits = 1 + static_cast<int>(random() % 40);
    std::string token = random() % 2 ? "-" : "";
    int integer_digits = random() % 4 == 0 ? 1 : 1 + static_cast<int>(random() % total_digits);
    bool zero_integer = integer_digits == 1 && random() % 2;
    token += zero_integer ? '0' : static_cast<char>('1' + random() % 9);
    for (int d = 1; d < integer_digits; ++d) token += static_cast<char>('0' + random() % 10);
    if (total_digits > integer_digits || zero_integer) {
      token += '.';
      for (int d = integer_digits; d < std::max(total_digits, integer_digits + 1); ++d) token += static_cast<char>('0' + random() % 10);
    }
    if (random() % 4 != 0) {
      token += random() % 2 ? 'e' : 'E';
      int exponent = -350 + static_cast<int>(random() % 701);
      if (exponent >= 0 && random() % 2) token += '+';
      token += std::to_string(exponent);
    }
    check_parse(m, token);
  }
  INFO(m.examples);
  CHECK(m.count == 0);
}

TEST_CASE("parse_json_number: shortest round-trip texts of random doubles read back exactly", "[number_text]") {
  std::mt19937_64 random(99);
  Mismatches m;
  for (int i = 0; i < 100000; ++i) {
    double value = random_finite(random);
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string token(buffer, result.ptr);
    check_parse(m, token);
    double back = 0;
    parse_json_number(token, back);
    if (bits_of(back) != bits_of(value)) m.add(token + " does not round-trip");
  }
  INFO(m.examples);
  CHECK(m.count == 0);
}

TEST_CASE("parse_json_number: halfway points and digits beyond the 800 kept ones", "[number_text]") {
  // The exact decimal of the point halfway between a double and the next one up (x86 long double
  // holds it exactly, and glibc prints it exactly), then just above it through a digit far out.
  if (std::numeric_limits<long double>::digits < 64) return;
  std::mt19937_64 random(5);
  Mismatches m;
  for (int i = 0; i < 3000; ++i) {
    double low = std::fabs(random_finite(random));
    if (i % 3 == 0) low = from_bits(random() % (uint64_t(1) << 53));  // denormals and the smallest normals
    double high = std::nextafter(low, std::numeric_limits<double>::infinity());
    if (!std::isfinite(high)) continue;
    long double halfway = (static_cast<long double>(low) + static_cast<long double>(high)) / 2;
    char buffer[1200];
    std::snprintf(buffer, sizeof buffer, "%.800Le", halfway);
    std::string text = buffer;
    size_t e = text.find('e');
    std::string mantissa = text.substr(0, e), exponent = text.substr(e);
    check_parse(m, mantissa + exponent);                                  // a tie: to even
    check_parse(m, mantissa + std::string(300, '0') + "1" + exponent);     // beyond the kept digits: up
    check_parse(m, mantissa.substr(0, 40) + exponent);                     // truncated: down or the same
  }
  INFO(m.examples);
  CHECK(m.count == 0);
}

TEST_CASE("zero_padded, round_to and format_number behave as the printf/pow versions did", "[number_text]") {
  for (int value : {0, 5, 9, 10, 59, 123, -5, -12, -123, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()})
    for (int width : {0, 1, 2, 3, 5}) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
      CHECK(dosecalc::zero_padded(value, width) == buffer);
    }

  // The previous implementations, kept here as the reference.
  auto old_round_to = [](double value, int decimals) {
    double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
  };
  auto old_format_number = [&](double value, int decimals) -> std::string {
    if (!std::isfinite(value)) return "?";
    char buffer[64];
    if (std::fabs(value) >= 1e12) {
      std::snprintf(buffer, sizeof buffer, "%.3g", value);
      return buffer;
    }
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, old_round_to(value, decimals));
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
      while (!text.empty() && text.back() == '0') text.pop_back();
      if (!text.empty() && text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
  };
  CHECK(dosecalc::format_number(12.5) == "12.5");
  CHECK(dosecalc::format_number(350.0) == "350");
  CHECK(dosecalc::format_number(-0.04) == "0");
  CHECK(dosecalc::format_number(2.25, 1) == "2.3");
  CHECK(dosecalc::format_number(1234567890123.0, 0) == "1.23e+12");
  CHECK(dosecalc::format_number(std::nan(""), 1) == "?");

  std::mt19937_64 random(3);
  Mismatches m;
  for (int i = 0; i < 50000; ++i) {
    int decimals = static_cast<int>(random() % 10);
    double value = i % 2 ? random_short_decimal(random) : random_rounded(random, decimals + 1);
    if (bits_of(dosecalc::round_to(value, decimals)) != bits_of(old_round_to(value, decimals)))
      m.add("round_to " + hex_bits(value) + " " + std::to_string(decimals));
    if (dosecalc::format_number(value, decimals % 5) != old_format_number(value, decimals % 5))
      m.add("format_number " + hex_bits(value) + " " + std::to_string(decimals % 5));
  }
  INFO(m.examples);
  CHECK(m.count == 0);
}

TEST_CASE("JSON writer: control characters become \\u00XX escapes", "[number_text]") {
  for (int c = 1; c < 0x20; ++c) {
    if (c == '\n' || c == '\r' || c == '\t') continue;
    std::string out;
    dosecalc::append_json_string(out, std::string(1, static_cast<char>(c)));
    char expected[16];
    std::snprintf(expected, sizeof expected, "\"\\u%04x\"", c);
    CHECK(out == expected);
  }
}
