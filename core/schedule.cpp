#include "schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "json_reader.hpp"  // number_in
#include "sorting.hpp"

namespace dosecalc {
namespace {

constexpr int kDayMinutes = 24 * 60;

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
  int other_to_this = minutes_forward(other_time, time);
  int this_to_other = minutes_forward(time, other_time);
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
    awake_minutes_ = minutes_forward(wake_minutes_, bed_minutes_);
    if (awake_minutes_ == 0) awake_minutes_ = kDayMinutes - ScheduleRules::grid_minutes;  // no sleep given
    out.wake = clock_text(wake_minutes_);
    out.bed = clock_text(bed_minutes_);

    for (size_t i = 0; i < in_.entries.size(); ++i) {
      const ScheduleEntry& entry = in_.entries[i];
      if (entry.movable) continue;
      std::vector<int> times = distinct_by_day(entry.entered_minutes);  // the same time entered twice is one dose
      times_[i] = times;
      known_[i] = !times.empty();
      for (size_t k = 0; k < times.size(); ++k) {
        ScheduledDose dose;
        dose.minutes = times[k];
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
      return day_offset(a.minutes) < day_offset(b.minutes);
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
    return static_cast<int>(distinct_by_day(entry.entered_minutes).size()) != count;
  }

  std::string phrase(const char* id) const { return c_.phrase(id).in(in_.locale); }
  std::string hours(int minutes) const { return number_in(in_.locale, minutes / 60.0, 2); }
  int day_offset(int time) const { return minutes_forward(wake_minutes_, time); }
  bool in_waking_day(int time) const { return day_offset(time) <= awake_minutes_; }
  // Each time once, in the day's order from waking. The small sort keeps the wasm smaller than std::sort's
  // instantiations would; the lists are a few hundred times at most.
  std::vector<int> distinct_by_day(std::vector<int> times) const {
    stable_sort_small(times, [this](int a, int b) { return day_offset(a) < day_offset(b); });
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
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

  // The day offsets a product's several doses may use: from waking to an hour before the next waking,
  // so that the day's last dose is at least an hour before the next day's first (around the clock).
  static constexpr int kLastOffset = kDayMinutes - ScheduleRules::min_gap_same_product_minutes;
  bool usable(int time, int count) const { return count == 1 || day_offset(time) <= kLastOffset; }

  // Times a dose may be given: the waking day on a grid, the meals in it and the times entered (even
  // outside it: the person said they take it then); and, so that no allowed time is missed between grid
  // points, where each stretch of allowed times starts (waking, or the first time after another dose
  // that keeps its wait) and ends (bedtime, or the last time before another dose), with the times an
  // hour apart from those and from the entered times for the other doses. Any set of times that fits
  // can be slid, dose by dose, onto these without breaking a wait: so if one fits, one is found.
  std::vector<int> candidate_times(const std::vector<Waits>& waits, const std::vector<int>& entered, int count) const {
    const int gap = ScheduleRules::min_gap_same_product_minutes;
    std::vector<int> times;
    for (int offset = 0; offset <= awake_minutes_; offset += ScheduleRules::grid_minutes)
      times.push_back((wake_minutes_ + offset) % kDayMinutes);
    for (int meal : in_.meal_minutes)
      if (in_waking_day(meal)) times.push_back(meal);
    std::vector<int> starts{wake_minutes_}, ends{bed_minutes_};
    for (int time : entered) {
      times.push_back(time);
      starts.push_back(time);
      ends.push_back(time);
    }
    for (const Waits& w : waits) {
      if (!known_[w.other]) continue;
      for (int other_time : times_[w.other]) {
        starts.push_back((other_time + std::max(w.after_other_minutes, 1)) % kDayMinutes);
        ends.push_back(((other_time - std::max(w.before_other_minutes, 1)) % kDayMinutes + kDayMinutes) % kDayMinutes);
      }
    }
    for (int k = 0; k < count; ++k) {
      for (int start : starts) times.push_back((start + k * gap) % kDayMinutes);
      for (int end : ends) times.push_back(((end - k * gap) % kDayMinutes + kDayMinutes) % kDayMinutes);
      if (times.size() >= ScheduleRules::max_candidate_times) break;
    }
    std::vector<int> out;
    for (int time : times)
      if (usable(time, count) && (in_waking_day(time) || contains(entered, time))) out.push_back(time);
    return distinct_by_day(out);
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

    std::vector<Waits> waits = waits_of(in_, index);
    std::vector<int> entered = distinct_by_day(entry.entered_minutes);
    bool one_time_per_dose = static_cast<int>(entered.size()) == count;
    // Doses of this nutrient already placed from other products: not stacked on (plan_spread).
    std::vector<int> same_nutrient;
    for (size_t other = 0; other < in_.entries.size(); ++other)
      if (other != index && in_.entries[other].movable && known_[other] && in_.entries[other].nutrient == entry.nutrient)
        same_nutrient.insert(same_nutrient.end(), times_[other].begin(), times_[other].end());

    std::vector<int> candidates = candidate_times(waits, entered, count);
    std::vector<int> open;
    for (int time : candidates)
      if (feasible(waits, time)) open.push_back(time);
    std::vector<int> chosen = choose(open, count, entered, spread_offsets_[index], same_nutrient);

    if (chosen.empty()) {
      // Name only the medicines and supplements whose waits rule out some time of the day.
      std::vector<std::string> others;
      for (const Waits& w : waits) {
        if (!known_[w.other]) continue;
        bool rules_out = false;
        for (int time : candidates)
          for (int other_time : times_[w.other]) rules_out = rules_out || !keeps(w, time, other_time);
        if (!rules_out) continue;
        add_unique(unplaced.rule_ids, w.constraint->rule_id);
        add_unique(others, in_.entries[w.other].name);
      }
      // Why: the doses do not fit the day even without the interactions; or some time fits but not all
      // the doses; or no time at all.
      bool fits_without_waits = !choose(candidates, count, entered, spread_offsets_[index], {}).empty();
      const char* why = !fits_without_waits || others.empty() ? "schedule_no_room"
                        : open.empty()                       ? "schedule_no_time_fits"
                                                             : "schedule_doses_do_not_fit";
      unplaced.reason = "no_time_fits";
      unplaced.message = sentence(fill_template(phrase(why), {{"name", entry.name}, {"others", join_names(others, in_.locale)},
                                                              {"doses", std::to_string(count)},
                                                              {"wake", clock_text(wake_minutes_)}, {"bed", clock_text(bed_minutes_)}}));
      if (!fits_without_waits) unplaced.rule_ids.clear();
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
    // Entered times not used: when there was one per dose, each moved dose says which it replaces (in
    // the day's order); otherwise the first dose lists them.
    std::vector<int> unused;
    for (int time : entered)
      if (!contains(chosen, time)) unused.push_back(time);
    size_t next_unused = 0;

    for (int k = 0; k < count; ++k) {
      int time = chosen[k];
      ScheduledDose dose;
      dose.minutes = time;
      dose.time = clock_text(time);
      dose.item = entry.name;
      dose.kind = entry.kind;
      dose.product_id = entry.product_id;
      dose.path = entry.path;
      dose.dose = k + 1;
      dose.of = count;
      dose.at_meal = is_meal(time);
      dose.every_days = every_days;
      if (contains(entered, time)) {
        dose.origin = "entered";
      } else if (one_time_per_dose && next_unused < unused.size()) {
        dose.origin = "moved";
        dose.entered_time = clock_text(unused[next_unused++]);
      } else {
        dose.origin = "placed";
      }
      std::vector<std::string> sentences;
      if (every_days != 1)
        sentences.push_back(every_days > 1 ? fill_template(phrase("schedule_every_days"), {{"days", std::to_string(every_days)}})
                                           : phrase("schedule_not_daily"));
      if (dose.origin == "moved") sentences.push_back(fill_template(phrase("schedule_moved"), {{"time", dose.entered_time}}));
      if (k == 0 && !one_time_per_dose && !unused.empty()) {
        std::vector<std::string> texts;
        for (int time : unused) texts.push_back(clock_text(time));
        sentences.push_back(fill_template(phrase("schedule_times_unused"), {{"times", join_names(texts, in_.locale)}}));
      }
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

  // The times for `count` doses among the candidates (in the day's order, all within kLastOffset, so an
  // hour apart around the clock when consecutive ones are), of least total cost: every entered time
  // that fits is kept (its preference outweighs any distance); then each dose is near its preferred
  // time (the entered ones in the day's order when there is one per dose, else plan_spread's), at a
  // meal if spread, and not within the gap of another product's dose of the same nutrient. Exact over
  // the candidates by dynamic programming, in linear time per dose (a running minimum over the
  // candidates at least the gap earlier). Empty when none fit.
  std::vector<int> choose(const std::vector<int>& open, int count, const std::vector<int>& entered,
                          const std::vector<double>& spread_offsets, const std::vector<int>& same_nutrient) const {
    const int n = static_cast<int>(open.size());
    if (n < count || count == 0) return {};
    const int gap = ScheduleRules::min_gap_same_product_minutes;
    bool by_entered = static_cast<int>(entered.size()) == count;
    auto cost = [&](int k, int time) {
      double preferred = by_entered ? day_offset(entered[k]) : spread_offsets[k];
      double c = std::abs(day_offset(time) - preferred);
      if (contains(entered, time)) c -= ScheduleRules::entered_preference_minutes;
      else if (std::any_of(same_nutrient.begin(), same_nutrient.end(),
                           [&](int other) { return std::min(minutes_forward(other, time), minutes_forward(time, other)) < gap; }))
        c += ScheduleRules::stacking_penalty_minutes;
      if (!by_entered && is_meal(time)) c -= ScheduleRules::meal_preference_minutes;
      return c;
    };
    const double kNone = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(count, std::vector<double>(n, kNone));
    std::vector<std::vector<int>> previous(count, std::vector<int>(n, -1));
    for (int j = 0; j < n; ++j) best[0][j] = cost(0, open[j]);
    for (int k = 1; k < count; ++k) {
      int reachable = 0, best_earlier = -1;  // open[0 .. reachable) are at least the gap before open[j]
      for (int j = 0; j < n; ++j) {
        while (reachable < j && day_offset(open[j]) - day_offset(open[reachable]) >= gap) {
          if (best[k - 1][reachable] != kNone && (best_earlier < 0 || best[k - 1][reachable] < best[k - 1][best_earlier]))
            best_earlier = reachable;
          ++reachable;
        }
        if (best_earlier < 0) continue;
        best[k][j] = best[k - 1][best_earlier] + cost(k, open[j]);
        previous[k][j] = best_earlier;
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

  // "This keeps it at least 4 h after levothyroxine (08:00)." For each other entry, its dose just before
  // this one (which the after-wait is counted from) and the one just after (the before-wait): the wait
  // of the two with the least time to spare is named, never a wait of 0 h.
  std::string kept_apart(const std::vector<Waits>& waits, int time, ScheduledDose& dose) const {
    std::vector<std::string> kept;
    for (const Waits& w : waits) {
      if (!known_[w.other] || times_[w.other].empty()) continue;
      add_unique(dose.rule_ids, w.constraint->rule_id);
      int previous = times_[w.other][0], next = times_[w.other][0];
      for (int other_time : times_[w.other]) {
        if (minutes_forward(other_time, time) < minutes_forward(previous, time)) previous = other_time;
        if (minutes_forward(time, other_time) < minutes_forward(time, next)) next = other_time;
      }
      int after_spare = minutes_forward(previous, time) - w.after_other_minutes;
      int before_spare = minutes_forward(time, next) - w.before_other_minutes;
      bool after = w.before_other_minutes <= 0 || (w.after_other_minutes > 0 && after_spare <= before_spare);
      add_unique(kept, fill_template(phrase(after ? "schedule_after" : "schedule_before"),
                                     {{"hours", hours(after ? w.after_other_minutes : w.before_other_minutes)},
                                      {"other", in_.entries[w.other].name},
                                      {"time", clock_text(after ? previous : next)}}));
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
