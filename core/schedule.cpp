#include "schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "request.hpp"
#include "sorting.hpp"

namespace dosecalc {
namespace {

constexpr int kDayMinutes = 24 * 60;

// Minutes from one clock time forward to the next occurrence of another (0 when they are the same).
int forward_minutes(int from, int to) { return ((to - from) % kDayMinutes + kDayMinutes) % kDayMinutes; }

std::string clock_text(int minutes) { return ClockTime{minutes}.text(); }

// The waits a constraint asks of a dose of `entry` and a dose of the constraint's other entry.
struct Waits {
  size_t other;
  int after_other_minutes;  // after the other's dose, wait this long before this entry's
  int before_other_minutes; // after this entry's dose, wait this long before the other's
  const SeparationConstraint* constraint;
};

std::vector<Waits> waits_of(const ScheduleInput& input, size_t entry) {
  std::vector<Waits> out;
  for (const auto& c : input.constraints) {
    if (c.supplement_first_minutes <= 0 && c.other_first_minutes <= 0) continue;
    if (c.supplement_input == entry) out.push_back({c.other_input, c.other_first_minutes, c.supplement_first_minutes, &c});
    else if (c.other_input == entry) out.push_back({c.supplement_input, c.supplement_first_minutes, c.other_first_minutes, &c});
  }
  return out;
}

// A dose at `time` and the other's dose at `other_time`, each repeated daily: both gaps must be long
// enough (the same time breaks any wait), as report.timing_conflicts counts them.
bool keeps(const Waits& w, int time, int other_time) {
  int other_to_this = forward_minutes(other_time, time);
  int this_to_other = forward_minutes(time, other_time);
  if (other_to_this == 0) return false;
  return other_to_this >= w.after_other_minutes && this_to_other >= w.before_other_minutes;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

// "a, b and c" / "a, b y c".
std::string join_names(const std::vector<std::string>& names, Locale locale) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? (locale == Locale::es ? " y " : " and ") : ", ";
    out += names[i];
  }
  return out;
}

// Messages that open with a name as typed ("gabapentin has no time…") start with a capital.
std::string sentence(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

class Scheduler {
 public:
  Scheduler(const Catalog& catalog, const ScheduleInput& input)
      : c_(catalog), in_(input), times_(input.entries.size()), known_(input.entries.size(), false) {}

  ScheduleResult run() {
    ScheduleResult out;
    bool any_product = std::any_of(in_.entries.begin(), in_.entries.end(), [](const ScheduleEntry& e) { return e.movable; });
    if (!any_product) {
      out.reason = "no_products";
      return out;
    }
    wake_ = in_.wake_minutes.value_or(ScheduleRules::default_wake_minutes);
    bed_ = in_.bed_minutes.value_or(ScheduleRules::default_bed_minutes);
    if (!in_.wake_minutes) out.assumed.push_back("wake");
    if (!in_.bed_minutes) out.assumed.push_back("bed");
    awake_minutes_ = forward_minutes(wake_, bed_);
    if (awake_minutes_ == 0) awake_minutes_ = kDayMinutes - ScheduleRules::grid_minutes;  // no sleep given
    out.wake = clock_text(wake_);
    out.bed = clock_text(bed_);

    for (size_t i = 0; i < in_.entries.size(); ++i) {
      const ScheduleEntry& entry = in_.entries[i];
      if (entry.movable) continue;
      times_[i] = entry.entered_minutes;
      known_[i] = !entry.entered_minutes.empty();
      for (int time : entry.entered_minutes) {
        ScheduledDose dose;
        dose.time = clock_text(time);
        dose.item = entry.name;
        dose.kind = entry.kind;
        dose.path = entry.path;
        dose.origin = "fixed";
        dose.at_meal = is_meal(time);
        out.doses.push_back(dose);
      }
    }
    report_untimed(out);
    for (size_t i = 0; i < in_.entries.size(); ++i)
      if (in_.entries[i].movable) place_product(i, out);

    stable_sort_small(out.doses, [this](const ScheduledDose& a, const ScheduledDose& b) {
      auto ta = parse_clock_time(a.time), tb = parse_clock_time(b.time);
      return day_offset(ta ? ta->minutes : 0) < day_offset(tb ? tb->minutes : 0);
    });
    bool all_placed = std::none_of(out.unplaced.begin(), out.unplaced.end(), [](const UnplacedEntry& u) { return u.kind == "product"; });
    out.status = all_placed ? "solved" : "incomplete";
    bool untimed = !out.unplaced.empty();  // only medicines and supplements without a time, when all are placed
    out.message = phrase(!all_placed ? "schedule_incomplete" : untimed ? "schedule_solved_untimed" : "schedule_solved");
    return out;
  }

 private:
  const Catalog& c_;
  const ScheduleInput& in_;
  std::vector<std::vector<int>> times_;  // each entry's times: entered (fixed) or chosen (products)
  std::vector<bool> known_;
  int wake_ = 0, bed_ = 0, awake_minutes_ = 0;

  std::string phrase(const char* id) const { return c_.phrase(id).in(in_.locale); }
  std::string hours(int minutes) const { return number_in(in_.locale, minutes / 60.0, 2); }
  int day_offset(int time) const { return forward_minutes(wake_, time); }
  // In the day's order from waking. A hundred times at most: the small sort keeps the wasm smaller than
  // std::sort's instantiations would.
  void sort_by_day(std::vector<int>& times) const {
    stable_sort_small(times, [this](int a, int b) { return day_offset(a) < day_offset(b); });
  }
  bool is_meal(int time) const {
    return std::find(in_.meal_minutes.begin(), in_.meal_minutes.end(), time) != in_.meal_minutes.end();
  }

  // A medicine or supplement that a product must keep apart from, with no time entered: its
  // separation cannot be kept, and the person is told.
  void report_untimed(ScheduleResult& out) {
    for (size_t i = 0; i < in_.entries.size(); ++i) {
      const ScheduleEntry& entry = in_.entries[i];
      if (entry.movable || known_[i]) continue;
      UnplacedEntry unplaced{entry.name, entry.kind, entry.path, "", "no_time_given", {}, ""};
      std::vector<std::string> products;
      for (size_t p = 0; p < in_.entries.size(); ++p) {
        if (!in_.entries[p].movable) continue;
        for (const Waits& w : waits_of(in_, p))
          if (w.other == i) {
            add_unique(unplaced.rule_ids, w.constraint->rule_id);
            add_unique(products, in_.entries[p].name);
          }
      }
      if (unplaced.rule_ids.empty()) continue;
      unplaced.message = sentence(fill_template(phrase("schedule_no_time_given"), {{"name", entry.name}, {"others", join_names(products, in_.locale)}}));
      out.unplaced.push_back(unplaced);
    }
  }

  bool feasible(const std::vector<Waits>& waits, int time) const {
    for (const Waits& w : waits) {
      if (!known_[w.other]) continue;
      for (int other_time : times_[w.other])
        if (!keeps(w, time, other_time)) return false;
    }
    return true;
  }

  void place_product(size_t index, ScheduleResult& out) {
    const ScheduleEntry& entry = in_.entries[index];
    UnplacedEntry unplaced{entry.name, entry.kind, entry.path, entry.product_id, "", {}, ""};
    // Less than one dose a day (every other day) is one dose on the days it is taken.
    double per_day = entry.doses_per_day < 1 ? 1 : entry.doses_per_day;
    if (std::fabs(per_day - std::round(per_day)) > 1e-9) {
      unplaced.reason = "doses_not_whole";
      unplaced.message = sentence(fill_template(phrase("schedule_doses_not_whole"),
                                                {{"name", entry.name}, {"doses", number_in(in_.locale, entry.doses_per_day, 2)}}));
      out.unplaced.push_back(unplaced);
      return;
    }
    int count = static_cast<int>(std::round(per_day));
    // Less than daily: every n days when that is a whole number (0.5 a day = every 2 days), else 0 (irregular).
    int every_days = 1;
    if (entry.doses_per_day < 1) {
      double interval = 1 / entry.doses_per_day;
      every_days = std::fabs(interval - std::round(interval)) < 0.05 ? static_cast<int>(std::round(interval)) : 0;
    }
    if (count > ScheduleRules::max_doses_placed) {
      unplaced.reason = "too_many_doses";
      unplaced.message = sentence(fill_template(phrase("schedule_too_many_doses"),
                                                {{"name", entry.name}, {"doses", std::to_string(count)},
                                                 {"max", std::to_string(ScheduleRules::max_doses_placed)}}));
      out.unplaced.push_back(unplaced);
      return;
    }

    std::vector<Waits> waits = waits_of(in_, index);
    std::vector<int> entered = entry.entered_minutes;
    sort_by_day(entered);
    entered.erase(std::unique(entered.begin(), entered.end()), entered.end());

    // Candidate times: the waking day on a grid, the meals in it and the times entered (even outside it:
    // the person said they take it then). Ordered through the day from waking.
    std::vector<int> candidates;
    for (int offset = 0; offset <= awake_minutes_; offset += ScheduleRules::grid_minutes)
      candidates.push_back((wake_ + offset) % kDayMinutes);
    for (int meal : in_.meal_minutes)
      if (day_offset(meal) <= awake_minutes_) candidates.push_back(meal);
    for (int time : entered) candidates.push_back(time);
    sort_by_day(candidates);
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<int> open;
    for (int time : candidates)
      if (feasible(waits, time)) open.push_back(time);

    std::vector<int> chosen;
    bool entered_kept = static_cast<int>(entered.size()) == count &&
                        std::all_of(entered.begin(), entered.end(), [&](int t) { return feasible(waits, t); }) &&
                        spaced(entered);
    if (entered_kept) chosen = entered;
    else chosen = choose(open, count, entered);

    if (chosen.empty()) {
      std::vector<std::string> others;
      for (const Waits& w : waits) {
        if (!known_[w.other]) continue;
        add_unique(unplaced.rule_ids, w.constraint->rule_id);
        add_unique(others, in_.entries[w.other].name);
      }
      unplaced.reason = "no_time_fits";
      unplaced.message = others.empty()
          ? sentence(fill_template(phrase("schedule_no_room"), {{"name", entry.name}, {"doses", std::to_string(count)},
                                                                {"wake", clock_text(wake_)}, {"bed", clock_text(bed_)}}))
          : fill_template(phrase("schedule_no_time_fits"), {{"name", entry.name}, {"others", join_names(others, in_.locale)},
                                                            {"wake", clock_text(wake_)}, {"bed", clock_text(bed_)}});
      out.unplaced.push_back(unplaced);
      return;
    }

    bool one_time_per_dose = static_cast<int>(entered.size()) == count;
    for (int k = 0; k < count; ++k) {
      int time = chosen[k];
      ScheduledDose dose;
      dose.time = clock_text(time);
      dose.item = entry.name;
      dose.kind = entry.kind;
      dose.product_id = entry.product_id;
      dose.path = entry.path;
      dose.dose = k + 1;
      dose.of = count;
      dose.at_meal = is_meal(time);
      dose.every_days = every_days;
      bool was_entered = std::find(entered.begin(), entered.end(), time) != entered.end();
      dose.origin = was_entered ? "entered" : one_time_per_dose ? "moved" : "placed";
      if (dose.origin == "moved") dose.entered_time = clock_text(entered[k]);
      dose.note = note_for(waits, time, dose);
      out.doses.push_back(dose);
    }
    times_[index] = chosen;
    known_[index] = true;
  }

  bool spaced(const std::vector<int>& times) const {
    for (size_t i = 1; i < times.size(); ++i)
      if (day_offset(times[i]) - day_offset(times[i - 1]) < ScheduleRules::min_gap_same_product_minutes) return false;
    return true;
  }

  // The times for `count` doses, in the day's order and at least the minimum gap apart, closest to the
  // preferred times: the entered ones (one per dose), else spread evenly over the waking day with meals
  // preferred nearby. Exact over the candidates (dynamic programming); empty when none fit.
  std::vector<int> choose(const std::vector<int>& open, int count, const std::vector<int>& entered) const {
    const int n = static_cast<int>(open.size());
    if (n < count) return {};
    bool by_entered = static_cast<int>(entered.size()) == count;
    auto preferred_offset = [&](int k) {
      return by_entered ? day_offset(entered[k]) : awake_minutes_ * (2 * k + 1) / (2 * count);
    };
    // Meals are easy times to remember; when the times were entered, staying near them matters more.
    // A time entered for a product whose doses do not match its count is kept where it can be.
    auto cost = [&](int k, int time) {
      double c = std::abs(day_offset(time) - preferred_offset(k));
      if (!by_entered && is_meal(time)) c -= 180;
      if (!by_entered && std::find(entered.begin(), entered.end(), time) != entered.end()) c -= 240;
      return c;
    };
    const double kNone = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(count, std::vector<double>(n, kNone));
    std::vector<std::vector<int>> previous(count, std::vector<int>(n, -1));
    for (int j = 0; j < n; ++j) best[0][j] = cost(0, open[j]);
    for (int k = 1; k < count; ++k)
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < j; ++i) {
          if (best[k - 1][i] == kNone) continue;
          if (day_offset(open[j]) - day_offset(open[i]) < ScheduleRules::min_gap_same_product_minutes) continue;
          double total = best[k - 1][i] + cost(k, open[j]);
          if (total < best[k][j]) {
            best[k][j] = total;
            previous[k][j] = i;
          }
        }
    int last = -1;
    for (int j = 0; j < n; ++j)
      if (best[count - 1][j] != kNone && (last < 0 || best[count - 1][j] < best[count - 1][last])) last = j;
    if (last < 0) return {};
    std::vector<int> chosen(count);
    for (int k = count - 1; k >= 0; --k) {
      chosen[k] = open[last];
      last = previous[k][last];
    }
    return chosen;
  }

  // "Moved from 08:00, …. This keeps it at least 4 h after Levothyroxine (08:00)." For each other dose,
  // the nearer of the two waits is the one that binds.
  std::string note_for(const std::vector<Waits>& waits, int time, ScheduledDose& dose) const {
    std::vector<std::string> kept;
    for (const Waits& w : waits) {
      if (!known_[w.other]) continue;
      add_unique(dose.rule_ids, w.constraint->rule_id);
      for (int other_time : times_[w.other]) {
        bool after = forward_minutes(other_time, time) <= forward_minutes(time, other_time);
        int wait = after ? w.after_other_minutes : w.before_other_minutes;
        if (wait <= 0) continue;
        add_unique(kept, fill_template(phrase(after ? "schedule_after" : "schedule_before"),
                                       {{"hours", hours(wait)}, {"other", in_.entries[w.other].name},
                                        {"time", clock_text(other_time)}}));
      }
    }
    std::vector<std::string> sentences;
    if (dose.every_days != 1)
      sentences.push_back(dose.every_days > 1
                              ? fill_template(phrase("schedule_every_days"), {{"days", std::to_string(dose.every_days)}})
                              : phrase("schedule_not_daily"));
    if (dose.origin == "moved") sentences.push_back(fill_template(phrase("schedule_moved"), {{"time", dose.entered_time}}));
    if (!kept.empty()) sentences.push_back(fill_template(phrase("schedule_keeps"), {{"list", join(kept, "; ")}}));
    return join(sentences, " ");
  }
};

}  // namespace

// Out of line: the first result (no knowledge base yet) never calls it.
[[gnu::noinline]]
ScheduleResult solve_schedule(const Catalog& catalog, const ScheduleInput& input) {
  return Scheduler(catalog, input).run();
}

}  // namespace dosecalc
