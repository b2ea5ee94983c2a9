// A stable sort for the short lists of a report (warnings, interactions). std::stable_sort instantiates
// a merge sort with a temporary buffer for every element type, several KB of wasm each; these lists hold
// a few dozen entries at most, where insertion sort is as fast.
#pragma once
#include <utility>
#include <vector>

namespace dosecalc {

template <typename T, typename Less>
void stable_sort_small(std::vector<T>& items, Less less) {
  for (size_t i = 1; i < items.size(); ++i) {
    size_t j = i;
    while (j > 0 && less(items[i], items[j - 1])) --j;  // after every equal element: stable
    if (j == i) continue;
    T moving = std::move(items[i]);
    for (size_t k = i; k > j; --k) items[k] = std::move(items[k - 1]);
    items[j] = std::move(moving);
  }
}

}  // namespace dosecalc
