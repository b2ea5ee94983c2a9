// Name matching for product forms, medicines and supplements: case-, accent- and punctuation-
// insensitive, brand -> generic, typo tolerant with ranked suggestions. Cheap enough to run on every
// keystroke (a few thousand short strings).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace dosecalc {

// "St. John's Wort®" -> "st johns wort"; "Óxido  de magnesio" -> "oxido de magnesio";
// trailing strength tokens ("Zoloft 50 mg", "melatonin 3mg") are dropped.
std::string normalize_name(std::string_view text);

// normalize_name without spaces: the key names are compared on ("5-HTP" == "5 htp" == "5htp").
std::string name_key(std::string_view text);

// The name without the salt or hydrate words a pharmacy label adds after it ("sertraline hydrochloride",
// "omeprazole magnesium", "levothyroxine sodium", "doxycycline hyclate"), normalized; empty when there
// is none to drop. Used only when the whole name is not known.
std::string without_salt(std::string_view text);

// Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds `limit`.
int bounded_edit_distance(std::string_view a, std::string_view b, int limit);

enum class NameKind { medicine, supplement, form };

struct NameEntry {
  std::string key;        // name_key(display)
  std::string display;    // the name as written in the data ("Zoloft")
  std::string target_id;  // substance id, compound id or compound-group id
  std::string canonical;  // the target's own display name ("Sertraline")
  NameKind kind;
  bool is_group = false;  // a compound-group name such as "magnesium citrate"
};

struct NameMatch {
  const NameEntry* entry = nullptr;
  int score = 0;      // higher is better; 1000 = exact
  int distance = 0;   // edit distance for fuzzy matches, 0 otherwise
  bool exact() const { return score >= 1000; }
};

class NameIndex {
 public:
  void add(NameEntry entry);
  void finish();  // sorts entries; call once after the last add

  // Exact key match restricted to kinds; nullptr when none.
  const NameEntry* find_exact(std::string_view text, const std::vector<NameKind>& kinds) const;

  // Ranked matches, at most one per target, best first.
  std::vector<NameMatch> search(std::string_view text, size_t limit, const std::vector<NameKind>& kinds) const;

  const std::vector<NameEntry>& entries() const { return entries_; }

  // Replaces the entries with ones entries() gave after finish(); false, changing nothing, when they
  // are not sorted by key (a catalog snapshot, core/snapshot.hpp).
  bool restore(std::vector<NameEntry> sorted_entries);

 private:
  std::vector<NameEntry> entries_;
};

std::string_view name_kind_name(NameKind kind);

}  // namespace dosecalc
