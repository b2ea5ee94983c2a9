#include "number_text.hpp"

#include <cstdint>
#include <cstring>

namespace dosecalc {
namespace {

// Every power of ten up to 10^22 is a double exactly (5^22 < 2^53).
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kMaxExactPowerOfTen = 22;

constexpr uint64_t kHiddenBit = uint64_t(1) << 52;
constexpr uint64_t kInfinityBits = uint64_t(0x7FF) << 52;

uint64_t bits_of(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

double from_bits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// A finite non-negative double as mantissa * 2^exponent (mantissa < 2^53).
struct BinaryValue {
  uint64_t mantissa;
  int exponent;
};

BinaryValue decompose(uint64_t bits) {
  int biased = static_cast<int>(bits >> 52) & 0x7FF;
  uint64_t fraction = bits & (kHiddenBit - 1);
  if (biased == 0) return {fraction, -1074};  // zero and denormals
  return {fraction | kHiddenBit, biased - 1075};
}

// An unsigned integer with just the operations the exact conversions need. The largest operand is
// about 2,700 bits (800 kept decimal digits, or a 55-bit mantissa times 5^1124 when parsing; a
// 53-bit mantissa times 5^1074 when formatting), so 4,096 bits leave a wide margin. An operation that
// would outgrow it drops the high limbs instead of writing out of bounds (never reached).
class BigUnsigned {
 public:
  explicit BigUnsigned(uint64_t value = 0) {
    limbs_[0] = static_cast<uint32_t>(value);
    limbs_[1] = static_cast<uint32_t>(value >> 32);
    size_ = limbs_[1] ? 2 : limbs_[0] ? 1 : 0;
  }

  bool is_zero() const { return size_ == 0; }

  // *this = *this * factor + addend
  void multiply_add(uint32_t factor, uint32_t addend) {
    uint64_t carry = addend;
    for (int i = 0; i < size_; ++i) {
      uint64_t product = uint64_t(limbs_[i]) * factor + carry;
      limbs_[i] = static_cast<uint32_t>(product);
      carry = product >> 32;
    }
    if (carry && size_ < kLimbs) limbs_[size_++] = static_cast<uint32_t>(carry);
  }

  void multiply_power_of_5(int exponent) {
    static constexpr uint32_t kPowersOf5[] = {1,      5,       25,       125,       625,        3125,      15625,
                                              78125,  390625,  1953125,  9765625,   48828125,   244140625,
                                              1220703125};  // 5^13, the largest below 2^32
    for (; exponent >= 13; exponent -= 13) multiply_add(kPowersOf5[13], 0);
    if (exponent > 0) multiply_add(kPowersOf5[exponent], 0);
  }

  // Multiplies by 2^bits in steps of 2^31: slower than moving limbs but a third of the code.
  void shift_left(int bits) {
    for (; bits >= 31; bits -= 31) multiply_add(uint32_t(1) << 31, 0);
    if (bits > 0) multiply_add(uint32_t(1) << bits, 0);
  }

  // *this /= divisor; returns the remainder.
  uint32_t divide(uint32_t divisor) {
    uint64_t remainder = 0;
    for (int i = size_ - 1; i >= 0; --i) {
      uint64_t current = (remainder << 32) | limbs_[i];
      limbs_[i] = static_cast<uint32_t>(current / divisor);
      remainder = current % divisor;
    }
    trim();
    return static_cast<uint32_t>(remainder);
  }

  friend int compare(const BigUnsigned& a, const BigUnsigned& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (int i = a.size_ - 1; i >= 0; --i)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

 private:
  static constexpr int kLimbs = 128;
  uint32_t limbs_[kLimbs] = {};  // least significant first; zero-initialised so copies read no indeterminate values
  int size_ = 0;

  void trim() {
    while (size_ > 0 && limbs_[size_ - 1] == 0) --size_;
  }
};

// The exact decimal expansion of a finite non-negative double, as 0.<digits> * 10^point with the
// digits past `count` all zero. m * 2^-k is m * 5^k / 10^k, so every double has one, of at most 767
// significant digits (m * 5^1074 < 10^768); zero has no digits.
struct Decimal {
  char digits[9 * 88];  // nine-digit chunks; 86 of them already hold 774 digits
  int count = 0;
  int point = 1;
  char at(int i) const { return i >= 0 && i < count ? digits[i] : '0'; }
};

Decimal exact_decimal(double magnitude) {
  Decimal out;
  BinaryValue value = decompose(bits_of(magnitude));
  if (value.mantissa == 0) return out;
  while (value.mantissa % 2 == 0) {  // fewer digits to produce
    value.mantissa /= 2;
    ++value.exponent;
  }
  BigUnsigned number(value.mantissa);
  int digits_after_point = 0;
  if (value.exponent >= 0) {
    number.shift_left(value.exponent);
  } else {
    number.multiply_power_of_5(-value.exponent);
    digits_after_point = -value.exponent;
  }
  char* end = out.digits + sizeof out.digits;
  char* first = end;
  while (!number.is_zero()) {
    uint32_t chunk = number.divide(1000000000);
    for (int i = 0; i < 9; ++i, chunk /= 10) *--first = static_cast<char>('0' + chunk % 10);
  }
  while (*first == '0') ++first;  // the top chunk's padding
  out.point = static_cast<int>(end - first) - digits_after_point;
  while (end[-1] == '0') --end;  // an integer such as 10 = 5 * 2^1; the zeros stay implicit
  out.count = static_cast<int>(end - first);
  std::memmove(out.digits, first, out.count);
  return out;
}

// Keeps `keep` significant digits (the first `keep` may be <= 0: nothing is kept), rounding half to
// even on the exact value as glibc's printf does in the default rounding mode. A carry out of the
// leading digit ("0.999" -> "1") moves the point instead of adding a digit.
void round_decimal(Decimal& x, int keep) {
  if (keep >= x.count) return;
  if (keep < 0) {
    x.count = 0;
    return;
  }
  char first_dropped = x.digits[keep];
  bool more_after_it = x.count > keep + 1;  // exact_decimal's digits end with a non-zero one
  bool kept_odd = keep > 0 && (x.digits[keep - 1] & 1);  // '0' is 0x30, so the low bit is the digit's
  x.count = keep;
  if (first_dropped < '5' || (first_dropped == '5' && !more_after_it && !kept_odd)) {
    while (x.count > 0 && x.digits[x.count - 1] == '0') --x.count;
    return;
  }
  while (x.count > 0 && x.digits[x.count - 1] == '9') --x.count;  // the 9s become implicit zeros
  if (x.count > 0) {
    ++x.digits[x.count - 1];
  } else {
    x.digits[0] = '1';
    x.count = 1;
    ++x.point;
  }
}

// What glibc prints for infinities and NaNs ("inf", "-nan"); nullptr for finite values.
const char* non_finite_text(uint64_t bits) {
  bool negative = bits >> 63;
  if ((bits & ~(uint64_t(1) << 63)) < kInfinityBits) return nullptr;
  if ((bits & ~(uint64_t(1) << 63)) == kInfinityBits) return negative ? "-inf" : "inf";
  return negative ? "-nan" : "nan";
}

// value * 10^exponent in steps of at most 10^22, so no intermediate overflows or underflows before
// the result would; each step is one correctly rounded operation with an exact power of ten.
double scale_by_power_of_ten(double value, int exponent) {
  for (; exponent > kMaxExactPowerOfTen; exponent -= kMaxExactPowerOfTen) value *= kExactPowersOfTen[kMaxExactPowerOfTen];
  for (; exponent < -kMaxExactPowerOfTen; exponent += kMaxExactPowerOfTen) value /= kExactPowersOfTen[kMaxExactPowerOfTen];
  return exponent >= 0 ? value * kExactPowersOfTen[exponent] : value / kExactPowersOfTen[-exponent];
}

// Sign of (decimal * 10^exp10) - (mantissa * 2^exp2), computed exactly: both sides are scaled to
// integers (the 5s of 10^exp10 and the 2s moved to whichever side keeps exponents non-negative).
int compare_decimal_to_binary(const BigUnsigned& decimal, int exp10, uint64_t mantissa, int exp2) {
  BigUnsigned left = decimal, right(mantissa);
  if (exp10 >= 0) left.multiply_power_of_5(exp10);
  else right.multiply_power_of_5(-exp10);
  if (exp10 > exp2) left.shift_left(exp10 - exp2);
  else right.shift_left(exp2 - exp10);
  return compare(left, right);
}

// The double nearest to digits * 10^exp10 (ties to even), starting from an approximation a few units
// in the last place away: step to a neighbour while the exact value lies beyond the halfway point
// towards it. Returns infinity when the value rounds past the largest double.
double correctly_rounded(const char* digits, int count, int exp10, double approximation) {
  BigUnsigned decimal;
  for (int i = 0; i < count;) {  // nine digits at a time
    uint32_t chunk = 0, scale = 1;
    for (int j = 0; j < 9 && i < count; ++j, ++i, scale *= 10) chunk = chunk * 10 + static_cast<uint32_t>(digits[i] - '0');
    decimal.multiply_add(scale, chunk);
  }
  uint64_t bits = bits_of(approximation);
  if (bits >= kInfinityBits) bits = kInfinityBits - 1;  // the approximation overflowed: start at the largest double
  while (bits < kInfinityBits) {
    BinaryValue z = decompose(bits);
    bool odd = z.mantissa % 2 == 1;
    int versus_above = compare_decimal_to_binary(decimal, exp10, 2 * z.mantissa + 1, z.exponent - 1);
    if (versus_above > 0 || (versus_above == 0 && odd)) {
      ++bits;  // the next double up (after the largest double: infinity)
      continue;
    }
    if (bits == 0) break;
    // Below a power of two the next double down is half as far away.
    bool power_of_two = z.mantissa == kHiddenBit && z.exponent > -1074;
    int versus_below = power_of_two ? compare_decimal_to_binary(decimal, exp10, 4 * z.mantissa - 1, z.exponent - 2)
                                    : compare_decimal_to_binary(decimal, exp10, 2 * z.mantissa - 1, z.exponent - 1);
    if (versus_below < 0 || (versus_below == 0 && odd)) {
      --bits;
      continue;
    }
    break;
  }
  return from_bits(bits);
}

}  // namespace

std::string format_general(double value, int significant_digits) {
  uint64_t bits = bits_of(value);
  if (const char* text = non_finite_text(bits)) return text;
  int precision = significant_digits < 1 ? 1 : significant_digits;
  Decimal x = exact_decimal(value < 0 ? -value : value);
  round_decimal(x, precision);
  int exponent = x.count == 0 ? 0 : x.point - 1;  // of the leading digit, after rounding
  std::string out = bits >> 63 ? "-" : "";
  if (exponent < -4 || exponent >= precision) {  // %e: d.ddde+XX, at least two exponent digits
    out += x.at(0);
    if (x.count > 1) out += '.';
    for (int i = 1; i < x.count; ++i) out += x.digits[i];
    out += exponent < 0 ? "e-" : "e+";
    return out + zero_padded(exponent < 0 ? -exponent : exponent, 2);
  }
  // %f with precision - 1 - exponent decimals; there are no trailing zeros to remove
  for (int i = x.point > 1 ? 0 : x.point - 1; i < x.point; ++i) out += x.at(i);  // "0" when below 1
  if (x.count > x.point) out += '.';
  for (int i = x.point; i < x.count; ++i) out += x.at(i);
  return out;
}

std::string format_fixed(double value, int decimals) {
  uint64_t bits = bits_of(value);
  if (const char* text = non_finite_text(bits)) return text;
  if (decimals < 0) decimals = 0;
  Decimal x = exact_decimal(value < 0 ? -value : value);
  round_decimal(x, x.point + decimals);
  std::string out = bits >> 63 ? "-" : "";  // printf keeps the sign of -0.0 and of negatives that round to 0
  for (int i = x.point > 1 ? 0 : x.point - 1; i < x.point; ++i) out += x.at(i);  // at least one digit
  if (decimals > 0) out += '.';
  for (int i = x.point; i < x.point + decimals; ++i) out += x.at(i);
  return out;
}

std::string zero_padded(int value, int width) {
  char buffer[16];
  char* end = buffer + sizeof buffer;
  char* first = end;
  unsigned magnitude = value < 0 ? 0u - static_cast<unsigned>(value) : static_cast<unsigned>(value);
  do {
    *--first = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  int sign_width = value < 0 ? 1 : 0;
  while (end - first + sign_width < width && first > buffer + 1) *--first = '0';
  if (value < 0) *--first = '-';
  return std::string(first, end);
}

double power_of_ten(int exponent) { return scale_by_power_of_ten(1.0, exponent); }

bool parse_json_number(std::string_view token, double& out) {
  // Halfway points between doubles have at most 768 significant digits ((2^54 - 1) * 2^-1075 is the
  // longest), so 800 digits plus a sticky '1' standing in for any further non-zero digits decide every
  // rounding exactly as all of them would: the stand-in lies strictly between the kept prefix and the
  // next 800-digit number, where no halfway point is.
  constexpr int kMaxKeptDigits = 800;
  char kept[kMaxKeptDigits + 1];
  int count = 0;
  bool dropped_nonzero = false, in_fraction = false;
  int64_t integer_digits = 0, leading_zeros = 0;
  size_t i = 0;
  bool negative = !token.empty() && token[0] == '-';
  if (negative) ++i;
  for (; i < token.size() && token[i] != 'e' && token[i] != 'E'; ++i) {
    char c = token[i];
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    if (!in_fraction) ++integer_digits;
    if (count == 0 && c == '0') ++leading_zeros;
    else if (count < kMaxKeptDigits) kept[count++] = c;
    else if (c != '0') dropped_nonzero = true;
  }
  int64_t exponent = 0;
  if (i < token.size()) {
    bool exponent_negative = ++i < token.size() && token[i] == '-';
    if (i < token.size() && (token[i] == '-' || token[i] == '+')) ++i;
    for (; i < token.size(); ++i)
      if (exponent < 100000000) exponent = exponent * 10 + (token[i] - '0');  // saturates far beyond any double
    if (exponent_negative) exponent = -exponent;
  }

  const double zero = negative ? -0.0 : 0.0;
  if (count == 0) {
    out = zero;
    return true;
  }
  int64_t point = exponent + integer_digits - leading_zeros;  // the value is 0.<kept digits> * 10^point
  if (point > 309) {  // >= 10^309
    const double infinity = from_bits(kInfinityBits);
    out = negative ? -infinity : infinity;
    return false;
  }
  if (point <= -324) {  // < 10^-324, under half the smallest denormal (4.9e-324)
    out = zero;
    return true;
  }
  if (dropped_nonzero) kept[count++] = '1';
  else
    while (kept[count - 1] == '0') --count;  // trailing zeros only slow the exact path down
  int exp10 = static_cast<int>(point) - count;  // the value is <kept digits> * 10^exp10

  int leading_count = count < 19 ? count : 19;  // 19 digits always fit in a uint64_t
  uint64_t leading = 0;
  for (int k = 0; k < leading_count; ++k) leading = leading * 10 + static_cast<uint64_t>(kept[k] - '0');
  double magnitude;
  if (count == leading_count && leading <= kHiddenBit * 2 && exp10 >= -kMaxExactPowerOfTen &&
      exp10 <= kMaxExactPowerOfTen) {
    // Clinger's fast path: both operands are exact doubles, so one correctly rounded operation.
    magnitude = exp10 < 0 ? double(leading) / kExactPowersOfTen[-exp10] : double(leading) * kExactPowersOfTen[exp10];
  } else {
    double approximation = scale_by_power_of_ten(double(leading), exp10 + count - leading_count);
    magnitude = correctly_rounded(kept, count, exp10, approximation);
  }
  out = negative ? -magnitude : magnitude;
  return bits_of(magnitude) < kInfinityBits;
}

}  // namespace dosecalc
