#include "snapshot.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <type_traits>
#include <utility>

namespace dosecalc {
namespace {

// Bumped whenever a field below is added, removed or reordered: a module never reads another layout.
constexpr std::string_view kMagic = "dosecalc catalog snapshot 1\n";

// The fields of each type, in one order shared by the writer and the reader. Both take the value by
// non-const reference; the writer only reads it (write_catalog_snapshot works on its own copy).
template <class Io> void fields(Io& io, LocalizedText& x) { io(x.en, x.es); }
template <class Io> void fields(Io& io, Source& x) { io(x.id, x.title, x.url, x.section, x.evidence, x.jurisdiction); }
template <class Io> void fields(Io& io, Nutrient& x) {
  io(x.id, x.name, x.element, x.valence, x.element_molar_mass, x.substance, x.sources);
}
template <class Io> void fields(Io& io, CompoundGroup& x) { io(x.id, x.nutrient, x.name, x.names, x.compound_ids); }
template <class Io> void fields(Io& io, CompoundComposition& x) {
  io(x.molar_mass_g_per_mol, x.nutrient_atoms, x.elemental_fraction.value);
}
template <class Io> void fields(Io& io, StatedPercent& x) { io(x.names, x.elemental_percent, x.sources); }
template <class Io> void fields(Io& io, Compound& x) {
  io(x.id, x.group, x.nutrient, x.name, x.formula, x.hydrate_waters, x.laxative, x.names, x.sources, x.stated,
     x.topical_names, x.composition);
}
template <class Io> void fields(Io& io, Authority& x) { io(x.id, x.name, x.recommended_label, x.sources); }
template <class Io> void band_fields(Io& io, ReferenceBand& x) {
  io(x.authority, x.nutrient, x.age_min, x.age_max, x.mg, x.note, x.sources);
}
template <class Io> void fields(Io& io, RecommendedRow& x) {
  band_fields(io, x);
  io(x.sex, x.pregnancy, x.kind);
}
template <class Io> void fields(Io& io, UpperLimitRow& x) { band_fields(io, x); }
template <class Io> void fields(Io& io, Threshold& x) { io(x.value, x.sources); }
template <class Io> void fields(Io& io, WarningDefinition& x) { io(x.code, x.severity, x.message, x.sources); }
template <class Io> void fields(Io& io, Substance& x) {
  io(x.id, x.kind, x.name, x.name_es, x.brands_us, x.brands_uk, x.brands_es, x.synonyms, x.classes, x.ingredients,
     x.sources, x.magnesium_source);
}
template <class Io> void fields(Io& io, RuleSide& x) { io(x.is_class, x.id); }
template <class Io> void fields(Io& io, SourcedSeparation& x) {
  io(x.source, x.medicine_first_hours, x.supplement_first_hours, x.note);
}
template <class Io> void fields(Io& io, RuleConditions& x) {
  io(x.min_supplement_mg_per_day, x.route, x.duration, x.kidney_impaired);
}
template <class Io> void fields(Io& io, InteractionRule& x) {
  io(x.id, x.supplement, x.other, x.severity, x.kind, x.mechanism, x.summary, x.management, x.separations,
     x.conditions, x.sources, x.last_reviewed);
}
template <class Io> void fields(Io& io, EgfrEquation& x) {
  io(x.constant, x.kappa_female, x.kappa_male, x.alpha_female, x.alpha_male, x.exponent_above_kappa, x.age_base,
     x.female_factor, x.sources);
}
template <class Io> void fields(Io& io, GfrCategory& x) { io(x.id, x.name, x.min_egfr); }
template <class Io> void fields(Io& io, NameEntry& x) { io(x.key, x.display, x.target_id, x.canonical, x.kind, x.is_group); }
template <class Io> void fields(Io& io, Catalog& x) {
  io(x.data_version, x.sources, x.atomic_weights, x.atomic_weight_sources, x.creatinine_formula,
     x.creatinine_molar_mass, x.creatinine_sources, x.nutrients, x.compound_groups, x.compounds, x.authorities,
     x.recommended, x.upper_limits, x.upper_limit_scope, x.upper_limit_scope_sources, x.thresholds, x.egfr_equation,
     x.gfr_categories, x.gfr_category_sources, x.warnings, x.phrases, x.classes, x.substances, x.rules, x.problems);
  io.name_index(x.names);
}

// How many values each enum has; the reader refuses anything else.
constexpr uint64_t enum_values(NameKind) { return 3; }
constexpr uint64_t enum_values(SexFilter) { return 3; }
constexpr uint64_t enum_values(PregnancyFilter) { return 4; }

// Integers as LEB128 varints (signed ones zigzagged), doubles as their 8 bytes, little-endian.
class SnapshotWriter {
 public:
  std::string bytes{kMagic};

  template <class... T> void operator()(T&... values) { (write(values), ...); }
  void name_index(NameIndex& index) { write(index.entries()); }

 private:
  void varint(uint64_t v) {
    for (; v >= 0x80; v >>= 7) bytes += static_cast<char>((v & 0x7f) | 0x80);
    bytes += static_cast<char>(v);
  }
  void write(const std::string& s) {
    varint(s.size());
    bytes += s;
  }
  void write(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) bytes += static_cast<char>((bits >> (8 * i)) & 0xff);
  }
  void write(int v) { varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v < 0 ? -1 : 0)); }
  void write(bool v) { varint(v ? 1 : 0); }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void write(E v) { varint(static_cast<uint64_t>(v)); }
  template <class T> void write(const std::optional<T>& v) {
    write(v.has_value());
    if (v) write(*v);
  }
  template <class T> void write(const std::vector<T>& items) {
    varint(items.size());
    for (const T& item : items) write(item);
  }
  template <class K, class V, class C> void write(const std::map<K, V, C>& items) {
    varint(items.size());
    for (const auto& [key, value] : items) {
      write(key);
      write(value);
    }
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0> void write(const T& value) {
    T copy = value;  // fields() takes a non-const reference; copies happen at build time only
    fields(*this, copy);
  }
};

// Never reads past the end and never allocates more elements than bytes remain; the first thing wrong
// stops the reading and is reported.
class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view bytes) : rest_(bytes) {}

  std::string error;

  template <class... T> void operator()(T&... values) { (read(values), ...); }
  void name_index(NameIndex& index) {
    std::vector<NameEntry> entries;
    read(entries);
    if (error.empty() && !index.restore(std::move(entries))) fail("name index not sorted");
  }
  bool at_end() const { return rest_.empty(); }
  bool take_magic() {
    if (rest_.substr(0, kMagic.size()) != kMagic) return false;
    rest_.remove_prefix(kMagic.size());
    return true;
  }

 private:
  std::string_view rest_;

  void fail(const char* what) {
    if (error.empty()) error = what;
    rest_ = {};
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) break;
      auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("cut short or bad integer");
    return 0;
  }
  // A count of items that each take at least one byte.
  size_t count() {
    uint64_t n = varint();
    if (n > rest_.size()) {
      fail("count larger than the bytes left");
      return 0;
    }
    return static_cast<size_t>(n);
  }
  void read(std::string& s) {
    size_t n = count();
    s.assign(rest_.data(), n);
    rest_.remove_prefix(n);
  }
  void read(double& v) {
    if (rest_.size() < 8) return fail("cut short");
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(static_cast<unsigned char>(rest_[i])) << (8 * i);
    rest_.remove_prefix(8);
    std::memcpy(&v, &bits, sizeof v);
  }
  void read(int& v) {
    uint64_t z = varint();
    int64_t value = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
    if (value < INT32_MIN || value > INT32_MAX) return fail("integer out of range");
    v = static_cast<int>(value);
  }
  void read(bool& v) {
    uint64_t b = varint();
    if (b > 1) return fail("bad flag");
    v = b == 1;
  }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void read(E& v) {
    uint64_t n = varint();
    if (n >= enum_values(E{})) return fail("enum value out of range");
    v = static_cast<E>(n);
  }
  template <class T> void read(std::optional<T>& v) {
    bool present = false;
    read(present);
    if (!present) return v.reset();
    T value{};
    read(value);
    v = std::move(value);
  }
  template <class T> void read(std::vector<T>& items) {
    size_t n = count();
    items.clear();
    items.reserve(n);
    for (size_t i = 0; i < n && error.empty(); ++i) read(items.emplace_back());
  }
  template <class K, class V, class C> void read(std::map<K, V, C>& items) {
    size_t n = count();
    items.clear();
    for (size_t i = 0; i < n && error.empty(); ++i) {
      K key{};
      V value{};
      read(key);
      read(value);
      if (!items.empty() && !C{}(items.rbegin()->first, key)) return fail("map keys not in order");
      items.emplace_hint(items.end(), std::move(key), std::move(value));
    }
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0> void read(T& value) { fields(*this, value); }
};

}  // namespace

std::string write_catalog_snapshot(Catalog catalog) {
  SnapshotWriter writer;
  fields(writer, catalog);
  return std::move(writer.bytes);
}

Catalog read_catalog_snapshot(std::string_view bytes) {
  Catalog catalog;
  SnapshotReader reader(bytes);
  if (!reader.take_magic()) reader.error = "not a catalog snapshot of this version";
  else fields(reader, catalog);
  if (reader.error.empty() && !reader.at_end()) reader.error = "bytes left over";
  if (!reader.error.empty()) {
    catalog = Catalog{};
    catalog.problems.push_back("catalog snapshot: " + reader.error);
  }
  return catalog;
}

}  // namespace dosecalc
