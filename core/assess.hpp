// From a validated request to a report: elemental amounts, reference values, warnings, interactions.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "report.hpp"
#include "request.hpp"

namespace dosecalc {

struct AssessOutcome {
  std::optional<Report> report;
  std::vector<InputError> errors;  // e.g. unknown_form, with suggestions
};

AssessOutcome assess(const Catalog& catalog, const Request& request);

// CKD-EPI 2021 (race-free) eGFR in mL/min/1.73 m2 from serum creatinine in mg/dL.
double ckd_epi_2021(const EgfrEquation& equation, double creatinine_mg_dl, double age_years, bool female);

std::string gfr_category(const Catalog& catalog, double egfr);

}  // namespace dosecalc
