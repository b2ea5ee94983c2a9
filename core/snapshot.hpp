// The loaded catalog as bytes, and back. The wasm build loads data/ with every check once, at build
// time, and embeds the result this way (wasm/write-snapshot.cpp), so the page's module does not parse,
// derive and index JSON at every start (docs/performance.md). Natively the data is loaded from JSON.
#pragma once
#include <string>
#include <string_view>

#include "catalog.hpp"

namespace dosecalc {

// Every field of the catalog, problems included, in a versioned binary form.
std::string write_catalog_snapshot(Catalog catalog);

// The catalog that write_catalog_snapshot wrote. Bytes that are not such a snapshot (another version,
// cut short, bytes left over, a count or enum out of range) give an empty catalog whose `problems` says
// so, which makes every assessment refuse to run.
Catalog read_catalog_snapshot(std::string_view bytes);

}  // namespace dosecalc
