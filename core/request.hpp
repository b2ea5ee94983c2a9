// The request half of the contract (docs/api.md): parsed and range-checked here, before any catalog
// look-up. Every problem is an InputError naming its field.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errors.hpp"
#include "text.hpp"

namespace dosecalc {

enum class Sex { female, male };
enum class Pregnancy { none, pregnant, lactating };
enum class AmountBasis { elemental, compound };

struct ClockTime {
  int minutes = 0;  // since midnight
  std::string text() const;
};

// "08:00" for 480 minutes after midnight.
std::string clock_text(int minutes_after_midnight);

// Minutes from one clock time forward to the next occurrence of another, past midnight (0 when they are
// the same): how timing conflicts and the schedule both count the gap between two daily doses.
int minutes_forward(int from_minutes, int to_minutes);

struct KidneyInput {
  std::optional<double> egfr;               // mL/min/1.73 m2
  std::optional<double> creatinine_mg_dl;   // as given, or converted from umol/L by the assessor
  std::optional<double> creatinine_umol_l;
  std::optional<std::string> status;        // ckd | none | unknown
};

struct Person {
  double age_years = 0;
  Sex sex = Sex::female;
  Pregnancy pregnancy = Pregnancy::none;
  std::optional<KidneyInput> kidney;
  std::vector<std::string> conditions;
};

struct ProductInput {
  std::string id;
  std::string form;  // as typed
  double amount_mg = 0;
  AmountBasis basis = AmountBasis::elemental;
  double units_per_dose = 1;
  double doses_per_day = 1;
  std::optional<double> elemental_percent;
  std::vector<ClockTime> times;
};

struct NamedInput {  // a medicine or a non-mineral supplement
  std::string name;
  std::vector<ClockTime> times;
  std::optional<double> amount_mg_per_day;
};

struct Routine {
  std::optional<ClockTime> wake, bed;
  std::vector<ClockTime> meals;
};

struct Request {
  std::string reference = "us";
  Locale locale = Locale::en;
  Person person;
  std::vector<ProductInput> products;
  std::vector<NamedInput> medicines;
  std::vector<NamedInput> supplements;
  std::map<std::string, double> diet_mg_per_day;  // nutrient id -> mg/day from food and water
  std::optional<Routine> routine;
  std::string goal;
};

struct RequestLimits {
  static constexpr size_t max_request_bytes = 1 << 20;
  static constexpr int max_depth = 32;
  static constexpr size_t max_name_length = 200;
  static constexpr size_t max_products = 30;
  static constexpr size_t max_medicines = 50;
  static constexpr size_t max_supplements = 30;
  static constexpr size_t max_times = 12;
  static constexpr double max_amount_mg = 50000;  // 50 g: an Epsom-salt laxative dose is 10-30 g
  static constexpr double min_elemental_percent = 1;  // below any magnesium compound (gluconate ~5 %)
  // Unknown fields are reported up to this many: a 1 MiB object of unknown keys would otherwise give
  // 200,000 errors (60 MB of JSON).
  static constexpr size_t max_unknown_field_errors = 20;
};

const std::vector<std::string>& known_conditions();
const std::vector<std::string>& known_goals();
const std::vector<std::string>& known_nutrients_in_diet();

struct ParsedRequest {
  std::optional<Request> request;
  std::vector<InputError> errors;
};

ParsedRequest parse_request(std::string_view text);

std::optional<ClockTime> parse_clock_time(std::string_view text);

}  // namespace dosecalc
