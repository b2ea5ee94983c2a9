// Number <-> text conversions without the C printf family and strtod. In wasm those pull in musl's
// printf_core, floatscan and the long-double soft-float helpers (~10 KB brotli); these functions are
// exact instead: they work on the double's exact binary value with a small big integer, so their
// results are byte-identical to glibc's printf and bit-identical to strtod for every finite input.
#pragma once
#include <string>
#include <string_view>

namespace dosecalc {

// printf("%.*g", significant_digits, value): shortest of fixed or exponent form ("1e+20", "1.5e-07"),
// trailing zeros removed. A precision below 1 counts as 1, as in printf.
std::string format_general(double value, int significant_digits);

// printf("%.*f", decimals, value) for decimals >= 0 (a negative count is treated as 0).
std::string format_fixed(double value, int decimals);

// printf("%0*d", width, value) for widths up to 15: "07", "-5", "123".
std::string zero_padded(int value, int width);

// 10^exponent: exact for 0..22 (every such power is a double), correctly rounded for -22..-1, and
// within a few units in the last place beyond; overflows to infinity and underflows to 0 like pow.
double power_of_ten(int exponent);

// strtod for a token that already matches the JSON number grammar -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?:
// the same correctly rounded double (round half to even) for any number of digits, including
// denormals, underflow to (signed) zero and "-0" -> -0.0. Returns false, with `out` set to +-infinity,
// when the value is too large for a double (strtod's HUGE_VAL case).
bool parse_json_number(std::string_view token, double& out);

}  // namespace dosecalc
