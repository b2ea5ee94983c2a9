#include "request.hpp"

#include <algorithm>
#include <set>

#include "json_reader.hpp"
#include "json_writer.hpp"
#include "number_text.hpp"

namespace dosecalc {

const std::vector<std::string>& known_conditions() {
  static const std::vector<std::string> list = {"myasthenia_gravis", "heart_block"};
  return list;
}

const std::vector<std::string>& known_goals() {
  static const std::vector<std::string> list = {"general", "sleep", "muscle_cramps", "migraine", "constipation",
                                                "fibromyalgia", "anxiety"};
  return list;
}

const std::vector<std::string>& known_nutrients_in_diet() {
  static const std::vector<std::string> list = {"magnesium"};
  return list;
}

std::string ClockTime::text() const {
  return zero_padded((minutes / 60) % 24, 2) + ":" + zero_padded(minutes % 60, 2);
}

std::string clock_text(int minutes_after_midnight) { return ClockTime{minutes_after_midnight}.text(); }

int minutes_forward(int from_minutes, int to_minutes) {
  constexpr int kDay = 24 * 60;
  return ((to_minutes - from_minutes) % kDay + kDay) % kDay;
}

std::optional<ClockTime> parse_clock_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return ClockTime{hours * 60 + minutes};
}

namespace {

class RequestParser {
 public:
  explicit RequestParser(std::vector<InputError>& errors) : errors_(errors) {}

  Request parse(const json& root) {
    Request request;
    // The language of every message below, so it is read first; a wrong "locale" is reported in English.
    if (const json* locale = root.find("locale"); locale && locale->is_string() && locale->string() == "es")
      locale_ = Locale::es;
    FieldReader top(root, "", errors_, locale_);
    top.reject_unknown({"reference", "locale", "person", "products", "medicines", "supplements", "diet", "routine",
                        "goal"});
    if (auto reference = top.choice("reference", Presence::optional, {"us", "eu", "uk"})) request.reference = *reference;
    if (auto locale = top.choice("locale", Presence::optional, {"en", "es"}))
      request.locale = *locale == "es" ? Locale::es : Locale::en;
    if (const json* person = top.object("person", Presence::required)) request.person = parse_person(*person);
    if (const json* products = top.array("products", Presence::optional, RequestLimits::max_products)) {
      std::set<std::string> ids;
      for (size_t i = 0; i < products->size(); ++i) {
        std::string path = "/products/" + std::to_string(i);
        if (!expect_object(products->items()[i], path, errors_, locale_)) continue;
        ProductInput product = parse_product(products->items()[i], path, i);
        if (!ids.insert(product.id).second)
          errors_.push_back({ErrorCode::duplicate, path + "/id",
                             say("Product id \"", "El identificador de producto \"") + product.id +
                                 say("\" is used twice.", "\" se usa dos veces."),
                             {}});
        request.products.push_back(product);
      }
    }
    request.medicines = parse_named_list(top, "medicines", RequestLimits::max_medicines);
    request.supplements = parse_named_list(top, "supplements", RequestLimits::max_supplements);
    if (const json* diet = top.object("diet", Presence::optional)) {
      FieldReader reader(*diet, "/diet", errors_, locale_);
      std::vector<std::string> known;
      for (const auto& nutrient : known_nutrients_in_diet()) known.push_back(nutrient + "_mg_per_day");
      reader.reject_unknown(known);
      for (const auto& nutrient : known_nutrients_in_diet())
        if (auto mg = reader.number(nutrient + "_mg_per_day", Presence::optional, 0, 5000, "mg"))
          request.diet_mg_per_day[nutrient] = *mg;
    }
    if (const json* routine = top.object("routine", Presence::optional)) request.routine = parse_routine(*routine);
    if (auto goal = top.choice("goal", Presence::optional, known_goals())) request.goal = *goal;
    return request;
  }

 private:
  std::vector<InputError>& errors_;
  Locale locale_ = Locale::en;

  std::string say(const char* en, const char* es) const { return in_locale(locale_, en, es); }

  Person parse_person(const json& object) {
    Person person;
    FieldReader reader(object, "/person", errors_, locale_);
    reader.reject_unknown({"age_years", "sex", "pregnancy", "kidney", "conditions"});
    auto age = reader.number("age_years", Presence::required, 0, 120, "years");
    if (age) person.age_years = *age;
    if (auto sex = reader.choice("sex", Presence::required, {"female", "male"}))
      person.sex = *sex == "male" ? Sex::male : Sex::female;
    if (auto pregnancy = reader.choice("pregnancy", Presence::optional, {"none", "pregnant", "lactating"})) {
      person.pregnancy = *pregnancy == "pregnant"    ? Pregnancy::pregnant
                         : *pregnancy == "lactating" ? Pregnancy::lactating
                                                     : Pregnancy::none;
      if (person.pregnancy != Pregnancy::none && person.sex == Sex::male)
        reader.add_error(ErrorCode::conflict, "/person/pregnancy",
                         say("/person/pregnancy can be given only for a woman (/person/sex).",
                             "/person/pregnancy solo puede indicarse para una mujer (/person/sex)."));
      if (age && person.pregnancy != Pregnancy::none && (person.age_years < 10 || person.age_years > 60))
        reader.add_error(ErrorCode::conflict, "/person/pregnancy",
                         say("/person/pregnancy applies only from 10 to 60 years of age (/person/age_years is ",
                             "/person/pregnancy solo se aplica de los 10 a los 60 años (/person/age_years es ") +
                             number_in(locale_, person.age_years, 2) + ").");
    }
    if (const json* kidney = reader.object("kidney", Presence::optional)) person.kidney = parse_kidney(*kidney);
    if (const json* conditions = reader.array("conditions", Presence::optional, 10)) {
      for (size_t i = 0; i < conditions->size(); ++i) {
        std::string path = "/person/conditions/" + std::to_string(i);
        const json& item = conditions->items()[i];
        if (!item.is_string()) {
          errors_.push_back({ErrorCode::wrong_type, path, path + say(" must be a string.", " debe ser un texto."), {}});
          continue;
        }
        const auto& name = item.string();
        const auto& known = known_conditions();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
          errors_.push_back({ErrorCode::unknown_value, path,
                             path + say(" must be one of: ", " debe ser uno de: ") + "myasthenia_gravis, heart_block" +
                                 say(" (got \"", " (se indicó \"") + utf8_prefix(name, 60) + "\").",
                             known});
          continue;
        }
        person.conditions.push_back(name);
      }
    }
    return person;
  }

  KidneyInput parse_kidney(const json& object) {
    KidneyInput kidney;
    FieldReader reader(object, "/person/kidney", errors_, locale_);
    reader.reject_unknown({"egfr", "creatinine_mg_dl", "creatinine_umol_l", "status"});
    kidney.egfr = reader.number("egfr", Presence::optional, 1, 200, "mL/min/1.73 m2");
    kidney.creatinine_mg_dl = reader.number("creatinine_mg_dl", Presence::optional, 0.1, 30, "mg/dL");
    kidney.creatinine_umol_l = reader.number("creatinine_umol_l", Presence::optional, 9, 2650, "umol/L");
    kidney.status = reader.choice("status", Presence::optional, {"ckd", "none", "unknown"});
    int given = 0;
    for (const char* key : {"egfr", "creatinine_mg_dl", "creatinine_umol_l", "status"}) given += reader.present(key);
    if (given == 0)
      reader.add_error(ErrorCode::missing_field, "/person/kidney",
                       say("/person/kidney needs one of egfr, creatinine_mg_dl, creatinine_umol_l or status.",
                           "/person/kidney necesita uno de estos campos: egfr, creatinine_mg_dl, creatinine_umol_l o status."));
    else if (given > 1)
      reader.add_error(ErrorCode::conflict, "/person/kidney",
                       say("/person/kidney takes only one of egfr, creatinine_mg_dl, creatinine_umol_l or status.",
                           "/person/kidney admite solo uno de estos campos: egfr, creatinine_mg_dl, creatinine_umol_l o status."));
    return kidney;
  }

  ProductInput parse_product(const json& object, const std::string& path, size_t index) {
    ProductInput product;
    FieldReader reader(object, path, errors_, locale_);
    reader.reject_unknown({"id", "form", "amount_mg", "amount_basis", "units_per_dose", "doses_per_day",
                           "elemental_percent", "times"});
    product.id = reader.string("id", Presence::optional, 64).value_or("p" + std::to_string(index + 1));
    product.form = reader.string("form", Presence::required, RequestLimits::max_name_length).value_or("");
    if (auto amount = reader.number("amount_mg", Presence::required, 0, RequestLimits::max_amount_mg, "mg")) {
      if (*amount <= 0) reader.add_error(ErrorCode::out_of_range, path + "/amount_mg", path + "/amount_mg" + say(" must be above 0 mg.", " debe ser mayor que 0 mg."));
      else product.amount_mg = *amount;
    }
    if (auto basis = reader.choice("amount_basis", Presence::required, {"elemental", "compound"}))
      product.basis = *basis == "compound" ? AmountBasis::compound : AmountBasis::elemental;
    if (auto units = reader.number("units_per_dose", Presence::optional, 0, 20)) {
      if (*units <= 0) reader.add_error(ErrorCode::out_of_range, path + "/units_per_dose", path + "/units_per_dose" + say(" must be above 0.", " debe ser mayor que 0."));
      else product.units_per_dose = *units;
    }
    if (auto doses = reader.number("doses_per_day", Presence::optional, 0, 24)) {
      if (*doses <= 0) reader.add_error(ErrorCode::out_of_range, path + "/doses_per_day", path + "/doses_per_day" + say(" must be above 0.", " debe ser mayor que 0."));
      else product.doses_per_day = *doses;
    }
    // A label's percentage of magnesium; below 1 % no magnesium compound exists, and a tiny figure would
    // turn an elemental amount into an absurd compound weight.
    if (auto percent = reader.number("elemental_percent", Presence::optional, RequestLimits::min_elemental_percent, 100, "%"))
      product.elemental_percent = *percent;
    product.times = parse_times(reader, path);
    return product;
  }

  std::vector<ClockTime> parse_times(FieldReader& reader, const std::string& path) {
    std::vector<ClockTime> times;
    const json* list = reader.array("times", Presence::optional, RequestLimits::max_times);
    if (!list) return times;
    for (size_t i = 0; i < list->size(); ++i) {
      std::string item_path = path + "/times/" + std::to_string(i);
      auto time = clock_time(list->items()[i], item_path);
      if (time) times.push_back(*time);
    }
    return times;
  }

  std::optional<ClockTime> clock_time(const json& value, const std::string& path) {
    if (!value.is_string()) {
      errors_.push_back({ErrorCode::wrong_type, path,
                         path + say(" must be a time string such as \"08:00\".", " debe ser una hora escrita como texto, como \"08:00\"."), {}});
      return std::nullopt;
    }
    const auto& text = value.string();
    auto time = parse_clock_time(text);
    if (!time)
      errors_.push_back({ErrorCode::invalid_time, path,
                         path + say(" must be a 24-hour time HH:MM such as \"08:00\" or \"21:30\" (got \"",
                                    " debe ser una hora HH:MM de 24 horas, como \"08:00\" o \"21:30\" (se indicó \"") +
                             utf8_prefix(text, 20) + "\").",
                         {}});
    return time;
  }

  std::vector<NamedInput> parse_named_list(FieldReader& top, const char* key, size_t limit) {
    std::vector<NamedInput> items;
    const json* list = top.array(key, Presence::optional, limit);
    if (!list) return items;
    for (size_t i = 0; i < list->size(); ++i) {
      std::string path = std::string("/") + key + "/" + std::to_string(i);
      if (!expect_object(list->items()[i], path, errors_, locale_)) continue;
      FieldReader reader(list->items()[i], path, errors_, locale_);
      reader.reject_unknown({"name", "times", "amount_mg_per_day"});
      NamedInput item;
      item.name = reader.string("name", Presence::required, RequestLimits::max_name_length).value_or("");
      item.times = parse_times(reader, path);
      if (auto amount = reader.number("amount_mg_per_day", Presence::optional, 0, RequestLimits::max_amount_mg, "mg"))
        item.amount_mg_per_day = *amount;
      items.push_back(item);
    }
    return items;
  }

  Routine parse_routine(const json& object) {
    Routine routine;
    FieldReader reader(object, "/routine", errors_, locale_);
    reader.reject_unknown({"wake", "bed", "meals"});
    for (const char* key : {"wake", "bed"}) {
      if (!reader.present(key)) continue;
      auto time = clock_time(*reader.get(key), reader.path_of(key));
      (std::string(key) == "wake" ? routine.wake : routine.bed) = time;
    }
    if (const json* meals = reader.array("meals", Presence::optional, 8)) {
      for (size_t i = 0; i < meals->size(); ++i)
        if (auto time = clock_time(meals->items()[i], "/routine/meals/" + std::to_string(i))) routine.meals.push_back(*time);
    }
    return routine;
  }
};

}  // namespace

ParsedRequest parse_request(std::string_view text) {
  ParsedRequest result;
  ParseOutcome parsed = parse_untrusted_json(text, RequestLimits::max_request_bytes, RequestLimits::max_depth);
  if (parsed.error) {
    result.errors.push_back(*parsed.error);
    return result;
  }
  if (!expect_object(parsed.value, "", result.errors)) return result;
  RequestParser parser(result.errors);
  Request request = parser.parse(parsed.value);
  if (result.errors.empty()) result.request = std::move(request);
  return result;
}

}  // namespace dosecalc
