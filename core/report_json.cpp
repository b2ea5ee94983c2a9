// Report and errors -> JSON text. Numbers are rounded here, once, so that native and wasm builds
// print identical reports.
#include <algorithm>

#include "api.hpp"
#include "assess.hpp"
#include "json_writer.hpp"

namespace dosecalc {
namespace {

std::optional<double> rounded(const std::optional<double>& value, int decimals) {
  return value ? std::optional<double>(round_to(*value, decimals)) : std::nullopt;
}

void write_sources(JsonWriter& w, const Catalog& catalog, const std::vector<std::string>& ids) {
  w.begin_array();
  for (const auto& id : ids) {
    const Source* source = catalog.source(id);
    if (!source) continue;
    w.begin_object().field("id", source->id).field("title", source->title).field("url", source->url);
    if (!source->evidence.empty()) w.field("evidence", source->evidence);
    if (!source->jurisdiction.empty()) w.field("jurisdiction", source->jurisdiction);
    w.end_object();
  }
  w.end_array();
}

void write_product(JsonWriter& w, const ProductResult& p) {
  w.begin_object()
      .field("id", p.id)
      .field("nutrient", p.nutrient)
      .field("form", p.form)
      .field("form_name", p.form_name)
      .field("typed_form", p.typed_form)
      .field("amount_basis", p.amount_basis)
      .field("elemental_fraction", round_to(p.elemental_fraction.value, 4))
      .field("elemental_fraction_basis", p.elemental_fraction_basis)
      .field("compound_mg_per_unit", round_to(p.compound_per_unit.value, 1))
      .field("elemental_mg_per_unit", round_to(p.elemental_per_unit.value, 1))
      .field("elemental_mg_per_dose", round_to(p.elemental_per_dose.value, 1))
      .field("elemental_mg_per_day", round_to(p.elemental_per_day.value, 1))
      .field("mmol_per_day", round_to(p.mmol_per_day.value, 2))
      .field("meq_per_day", round_to(p.meq_per_day.value, 2))
      .field("laxative_form", p.laxative)
      .field("times", p.times)
      .field("sources", p.sources)
      .end_object();
}

void write_nutrient(JsonWriter& w, const NutrientResult& n) {
  w.begin_object()
      .field("nutrient", n.nutrient)
      .field("name", n.name)
      .field("supplement_mg_per_day", round_to(n.supplement_per_day.value, 1))
      .field("supplement_mmol_per_day", round_to(n.supplement_mmol_per_day.value, 2))
      .field("supplement_meq_per_day", round_to(n.supplement_meq_per_day.value, 2))
      .field("diet_mg_per_day", rounded(n.diet_mg_per_day, 1))
      .field("total_mg_per_day", round_to(n.total_per_day.value, 1))
      .field("recommended_mg_per_day", rounded(n.recommended_mg_per_day, 1));
  w.key("recommended_kind").text_or_null(n.recommended_kind);
  w.key("recommended_note").text_or_null(n.recommended_note);
  w.field("upper_limit_mg_per_day", rounded(n.upper_limit_mg_per_day, 1));
  w.key("upper_limit_note").text_or_null(n.upper_limit_note);
  w.field("upper_limit_scope", n.upper_limit_scope)
      .field("authority", n.authority)
      .field("authority_name", n.authority_name)
      .field("status", n.status)
      .field("sources", n.sources)
      .end_object();
}

[[gnu::noinline]]  // interactions exist only once the knowledge base is loaded
void write_interaction(JsonWriter& w, const InteractionResult& i) {
  w.begin_object()
      .field("rule_id", i.rule_id)
      .field("substances", i.substances)
      .field("substance_names", i.substance_names)
      .field("matched_names", i.matched_names)
      .field("severity", i.severity)
      .field("kind", i.kind)
      .field("summary", i.summary)
      .field("management", i.management)
      .field("mechanism", i.mechanism);
  w.key("separation");
  if (i.separation) {
    w.begin_object()
        .field("medicine_first_hours", i.separation->medicine_first_hours)
        .field("supplement_first_hours", i.separation->supplement_first_hours)
        .end_object();
  } else {
    w.null();
  }
  w.key("separation_range");
  if (i.separation_range) {
    const auto& r = *i.separation_range;
    w.begin_object();
    w.key("medicine_first_hours").begin_object().field("min", r.medicine_first_min).field("max", r.medicine_first_max).end_object();
    w.key("supplement_first_hours").begin_object().field("min", r.supplement_first_min).field("max", r.supplement_first_max).end_object();
    w.end_object();
  } else {
    w.null();
  }
  w.key("separation_note").text_or_null(i.separation_note);
  w.key("condition_note").text_or_null(i.condition_note);
  w.field("sources", i.sources).field("last_reviewed", i.last_reviewed).end_object();
}

// A schedule not computed (the first result, before the knowledge base) is written without this
// function's code being compiled for it.
[[gnu::noinline]] void write_solved_schedule(JsonWriter& w, const ScheduleResult& s) {
  w.field("wake", s.wake).field("bed", s.bed).field("assumed", s.assumed);
  w.key("doses").begin_array();
  for (const auto& d : s.doses) {
    w.begin_object()
        .field("time", d.time)
        .field("item", d.item)
        .field("kind", d.kind);
    w.key("product_id").text_or_null(d.product_id);
    w.field("path", d.path).field("dose", d.dose).field("of", d.of).field("origin", d.origin);
    w.key("entered_time").text_or_null(d.entered_time);
    w.field("at_meal", d.at_meal);
    if (d.every_days > 0) w.field("every_days", d.every_days);
    else w.key("every_days").null();
    w.field("rule_ids", d.rule_ids).field("note", d.note).end_object();
  }
  w.end_array();
  w.key("unplaced").begin_array();
  for (const auto& u : s.unplaced) {
    w.begin_object().field("item", u.item).field("kind", u.kind).field("path", u.path);
    w.key("product_id").text_or_null(u.product_id);
    w.field("reason", u.reason).field("rule_ids", u.rule_ids).field("message", u.message).end_object();
  }
  w.end_array();
  w.field("message", s.message);
}

void write_schedule(JsonWriter& w, const ScheduleResult& s) {
  w.begin_object().field("status", s.status);
  if (s.status == "not_computed") {
    w.field("reason", s.reason);
    w.key("doses").begin_array().end_array();
  } else {
    write_solved_schedule(w, s);
  }
  w.end_object();
}

// Lists that stay empty until the interaction knowledge base is loaded: writing them in functions of their
// own (not inlined into report_to_json) keeps their code out of what the browser compiles for the first result.
[[gnu::noinline]] void write_timing_conflict(JsonWriter& w, const TimingConflict& c) {
  w.begin_object()
      .field("rule_id", c.rule_id)
      .field("substances", c.substances)
      .field("first", c.first_name)
      .field("first_time", c.first_time)
      .field("second", c.second_name)
      .field("second_time", c.second_time)
      .field("required_hours", c.required_hours)
      .field("actual_hours", c.actual_hours)
      .field("message", c.message)
      .end_object();
}

[[gnu::noinline]] void write_no_interaction(JsonWriter& w, const NoInteraction& n) {
  w.begin_object()
      .field("name", n.name)
      .field("substance", n.substance)
      .field("substance_name", n.substance_name)
      .field("message", n.message)
      .end_object();
}

[[gnu::noinline]] void write_unrecognized(JsonWriter& w, const UnrecognizedName& u) {
  w.begin_object().field("name", u.name).field("path", u.path).field("suggestions", u.suggestions).end_object();
}

[[gnu::noinline]] void write_interpreted(JsonWriter& w, const InterpretedName& i) {
  w.begin_object().field("name", i.name).field("path", i.path).field("as", i.as).field("substance", i.substance).end_object();
}

std::string report_to_json(const Catalog& catalog, const Report& report) {
  JsonWriter w;
  w.begin_object()
      .field("data_version", report.data_version)
      .field("reference", report.reference)
      .field("locale", report.locale)
      .field("interaction_data", report.interaction_data);
  w.key("products").begin_array();
  for (const auto& p : report.products) write_product(w, p);
  w.end_array();
  w.key("nutrients").begin_array();
  for (const auto& n : report.nutrients) write_nutrient(w, n);
  w.end_array();
  w.key("egfr");
  if (report.egfr) {
    const auto& e = *report.egfr;
    w.begin_object()
        .field("value", e.value)
        .field("basis", e.basis)
        .field("category", e.category)
        .field("category_name", e.category_name)
        .field("creatinine_mg_dl", rounded(e.creatinine_mg_dl, 2))
        .field("sources", e.sources)
        .end_object();
  } else {
    w.null();
  }
  w.key("warnings").begin_array();
  for (const auto& x : report.warnings)
    w.begin_object()
        .field("code", x.code)
        .field("severity", x.severity)
        .field("message", x.message)
        .field("sources", x.sources)
        .field("subjects", x.subjects)
        .end_object();
  w.end_array();
  w.key("interactions").begin_array();
  for (const auto& i : report.interactions) write_interaction(w, i);
  w.end_array();
  w.key("timing_conflicts").begin_array();
  for (const auto& c : report.timing_conflicts) write_timing_conflict(w, c);
  w.end_array();
  w.key("no_interaction_found").begin_array();
  for (const auto& n : report.no_interaction_found) write_no_interaction(w, n);
  w.end_array();
  w.key("unrecognized").begin_array();
  for (const auto& u : report.unrecognized) write_unrecognized(w, u);
  w.end_array();
  w.key("interpreted").begin_array();
  for (const auto& i : report.interpreted) write_interpreted(w, i);
  w.end_array();
  w.key("schedule");
  write_schedule(w, report.schedule);
  w.key("sources");
  write_sources(w, catalog, report.sources);
  w.end_object();
  return w.take();
}

[[gnu::noinline]]  // errors are the exception: kept out of the code compiled for a first result
std::string errors_to_json(const std::vector<InputError>& errors) {
  JsonWriter w;
  w.begin_object().key("errors").begin_array();
  for (const auto& e : errors) {
    w.begin_object().field("code", error_code_name(e.code)).field("path", e.path).field("message", e.message);
    if (!e.suggestions.empty()) w.field("suggestions", e.suggestions);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace

namespace {

AssessText assess_checked_request(const Catalog& catalog, std::string_view request_text) {
  ParsedRequest parsed = parse_request(request_text);
  if (!parsed.request) return {errors_to_json(parsed.errors), false};
  AssessOutcome outcome = assess(catalog, *parsed.request);
  if (!outcome.report) return {errors_to_json(outcome.errors), false};
  return {report_to_json(catalog, *outcome.report), true};
}

}  // namespace

AssessText assess_request_text(const Catalog& catalog, std::string_view request_text) {
  // The core itself never throws. Natively a standard-library exception (say, out of memory) still
  // becomes a structured internal_error; the wasm build has no exceptions (smaller and faster to load),
  // and web/dosecalc.js turns a trap into the same error.
#if defined(__cpp_exceptions)
  try {
    return assess_checked_request(catalog, request_text);
  } catch (const std::exception& e) {
    return {errors_to_json({{ErrorCode::internal_error, "", std::string("Internal error: ") + e.what(), {}}}), false};
  } catch (...) {
    return {errors_to_json({{ErrorCode::internal_error, "", "Internal error.", {}}}), false};
  }
#else
  return assess_checked_request(catalog, request_text);
#endif
}

std::string search_names_json(const Catalog& catalog, std::string_view text, int limit, std::string_view kinds,
                              std::string_view locale_text) {
  Locale locale = locale_text == "es" ? Locale::es : Locale::en;
  std::vector<NameKind> wanted;
  if (kinds.find("medicine") != std::string_view::npos) wanted.push_back(NameKind::medicine);
  if (kinds.find("supplement") != std::string_view::npos) wanted.push_back(NameKind::supplement);
  if (kinds.find("form") != std::string_view::npos) wanted.push_back(NameKind::form);
  size_t bounded = static_cast<size_t>(std::clamp(limit, 0, 50));
  JsonWriter w;
  w.begin_array();
  for (const auto& match : catalog.names.search(text.substr(0, 200), bounded, wanted)) {
    const std::string* name = &match.entry->canonical;
    if (const Substance* substance = catalog.substance(match.entry->target_id);
        substance && match.entry->kind != NameKind::form)
      name = &substance->display_name(locale);
    else if (const Compound* compound = catalog.compound(match.entry->target_id); compound && match.entry->kind == NameKind::form)
      // A brand with a stated content is offered by its own name, so that choosing it keeps that content.
      name = compound->stated_for(match.entry->display) ? &match.entry->display : &compound->name.in(locale);
    else if (const CompoundGroup* group = catalog.compound_group(match.entry->target_id); group && match.entry->is_group)
      name = &group->name.in(locale);
    w.begin_object()
        .field("id", match.entry->target_id)
        .field("kind", name_kind_name(match.entry->kind))
        .field("name", *name)
        .field("matched", match.entry->display)
        .field("score", match.score)
        .end_object();
  }
  w.end_array();
  return w.take();
}

std::string forms_json(const Catalog& catalog, std::string_view locale_text) {
  Locale locale = locale_text == "es" ? Locale::es : Locale::en;
  JsonWriter w;
  w.begin_object().key("groups").begin_array();
  for (const auto& group : catalog.compound_groups) {
    w.begin_object()
        .field("id", group.id)
        .field("name", group.name.in(locale))
        .field("nutrient", group.nutrient);
    w.key("compounds").begin_array();
    for (const auto& id : group.compound_ids) {
      const Compound* compound = catalog.compound(id);
      w.begin_object()
          .field("id", compound->id)
          .field("name", compound->name.in(locale))
          .field("formula", compound->formula)
          .field("hydrate_waters", compound->hydrate_waters)
          .field("elemental_percent", round_to(compound->composition.elemental_fraction.value * 100, 2))
          .field("laxative", compound->laxative)
          .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string knowledge_status_json(const Catalog& catalog) {
  JsonWriter w;
  w.begin_object()
      .field("ok", catalog.problems.empty())
      .field("data_version", catalog.data_version)
      .field("substances", static_cast<int>(catalog.substances.size()))
      .field("rules", static_cast<int>(catalog.rules.size()))
      .field("problems", catalog.problems)
      .end_object();
  return w.take();
}

std::string error_codes_json() {
  JsonWriter w;
  w.begin_object().key("codes").begin_array();
  for (ErrorCode code : all_error_codes())
    w.begin_object().field("code", error_code_name(code)).field("description", error_code_description(code)).end_object();
  w.end_array().end_object();
  return w.take();
}

}  // namespace dosecalc
