// The day's schedule (docs/api.md, "Schedule"): every product dose keeps every separation the report's
// interactions give, entered times are kept when they fit, and a product is left out only when no set of
// times on the scheduler's grid fits (checked by brute force on random days).
#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <regex>
#include <set>

#include "helpers.hpp"
#include "request.hpp"
#include "schedule.hpp"

using nlohmann::json;
using namespace dosecalc;
using namespace dosecalc::test;

namespace {

constexpr int kDay = 24 * 60;

int minutes_of(const std::string& text) {
  auto time = parse_clock_time(text);
  REQUIRE(time);
  return time->minutes;
}

int forward(int from, int to) { return ((to - from) % kDay + kDay) % kDay; }

// The separation as the report states it, checked independently of the scheduler: after the other,
// wait `other_first` before the supplement; after the supplement, wait `supplement_first` before the other.
bool keeps_separation(int supplement_time, int other_time, double supplement_first_hours, double other_first_hours) {
  int supplement_to_other = forward(supplement_time, other_time);
  int other_to_supplement = forward(other_time, supplement_time);
  if (supplement_to_other == 0) return supplement_first_hours <= 0 && other_first_hours <= 0;
  return supplement_to_other >= supplement_first_hours * 60 && other_to_supplement >= other_first_hours * 60;
}

std::vector<const json*> doses_of(const json& report, const std::string& path) {
  std::vector<const json*> out;
  for (const auto& dose : report.at("schedule").at("doses"))
    if (dose.at("path") == path) out.push_back(&dose);
  return out;
}

const json& interaction(const json& report, const std::string& rule_id) {
  for (const auto& ix : report.at("interactions"))
    if (ix.at("rule_id") == rule_id) return ix;
  FAIL("no interaction " << rule_id);
  static json none;
  return none;
}

json levothyroxine_and_cipro_day() {
  return {{"person", adult()},
          {"products", {{{"id", "p1"}, {"form", "magnesium citrate"}, {"amount_mg", 150}, {"amount_basis", "elemental"},
                         {"doses_per_day", 2}, {"times", {"08:00", "20:00"}}}}},
          {"medicines", {{{"name", "levothyroxine"}, {"times", {"08:00"}}}, {{"name", "Cipro"}, {"times", {"21:00"}}},
                         {{"name", "gabapentin"}}}},
          {"routine", {{"wake", "07:00"}, {"bed", "23:00"}, {"meals", {"07:30", "12:30", "19:00"}}}}};
}

}  // namespace

TEST_CASE("schedule: moved doses keep the sourced separations from levothyroxine and ciprofloxacin") {
  json report = run(levothyroxine_and_cipro_day());
  const json& schedule = report.at("schedule");
  REQUIRE(schedule.at("status") == "solved");
  CHECK(schedule.at("wake") == "07:00");
  CHECK(schedule.at("bed") == "23:00");
  CHECK(schedule.at("assumed").empty());

  // The hours come from the report's interactions (sourced rules), not from this test.
  const json& thyroid = interaction(report, "magnesium-thyroid_hormone");
  const json& cipro = interaction(report, "magnesium-ciprofloxacin");
  auto product_doses = doses_of(report, "/products/0");
  REQUIRE(product_doses.size() == 2);
  for (const json* dose : product_doses) {
    int time = minutes_of(dose->at("time"));
    CHECK(keeps_separation(time, minutes_of("08:00"), thyroid["separation"]["supplement_first_hours"],
                           thyroid["separation"]["medicine_first_hours"]));
    CHECK(keeps_separation(time, minutes_of("21:00"), cipro["separation"]["supplement_first_hours"],
                           cipro["separation"]["medicine_first_hours"]));
    CHECK(dose->at("origin") == "moved");  // 08:00 is levothyroxine's time; 20:00 is 1 h before Cipro
    CHECK(dose->at("of") == 2);
    CHECK(dose->at("rule_ids").size() == 2);
    CHECK(dose->at("note").get<std::string>().find("levothyroxine (08:00)") != std::string::npos);
    CHECK(dose->at("every_days") == 1);
  }
  CHECK(product_doses[0]->at("entered_time") == "08:00");
  CHECK(product_doses[1]->at("entered_time") == "20:00");
  CHECK(product_doses[0]->at("dose") == 1);
  CHECK(minutes_of(product_doses[1]->at("time")) - minutes_of(product_doses[0]->at("time")) >= 60);
  // The report's own check of the entered times agrees: 08:00 broke the levothyroxine rule.
  CHECK_FALSE(report.at("timing_conflicts").empty());

  // Medicines keep their times; gabapentin, with no time, is named as not taken into account.
  auto levothyroxine = doses_of(report, "/medicines/0");
  REQUIRE(levothyroxine.size() == 1);
  CHECK(levothyroxine[0]->at("origin") == "fixed");
  CHECK(levothyroxine[0]->at("time") == "08:00");
  REQUIRE(schedule.at("unplaced").size() == 1);
  const json& gabapentin = schedule.at("unplaced")[0];
  CHECK(gabapentin.at("path") == "/medicines/2");
  CHECK(gabapentin.at("reason") == "no_time_given");
  CHECK(gabapentin.at("rule_ids") == json::array({"magnesium-gabapentin"}));
  CHECK(gabapentin.at("message").get<std::string>().rfind("Gabapentin has no time", 0) == 0);
  CHECK(schedule.at("message").get<std::string>().find("Some medicines or supplements have no time") != std::string::npos);

  // The day's order, from waking.
  std::vector<int> order;
  for (const auto& dose : schedule.at("doses")) order.push_back(forward(minutes_of("07:00"), minutes_of(dose.at("time"))));
  CHECK(std::is_sorted(order.begin(), order.end()));
}

TEST_CASE("schedule: entered times that keep every separation are kept as they are") {
  json request = {{"person", adult()},
                  {"products", {{{"form", "magnesium glycinate"}, {"amount_mg", 200}, {"amount_basis", "elemental"},
                                 {"times", {"21:30"}}}}},
                  {"medicines", {{{"name", "Synthroid"}, {"times", {"07:00"}}}}}};
  json report = run(request);
  auto doses = doses_of(report, "/products/0");
  REQUIRE(doses.size() == 1);
  CHECK(doses[0]->at("time") == "21:30");
  CHECK(doses[0]->at("origin") == "entered");
  CHECK(doses[0]->at("entered_time").is_null());
  CHECK(report.at("schedule").at("assumed") == json::array({"wake", "bed"}));
  CHECK(report.at("schedule").at("message").get<std::string>().rfind("Every dose of your products", 0) == 0);
  CHECK(report.at("schedule").at("message").get<std::string>().find("have no time") == std::string::npos);
  CHECK(report.at("timing_conflicts").empty());
}

TEST_CASE("schedule: without times, doses are spread over the waking day, at meals where they fit") {
  json request = {{"person", adult()},
                  {"products", {{{"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 3}}}},
                  {"routine", {{"wake", "07:00"}, {"bed", "23:00"}, {"meals", {"07:30", "12:30", "19:00"}}}}};
  json report = run(request);
  auto doses = doses_of(report, "/products/0");
  REQUIRE(doses.size() == 3);
  // Nothing to keep apart from: the three meals, one dose at each.
  CHECK(doses[0]->at("time") == "07:30");
  CHECK(doses[1]->at("time") == "12:30");
  CHECK(doses[2]->at("time") == "19:00");
  for (const json* dose : doses) {
    CHECK(dose->at("origin") == "placed");
    CHECK(dose->at("at_meal") == true);
    CHECK(dose->at("note") == "");
  }
}

TEST_CASE("schedule: a night-shift day runs across midnight") {
  json request = {{"person", adult()},
                  {"products", {{{"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 2}}}},
                  {"medicines", {{{"name", "levothyroxine"}, {"times", {"20:00"}}}}},
                  {"routine", {{"wake", "19:00"}, {"bed", "09:00"}}}};
  json report = run(request);
  const json& thyroid = interaction(report, "magnesium-thyroid_hormone");
  auto doses = doses_of(report, "/products/0");
  REQUIRE(doses.size() == 2);
  for (const json* dose : doses) {
    int time = minutes_of(dose->at("time"));
    CHECK(forward(minutes_of("19:00"), time) <= forward(minutes_of("19:00"), minutes_of("09:00")));  // awake
    CHECK(keeps_separation(time, minutes_of("20:00"), thyroid["separation"]["supplement_first_hours"],
                           thyroid["separation"]["medicine_first_hours"]));
  }
}

TEST_CASE("schedule: doses it cannot place are said, in the request's language") {
  json request = {{"locale", "es"},
                  {"person", adult()},
                  {"products", {{{"id", "half"}, {"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 1.5}},
                                {{"id", "many"}, {"form", "magnesium glycinate"}, {"amount_mg", 10}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 13}},
                                {{"id", "alternate"}, {"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 0.5}}}}};
  json report = run(request);
  const json& schedule = report.at("schedule");
  CHECK(schedule.at("status") == "incomplete");
  REQUIRE(schedule.at("unplaced").size() == 2);
  CHECK(schedule.at("unplaced")[0].at("product_id") == "half");
  CHECK(schedule.at("unplaced")[0].at("reason") == "doses_not_whole");
  CHECK(schedule.at("unplaced")[0].at("message").get<std::string>().find("1,5 tomas al día") != std::string::npos);
  CHECK(schedule.at("unplaced")[1].at("reason") == "too_many_doses");
  // Every other day is one dose on the days it is taken, and says so.
  auto alternate = doses_of(report, "/products/2");
  REQUIRE(alternate.size() == 1);
  CHECK(alternate[0]->at("every_days") == 2);
  CHECK(alternate[0]->at("note").get<std::string>().rfind("Cada 2 días", 0) == 0);
  CHECK(schedule.at("message").get<std::string>().find("Algunas tomas") != std::string::npos);
}

TEST_CASE("schedule: not computed without products") {
  json report = run({{"person", adult()}, {"medicines", {{{"name", "Cipro"}, {"times", {"08:00"}}}}}});
  CHECK(report.at("schedule").at("status") == "not_computed");
  CHECK(report.at("schedule").at("reason") == "no_products");
  CHECK(report.at("schedule").at("doses").empty());
}

TEST_CASE("schedule: no time fits when the day leaves no room between two medicines") {
  // Levothyroxine 4 h either way (sourced); taken at 07:00, 11:00, 15:00 and 19:00 it leaves no time in a
  // 07:00–22:00 day at least 4 h from every dose.
  json request = {{"person", adult()},
                  {"products", {{{"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}}}},
                  {"medicines", {{{"name", "levothyroxine"}, {"times", {"07:00", "11:00", "15:00", "19:00"}}}}},
                  {"routine", {{"wake", "07:00"}, {"bed", "22:00"}}}};
  json report = run(request);
  const json& thyroid = interaction(report, "magnesium-thyroid_hormone");
  REQUIRE(thyroid["separation"]["medicine_first_hours"] == 4);
  const json& schedule = report.at("schedule");
  CHECK(schedule.at("status") == "incomplete");
  REQUIRE(schedule.at("unplaced").size() == 1);
  CHECK(schedule.at("unplaced")[0].at("reason") == "no_time_fits");
  CHECK(schedule.at("unplaced")[0].at("rule_ids") == json::array({"magnesium-thyroid_hormone"}));
  CHECK(schedule.at("unplaced")[0].at("message").get<std::string>().find("apart from levothyroxine as the interactions") != std::string::npos);
  CHECK(doses_of(report, "/products/0").empty());
}

// Random days: the solver's answer is checked against the constraints by the test's own code, and
// every "no time fits" for one or two doses is confirmed by trying every combination of grid times.
TEST_CASE("schedule: random days keep every constraint, and nothing fits when it says so") {
  const Catalog& catalog = embedded_catalog();
  std::mt19937 rng(20261123);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int solved = 0, unplaced_checked = 0;
  for (int round = 0; round < 400; ++round) {
    ScheduleInput input;
    int products = uniform(1, 2), fixed = uniform(1, 4);
    for (int p = 0; p < products; ++p) {
      ScheduleEntry entry{"product " + std::to_string(p), "product", "/products/" + std::to_string(p), "p" + std::to_string(p), true,
                          static_cast<double>(uniform(1, 3)), {}};
      if (uniform(0, 2) == 0)
        for (int k = 0; k < entry.doses_per_day; ++k) entry.entered_minutes.push_back(uniform(0, 95) * 15);
      input.entries.push_back(entry);
    }
    for (int f = 0; f < fixed; ++f) {
      ScheduleEntry entry{"medicine " + std::to_string(f), "medicine", "/medicines/" + std::to_string(f), "", false, 1, {}};
      int times = uniform(0, 3);
      for (int k = 0; k < times; ++k) entry.entered_minutes.push_back(uniform(0, 1439));
      input.entries.push_back(entry);
    }
    for (int p = 0; p < products; ++p)
      for (int f = 0; f < fixed; ++f)
        if (uniform(0, 1))
          input.constraints.push_back({"rule" + std::to_string(f), static_cast<size_t>(p), static_cast<size_t>(products + f),
                                       uniform(0, 8) * 60, uniform(0, 8) * 60});
    if (uniform(0, 1)) {
      input.wake_minutes = uniform(0, 1) ? uniform(0, 47) * 30 : uniform(0, 1439);
      input.bed_minutes = (*input.wake_minutes + uniform(10, 20) * 60) % kDay;
    }
    ScheduleResult result = solve_schedule(catalog, input);
    int wake = input.wake_minutes.value_or(ScheduleRules::default_wake_minutes);
    int bed = input.bed_minutes.value_or(ScheduleRules::default_bed_minutes);

    for (size_t p = 0; p < static_cast<size_t>(products); ++p) {
      const ScheduleEntry& entry = input.entries[p];
      std::vector<int> times;
      for (const auto& dose : result.doses)
        if (dose.path == entry.path) times.push_back(minutes_of(dose.time));
      auto fits = [&](int time) {
        for (const auto& c : input.constraints) {
          if (c.supplement_input != p) continue;
          for (int other : input.entries[c.other_input].entered_minutes)
            if (!keeps_separation(time, other, c.supplement_first_minutes / 60.0, c.other_first_minutes / 60.0)) return false;
        }
        return true;
      };
      bool is_unplaced = std::any_of(result.unplaced.begin(), result.unplaced.end(),
                                     [&](const UnplacedEntry& u) { return u.path == entry.path; });
      if (!is_unplaced) {
        REQUIRE(static_cast<int>(times.size()) == static_cast<int>(entry.doses_per_day));
        ++solved;
        for (size_t k = 0; k < times.size(); ++k) {
          CHECK(fits(times[k]));
          bool entered = std::find(entry.entered_minutes.begin(), entry.entered_minutes.end(), times[k]) != entry.entered_minutes.end();
          CHECK((entered || forward(wake, times[k]) <= forward(wake, bed)));
          if (k) CHECK(forward(wake, times[k]) - forward(wake, times[k - 1]) >= ScheduleRules::min_gap_same_product_minutes);
        }
        // Around the clock too: the last dose an hour before the next day's first.
        if (times.size() > 1) CHECK(forward(times.back(), times.front()) >= ScheduleRules::min_gap_same_product_minutes);
        // Entered times, one per dose, that fit and are spaced, are kept.
        std::vector<int> entered = entry.entered_minutes;
        std::sort(entered.begin(), entered.end(), [&](int a, int b) { return forward(wake, a) < forward(wake, b); });
        bool entered_fit = static_cast<int>(entered.size()) == static_cast<int>(entry.doses_per_day) &&
                           std::all_of(entered.begin(), entered.end(), fits);
        for (size_t k = 1; entered_fit && k < entered.size(); ++k)
          entered_fit = forward(wake, entered[k]) - forward(wake, entered[k - 1]) >= ScheduleRules::min_gap_same_product_minutes;
        // Several doses leave the last hour before waking free (so the last is an hour before the next
        // day's first): an entered time there is not one the schedule keeps.
        if (entered.size() > 1)
          for (int time : entered)
            entered_fit = entered_fit && forward(wake, time) <= kDay - ScheduleRules::min_gap_same_product_minutes;
        if (entered_fit) CHECK(times == entered);
      } else if (entry.entered_minutes.empty() && entry.doses_per_day <= 2) {
        // Brute force over every minute of the waking day, not the scheduler's grid: no time (or pair of
        // times an hour apart around the clock) fits.
        int awake = forward(wake, bed) == 0 ? kDay - ScheduleRules::grid_minutes : forward(wake, bed);
        std::vector<int> allowed;
        for (int offset = 0; offset <= awake; ++offset)
          if (fits((wake + offset) % kDay)) allowed.push_back((wake + offset) % kDay);
        bool any = entry.doses_per_day == 1 && !allowed.empty();
        for (size_t i = 0; i < allowed.size() && !any && entry.doses_per_day == 2; ++i)
          for (size_t j = i + 1; j < allowed.size() && !any; ++j)
            any = forward(allowed[i], allowed[j]) >= ScheduleRules::min_gap_same_product_minutes &&
                  forward(allowed[j], allowed[i]) >= ScheduleRules::min_gap_same_product_minutes;
        INFO("round " << round << " product " << p);
        CHECK_FALSE(any);
        ++unplaced_checked;
      }
    }
  }
  // Both branches were exercised.
  CHECK(solved > 300);
  CHECK(unplaced_checked > 5);
}

// Every sentence the scheduler names exists in both languages (a missing phrase would be an empty message).
TEST_CASE("schedule: every phrase the scheduler uses is in the data, in English and Spanish") {
  std::ifstream file(std::string(DOSECALC_SOURCE_DIR) + "/core/schedule.cpp");
  std::string code((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::regex literal("\"(schedule_[a-z_]+)\"");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), literal); it != std::sregex_iterator(); ++it) ids.insert((*it)[1]);
  CHECK(ids.size() >= 10);
  for (const auto& id : ids) {
    INFO(id);
    const LocalizedText& text = embedded_catalog().phrase(id);
    CHECK_FALSE(text.en.empty());
    CHECK_FALSE(text.es.empty());
  }
}

TEST_CASE("schedule: the names a product could not be kept apart from read as a list") {
  ScheduleInput input;
  input.entries = {{"Magnesium", "product", "/products/0", "p1", true, 1, {}},
                   {"Drug A", "medicine", "/medicines/0", "", false, 1, {8 * 60}},
                   {"Drug B", "medicine", "/medicines/1", "", false, 1, {15 * 60}}};
  input.constraints = {{"rule-a", 0, 1, 8 * 60, 8 * 60}, {"rule-b", 0, 2, 8 * 60, 8 * 60}};
  ScheduleResult result = solve_schedule(embedded_catalog(), input);
  REQUIRE(result.unplaced.size() == 1);
  CHECK(result.unplaced[0].reason == "no_time_fits");
  CHECK(result.unplaced[0].message.find("apart from Drug A and Drug B as") != std::string::npos);
  input.locale = Locale::es;
  CHECK(solve_schedule(embedded_catalog(), input).unplaced[0].message.find("de Drug A y Drug B como") != std::string::npos);
}

TEST_CASE("schedule: a time between the grid's points is found when it is the only one that fits") {
  // Levothyroxine (4 h either way, sourced) at 08:05 and 16:10 leaves 12:05–12:10 in a 07:00–19:00 day.
  json report = run({{"person", adult()},
                     {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}}}},
                     {"medicines", {{{"name", "levothyroxine"}, {"times", {"08:05", "16:10"}}}}},
                     {"routine", {{"wake", "07:00"}, {"bed", "19:00"}}}});
  REQUIRE(interaction(report, "magnesium-thyroid_hormone")["separation"]["medicine_first_hours"] == 4);
  auto doses = doses_of(report, "/products/0");
  REQUIRE(doses.size() == 1);
  int time = minutes_of(doses[0]->at("time"));
  CHECK(time >= minutes_of("12:05"));
  CHECK(time <= minutes_of("12:10"));
}

TEST_CASE("schedule: entered times are kept when they fit, whatever their number, and each dose's origin is its own") {
  // Two times entered for one dose a day: one is kept, the other said to be unused.
  json one = run({{"person", adult()},
                  {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"times", {"08:00", "20:00"}}}}},
                  {"routine", {{"wake", "07:00"}, {"bed", "22:00"}}}});
  auto kept = doses_of(one, "/products/0");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0]->at("origin") == "entered");
  std::string unused = kept[0]->at("time") == "08:00" ? "20:00" : "08:00";
  CHECK(kept[0]->at("note") == "Times you entered that are not used: " + unused + ".");

  // One time entered for two doses, beside a meal that the even spread would prefer: the entered time stays.
  json two = run({{"person", adult()},
                  {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                 {"doses_per_day", 2}, {"times", {"07:00"}}}}},
                  {"routine", {{"wake", "07:00"}, {"bed", "22:00"}, {"meals", {"10:45"}}}}});
  auto both = doses_of(two, "/products/0");
  REQUIRE(both.size() == 2);
  CHECK(both[0]->at("time") == "07:00");
  CHECK(both[0]->at("origin") == "entered");
  CHECK(both[1]->at("origin") == "placed");

  // 08:00 is too soon after levothyroxine at 05:00 (4 h, sourced); 09:00 fits and is kept as entered,
  // and the other dose is the one moved from 08:00.
  json moved = run({{"person", adult()},
                    {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                   {"doses_per_day", 2}, {"times", {"08:00", "09:00"}}}}},
                    {"medicines", {{{"name", "levothyroxine"}, {"times", {"05:00"}}}}},
                    {"routine", {{"wake", "07:00"}, {"bed", "22:00"}}}});
  auto doses = doses_of(moved, "/products/0");
  REQUIRE(doses.size() == 2);
  CHECK(doses[0]->at("time") == "09:00");
  CHECK(doses[0]->at("origin") == "entered");
  CHECK(doses[0]->at("entered_time").is_null());
  CHECK(doses[1]->at("origin") == "moved");
  CHECK(doses[1]->at("entered_time") == "08:00");
  CHECK(minutes_of(doses[1]->at("time")) - minutes_of("09:00") == 60);  // as near 08:00 as the hour's gap allows

  // A time that fits is kept even when the dose it was entered for comes first in the day: 12:30 stays,
  // the dose entered at 10:00 (too soon after levothyroxine at 07:45) moves.
  json kept_later = run({{"person", adult()},
                         {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                        {"doses_per_day", 2}, {"times", {"10:00", "12:30"}}}}},
                         {"medicines", {{{"name", "levothyroxine"}, {"times", {"07:45"}}}}},
                         {"routine", {{"wake", "07:00"}, {"bed", "22:00"}}}});
  auto later = doses_of(kept_later, "/products/0");
  REQUIRE(later.size() == 2);
  CHECK(later[0]->at("time") == "12:30");
  CHECK(later[0]->at("origin") == "entered");
  CHECK(later[1]->at("time") == "13:30");
  CHECK(later[1]->at("entered_time") == "10:00");

  // Entered times and the end of an allowed stretch: 21:10 is kept, and the other doses an hour apart
  // from it, up to 22:10 (4 h before levothyroxine at 02:10).
  json chained = run({{"person", adult()},
                      {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                     {"doses_per_day", 4}, {"times", {"21:10"}}}}},
                      {"medicines", {{{"name", "levothyroxine"}, {"times", {"02:10"}}}, {{"name", "ciprofloxacin"}, {"times", {"16:45"}}}}},
                      {"routine", {{"wake", "12:00"}, {"bed", "23:00"}}}});
  auto chain = doses_of(chained, "/products/0");
  REQUIRE(chain.size() == 4);
  CHECK(std::any_of(chain.begin(), chain.end(), [](const json* d) { return d->at("time") == "21:10"; }));

  // Two entered times half an hour apart across waking are not kept as they are: an hour around the clock.
  json close = run({{"person", adult()},
                    {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"},
                                   {"doses_per_day", 2}, {"times", {"06:30", "07:00"}}}}},
                    {"routine", {{"wake", "07:00"}, {"bed", "22:00"}}}});
  auto spaced = doses_of(close, "/products/0");
  REQUIRE(spaced.size() == 2);
  int first = minutes_of(spaced[0]->at("time")), second = minutes_of(spaced[1]->at("time"));
  CHECK(forward(first, second) >= 60);
  CHECK(forward(second, first) >= 60);
}

TEST_CASE("schedule: a note names the wait that applies, and says when spacing does not help") {
  // Gabapentin: 0 h after it, 2 h before it (sourced); the note names the 2 h.
  json gabapentin = run({{"person", adult()},
                         {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}}}},
                         {"medicines", {{{"name", "gabapentin"}, {"times", {"08:00"}}}}}});
  const json& rule = interaction(gabapentin, "magnesium-gabapentin");
  REQUIRE(rule["separation"]["supplement_first_hours"] == 2);
  auto doses = doses_of(gabapentin, "/products/0");
  REQUIRE(doses.size() == 1);
  CHECK(doses[0]->at("note") == "This keeps it at least 2 h before gabapentin (08:00).");

  // Raltegravir: an avoid interaction with no separation. The dose is placed, and neither it nor the
  // schedule's message suggests that timing solves it.
  json raltegravir = run({{"person", adult()},
                          {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}}}},
                          {"medicines", {{{"name", "raltegravir"}, {"times", {"08:00"}}}}}});
  const json& avoid = interaction(raltegravir, "magnesium-raltegravir");
  REQUIRE(avoid["separation"].is_null());
  REQUIRE(avoid["severity"] == "avoid");
  auto placed = doses_of(raltegravir, "/products/0");
  REQUIRE(placed.size() == 1);
  CHECK(placed[0]->at("rule_ids") == json::array({"magnesium-raltegravir"}));
  CHECK(placed[0]->at("note") == "Spacing the doses does not help with raltegravir: see the interactions above.");
  CHECK(raltegravir["schedule"]["message"].get<std::string>().find("spacing the doses does not help") != std::string::npos);
}

TEST_CASE("schedule: doses that do not fit the waking day are said so, not blamed on the interactions") {
  json report = run({{"person", adult()},
                     {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 10}, {"amount_basis", "elemental"}, {"doses_per_day", 12}}}},
                     {"medicines", {{{"name", "levothyroxine"}, {"times", {"07:00"}}}, {{"name", "gabapentin"}}}},
                     {"routine", {{"wake", "07:00"}, {"bed", "15:00"}}}});
  const json& schedule = report.at("schedule");
  REQUIRE(schedule.at("unplaced").size() == 1);  // gabapentin is not named: the product has no time to keep apart
  CHECK(schedule.at("unplaced")[0].at("reason") == "no_time_fits");
  CHECK(schedule.at("unplaced")[0].at("message") ==
        "Magnesium citrate: 12 doses at least 1 h apart do not fit between 07:00 and 15:00.");
}

TEST_CASE("schedule: two products of one nutrient are spread over the day, not stacked") {
  // The laxative_form warning advises splitting the day's amount; the schedule does not undo that.
  json report = run({{"person", adult()},
                     {"products", {{{"id", "citrate"}, {"form", "magnesium citrate"}, {"amount_mg", 1500}, {"amount_basis", "compound"}},
                                   {{"id", "oxide"}, {"form", "magnesium oxide"}, {"amount_mg", 400}, {"amount_basis", "compound"}}}},
                     {"routine", {{"wake", "07:00"}, {"bed", "23:00"}}}});
  REQUIRE(has_warning(report, "laxative_form"));
  auto citrate = doses_of(report, "/products/0"), oxide = doses_of(report, "/products/1");
  REQUIRE(citrate.size() == 1);
  REQUIRE(oxide.size() == 1);
  int a = minutes_of(citrate[0]->at("time")), b = minutes_of(oxide[0]->at("time"));
  // Spread evenly, the two doses are half the waking day apart: 11:00 and 19:00.
  CHECK(std::min(forward(a, b), forward(b, a)) >= 6 * 60);
  CHECK(citrate[0]->at("item") == "magnesium citrate");  // as typed, as the interactions name it
}

TEST_CASE("schedule: a meal does not pull two products of one nutrient onto the same time") {
  json report = run({{"person", adult()},
                     {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}},
                                   {{"form", "magnesium glycinate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}, {"doses_per_day", 2}},
                                   {{"form", "magnesium oxide"}, {"amount_mg", 100}, {"amount_basis", "elemental"}, {"times", {"14:30"}}}}},
                     {"routine", {{"wake", "07:00"}, {"bed", "23:00"}, {"meals", {"12:30"}}}}});
  std::vector<int> times;
  for (const auto& dose : report.at("schedule").at("doses"))
    if (dose.at("kind") == "product") times.push_back(minutes_of(dose.at("time")));
  REQUIRE(times.size() == 4);
  for (size_t i = 0; i < times.size(); ++i)
    for (size_t j = i + 1; j < times.size(); ++j) CHECK(std::min(forward(times[i], times[j]), forward(times[j], times[i])) >= 60);
  CHECK(std::count(times.begin(), times.end(), minutes_of("14:30")) == 1);  // the entered time kept, and alone
}

TEST_CASE("schedule: the note names the other's dose just before or just after, with a wait that applies") {
  // Gabapentin (0 h after it, 2 h before it) three times a day; magnesium entered at 21:00: the wait that
  // applies is before the next gabapentin, tomorrow's 08:00.
  json report = run({{"person", adult()},
                     {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}, {"times", {"21:00"}}}}},
                     {"medicines", {{{"name", "gabapentin"}, {"times", {"08:00", "14:00", "20:00"}}}}}});
  auto doses = doses_of(report, "/products/0");
  REQUIRE(doses.size() == 1);
  CHECK(doses[0]->at("time") == "21:00");
  CHECK(doses[0]->at("note") == "This keeps it at least 2 h before gabapentin (08:00).");
}

TEST_CASE("schedule: when one time fits but not all the doses, the message says so") {
  json report = run({{"person", adult()},
                     {"products", {{{"form", "magnesium citrate"}, {"amount_mg", 100}, {"amount_basis", "elemental"}, {"doses_per_day", 3}}}},
                     {"medicines", {{{"name", "levothyroxine"}, {"times", {"05:00"}}}, {{"name", "Cipro"}, {"times", {"17:10"}}},
                                    {{"name", "alendronate"}, {"times", {"06:00", "21:00"}}}}},
                     {"routine", {{"wake", "07:00"}, {"bed", "23:00"}}}});
  const json& unplaced = report.at("schedule").at("unplaced");
  REQUIRE(unplaced.size() == 1);
  CHECK(unplaced[0].at("reason") == "no_time_fits");
  CHECK(unplaced[0].at("message").get<std::string>().rfind("Magnesium citrate: its 3 doses, at least 1 h apart, do not all fit", 0) == 0);
}
