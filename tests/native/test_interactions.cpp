// Interaction rules, driven by the data: every rule fires for a brand name of a member of its class
// and does not fire for a non-member; conditions (route, dose, kidney) gate rules as documented.
#include <algorithm>
#include <fstream>
#include <set>

#include "helpers.hpp"
#include "interactions.hpp"

using nlohmann::json;
using namespace dosecalc;
using namespace dosecalc::test;

namespace {

const Catalog& catalog() { return embedded_catalog(); }

bool side_matches(const RuleSide& side, const Substance& substance) {
  if (!side.is_class) return side.id == substance.id;
  return std::find(substance.classes.begin(), substance.classes.end(), side.id) != substance.classes.end();
}

std::vector<const Substance*> members(const RuleSide& side, const std::string& kind) {
  std::vector<const Substance*> out;
  for (const auto& s : catalog().substances)
    if ((kind.empty() || s.kind == kind) && (s.ingredients.empty() || !side.is_class) && side_matches(side, s))
      out.push_back(&s);
  return out;
}

std::string brand_or_name(const Substance& s) {
  if (!s.brands_us.empty()) return s.brands_us.front();
  if (!s.brands_uk.empty()) return s.brands_uk.front();
  return s.name;
}

json request_for(const InteractionRule& rule, const Substance& supplement, const Substance& other) {
  json person = adult();
  if (rule.conditions.kidney_impaired) person["kidney"] = {{"egfr", 40}};
  json supplement_entry = {{"name", supplement.name}};
  if (rule.conditions.min_supplement_mg_per_day) supplement_entry["amount_mg_per_day"] = *rule.conditions.min_supplement_mg_per_day;
  json other_entry = {{"name", brand_or_name(other)}};
  json request = {{"person", person}, {"supplements", {supplement_entry}}};
  if (other.kind == "medicine") request["medicines"] = {other_entry};
  else request["supplements"].push_back(other_entry);
  return request;
}

// The rule that fires for the pair with the same kind, if any.
// The entry for two substances, in either order: a pair is one entry whichever rule's side each is on.
const json* fired(const json& report, const std::string& supplement, const std::string& other, const std::string& kind) {
  for (const auto& i : report.at("interactions")) {
    const auto& pair = i.at("substances");
    bool same = (pair.at(0) == supplement && pair.at(1) == other) || (pair.at(0) == other && pair.at(1) == supplement);
    if (same && i.at("kind") == kind) return &i;
  }
  return nullptr;
}

const InteractionRule* rule_by_id(const std::string& id) {
  for (const auto& r : catalog().rules)
    if (r.id == id) return &r;
  return nullptr;
}

int specificity(const InteractionRule& rule) { return (rule.supplement.is_class ? 1 : 3) + (rule.other.is_class ? 1 : 3); }

}  // namespace

TEST_CASE("Interaction data: loads without problems and is substantial", "[interactions][data]") {
  CHECK(catalog().problems.empty());
  CHECK(catalog().substances.size() >= 250);
  CHECK(catalog().rules.size() >= 100);
}

TEST_CASE("Every oral rule fires for a brand name of a member and not for a non-member", "[interactions]") {
  int checked = 0;
  for (const auto& rule : catalog().rules) {
    if (rule.conditions.route == "intravenous") continue;  // covered below
    INFO("rule " << rule.id);
    auto supplements = members(rule.supplement, "supplement");
    auto others = members(rule.other, "");
    REQUIRE_FALSE(supplements.empty());
    REQUIRE_FALSE(others.empty());
    // Prefer a pair for which this rule is the most specific of its kind, so it is the one that fires.
    const Substance* supplement = supplements.front();
    const Substance* other = nullptr;
    for (const Substance* s : supplements) {
      for (const Substance* o : others) {
        if (s == o) continue;
        bool shadowed = false;
        for (const auto& r : catalog().rules)
          if (&r != &rule && r.kind == rule.kind && r.conditions.route != "intravenous" && specificity(r) > specificity(rule) &&
              ((side_matches(r.supplement, *s) && side_matches(r.other, *o)) ||
               (side_matches(r.supplement, *o) && side_matches(r.other, *s))))
            shadowed = true;
        if (!shadowed) {
          supplement = s;
          other = o;
          break;
        }
      }
      if (other) break;
    }
    if (!other) other = others.front() == supplement && others.size() > 1 ? others[1] : others.front();
    INFO("supplement " << supplement->name << ", other " << brand_or_name(*other));
    json report = run(request_for(rule, *supplement, *other));
    REQUIRE(report.contains("interactions"));
    const json* hit = fired(report, supplement->id, other->id, rule.kind);
    REQUIRE(hit);
    const InteractionRule* winner = rule_by_id(hit->at("rule_id"));
    REQUIRE(winner);
    CHECK(specificity(*winner) >= specificity(rule));
    CHECK_FALSE(hit->at("sources").empty());
    CHECK(std::find(hit->at("matched_names").begin(), hit->at("matched_names").end(), brand_or_name(*other)) !=
          hit->at("matched_names").end());

    // A medicine outside the rule's other side: this rule does not fire for it.
    const Substance* outsider = nullptr;
    for (const auto& s : catalog().substances)
      if (s.kind == "medicine" && s.ingredients.empty() && !side_matches(rule.other, s)) {
        outsider = &s;
        break;
      }
    REQUIRE(outsider);
    json negative = run(request_for(rule, *supplement, *outsider));
    for (const auto& i : negative.at("interactions")) CHECK(i.at("rule_id") != rule.id);
    ++checked;
  }
  CHECK(checked >= 100);
}

TEST_CASE("Rules that hold only for intravenous magnesium never fire for oral products", "[interactions]") {
  int intravenous = 0;
  for (const auto& rule : catalog().rules) {
    if (rule.conditions.route != "intravenous") continue;
    ++intravenous;
    INFO(rule.id);
    auto supplements = members(rule.supplement, "supplement");
    auto others = members(rule.other, "");
    REQUIRE_FALSE(others.empty());
    json report = run(request_for(rule, *supplements.front(), *others.front()));
    for (const auto& i : report.at("interactions")) CHECK(i.at("rule_id") != rule.id);
  }
  CHECK(intravenous >= 1);
}

TEST_CASE("Dose-threshold rules: high-dose zinc and magnesium", "[interactions]") {
  const InteractionRule* zinc_rule = nullptr;
  for (const auto& r : catalog().rules)
    if (r.conditions.min_supplement_mg_per_day && r.supplement.id == "zinc") zinc_rule = &r;
  REQUIRE(zinc_rule);
  CHECK(*zinc_rule->conditions.min_supplement_mg_per_day == 142);
  auto with_zinc = [](std::optional<double> mg) {
    json zinc = {{"name", "zinc"}};
    if (mg) zinc["amount_mg_per_day"] = *mg;
    return run({{"person", adult()}, {"products", {product("magnesium glycinate", 200, "elemental")}}, {"supplements", {zinc}}});
  };
  auto has_rule = [&](const json& report) {
    for (const auto& i : report.at("interactions"))
      if (i.at("rule_id") == zinc_rule->id) return true;
    return false;
  };
  CHECK(has_rule(with_zinc(150)));
  CHECK_FALSE(has_rule(with_zinc(50)));
  json unknown = with_zinc(std::nullopt);  // dose unknown: shown, with the threshold explained
  REQUIRE(has_rule(unknown));
  for (const auto& i : unknown.at("interactions"))
    if (i.at("rule_id") == zinc_rule->id) CHECK(i.at("condition_note").get<std::string>().find("142") != std::string::npos);
}

TEST_CASE("Separation: asymmetric hours, drug rule over class default, most conservative of sources", "[interactions]") {
  auto separation_for = [](const std::string& medicine) {
    json report = run({{"person", adult()}, {"products", {product("magnesium oxide", 200, "elemental")}},
                       {"medicines", {{{"name", medicine}}}}});
    for (const auto& i : report.at("interactions"))
      if (i.at("kind") == "absorption") return i;
    return json();
  };
  json cipro = separation_for("Cipro");
  CHECK(cipro.at("separation").at("medicine_first_hours") == 2);
  CHECK(cipro.at("separation").at("supplement_first_hours") == 6);
  json moxifloxacin = separation_for("Avelox");
  CHECK(moxifloxacin.at("separation").at("medicine_first_hours") == 4);
  CHECK(moxifloxacin.at("separation").at("supplement_first_hours") == 8);
  json levothyroxine = separation_for("Synthroid");
  CHECK(levothyroxine.at("separation").at("medicine_first_hours") == 4);
  CHECK(levothyroxine.at("separation").at("supplement_first_hours") == 4);
  json gabapentin = separation_for("Neurontin");
  CHECK(gabapentin.at("separation").at("medicine_first_hours") == 0);
  CHECK(gabapentin.at("separation").at("supplement_first_hours") == 2);
  // Sources disagree for tetracyclines: the report keeps the range and uses the longest.
  json doxycycline = separation_for("Vibramycin");
  REQUIRE_FALSE(doxycycline.at("separation_range").is_null());
  CHECK(doxycycline.at("separation").at("supplement_first_hours") ==
        doxycycline.at("separation_range").at("supplement_first_hours").at("max"));
  CHECK_FALSE(doxycycline.at("separation_note").is_null());
}

TEST_CASE("Report: most severe first, no duplicate when class and drug rules both match", "[interactions]") {
  json report = run({{"person", adult()},
                     {"products", {product("magnesium oxide", 200, "elemental")}},
                     {"supplements", {{{"name", "5-HTP"}}, {{"name", "melatonin"}}}},
                     {"medicines", {{{"name", "Avelox"}}, {{"name", "Zoloft"}}, {{"name", "Luvox"}}}}});
  const auto& list = report.at("interactions");
  REQUIRE(list.size() >= 3);
  std::set<std::string> seen;
  int previous = 5;
  for (const auto& i : list) {
    int rank = severity_rank(i.at("severity"));
    CHECK(rank <= previous);
    previous = rank;
    std::string key = i.at("substances").dump() + i.at("kind").get<std::string>();
    CHECK(seen.insert(key).second);
  }
  CHECK(list.at(0).at("severity") == "avoid");  // melatonin + fluvoxamine
}

TEST_CASE("Recognised medicines with nothing found, and unknown names with suggestions", "[interactions]") {
  json report = run({{"person", adult()},
                     {"products", {product("magnesium glycinate", 200, "elemental")}},
                     {"medicines", {{{"name", "Lipitor"}}, {{"name", "Qwertyzol"}}, {{"name", "sertralin"}}}}});
  REQUIRE(report.at("no_interaction_found").size() >= 1);
  CHECK(report.at("no_interaction_found").at(0).at("substance") == "atorvastatin");
  CHECK(report.at("no_interaction_found").at(0).at("message").get<std::string>().find("No interaction found in our sources") == 0);
  REQUIRE(report.at("unrecognized").size() == 1);
  CHECK(report.at("unrecognized").at(0).at("name") == "Qwertyzol");
  CHECK(report.at("unrecognized").at(0).at("path") == "/medicines/1/name");
  REQUIRE(report.at("interpreted").size() == 1);
  CHECK(report.at("interpreted").at(0).at("substance") == "sertraline");
  // Nothing in the report calls a combination safe.
  for (const char* claim : {"is safe", "are safe", "safe to take", "safe combination"}) CHECK(report.dump().find(claim) == std::string::npos);
}

TEST_CASE("Combination products bring their ingredients' rules", "[interactions]") {
  json report = run({{"person", adult()},
                     {"products", {product("magnesium citrate", 150, "elemental")}},
                     {"medicines", {{{"name", "Triumeq"}}}}});
  bool dolutegravir = false;
  for (const auto& i : report.at("interactions"))
    if (i.at("substances").at(1) == "dolutegravir") {
      dolutegravir = true;
      CHECK(i.at("separation").at("medicine_first_hours") == 2);
      CHECK(i.at("separation").at("supplement_first_hours") == 6);
      CHECK(i.at("matched_names").at(1) == "Triumeq");
    }
  CHECK(dolutegravir);
}

TEST_CASE("Magnesium in antacids and laxatives listed as medicines is flagged", "[interactions]") {
  const Substance* antacid = nullptr;
  for (const auto& s : catalog().substances)
    if (s.magnesium_source) antacid = &s;
  REQUIRE(antacid);
  json report = run({{"person", adult()}, {"medicines", {{{"name", brand_or_name(*antacid)}}}}});
  CHECK(has_warning(report, "magnesium_in_medicine"));
}

TEST_CASE("Magnesium typed by its own name among the medicines is flagged, never 'no interaction found'", "[interactions]") {
  // Milk of magnesia and Epsom salt are magnesium forms (data/compounds.json), not substances of the
  // knowledge base; as medicines they must still count towards the upper limit (clinical-facts 3.3).
  for (const char* name : {"milk of magnesia", "Epsom salt", "magnesium citrate", "leche de magnesia"}) {
    INFO(name);
    json report = run({{"person", adult()},
                       {"products", {product("magnesium glycinate", 300, "elemental")}},
                       {"medicines", {{{"name", name}}}}});
    REQUIRE_FALSE(report.contains("errors"));
    CHECK(has_warning(report, "magnesium_in_medicine"));
    CHECK(report.at("no_interaction_found").empty());
    CHECK(report.at("unrecognized").empty());
    for (const auto& w : report.at("warnings"))
      if (w.at("code") == "magnesium_in_medicine") CHECK_FALSE(w.at("sources").empty());
  }
}

TEST_CASE("Coverage: every medicine named in the interaction issue resolves", "[interactions][coverage]") {
  const char* named[] = {
      "sertraline", "amitriptyline", "duloxetine", "milnacipran", "trazodone", "escitalopram", "citalopram",
      "fluoxetine", "paroxetine", "venlafaxine", "bupropion", "clonazepam", "alprazolam", "lorazepam", "diazepam",
      "zolpidem", "eszopiclone", "zopiclone", "tramadol", "hydrocodone", "oxycodone", "codeine", "pregabalin",
      "gabapentin", "cyclobenzaprine", "tizanidine", "topiramate", "atorvastatin", "naproxen", "ibuprofen",
      "warfarin", "metformin", "lisinopril", "amlodipine", "losartan", "hydrochlorothiazide", "furosemide",
      "spironolactone", "omeprazole", "esomeprazole", "pantoprazole", "levothyroxine", "alendronate", "risedronate",
      "ibandronate", "doxycycline", "minocycline", "ciprofloxacin", "levofloxacin", "moxifloxacin", "dolutegravir",
      "bictegravir", "raltegravir", "sumatriptan", "fluvoxamine", "clobazam", "valproate",
      "melatonin", "5-HTP", "L-tryptophan", "valerian", "CBD", "vitamin D", "zinc", "calcium", "iron",
      "vitamin B12", "St John's wort", "Triumeq", "Juluca", "Dovato", "milk of magnesia", "Maalox", "Epsom salt"};
  int resolved = 0;
  int total = 0;
  std::string missing;
  for (const char* name : named) {
    ++total;
    INFO(name);
    bool found = catalog().names.find_exact(name, {NameKind::medicine, NameKind::supplement}) != nullptr ||
                 catalog().names.find_exact(name, {NameKind::form}) != nullptr;
    CHECK(found);
    resolved += found;
    if (!found) missing += std::string(" ") + name;
  }
  int medicines = 0, supplements = 0, brands = 0;
  for (const auto& s : catalog().substances) {
    (s.kind == "medicine" ? medicines : supplements) += 1;
    brands += static_cast<int>(s.brands_us.size() + s.brands_uk.size() + s.brands_es.size());
  }
  // The coverage report (scripts/test.sh prints it): written where ctest runs the tests.
  std::ofstream report("interaction-coverage.txt");
  report << "Interaction knowledge base coverage\n"
         << "  named in the interaction issue: " << resolved << "/" << total << " resolve" << (missing.empty() ? "" : "; missing:" + missing) << "\n"
         << "  catalogued: " << medicines << " medicines, " << supplements << " supplements, " << brands
         << " brand names, " << catalog().classes.size() << " classes, " << catalog().rules.size() << " rules\n";
}

TEST_CASE("Timing conflicts: entered times are checked against asymmetric separations, across midnight", "[interactions][timing]") {
  auto conflicts = [](const std::string& magnesium_time, const std::string& medicine, const std::string& medicine_time) {
    json product_entry = product("magnesium oxide", 200, "elemental");
    product_entry["times"] = {magnesium_time};
    json report = run({{"person", adult()}, {"products", {product_entry}},
                       {"medicines", {{{"name", medicine}, {"times", {medicine_time}}}}}});
    return report.at("timing_conflicts");
  };
  // Levothyroxine 4 h either way.
  json early = conflicts("08:00", "Synthroid", "07:00");
  REQUIRE(early.size() == 1);
  CHECK(early.at(0).at("first_time") == "07:00");
  CHECK(early.at(0).at("second_time") == "08:00");
  CHECK(early.at(0).at("actual_hours") == 1);
  CHECK(early.at(0).at("required_hours") == 4);
  CHECK(conflicts("11:00", "Synthroid", "07:00").empty());  // exactly 4 h is enough
  CHECK(conflicts("06:00", "Synthroid", "07:00").size() == 1);  // magnesium first, 1 h before
  // Ciprofloxacin: 2 h after cipro, 6 h after magnesium; the gap wraps past midnight.
  json wrap = conflicts("22:00", "Cipro", "02:00");
  REQUIRE(wrap.size() == 1);
  CHECK(wrap.at(0).at("actual_hours") == 4);
  CHECK(wrap.at(0).at("required_hours") == 6);
  CHECK(conflicts("01:00", "Cipro", "22:00").empty());  // 3 h after cipro, 21 h before the next
  // Same time: one entry, not one per direction.
  CHECK(conflicts("08:00", "Cipro", "08:00").size() == 1);
  // Gabapentin: 0 h after gabapentin, 2 h after magnesium.
  CHECK(conflicts("08:30", "Neurontin", "08:00").empty());
  CHECK(conflicts("08:00", "Neurontin", "09:00").size() == 1);
  // No times, or an interaction without a separation: nothing to check.
  CHECK(conflicts("08:00", "omeprazole", "08:00").empty());
}

TEST_CASE("Typos are corrected only when one medicine is clearly meant", "[interactions][names]") {
  auto interpreted = [](const std::string& typed) {
    json report = run({{"person", adult()}, {"products", {product("magnesium glycinate", 100, "elemental")}},
                       {"medicines", {{{"name", typed}}}}});
    return report.at("interpreted").empty() ? std::string() : report.at("interpreted").at(0).at("substance").get<std::string>();
  };
  CHECK(interpreted("zolof") == "sertraline");        // the prefix of one brand only
  CHECK(interpreted("sertralin") == "sertraline");    // one edit
  CHECK(interpreted("levothyroxin") == "levothyroxine");
  CHECK(interpreted("predni").empty());               // prednisone or prednisolone: not guessed
  json report = run({{"person", adult()}, {"products", {product("magnesium glycinate", 100, "elemental")}},
                     {"medicines", {{{"name", "predni"}}}}});
  REQUIRE(report.at("unrecognized").size() == 1);
  CHECK(report.at("unrecognized").at(0).at("suggestions").size() >= 2);
}

TEST_CASE("A pair of entries gets one interaction, whichever of them a rule takes as its supplement", "[interactions]") {
  // 5-HTP is serotonergic, so "L-tryptophan with a serotonergic" matches the pair as well as the rule for
  // the pair itself; the more specific rule speaks for it (docs/api.md: a pair never appears twice).
  json report = run({{"person", adult()}, {"medicines", {{{"name", "5-HTP"}}, {{"name", "L-tryptophan"}}, {{"name", "St John's wort"}}}}});
  REQUIRE(report.contains("interactions"));
  std::set<std::string> pairs;
  for (const auto& i : report.at("interactions")) {
    std::vector<std::string> pair = {i.at("substances").at(0), i.at("substances").at(1)};
    std::sort(pair.begin(), pair.end());
    INFO(i.at("rule_id"));
    CHECK(pairs.insert(pair[0] + "|" + pair[1] + "|" + i.at("kind").get<std::string>()).second);
  }
  CHECK(pairs.count("five_htp|l_tryptophan|additive_effect") == 1);
}

TEST_CASE("Rules added 2026-11-23: melatonin with oestrogens or cimetidine, CBD with label-listed medicines, zinc with penicillamine", "[interactions]") {
  auto pair = [](const std::string& supplement, const std::string& medicine) {
    return run({{"person", adult()}, {"supplements", {{{"name", supplement}}}}, {"medicines", {{{"name", medicine}}}}});
  };
  struct Case {
    const char* supplement;
    const char* medicine;
    const char* supplement_id;
    const char* other_id;
    const char* kind;
    const char* rule_id;
  };
  const Case cases[] = {
      {"melatonin", "estradiol", "melatonin", "estradiol", "other", "melatonin-oestrogen"},
      {"melatonin", "Yaz", "melatonin", "ethinylestradiol", "other", "melatonin-oestrogen"},  // combined pill, by its ingredient
      {"melatonin", "Tagamet HB", "melatonin", "cimetidine", "other", "melatonin-cimetidine"},
      {"CBD", "Theo-24", "cbd", "theophylline", "other", "cbd-theophylline"},
      {"CBD", "caffeine", "cbd", "caffeine", "other", "cbd-caffeine"},
      {"CBD", "Wellbutrin", "cbd", "bupropion", "other", "cbd-bupropion"},
      {"CBD", "Lamictal", "cbd", "lamotrigine", "other", "cbd-lamotrigine"},
      {"CBD", "Ativan", "cbd", "lorazepam", "other", "cbd-lorazepam"},
      {"CBD", "MS Contin", "cbd", "morphine", "other", "cbd-morphine"},
      {"CBD", "Dilantin", "cbd", "phenytoin", "other", "cbd-phenytoin"},
      {"zinc", "Cuprimine", "zinc", "penicillamine", "absorption", "zinc-penicillamine"},
  };
  for (const Case& c : cases) {
    INFO(c.supplement << " + " << c.medicine);
    json report = pair(c.supplement, c.medicine);
    const json* hit = fired(report, c.supplement_id, c.other_id, c.kind);
    REQUIRE(hit);
    CHECK(hit->at("rule_id") == c.rule_id);
    CHECK_FALSE(hit->at("sources").empty());
    CHECK(hit->at("last_reviewed") == "2026-11-23");
  }
  // Label caution only: minor. CBD list and zinc-penicillamine: moderate, with the sourced 2 h either way.
  CHECK(fired(pair("melatonin", "estradiol"), "melatonin", "estradiol", "other")->at("severity") == "minor");
  CHECK(fired(pair("CBD", "Dilantin"), "cbd", "phenytoin", "other")->at("severity") == "moderate");
  json zinc = pair("zinc", "Cuprimine");
  const json* penicillamine = fired(zinc, "zinc", "penicillamine", "absorption");
  REQUIRE(penicillamine);
  CHECK(penicillamine->at("severity") == "moderate");
  CHECK(penicillamine->at("separation").at("medicine_first_hours") == 2);
  CHECK(penicillamine->at("separation").at("supplement_first_hours") == 2);
  // The sedation rule for lorazepam still fires beside the new label rule (a different kind).
  CHECK(fired(pair("CBD", "Ativan"), "cbd", "lorazepam", "additive_effect"));
}

TEST_CASE("Timing conflicts in Spanish write hours with a decimal comma", "[interactions][locale]") {
  json report = run({{"locale", "es"}, {"person", adult()},
                     {"products", {{{"form", "magnesium glycinate"}, {"amount_mg", 200}, {"amount_basis", "elemental"}, {"times", {"21:00"}}}}},
                     {"medicines", {{{"name", "levotiroxina"}, {"times", {"21:30"}}}}}});
  REQUIRE_FALSE(report.at("timing_conflicts").empty());
  const std::string message = report.at("timing_conflicts").at(0).at("message");
  CHECK(message.find("0,5") != std::string::npos);
  CHECK(message.find("0.5") == std::string::npos);
}
