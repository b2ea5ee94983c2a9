#include "chemistry.hpp"

#include <cctype>
#include <vector>

namespace dosecalc {
namespace {

struct FormulaParser {
  std::string_view text;
  size_t pos = 0;
  std::string error;

  int read_count() {
    if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) return 1;
    int value = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      value = value * 10 + (text[pos++] - '0');
      if (value > 1000) {
        error = "count too large";
        return 0;
      }
    }
    return value;
  }

  // group := (element count? | '(' group ')' count?)*
  bool parse_group(ElementCounts& counts, int depth) {
    if (depth > 8) {
      error = "parentheses nested too deeply";
      return false;
    }
    while (pos < text.size() && error.empty()) {
      char c = text[pos];
      if (c == '(') {
        ++pos;
        ElementCounts inner;
        if (!parse_group(inner, depth + 1)) return false;
        if (pos >= text.size() || text[pos] != ')') {
          error = "missing ')'";
          return false;
        }
        ++pos;
        int multiplier = read_count();
        for (const auto& [symbol, n] : inner) counts[symbol] += n * multiplier;
      } else if (c == ')') {
        return depth > 0 ? true : (error = "unexpected ')'", false);
      } else if (std::isupper(static_cast<unsigned char>(c))) {
        std::string symbol(1, c);
        ++pos;
        while (pos < text.size() && std::islower(static_cast<unsigned char>(text[pos]))) symbol += text[pos++];
        counts[symbol] += read_count();
      } else {
        error = std::string("unexpected character '") + c + "'";
        return false;
      }
    }
    return error.empty();
  }
};

// Splits "A·nB" / "A.nB" into its parts (UTF-8 middle dot is two bytes).
std::vector<std::string_view> split_hydrate(std::string_view formula) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < formula.size(); ++i) {
    bool middle_dot = formula.compare(i, 2, "\xC2\xB7") == 0;
    if (middle_dot || formula[i] == '.' || formula[i] == '*') {
      parts.push_back(formula.substr(start, i - start));
      i += middle_dot ? 1 : 0;
      start = i + 1;
    }
  }
  parts.push_back(formula.substr(start));
  return parts;
}

}  // namespace

FormulaResult parse_formula(std::string_view formula) {
  FormulaResult result;
  if (formula.empty()) {
    result.error = "empty formula";
    return result;
  }
  ElementCounts total;
  for (std::string_view part : split_hydrate(formula)) {
    FormulaParser parser{part, 0, {}};
    int multiplier = parser.read_count();  // leading coefficient, as in "6H2O"
    ElementCounts counts;
    if (part.empty() || !parser.parse_group(counts, 0) || parser.pos != part.size()) {
      result.error = parser.error.empty() ? "malformed formula part '" + std::string(part) + "'" : parser.error;
      return result;
    }
    for (const auto& [symbol, n] : counts) total[symbol] += n * multiplier;
  }
  result.counts = total;
  return result;
}

std::optional<double> molar_mass(const ElementCounts& counts, const AtomicWeights& weights, std::string* missing) {
  double sum = 0;
  for (const auto& [symbol, n] : counts) {
    auto weight = weights.find(symbol);
    if (weight == weights.end()) {
      if (missing) *missing = symbol;
      return std::nullopt;
    }
    sum += weight->second * n;
  }
  return sum;
}

std::optional<CompoundComposition> composition(const ElementCounts& anhydrous_counts, int hydrate_waters,
                                               const std::string& element, const AtomicWeights& weights,
                                               std::string* error) {
  ElementCounts counts = anhydrous_counts;
  if (hydrate_waters > 0) {
    counts["H"] += 2 * hydrate_waters;
    counts["O"] += hydrate_waters;
  }
  std::string missing;
  auto mass = molar_mass(counts, weights, &missing);
  if (!mass) {
    if (error) *error = "no atomic weight for " + missing;
    return std::nullopt;
  }
  auto atoms = counts.find(element);
  if (atoms == counts.end() || atoms->second <= 0) {
    if (error) *error = "formula contains no " + element;
    return std::nullopt;
  }
  auto element_weight = weights.find(element);
  CompoundComposition result;
  result.molar_mass_g_per_mol = *mass;
  result.nutrient_atoms = atoms->second;
  result.elemental_fraction = {atoms->second * element_weight->second / *mass};
  return result;
}

}  // namespace dosecalc
