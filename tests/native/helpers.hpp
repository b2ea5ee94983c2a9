// Shared test helpers: run a request through the real text API and read the report.
#pragma once
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "api.hpp"

namespace dosecalc::test {

inline nlohmann::json run(const nlohmann::json& request) {
  AssessText result = assess_request_text(embedded_catalog(), request.dump());
  return nlohmann::json::parse(result.json);
}

inline nlohmann::json run_text(const std::string& text) {
  return nlohmann::json::parse(assess_request_text(embedded_catalog(), text).json);
}

inline nlohmann::json adult(double age = 45, const std::string& sex = "female") {
  return {{"age_years", age}, {"sex", sex}};
}

inline nlohmann::json product(const std::string& form, double amount, const std::string& basis,
                              double units = 1, double doses = 1) {
  return {{"form", form}, {"amount_mg", amount}, {"amount_basis", basis}, {"units_per_dose", units},
          {"doses_per_day", doses}};
}

inline bool has_warning(const nlohmann::json& report, const std::string& code) {
  for (const auto& w : report.at("warnings"))
    if (w.at("code") == code) return true;
  return false;
}

inline const nlohmann::json& first_error(const nlohmann::json& report) { return report.at("errors").at(0); }

}  // namespace dosecalc::test
