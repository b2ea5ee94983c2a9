#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <utility>
#include <vector>

#include "sorting.hpp"

using dosecalc::stable_sort_small;

TEST_CASE("stable_sort_small orders like std::stable_sort, keeping equal items in their order", "[sorting]") {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::pair<int, int>> items;  // (key, position): only the key is compared
    int size = static_cast<int>(random() % 40);
    for (int i = 0; i < size; ++i) items.push_back({static_cast<int>(random() % 5), i});
    auto expected = items;
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::stable_sort(expected.begin(), expected.end(), by_key);
    stable_sort_small(items, by_key);
    REQUIRE(items == expected);
  }
}
