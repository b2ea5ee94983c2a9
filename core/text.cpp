#include "text.hpp"

#include <cmath>

#include "number_text.hpp"

namespace dosecalc {

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        auto found = values.find(std::string(text.substr(i + 1, close - i - 1)));
        if (found != values.end()) {
          out += found->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

double round_to(double value, int decimals) {
  // power_of_ten is a table lookup, exact for 0..22 decimals (the callers use 0..4), where std::pow
  // was a libm call; beyond that it is as close as pow, and the formula is unchanged.
  double scale = power_of_ten(decimals);
  return std::round(value * scale) / scale;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "?";
  if (std::fabs(value) >= 1e12) return format_general(value, 3);
  std::string text = format_fixed(round_to(value, decimals), decimals);
  if (text.find('.') != std::string::npos) {
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace dosecalc
