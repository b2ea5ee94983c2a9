// Bad input: every kind gets a structured error naming the field; nothing crashes and no report
// contains NaN or Infinity.
#include <cmath>
#include <functional>

#include "helpers.hpp"

using nlohmann::json;
using namespace dosecalc::test;

namespace {

json valid() {
  return {{"person", adult()},
          {"products", {product("magnesium glycinate", 200, "elemental")}},
          {"medicines", {{{"name", "Zoloft"}, {"times", {"08:00"}}}}},
          {"routine", {{"wake", "07:00"}, {"bed", "23:00"}, {"meals", {"07:30"}}}}};
}

void expect_error(const json& report, const std::string& code, const std::string& path) {
  INFO(report.dump().substr(0, 400));
  REQUIRE(report.contains("errors"));
  bool found = false;
  for (const auto& e : report.at("errors")) {
    CHECK_FALSE(e.at("message").get<std::string>().empty());
    if (e.at("code") == code && e.at("path") == path) found = true;
  }
  CHECK(found);
}

void mutate_and_expect(std::function<void(json&)> change, const std::string& code, const std::string& path) {
  json request = valid();
  change(request);
  expect_error(run(request), code, path);
}

}  // namespace

TEST_CASE("Errors: malformed JSON, wrong top-level type, size and depth limits", "[errors]") {
  expect_error(run_text("{\"person\": "), "invalid_json", "");
  expect_error(run_text(""), "invalid_json", "");
  expect_error(run_text("[1,2]"), "wrong_type", "");
  expect_error(run_text("NaN"), "invalid_json", "");
  expect_error(run_text(std::string(100000, '[')), "too_deep", "");
  expect_error(run_text("{\"person\": {\"age_years\": 45, \"sex\": \"female\"}, \"goal\": \"" + std::string(10 << 20, 'a') + "\"}"),
               "too_large", "");
}

TEST_CASE("Errors: missing and mistyped fields name the field", "[errors]") {
  mutate_and_expect([](json& r) { r.erase("person"); }, "missing_field", "/person");
  mutate_and_expect([](json& r) { r["person"].erase("age_years"); }, "missing_field", "/person/age_years");
  mutate_and_expect([](json& r) { r["person"]["age_years"] = "45"; }, "wrong_type", "/person/age_years");
  mutate_and_expect([](json& r) { r["products"][0].erase("amount_mg"); }, "missing_field", "/products/0/amount_mg");
  mutate_and_expect([](json& r) { r["products"][0]["amount_mg"] = true; }, "wrong_type", "/products/0/amount_mg");
  mutate_and_expect([](json& r) { r["products"][0].erase("amount_basis"); }, "missing_field", "/products/0/amount_basis");
  mutate_and_expect([](json& r) { r["products"] = "magnesium"; }, "wrong_type", "/products");
  mutate_and_expect([](json& r) { r["products"][0] = 5; }, "wrong_type", "/products/0");
  mutate_and_expect([](json& r) { r["medicines"][0]["name"] = ""; }, "missing_field", "/medicines/0/name");
  mutate_and_expect([](json& r) { r["person"]["kidney"] = json::object(); }, "missing_field", "/person/kidney");
}

TEST_CASE("Errors: negative, zero, absurd and out-of-range numbers", "[errors]") {
  mutate_and_expect([](json& r) { r["person"]["age_years"] = -1; }, "out_of_range", "/person/age_years");
  mutate_and_expect([](json& r) { r["person"]["age_years"] = 121; }, "out_of_range", "/person/age_years");
  mutate_and_expect([](json& r) { r["products"][0]["amount_mg"] = -200; }, "out_of_range", "/products/0/amount_mg");
  mutate_and_expect([](json& r) { r["products"][0]["amount_mg"] = 0; }, "out_of_range", "/products/0/amount_mg");
  mutate_and_expect([](json& r) { r["products"][0]["amount_mg"] = 1e7; }, "out_of_range", "/products/0/amount_mg");  // 10 kg
  mutate_and_expect([](json& r) { r["products"][0]["units_per_dose"] = 0; }, "out_of_range", "/products/0/units_per_dose");
  mutate_and_expect([](json& r) { r["products"][0]["doses_per_day"] = 100; }, "out_of_range", "/products/0/doses_per_day");
  mutate_and_expect([](json& r) { r["products"][0]["elemental_percent"] = 150; }, "out_of_range", "/products/0/elemental_percent");
  mutate_and_expect([](json& r) { r["person"]["kidney"] = {{"egfr", -5}}; }, "out_of_range", "/person/kidney/egfr");
  mutate_and_expect([](json& r) { r["diet"] = {{"magnesium_mg_per_day", -1}}; }, "out_of_range", "/diet/magnesium_mg_per_day");
  json overflow = run_text(R"({"person": {"age_years": 1e999, "sex": "female"}})");
  expect_error(overflow, "invalid_json", "");
  CHECK(first_error(overflow).at("message").get<std::string>().find("overflow") != std::string::npos);
}

TEST_CASE("Errors: vocabularies, unknown fields, conflicts, duplicates", "[errors]") {
  mutate_and_expect([](json& r) { r["person"]["sex"] = "other"; }, "unknown_value", "/person/sex");
  mutate_and_expect([](json& r) { r["reference"] = "fr"; }, "unknown_value", "/reference");
  mutate_and_expect([](json& r) { r["products"][0]["amount_basis"] = "salt"; }, "unknown_value", "/products/0/amount_basis");
  mutate_and_expect([](json& r) { r["person"]["conditions"] = {"gout"}; }, "unknown_value", "/person/conditions/0");
  mutate_and_expect([](json& r) { r["prodcts"] = json::array(); }, "unknown_field", "/prodcts");
  mutate_and_expect([](json& r) { r["person"]["weight"] = 70; }, "unknown_field", "/person/weight");
  mutate_and_expect([](json& r) { r["person"]["sex"] = "male"; r["person"]["pregnancy"] = "pregnant"; }, "conflict", "/person/pregnancy");
  mutate_and_expect([](json& r) { r["person"]["kidney"] = {{"egfr", 50}, {"status", "ckd"}}; }, "conflict", "/person/kidney");
  mutate_and_expect([](json& r) { r["products"][0]["id"] = "a"; r["products"].push_back(r["products"][0]); }, "duplicate", "/products/1/id");
  mutate_and_expect([](json& r) { r["medicines"][0]["name"] = std::string(300, 'x'); }, "too_long", "/medicines/0/name");
  mutate_and_expect([](json& r) { r["medicines"] = json::array(); for (int i = 0; i < 60; ++i) r["medicines"].push_back({{"name", "x"}}); },
                    "too_long", "/medicines");
}

TEST_CASE("Errors: times must be HH:MM", "[errors]") {
  for (const char* bad : {"8:00", "24:00", "12:60", "noon", "08:00:00", "08h00"}) {
    INFO(bad);
    mutate_and_expect([&](json& r) { r["medicines"][0]["times"] = {bad}; }, "invalid_time", "/medicines/0/times/0");
  }
  mutate_and_expect([](json& r) { r["routine"]["wake"] = "7am"; }, "invalid_time", "/routine/wake");
  mutate_and_expect([](json& r) { r["routine"]["meals"] = {"12:30", 1230}; }, "wrong_type", "/routine/meals/1");
}

TEST_CASE("Errors: unknown forms get suggestions", "[errors]") {
  json report = run({{"person", adult()}, {"products", {product("magnesium glycinat", 100, "compound")}}});
  expect_error(report, "unknown_form", "/products/0/form");
  const auto& suggestions = first_error(report).at("suggestions");
  REQUIRE_FALSE(suggestions.empty());
  CHECK(suggestions.at(0).get<std::string>().find("glycinate") != std::string::npos);
  // A medicine typed as a product form says where it belongs.
  json misplaced = run({{"person", adult()}, {"products", {product("Zoloft", 50, "compound")}}});
  expect_error(misplaced, "unknown_form", "/products/0/form");
  CHECK(first_error(misplaced).at("message").get<std::string>().find("medicines") != std::string::npos);
}

TEST_CASE("Errors: invalid UTF-8 and control characters never break the output", "[errors]") {
  std::string text = "{\"person\": {\"age_years\": 45, \"sex\": \"female\"}, \"medicines\": [{\"name\": \"\xff\xfe\"}]}";
  json report = run_text(text);  // nlohmann rejects invalid UTF-8 while parsing
  expect_error(report, "invalid_json", "");
  json long_unicode = valid();
  long_unicode["medicines"][0]["name"] = std::string(199, 'a') + "\xC3\xA9";  // 201 bytes: too long, reported cleanly
  expect_error(run(long_unicode), "too_long", "/medicines/0/name");
}

TEST_CASE("Reports never contain NaN or Infinity", "[errors]") {
  // Extremes that pass validation: tiny and huge amounts, infants, extreme creatinine.
  json person = adult(0, "male");
  person["kidney"] = {{"creatinine_umol_l", 2650}};
  for (const json& request :
       {json{{"person", person}, {"products", {product("magnesium gluconate", 0.0001, "compound", 0.001, 0.001)}}},
        json{{"person", adult(120, "female")}, {"products", {product("Epsom salt", 50000, "compound", 20, 24)}},
             {"diet", {{"magnesium_mg_per_day", 5000}}}}}) {
    std::string text = dosecalc::assess_request_text(dosecalc::embedded_catalog(), request.dump()).json;
    for (const char* bad : {"nan", "NaN", "inf", "Infinity"}) CHECK(text.find(std::string(":") + bad) == std::string::npos);
    CHECK_NOTHROW(json::parse(text));
  }
}

TEST_CASE("Errors: a request in Spanish gets its errors in Spanish, with the same codes and paths", "[errors]") {
  // The page shows these beside the field, after the field's own label; docs/api.md lists what stays English.
  const auto message_of = [](const json& request, const std::string& path) {
    json report = run(request);
    INFO(report.dump().substr(0, 400));
    REQUIRE(report.contains("errors"));
    for (const auto& e : report.at("errors"))
      if (e.at("path") == path) return e.at("message").get<std::string>();
    FAIL("no error at " << path);
    return std::string();
  };
  const auto spanish = [](std::function<void(json&)> change) {
    json request = valid();
    request["locale"] = "es";
    change(request);
    return request;
  };
  CHECK(message_of(spanish([](json& r) { r["products"][0]["amount_mg"] = -5; }), "/products/0/amount_mg") ==
        "/products/0/amount_mg debe estar entre 0 y 50000 mg (se indicó -5).");
  CHECK(message_of(spanish([](json& r) { r["person"]["age_years"] = 120.5; }), "/person/age_years") ==
        "/person/age_years debe estar entre 0 y 120 años (se indicó 120,5).");
  CHECK(message_of(spanish([](json& r) { r["products"][0]["amount_mg"] = "abc"; }), "/products/0/amount_mg") ==
        "/products/0/amount_mg debe ser un número, no un texto.");
  CHECK(message_of(spanish([](json& r) { r["person"].erase("sex"); }), "/person/sex") == "/person/sex: este dato es obligatorio.");
  CHECK(message_of(spanish([](json& r) { r["person"]["kidney"] = {{"egfr", 250}}; }), "/person/kidney/egfr") ==
        "/person/kidney/egfr debe estar entre 1 y 200 mL/min/1,73 m² (se indicó 250).");
  CHECK(message_of(spanish([](json& r) { r["medicines"][0]["times"] = {"8am"}; }), "/medicines/0/times/0") ==
        "/medicines/0/times/0 debe ser una hora HH:MM de 24 horas, como \"08:00\" o \"21:30\" (se indicó \"8am\").");
  CHECK(message_of(spanish([](json& r) { r["person"]["weight"] = 70; }), "/person/weight").rfind("\"weight\" no es un campo de /person.", 0) == 0);
  CHECK(message_of(spanish([](json& r) { r["products"][0]["form"] = "magnesium glycinat"; }), "/products/0/form")
            .find("no es una forma de magnesio que conozcamos. ¿Quería decir: ") != std::string::npos);
  // The same request in English keeps the English wording, word for word.
  json english = valid();
  english["products"][0]["amount_mg"] = -5;
  CHECK(message_of(english, "/products/0/amount_mg") == "/products/0/amount_mg must be between 0 and 50000 mg (got -5).");
}

TEST_CASE("Errors: hostile requests stay small and say only what is true", "[errors]") {
  // A megabyte of unknown keys gives a bounded list of errors, not 200,000 of them.
  std::string keys = "{\"person\": {\"age_years\": 45, \"sex\": \"female\"}";
  for (int i = 0; i < 5000; ++i) keys += ", \"k" + std::to_string(i) + "\": 0";
  json many = run_text(keys + "}");
  REQUIRE(many.contains("errors"));
  CHECK(many.at("errors").size() <= 20);
  // No magnesium compound is below 1 %; a tiny percentage would make an absurd compound weight.
  mutate_and_expect([](json& r) { r["products"][0]["elemental_percent"] = 1e-305; }, "out_of_range", "/products/0/elemental_percent");
  // A missing age is one error, not also a pregnancy conflict "at age 0".
  json request = valid();
  request["person"].erase("age_years");
  request["person"]["pregnancy"] = "pregnant";
  json report = run(request);
  for (const auto& e : report.at("errors")) CHECK(e.at("code") != "conflict");
}

TEST_CASE("Errors: suggestions are names the page can use as they are, in the request's language", "[errors]") {
  json english = run({{"person", adult()}, {"products", {product("magnesium glycinate", 100, "elemental")}},
                      {"medicines", {{{"name", "omprazl"}}}}});
  REQUIRE(english.at("unrecognized").size() == 1);
  const auto& suggestions = english.at("unrecognized").at(0).at("suggestions");
  REQUIRE_FALSE(suggestions.empty());
  CHECK(std::find(suggestions.begin(), suggestions.end(), "Omeprazole") != suggestions.end());
  for (const auto& s : suggestions) {
    INFO(s);
    json retried = run({{"person", adult()}, {"medicines", {{{"name", s}}}}});
    CHECK(retried.at("unrecognized").empty());  // each suggestion resolves as typed
  }
  json spanish = run({{"locale", "es"}, {"person", adult()}, {"products", {product("sulfato", 100, "compound")}}});
  const auto& forms = first_error(spanish).at("suggestions");
  CHECK(std::find(forms.begin(), forms.end(), "Sulfato de magnesio") != forms.end());
}
