// dosecalc command line: the same text-in, text-out API as the wasm module.
//   dosecalc assess FILE|-          report JSON on stdout; exit 0, or 2 for invalid input
//   dosecalc search TEXT [LIMIT] [KINDS] [LOCALE]
//   dosecalc forms                  the compound catalogue
//   dosecalc error-codes | data-version | check-data
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "api.hpp"
#include "request.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitInvalidInput = 2;

// Reads at most limit + 1 bytes, so an oversized input is reported by the core, not buffered whole.
bool read_bounded(std::istream& in, std::string& out, size_t limit) {
  out.clear();
  char buffer[65536];
  while (in && out.size() <= limit) {
    in.read(buffer, sizeof buffer);
    out.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (out.size() > limit + 1) out.resize(limit + 1);
  return !in.bad();
}

int usage() {
  std::cerr << "usage: dosecalc assess FILE|-\n"
               "       dosecalc search TEXT [LIMIT] [KINDS] [en|es]\n"
               "       dosecalc forms [en|es]\n"
               "       dosecalc error-codes | data-version | check-data\n";
  return kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  const dosecalc::Catalog& catalog = dosecalc::embedded_catalog();
  if (argc < 2) return usage();
  std::string command = argv[1];
  if (command == "assess" && argc == 3) {
    std::string text;
    std::string file = argv[2];
    size_t limit = dosecalc::RequestLimits::max_request_bytes;
    if (file == "-") {
      read_bounded(std::cin, text, limit);
    } else {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::cerr << "dosecalc: cannot read " << file << "\n";
        return kExitFailure;
      }
      read_bounded(in, text, limit);
    }
    dosecalc::AssessText result = dosecalc::assess_request_text(catalog, text);
    std::cout << result.json << "\n";
    return result.ok ? kExitOk : kExitInvalidInput;
  }
  if (command == "search" && argc >= 3) {
    int limit = argc >= 4 ? std::atoi(argv[3]) : 8;
    std::string kinds = argc >= 5 ? argv[4] : "";
    std::string locale = argc >= 6 ? argv[5] : "en";
    std::cout << dosecalc::search_names_json(catalog, argv[2], limit, kinds, locale) << "\n";
    return kExitOk;
  }
  if (command == "forms") {
    std::cout << dosecalc::forms_json(catalog, argc >= 3 ? argv[2] : "en") << "\n";
    return kExitOk;
  }
  if (command == "error-codes") {
    std::cout << dosecalc::error_codes_json() << "\n";
    return kExitOk;
  }
  if (command == "data-version") {
    std::cout << catalog.data_version << "\n";
    return kExitOk;
  }
  if (command == "check-data") {
    for (const auto& problem : catalog.problems) std::cout << problem << "\n";
    std::cerr << catalog.problems.size() << " data problem(s)\n";
    return catalog.problems.empty() ? kExitOk : kExitFailure;
  }
  return usage();
}
