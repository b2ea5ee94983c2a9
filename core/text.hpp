// Consumer-facing text in the languages the data provides, and small formatting helpers.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace dosecalc {

enum class Locale { en, es };

struct LocalizedText {
  std::string en;
  std::string es;  // may be empty: English is the fallback
  const std::string& in(Locale locale) const { return (locale == Locale::es && !es.empty()) ? es : en; }
  bool empty() const { return en.empty(); }
};

// Replaces {name} placeholders with values; unknown placeholders are left as they are.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values);

// A number as a person reads it: at most `decimals` decimals, no trailing zeros ("12.5", "350").
std::string format_number(double value, int decimals = 1);

// Rounds half away from zero to `decimals` places; the same result natively and in wasm.
double round_to(double value, int decimals);

}  // namespace dosecalc
