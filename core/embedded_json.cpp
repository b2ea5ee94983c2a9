// The embedded data as JSON files (cmake/embed_data.cmake), loaded with every check: the native
// library's embedded catalog, and what the wasm build's snapshot writer starts from.
#include "catalog.hpp"

namespace dosecalc {

Catalog load_embedded_catalog() { return load_catalog(embedded_data_files()); }

}  // namespace dosecalc
