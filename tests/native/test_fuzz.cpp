// Random but well-formed requests through the whole assessment: every answer is a report or a list of
// errors, never an internal error, and a report's numbers are finite and consistent.
#include <cmath>
#include <random>

#include "helpers.hpp"

using nlohmann::json;
using namespace dosecalc;

namespace {

template <typename T>
const T& pick(std::mt19937& random, const std::vector<T>& options) {
  return options[random() % options.size()];
}

double uniform(std::mt19937& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

std::string random_time(std::mt19937& random) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(random() % 24), static_cast<int>(random() % 60));
  return buffer;
}

json random_request(std::mt19937& random, const Catalog& catalog) {
  std::vector<std::string> forms, names;
  for (const auto& entry : catalog.names.entries()) (entry.kind == NameKind::form ? forms : names).push_back(entry.display);
  names.push_back("qwertyzol");  // unknown
  names.push_back("sertralin");  // a typo
  json person = {{"age_years", std::round(uniform(random, 0, 120) * 4) / 4}, {"sex", random() % 2 ? "female" : "male"}};
  if (person["sex"] == "female" && person["age_years"] >= 10 && person["age_years"] <= 60 && random() % 3 == 0)
    person["pregnancy"] = pick(random, std::vector<std::string>{"none", "pregnant", "lactating"});
  switch (random() % 5) {
    case 0: person["kidney"] = {{"egfr", uniform(random, 1, 200)}}; break;
    case 1: person["kidney"] = {{"creatinine_mg_dl", uniform(random, 0.1, 30)}}; break;
    case 2: person["kidney"] = {{"creatinine_umol_l", uniform(random, 9, 2650)}}; break;
    case 3: person["kidney"] = {{"status", pick(random, std::vector<std::string>{"ckd", "none", "unknown"})}}; break;
    default: break;
  }
  if (random() % 4 == 0) person["conditions"] = {"heart_block"};
  json request = {{"person", person},
                  {"reference", pick(random, std::vector<std::string>{"us", "eu", "uk"})},
                  {"locale", random() % 2 ? "en" : "es"}};
  json products = json::array();
  for (int i = 0, n = static_cast<int>(random() % 4); i < n; ++i) {
    json p = {{"form", pick(random, forms)},
              {"amount_mg", uniform(random, 0.001, 50000)},
              {"amount_basis", random() % 2 ? "elemental" : "compound"},
              {"units_per_dose", uniform(random, 0.01, 20)},
              {"doses_per_day", uniform(random, 0.01, 24)},
              {"times", {random_time(random)}}};
    if (random() % 4 == 0) p["elemental_percent"] = uniform(random, 0.01, 100);
    products.push_back(p);
  }
  request["products"] = products;
  json medicines = json::array(), supplements = json::array();
  for (int i = 0, n = static_cast<int>(random() % 5); i < n; ++i)
    medicines.push_back({{"name", pick(random, names)}, {"times", {random_time(random), random_time(random)}}});
  for (int i = 0, n = static_cast<int>(random() % 3); i < n; ++i) {
    json s = {{"name", pick(random, names)}};
    if (random() % 2) s["amount_mg_per_day"] = uniform(random, 0, 50000);
    supplements.push_back(s);
  }
  request["medicines"] = medicines;
  request["supplements"] = supplements;
  if (random() % 2) request["diet"] = {{"magnesium_mg_per_day", uniform(random, 0, 5000)}};
  return request;
}

void check_finite(const json& value, const std::string& where) {
  if (value.is_number()) {
    INFO(where);
    CHECK(std::isfinite(value.get<double>()));
  } else if (value.is_structured()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      check_finite(*it, where + "/" + (value.is_object() ? it.key() : std::string("#")));
  }
}

}  // namespace

TEST_CASE("Fuzz: 2,000 random well-formed requests are all assessed, with finite numbers", "[fuzz]") {
  const Catalog& catalog = embedded_catalog();
  std::mt19937 random(1122);
  int reports = 0;
  for (int round = 0; round < 2000; ++round) {
    json request = random_request(random, catalog);
    AssessText result = assess_request_text(catalog, request.dump());
    json answer = json::parse(result.json);  // always valid JSON
    INFO(request.dump().substr(0, 600));
    if (!result.ok) {
      // Only a form that is a compound-group name with a typo-like spelling could fail here; never internal.
      for (const auto& e : answer.at("errors")) CHECK(e.at("code") != "internal_error");
      continue;
    }
    ++reports;
    check_finite(answer, "");
    for (const auto& p : answer.at("products")) {
      CHECK(p.at("elemental_mg_per_day").get<double>() >= 0);
      CHECK(p.at("elemental_fraction").get<double>() > 0);
      CHECK(p.at("elemental_fraction").get<double>() <= 1);
    }
    for (const auto& n : answer.at("nutrients")) {
      bool above = n.at("status") == "above_upper_limit";
      bool warned = test::has_warning(answer, "above_upper_limit");
      CHECK(above == warned);
    }
    for (const auto& i : answer.at("interactions")) CHECK_FALSE(i.at("sources").empty());
  }
  CHECK(reports > 1500);
}
