#include "schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "json_reader.hpp"  // number_in
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
  int after_other_minutes;   // after the other's dose, wait this long before this entry's
  int before_other_minutes;  // after this entry's dose, wait this long before the other's
  const SeparationConstraint* constraint;
};

std::vector<Waits> waits_of(const ScheduleInput& input, size_t entry) {
  std::vector<Waits> out;
  for (const auto& c : input.constraints) {
    if (c.timing_does_not_help || (c.supplement_first_minutes <= 0 && c.other_first_minutes <= 0)) continue;
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

bool contains(const std::vector<int>& list, int value) { return std::find(list.begin(), list.end(), value) != list.end(); }

// Whole doses a day to place: fewer than one a day (every other day) is one dose on the days it is
// taken; 0 when the number is not whole.
int whole_doses(double doses_per_day) {
  double per_day = doses_per_day < 1 ? 1 : doses_per_day;
  return std::fabs(per_day - std::round(per_day)) > 1e-9 ? 0 : static_cast<int>(std::round(per_day));
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
    wake_minutes_ = in_.wake_minutes.value_or(ScheduleRules::default_wake_minutes);
    bed_minutes_ = in_.bed_minutes.value_or(ScheduleRules::default_bed_minutes);
    if (!in_.wake_minutes) out.assumed.push_back("wake");
    if (!in_.bed_minutes) out.assumed.push_back("bed");
    awake_minutes_ = forward_minutes(wake_minutes_, bed_minutes_);
    if (awake_minutes_ == 0) awake_minutes_ = kDayMinutes - ScheduleRules::grid_minutes;  // no sleep given
    out.wake = clock_text(wake_minutes_);
    out.bed = clock_text(bed_minutes_);

    for (size_t i = 0; i < in_.entries.size(); ++i) {
      const ScheduleEntry& entry = in_.entries[i];
      if (entry.movable) continue;
      std::vector<int> times = entry.entered_minutes;  // the same time entered twice is one dose
      sort_by_day(times);
      times.erase(std::unique(times.begin(), times.end()), times.end());
      times_[i] = times;
      known_[i] = !times.empty();
      for (size_t k = 0; k < times.size(); ++k) {
        ScheduledDose dose;
        dose.time = clock_text(times[k]);
        dose.item = entry.name;
        dose.kind = entry.kind;
        dose.path = entry.path;
        dose.dose = static_cast<int>(k) + 1;
        dose.of = static_cast<int>(times.size());
        dose.origin = "fixed";
        dose.at_meal = is_meal(times[k]);
        out.doses.push_back(dose);
      }
    }
    plan_spread();
    bool timing_does_not_help = false;
    for (size_t i = 0; i < in_.entries.size(); ++i)
      if (in_.entries[i].movable) timing_does_not_help = place_product(i, out) || timing_does_not_help;
    report_untimed(out);

    stable_sort_small(out.doses, [this](const ScheduledDose& a, const ScheduledDose& b) {
      auto ta = parse_clock_time(a.time), tb = parse_clock_time(b.time);
      return day_offset(ta ? ta->minutes : 0) < day_offset(tb ? tb->minutes : 0);
    });
    bool all_placed = std::none_of(out.unplaced.begin(), out.unplaced.end(), [](const UnplacedEntry& u) { return u.kind == "product"; });
    bool untimed = std::any_of(out.unplaced.begin(), out.unplaced.end(), [](const UnplacedEntry& u) { return u.kind != "product"; });
    out.status = all_placed ? "solved" : "incomplete";
    std::vector<std::string> message{phrase(all_placed ? "schedule_solved" : "schedule_incomplete")};
    if (untimed) message.push_back(phrase("schedule_untimed"));
    if (timing_does_not_help) message.push_back(phrase("schedule_timing_does_not_help_some"));
    out.message = join(message, " ");
    return out;
  }

 private:
  const Catalog& c_;
  const ScheduleInput& in_;
  std::vector<std::vector<int>> times_;  // each entry's times: entered (fixed) or chosen (products)
  std::vector<bool> known_;
  int wake_minutes_ = 0, bed_minutes_ = 0, awake_minutes_ = 0;
  // Preferred day offsets of each product's doses when they are spread (not one entered time per dose).
  std::vector<std::vector<double>> spread_offsets_;

  // Products of one nutrient are spread over the waking day together, their doses interleaved, so that
  // two magnesium products are not stacked at one time (the laxative_form warning advises splitting the
  // day's amount). One product alone is spread evenly: (k + ½) × day ÷ doses.
  void plan_spread() {
    spread_offsets_.assign(in_.entries.size(), {});
    std::vector<bool> planned(in_.entries.size(), false);
    for (size_t first = 0; first < in_.entries.size(); ++first) {
      if (planned[first] || !spread_mode(first)) continue;
      std::vector<size_t> group;
      for (size_t i = first; i < in_.entries.size(); ++i)
        if (!planned[i] && spread_mode(i) && in_.entries[i].nutrient == in_.entries[first].nutrient) {
          group.push_back(i);
          planned[i] = true;
        }
      int total = 0;
      for (size_t i : group) total += whole_doses(in_.entries[i].doses_per_day);
      // Each slot of the day goes to the product furthest behind its share (largest remainder).
      std::vector<int> assigned(group.size(), 0);
      for (int slot = 0; slot < total; ++slot) {
        size_t pick = 0;
        double most_behind = -1e9;
        for (size_t g = 0; g < group.size(); ++g) {
          int doses = whole_doses(in_.entries[group[g]].doses_per_day);
          double behind = static_cast<double>(doses) * (slot + 1) / total - assigned[g];
          if (assigned[g] < doses && behind > most_behind + 1e-9) {
            most_behind = behind;
            pick = g;
          }
        }
        ++assigned[pick];
        spread_offsets_[group[pick]].push_back(awake_minutes_ * (2.0 * slot + 1) / (2.0 * total));
      }
    }
  }

  // A product whose doses are spread rather than placed near one entered time each.
  bool spread_mode(size_t index) const {
    const ScheduleEntry& entry = in_.entries[index];
    int count = whole_doses(entry.doses_per_day);
    if (!entry.movable || count == 0 || count > ScheduleRules::max_doses_placed) return false;
    std::vector<int> entered = entry.entered_minutes;
    sort_by_day(entered);
    return std::unique(entered.begin(), entered.end()) - entered.begin() != count;
  }

  std::string phrase(const char* id) const { return c_.phrase(id).in(in_.locale); }
  std::string hours(int minutes) const { return number_in(in_.locale, minutes / 60.0, 2); }
  int day_offset(int time) const { return forward_minutes(wake_minutes_, time); }
  bool in_waking_day(int time) const { return day_offset(time) <= awake_minutes_; }
  // In the day's order from waking. The small sort keeps the wasm smaller than std::sort's
  // instantiations would; the lists are a few hundred times at most.
  void sort_by_day(std::vector<int>& times) const {
    stable_sort_small(times, [this](int a, int b) { return day_offset(a) < day_offset(b); });
  }
  bool is_meal(int time) const { return contains(in_.meal_minutes, time); }

  // A medicine or supplement that a placed product must keep apart from, with no time entered: its
  // separation cannot be kept, and the person is told.
  void report_untimed(ScheduleResult& out) {
    for (size_t i = 0; i < in_.entries.size(); ++i) {
      const ScheduleEntry& entry = in_.entries[i];
      if (entry.movable || known_[i]) continue;
      UnplacedEntry unplaced{entry.name, entry.kind, entry.path, "", "no_time_given", {}, ""};
      std::vector<std::string> products;
      for (size_t p = 0; p < in_.entries.size(); ++p) {
        if (!in_.entries[p].movable || !known_[p]) continue;  // a product with no time placed needs no keeping apart
        for (const Waits& w : waits_of(in_, p))
          if (w.other == i) {
            add_unique(unplaced.rule_ids, w.constraint->rule_id);
            add_unique(products, in_.entries[p].name);
          }
      }
      if (unplaced.rule_ids.empty()) continue;
      unplaced.message = sentence(fill_template(phrase("schedule_no_time_given"),
                                                {{"name", entry.name}, {"others", join_names(products, in_.locale)}}));
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

  // Times a dose may be given: the waking day on a grid, the meals in it and the times entered (even
  // outside it: the person said they take it then); and, so that no allowed time is missed between grid
  // points, the first time after each other dose that keeps its wait, with the times an hour apart from
  // it for the next doses. Every stretch of allowed times starts at one of those or at waking, and the
  // earliest doses a stretch allows are its start and an hour apart from it: the choice below is exact.
  std::vector<int> candidate_times(const std::vector<Waits>& waits, const std::vector<int>& entered, int count) const {
    std::vector<int> times;
    for (int offset = 0; offset <= awake_minutes_; offset += ScheduleRules::grid_minutes)
      times.push_back((wake_minutes_ + offset) % kDayMinutes);
    for (int meal : in_.meal_minutes)
      if (in_waking_day(meal)) times.push_back(meal);
    times.insert(times.end(), entered.begin(), entered.end());
    std::vector<int> starts{wake_minutes_};
    for (const Waits& w : waits) {
      if (!known_[w.other]) continue;
      for (int other_time : times_[w.other]) starts.push_back((other_time + std::max(w.after_other_minutes, 1)) % kDayMinutes);
    }
    for (int start : starts) {
      for (int k = 0; k < count && times.size() < ScheduleRules::max_candidate_times; ++k) {
        int time = (start + k * ScheduleRules::min_gap_same_product_minutes) % kDayMinutes;
        if (in_waking_day(time)) times.push_back(time);
      }
    }
    sort_by_day(times);
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
  }

  // Places the product's doses; returns whether a major or avoid interaction it has is one that timing
  // does not help with.
  bool place_product(size_t index, ScheduleResult& out) {
    const ScheduleEntry& entry = in_.entries[index];
    UnplacedEntry unplaced{entry.name, entry.kind, entry.path, entry.product_id, "", {}, ""};
    int count = whole_doses(entry.doses_per_day);
    if (count == 0) {
      unplaced.reason = "doses_not_whole";
      unplaced.message = sentence(fill_template(phrase("schedule_doses_not_whole"),
                                                {{"name", entry.name}, {"doses", number_in(in_.locale, entry.doses_per_day, 2)}}));
      out.unplaced.push_back(unplaced);
      return false;
    }
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
      return false;
    }
    // The doses must fit the waking day an hour apart (around the clock) whatever the interactions.
    int room_minutes = std::min(awake_minutes_, kDayMinutes - ScheduleRules::min_gap_same_product_minutes);
    if ((count - 1) * ScheduleRules::min_gap_same_product_minutes > room_minutes) {
      unplaced.reason = "no_time_fits";
      unplaced.message = sentence(fill_template(phrase("schedule_no_room"),
                                                {{"name", entry.name}, {"doses", std::to_string(count)},
                                                 {"wake", clock_text(wake_minutes_)}, {"bed", clock_text(bed_minutes_)}}));
      out.unplaced.push_back(unplaced);
      return false;
    }

    std::vector<Waits> waits = waits_of(in_, index);
    std::vector<int> entered = entry.entered_minutes;
    sort_by_day(entered);
    entered.erase(std::unique(entered.begin(), entered.end()), entered.end());
    bool one_time_per_dose = static_cast<int>(entered.size()) == count;

    std::vector<int> open;
    for (int time : candidate_times(waits, entered, count))
      if (feasible(waits, time)) open.push_back(time);

    std::vector<int> chosen;
    if (one_time_per_dose && std::all_of(entered.begin(), entered.end(), [&](int t) { return feasible(waits, t); }) &&
        spaced(entered))
      chosen = entered;
    else
      chosen = choose(open, count, entered, spread_offsets_[index]);

    if (chosen.empty()) {
      // Name only the medicines and supplements whose waits rule out some time of the day.
      std::vector<std::string> others;
      const std::vector<int> day = candidate_times({}, {}, 1);
      for (const Waits& w : waits) {
        if (!known_[w.other]) continue;
        bool rules_out = false;
        for (int time : day)
          for (int other_time : times_[w.other]) rules_out = rules_out || !keeps(w, time, other_time);
        if (!rules_out) continue;
        add_unique(unplaced.rule_ids, w.constraint->rule_id);
        add_unique(others, in_.entries[w.other].name);
      }
      unplaced.reason = "no_time_fits";
      unplaced.message = fill_template(phrase("schedule_no_time_fits"),
                                       {{"name", entry.name}, {"others", join_names(others, in_.locale)},
                                        {"wake", clock_text(wake_minutes_)}, {"bed", clock_text(bed_minutes_)}});
      out.unplaced.push_back(unplaced);
      return false;
    }

    // Major or avoid interactions that no separation helps: the doses are placed, and the note says so.
    std::vector<std::string> no_help_names, no_help_rules;
    for (const auto& c : in_.constraints) {
      if (!c.timing_does_not_help || (c.supplement_input != index && c.other_input != index)) continue;
      size_t other = c.supplement_input == index ? c.other_input : c.supplement_input;
      add_unique(no_help_names, in_.entries[other].name);
      add_unique(no_help_rules, c.rule_id);
    }
    std::vector<std::string> unused;
    for (int time : entered)
      if (!contains(chosen, time)) unused.push_back(clock_text(time));

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
      if (one_time_per_dose) {
        dose.origin = time == entered[k] ? "entered" : "moved";
        if (dose.origin == "moved") dose.entered_time = clock_text(entered[k]);
      } else {
        dose.origin = contains(entered, time) ? "entered" : "placed";
      }
      std::vector<std::string> sentences;
      if (every_days != 1)
        sentences.push_back(every_days > 1 ? fill_template(phrase("schedule_every_days"), {{"days", std::to_string(every_days)}})
                                           : phrase("schedule_not_daily"));
      if (dose.origin == "moved") sentences.push_back(fill_template(phrase("schedule_moved"), {{"time", dose.entered_time}}));
      if (k == 0 && !one_time_per_dose && !unused.empty())
        sentences.push_back(fill_template(phrase("schedule_times_unused"), {{"times", join_names(unused, in_.locale)}}));
      std::string kept = kept_apart(waits, time, dose);
      if (!kept.empty()) sentences.push_back(kept);
      if (!no_help_names.empty()) {
        sentences.push_back(fill_template(phrase("schedule_timing_does_not_help"), {{"others", join_names(no_help_names, in_.locale)}}));
        for (const auto& rule : no_help_rules) add_unique(dose.rule_ids, rule);
      }
      dose.note = join(sentences, " ");
      out.doses.push_back(dose);
    }
    times_[index] = chosen;
    known_[index] = true;
    return !no_help_names.empty();
  }

  // At least the gap between consecutive doses, and from the last back round to the first.
  bool spaced(const std::vector<int>& times) const {
    if (times.size() < 2) return true;
    for (size_t i = 1; i < times.size(); ++i)
      if (day_offset(times[i]) - day_offset(times[i - 1]) < ScheduleRules::min_gap_same_product_minutes) return false;
    return kDayMinutes - (day_offset(times.back()) - day_offset(times.front())) >= ScheduleRules::min_gap_same_product_minutes;
  }

  // The times for `count` doses among the allowed candidates (in the day's order), an hour apart around
  // the clock, closest to the preferred times: the entered ones when there is one per dose (each kept
  // where it fits), else the spread offsets (plan_spread) with meals and any entered time preferred.
  // Exact over the candidates (dynamic programming); empty when none fit.
  std::vector<int> choose(const std::vector<int>& open, int count, const std::vector<int>& entered,
                          const std::vector<double>& spread_offsets) const {
    const int n = static_cast<int>(open.size());
    if (n < count) return {};
    bool by_entered = static_cast<int>(entered.size()) == count;
    auto cost = [&](int k, int time) {
      double preferred = by_entered ? day_offset(entered[k]) : spread_offsets[k];
      double c = std::abs(day_offset(time) - preferred);
      if (by_entered) {
        if (time == entered[k]) c -= ScheduleRules::entered_preference_minutes;
      } else {
        if (is_meal(time)) c -= ScheduleRules::meal_preference_minutes;
        if (contains(entered, time)) c -= ScheduleRules::entered_preference_minutes;
      }
      return c;
    };
    const int gap = ScheduleRules::min_gap_same_product_minutes;
    const int max_span = kDayMinutes - gap;  // from the first dose to the last, so the last is an hour before the next day's first
    const int day_end = day_offset(open.back());
    // A first dose this early could have a last dose too late for the next day's first: each such start
    // is tried on its own, with the last dose bounded. Later starts never can.
    std::vector<int> best;
    double best_total = std::numeric_limits<double>::infinity();
    auto try_starts = [&](int first_lo, int first_hi, int last_limit) {
      std::vector<int> picked = dp(open, count, cost, first_lo, first_hi, last_limit);
      if (picked.empty()) return;
      double total = 0;
      for (int k = 0; k < count; ++k) total += cost(k, open[picked[k]]);
      if (total < best_total) {
        best_total = total;
        best.clear();
        for (int i : picked) best.push_back(open[i]);
      }
    };
    int late_from = 0;
    while (late_from < n && day_end - day_offset(open[late_from]) > max_span) ++late_from;
    for (int i = 0; i < late_from; ++i) try_starts(i, i, day_offset(open[i]) + max_span);
    if (late_from < n) try_starts(late_from, n - 1, day_end);
    return best;
  }

  // Indices into `open` for `count` doses in order, the first among [first_lo, first_hi], none later than
  // `last_limit` (a day offset), consecutive ones at least the gap apart, of least total cost.
  template <class Cost>
  std::vector<int> dp(const std::vector<int>& open, int count, Cost& cost, int first_lo, int first_hi, int last_limit) const {
    const int n = static_cast<int>(open.size());
    const double kNone = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(count, std::vector<double>(n, kNone));
    std::vector<std::vector<int>> previous(count, std::vector<int>(n, -1));
    for (int j = first_lo; j <= first_hi; ++j)
      if (day_offset(open[j]) <= last_limit) best[0][j] = cost(0, open[j]);
    for (int k = 1; k < count; ++k)
      for (int j = 0; j < n; ++j) {
        if (day_offset(open[j]) > last_limit) break;
        for (int i = 0; i < j; ++i) {
          if (best[k - 1][i] == kNone) continue;
          if (day_offset(open[j]) - day_offset(open[i]) < ScheduleRules::min_gap_same_product_minutes) continue;
          double total = best[k - 1][i] + cost(k, open[j]);
          if (total < best[k][j]) {
            best[k][j] = total;
            previous[k][j] = i;
          }
        }
      }
    int last = -1;
    for (int j = 0; j < n; ++j)
      if (best[count - 1][j] != kNone && (last < 0 || best[count - 1][j] < best[count - 1][last])) last = j;
    if (last < 0) return {};
    std::vector<int> picked(count);
    for (int k = count - 1; k >= 0; --k) {
      picked[k] = last;
      last = previous[k][last];
    }
    return picked;
  }

  // "This keeps it at least 4 h after Levothyroxine (08:00)." For each other dose, the wait with the
  // least time to spare is named (a wait of 0 h never).
  std::string kept_apart(const std::vector<Waits>& waits, int time, ScheduledDose& dose) const {
    std::vector<std::string> kept;
    for (const Waits& w : waits) {
      if (!known_[w.other]) continue;
      add_unique(dose.rule_ids, w.constraint->rule_id);
      for (int other_time : times_[w.other]) {
        int after_spare = forward_minutes(other_time, time) - w.after_other_minutes;
        int before_spare = forward_minutes(time, other_time) - w.before_other_minutes;
        bool after = w.before_other_minutes <= 0 || (w.after_other_minutes > 0 && after_spare <= before_spare);
        int wait = after ? w.after_other_minutes : w.before_other_minutes;
        add_unique(kept, fill_template(phrase(after ? "schedule_after" : "schedule_before"),
                                       {{"hours", hours(wait)}, {"other", in_.entries[w.other].name},
                                        {"time", clock_text(other_time)}}));
      }
    }
    return kept.empty() ? "" : fill_template(phrase("schedule_keeps"), {{"list", join(kept, "; ")}});
  }
};

}  // namespace

// Out of line: the first result (no knowledge base yet) never calls it.
[[gnu::noinline]]
ScheduleResult solve_schedule(const Catalog& catalog, const ScheduleInput& input) {
  return Scheduler(catalog, input).run();
}

}  // namespace dosecalc
