#include "names.hpp"

#include <algorithm>
#include <map>

namespace dosecalc {
namespace {

// Latin-1 supplement and a few Latin Extended-A letters, folded to ASCII.
const char* fold_two_byte(unsigned char lead, unsigned char trail) {
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

bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

bool is_strength_token(std::string_view token) {
  // "50", "50mg", "2.5", "500mcg", "1000iu", "mg", "mcg", "iu", "ml", "g"
  static const char* units[] = {"mg", "mcg", "ug", "g", "iu", "ml", "microgram", "micrograms", "milligram", "milligrams",
                                "microgramos", "miligramos"};
  size_t digits = 0;
  while (digits < token.size() && (is_ascii_digit(static_cast<unsigned char>(token[digits])) || token[digits] == '.'))
    ++digits;
  std::string_view unit = token.substr(digits);
  if (unit.empty()) return digits > 0;
  for (const char* u : units)
    if (unit == u) return true;
  return false;
}

}  // namespace

std::string normalize_name(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size() && folded.size() < 256; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (is_ascii_digit(c) || (c >= 'a' && c <= 'z')) folded += static_cast<char>(c);
      else if (c >= 'A' && c <= 'Z') folded += static_cast<char>(c - 'A' + 'a');
      else if (c == '\'' ) continue;  // "John's" -> "johns"
      else if (c == '.' && i > 0 && i + 1 < text.size() && is_ascii_digit(static_cast<unsigned char>(text[i - 1])) &&
               is_ascii_digit(static_cast<unsigned char>(text[i + 1])))
        folded += '.';  // keep decimal points in strengths
      else folded += ' ';
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
      const char* ascii = fold_two_byte(c, static_cast<unsigned char>(text[i + 1]));
      unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      ++i;
      if (ascii) folded += ascii;
      else if (code == 0xB5) folded += 'u';  // micro sign: "µg"
      else folded += ' ';  // ®, ™ (3-byte), middle dot and other symbols separate words
    } else if ((c & 0xF0) == 0xE0) {
      // Right single quote (U+2019) is an apostrophe; other 3-byte symbols separate words.
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
  // Words joined by single spaces, without allocating a string per word.
  std::string out;
  out.reserve(folded.size());
  std::vector<size_t> word_starts;
  for (size_t i = 0; i < folded.size();) {
    if (folded[i] == ' ') {
      ++i;
      continue;
    }
    size_t end = std::min(folded.find(' ', i), folded.size());
    if (!out.empty()) out += ' ';
    word_starts.push_back(out.size());
    out.append(folded, i, end - i);
    i = end;
  }
  // Drop trailing strengths ("zoloft 50 mg") but never the whole name ("5 htp" stays).
  while (word_starts.size() > 1 && is_strength_token(std::string_view(out).substr(word_starts.back()))) {
    out.resize(word_starts.back() - 1);  // the word and the space before it
    word_starts.pop_back();
  }
  return out;
}

std::string without_salt(std::string_view text) {
  // English and Spanish (accents folded) names of the counter-ions and hydrates of common medicines.
  static const char* salts[] = {"hydrochloride", "hcl", "hyclate", "hydrobromide", "sodium", "potassium", "magnesium",
                                "calcium", "besylate", "besilate", "maleate", "mesylate", "mesilate", "oxalate",
                                "succinate", "tartrate", "fumarate", "acetate", "sulfate", "sulphate", "phosphate",
                                "bromide", "monohydrate", "dihydrate", "trihydrate", "hemihydrate", "clorhidrato",
                                "hidrocloruro", "hiclato", "sodico", "sodica", "potasico", "potasica", "magnesico",
                                "magnesica", "calcico", "calcica", "besilato", "maleato", "mesilato", "oxalato",
                                "succinato", "tartrato", "fumarato", "monohidrato", "dihidrato", "trihidrato"};
  std::string name = normalize_name(text);
  bool dropped = false;
  for (;;) {
    size_t space = name.rfind(' ');
    if (space == std::string::npos) break;
    std::string_view last = std::string_view(name).substr(space + 1);
    if (std::none_of(std::begin(salts), std::end(salts), [&](const char* salt) { return last == salt; })) break;
    name.resize(space);
    dropped = true;
  }
  return dropped ? name : std::string();
}

std::string name_key(std::string_view text) {
  std::string normalized = normalize_name(text);
  normalized.erase(std::remove(normalized.begin(), normalized.end(), ' '), normalized.end());
  return normalized;
}

int bounded_edit_distance(std::string_view a, std::string_view b, int limit) {
  int n = static_cast<int>(a.size());
  int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> two_back(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], two_back[j - 2] + 1);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    two_back.swap(previous);
    previous.swap(current);
  }
  return std::min(previous[m], limit + 1);
}

std::string_view name_kind_name(NameKind kind) {
  switch (kind) {
    case NameKind::medicine: return "medicine";
    case NameKind::supplement: return "supplement";
    case NameKind::form: return "form";
  }
  return "medicine";
}

void NameIndex::add(NameEntry entry) {
  if (entry.key.empty()) entry.key = name_key(entry.display);
  if (!entry.key.empty()) entries_.push_back(std::move(entry));
}

void NameIndex::finish() {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const NameEntry& a, const NameEntry& b) { return a.key < b.key; });
}

bool NameIndex::restore(std::vector<NameEntry> sorted_entries) {
  if (!std::is_sorted(sorted_entries.begin(), sorted_entries.end(),
                      [](const NameEntry& a, const NameEntry& b) { return a.key < b.key; }))
    return false;
  entries_ = std::move(sorted_entries);
  return true;
}

namespace {
bool kind_allowed(NameKind kind, const std::vector<NameKind>& kinds) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}
}  // namespace

const NameEntry* NameIndex::find_exact(std::string_view text, const std::vector<NameKind>& kinds) const {
  std::string key = name_key(text);
  auto range = std::equal_range(entries_.begin(), entries_.end(), NameEntry{key, "", "", "", NameKind::form},
                                [](const NameEntry& a, const NameEntry& b) { return a.key < b.key; });
  for (auto it = range.first; it != range.second; ++it)
    if (kind_allowed(it->kind, kinds)) return &*it;
  return nullptr;
}

std::vector<NameMatch> NameIndex::search(std::string_view text, size_t limit,
                                         const std::vector<NameKind>& kinds) const {
  std::string key = name_key(text);
  std::vector<NameMatch> best_per_target;
  if (key.empty() || limit == 0) return best_per_target;
  std::map<std::string, size_t> slot_of_target;
  int typo_limit = key.size() <= 3 ? 0 : key.size() <= 5 ? 1 : key.size() <= 8 ? 2 : 3;
  for (const auto& entry : entries_) {
    if (!kind_allowed(entry.kind, kinds)) continue;
    NameMatch match{&entry, 0, 0};
    if (entry.key == key) {
      match.score = 1000;
    } else if (entry.key.compare(0, key.size(), key) == 0) {
      // Prefix: shorter completions first.
      match.score = 800 - static_cast<int>(std::min<size_t>(entry.key.size() - key.size(), 100));
    } else if (key.size() >= 3 && entry.key.find(key) != std::string::npos) {
      match.score = 600 - static_cast<int>(std::min<size_t>(entry.key.size() - key.size(), 100));
    } else if (typo_limit > 0) {
      // Compare with the whole name and with its start (typing "sertralin" or "zolof").
      int whole = bounded_edit_distance(key, entry.key, typo_limit);
      int start = entry.key.size() > key.size()
                      ? bounded_edit_distance(key, std::string_view(entry.key).substr(0, key.size()), typo_limit)
                      : typo_limit + 1;
      int distance = std::min(whole, start + 1);
      if (distance <= typo_limit) {
        match.distance = distance;
        match.score = 500 - 100 * distance - (whole <= typo_limit ? 0 : 10);
      }
    }
    if (match.score == 0) continue;
    std::string target = std::string(name_kind_name(entry.kind)) + ":" + entry.target_id;
    auto slot = slot_of_target.find(target);
    if (slot == slot_of_target.end()) {
      slot_of_target[target] = best_per_target.size();
      best_per_target.push_back(match);
    } else {
      // Keep the best alias per target; on a tie, the canonical name ("Prednisone", not "Prednisona").
      const NameMatch& kept = best_per_target[slot->second];
      bool canonical_tie = match.score == kept.score && entry.display == entry.canonical && kept.entry->display != kept.entry->canonical;
      if (match.score > kept.score || canonical_tie) best_per_target[slot->second] = match;
    }
  }
  std::sort(best_per_target.begin(), best_per_target.end(), [](const NameMatch& a, const NameMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.entry->canonical != b.entry->canonical) return a.entry->canonical < b.entry->canonical;
    return a.entry->display < b.entry->display;
  });
  if (best_per_target.size() > limit) best_per_target.resize(limit);
  return best_per_target;
}

}  // namespace dosecalc
