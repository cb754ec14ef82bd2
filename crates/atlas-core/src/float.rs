//! Decimal text to `f64` and back, exactly as the standard library does it (the same value
//! as `str::parse::<f64>`, the same text as `format!("{v}")` and `format!("{v:.N}")`), without
//! its tables and its two formatting algorithms.
//!
//! Why: the standard library's parser (Eisel–Lemire) carries a 10.4 KB table of powers of
//! five that is as good as random bytes, and its formatting (Grisu with a Dragon4 fallback,
//! shortest and fixed) is ≈ 13 KB of code and tables; all of it reaches the browser (tables
//! are a wasm data segment every view shares: splitting the wasm cannot move them), ≈ 16 KB
//! gzip for a few numbers. Here:
//! - [`parse`]: the numbers the app reads (the bundle's figures and coordinates, the base
//!   map's points, a CSS length) are short: they take Clinger's exact fast path (at most 2^53
//!   as an integer, scaled by an exact power of ten); anything else takes the slow, exact path
//!   of Go's `strconv` (a decimal shifted by powers of two, then rounded), which needs no table;
//! - [`fixed`] and [`shortest`]: the value's exact decimal expansion (the same shifts), rounded
//!   to the digits asked for, or to the fewest digits that read back as the same value.
//!
//! Speed is not the point (a few microseconds a number); tests/float.rs holds all three to the
//! standard library on random and adversarial values.

/// Digits kept of a long mantissa: any digit beyond only decides a tie (the `truncated` flag),
/// as in Go's `strconv.decimal` (800 digits; ties need at most 767 significant digits).
const MAX_DIGITS: usize = 800;

/// The largest shift by which a digit times 2^shift plus a carry still fits in a `u64`.
const MAX_SHIFT: u32 = 60;

/// Powers of ten an `f64` holds exactly (Clinger's fast path).
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses a decimal number: an optional sign, digits with at most one `.` (at least one digit
/// in all), an optional exponent (`e` or `E`, an optional sign, digits). No spaces, no `inf`
/// or `nan`. A value too large for an `f64` is an infinity, as with `str::parse`; `None` when
/// the text is not such a number.
pub fn parse(text: &str) -> Option<f64> {
    let number = Number::read(text.as_bytes())?;
    let magnitude = number.clinger().unwrap_or_else(|| {
        let mut d = Decimal::new();
        for (digit, after_dot) in number.digits() {
            d.push_digit(digit, after_dot);
        }
        d.point += number.exp;
        d.slow()
    });
    Some(if number.negative {
        -magnitude
    } else {
        magnitude
    })
}

/// A decimal number's text, read by the grammar [`parse`] accepts: its sign, its digits
/// (with at most one `.` among them) and its exponent.
struct Number<'a> {
    negative: bool,
    mantissa: &'a [u8],
    /// Saturated at ±10^9: beyond, the value is an infinity or zero whatever the digits.
    exp: i64,
}

impl<'a> Number<'a> {
    fn read(b: &'a [u8]) -> Option<Self> {
        let (negative, mut i) = match b.first() {
            Some(b'-') => (true, 1),
            Some(b'+') => (false, 1),
            _ => (false, 0),
        };
        let from = i;
        let mut seen_dot = false;
        while let Some(&c) = b.get(i) {
            match c {
                b'0'..=b'9' => {}
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            i += 1;
        }
        let mantissa = &b[from..i];
        if !mantissa.iter().any(u8::is_ascii_digit) {
            return None;
        }
        let mut exp: i64 = 0;
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            let sign = match b.get(i) {
                Some(b'-') => {
                    i += 1;
                    -1
                }
                Some(b'+') => {
                    i += 1;
                    1
                }
                _ => 1,
            };
            let from = i;
            while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                exp = (exp * 10 + i64::from(c - b'0')).min(1_000_000_000);
                i += 1;
            }
            if i == from {
                return None;
            }
            exp *= sign;
        }
        (i == b.len()).then_some(Number {
            negative,
            mantissa,
            exp,
        })
    }

    /// Each digit of the mantissa, and whether it comes after the point.
    fn digits(&self) -> impl Iterator<Item = (u8, bool)> + '_ {
        let dot = self.mantissa.iter().position(|&c| c == b'.');
        self.mantissa
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(move |(i, c)| (c - b'0', dot.is_some_and(|d| i > d)))
    }

    /// Clinger's fast path: a mantissa of at most 2^53 (leading zeros aside) and a power of
    /// ten an `f64` holds exactly give the correctly rounded magnitude in one operation;
    /// `None` for any other number (the exact path reads it).
    fn clinger(&self) -> Option<f64> {
        let mut mantissa: u64 = 0;
        let mut exp10 = self.exp;
        for (digit, after_dot) in self.digits() {
            if mantissa != 0 || digit != 0 {
                mantissa = mantissa.checked_mul(10)? + u64::from(digit);
                if mantissa > 1 << 53 {
                    return None;
                }
            }
            if after_dot {
                exp10 -= 1;
            }
        }
        let m = mantissa as f64;
        match exp10 {
            _ if mantissa == 0 => Some(0.0),
            0..=22 => Some(m * EXACT_POW10[exp10 as usize]),
            -22..=-1 => Some(m / EXACT_POW10[(-exp10) as usize]),
            _ => None,
        }
    }
}

/// `v` with `decimals` digits after the point, rounded to nearest, ties to even: the text of
/// `format!("{v:.decimals$}")` (an infinity or NaN as the standard library writes it).
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return non_finite(v);
    }
    let mut d = Decimal::exact(v.abs());
    let keep = d.point + decimals as i64;
    d.round_at(keep, Tie::ToEven);
    d.write(v.is_sign_negative(), Some(decimals))
}

/// The fewest digits that read back as `v`, closest to it, written without an exponent: the
/// text of `format!("{v}")` (so `4.5`, `4304`, `0.0001`, `-0`).
pub fn shortest(v: f64) -> String {
    if !v.is_finite() {
        return non_finite(v);
    }
    let negative = v.is_sign_negative();
    let magnitude = v.abs();
    if magnitude == 0.0 {
        return Decimal::new().write(negative, None);
    }
    let exact = Decimal::exact(magnitude);
    let reads_back = |d: &Decimal| {
        let text = d.write(false, None);
        parse(&text) == Some(magnitude)
    };
    for n in 1..=17usize {
        let mut nearest = exact.clone();
        nearest.round_at(n as i64, Tie::Up);
        if reads_back(&nearest) {
            return nearest.write(negative, None);
        }
        // Beside a power of two the interval that reads back is twice as wide above as
        // below: the n-digit neighbour on the other side of `v` may read back when the
        // nearest does not.
        let mut other = exact.clone();
        other.truncate_at(n);
        if other == nearest {
            other.step_up(n);
        }
        if reads_back(&other) {
            return other.write(negative, None);
        }
    }
    // 17 significant digits always read back.
    let mut d = exact;
    d.round_at(17, Tie::Up);
    d.write(negative, None)
}

/// Which way an exact half goes: the standard library rounds a fixed number of digits to
/// even, and its shortest digits (Dragon4's) up.
#[derive(Clone, Copy)]
enum Tie {
    ToEven,
    Up,
}

fn non_finite(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// A decimal `0.d₁d₂…dₙ × 10^point`, digits without leading or trailing zeros.
#[derive(Clone, PartialEq)]
struct Decimal {
    digits: Vec<u8>,
    /// Where the decimal point is, in digits from the first one.
    point: i64,
    /// Some non-zero digit was dropped (beyond [`MAX_DIGITS`], or shifted out).
    truncated: bool,
}

impl Decimal {
    fn new() -> Self {
        Decimal {
            digits: Vec::new(),
            point: 0,
            truncated: false,
        }
    }

    /// The exact value of a finite, non-negative `f64`: its 53-bit integer shifted by its
    /// binary exponent (at most 767 significant digits: none is dropped).
    fn exact(v: f64) -> Self {
        let bits = v.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, mut exp) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), biased - 1075)
        };
        let mut d = Decimal::new();
        let mut digits = [0u8; 20];
        let mut n = 0;
        let mut m = mantissa;
        while m > 0 {
            digits[n] = (m % 10) as u8;
            m /= 10;
            n += 1;
        }
        for &digit in digits[..n].iter().rev() {
            d.push_digit(digit, false);
        }
        d.trim();
        while exp > 0 {
            let step = exp.min(i64::from(MAX_SHIFT));
            d.left_shift(step as u32);
            exp -= step;
        }
        while exp < 0 {
            let step = (-exp).min(i64::from(MAX_SHIFT));
            d.right_shift(step as u32);
            exp += step;
        }
        d
    }

    /// Rounds to the first `keep` digits (to nearest, a tie as `tie` says); `keep` may be zero
    /// or negative (a value rounded away to zero, or up to one unit at that place).
    fn round_at(&mut self, keep: i64, tie: Tie) {
        if keep < 0 || keep as usize >= self.digits.len() {
            if keep < 0 {
                self.digits.clear();
                self.point = 0;
            }
            return;
        }
        let keep = keep as usize;
        let up = match tie {
            Tie::ToEven => self.round_up(keep),
            Tie::Up => self.digits[keep] >= 5,
        };
        self.digits.truncate(keep);
        if up {
            self.step_up(keep);
        } else {
            self.trim();
        }
    }

    /// Drops every digit after the first `keep` (rounds toward zero).
    fn truncate_at(&mut self, keep: usize) {
        self.digits.truncate(keep);
        self.trim();
    }

    /// Adds one unit in the `keep`-th digit (the digits after it being dropped already).
    fn step_up(&mut self, keep: usize) {
        if keep == 0 {
            // 0.5… rounded up at the point's place: one unit there.
            self.digits = vec![1];
            self.point += 1;
            return;
        }
        self.digits.resize(keep, 0);
        let mut i = keep;
        loop {
            if i == 0 {
                self.digits.insert(0, 1);
                self.point += 1;
                break;
            }
            i -= 1;
            if self.digits[i] < 9 {
                self.digits[i] += 1;
                break;
            }
            self.digits[i] = 0;
        }
        self.trim();
    }

    /// The digits written out without an exponent: all of the integer part, then `decimals`
    /// digits after the point (padded with zeros), or without one just the digits there are.
    fn write(&self, negative: bool, decimals: Option<usize>) -> String {
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        let digit = |i: i64| -> char {
            let d = if i >= 0 {
                self.digits.get(i as usize).copied().unwrap_or(0)
            } else {
                0
            };
            char::from(b'0' + d)
        };
        if self.point <= 0 {
            out.push('0');
        } else {
            for i in 0..self.point {
                out.push(digit(i));
            }
        }
        let after = match decimals {
            Some(n) => n as i64,
            None => (self.digits.len() as i64 - self.point).max(0),
        };
        if after > 0 {
            out.push('.');
            for i in self.point..self.point + after {
                out.push(digit(i));
            }
        }
        out
    }

    /// Appends one digit of the text, `after_dot` when it comes after the decimal point.
    fn push_digit(&mut self, digit: u8, after_dot: bool) {
        if self.digits.is_empty() && digit == 0 {
            // A leading zero: only moves the point when it is a fraction's.
            if after_dot {
                self.point -= 1;
            }
            return;
        }
        if self.digits.len() < MAX_DIGITS {
            self.digits.push(digit);
        } else if digit != 0 {
            self.truncated = true;
        }
        if !after_dot {
            self.point += 1;
        }
    }

    fn trim(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0;
        }
    }

    /// The exact path (Go's `strconv` `decimal.floatBits`): shift the decimal by powers of two
    /// into [1/2, 1), then by the mantissa's 53 bits, and round the integer part.
    fn slow(&mut self) -> f64 {
        const MANTISSA_BITS: i64 = 52;
        const BIAS: i64 = -1023;
        // Shifts that bring the decimal point `n` digits towards [1/2, 1).
        const POWER_SHIFTS: [u32; 9] = [1, 3, 6, 9, 13, 16, 19, 23, 26];
        let shift_for = |n: i64| POWER_SHIFTS.get(n as usize).copied().unwrap_or(27);
        if self.digits.is_empty() || self.point < -330 {
            return 0.0;
        }
        if self.point > 310 {
            return f64::INFINITY;
        }
        let mut exp: i64 = 0;
        while self.point > 0 {
            let n = shift_for(self.point);
            self.right_shift(n);
            exp += i64::from(n);
        }
        while self.point < 0 || (self.point == 0 && self.digits[0] < 5) {
            let n = shift_for(-self.point);
            self.left_shift(n);
            exp -= i64::from(n);
        }
        // Now 1/2 ≤ d < 1: d × 2^exp is 1.x × 2^(exp − 1).
        exp -= 1;
        if exp < BIAS + 1 {
            let n = BIAS + 1 - exp;
            let mut left = n;
            while left > 0 {
                let step = left.min(i64::from(MAX_SHIFT));
                self.right_shift(step as u32);
                left -= step;
            }
            exp += n;
        }
        if exp - BIAS >= 0x7ff {
            return f64::INFINITY;
        }
        self.left_shift(MANTISSA_BITS as u32 + 1);
        let mut mantissa = self.rounded_integer();
        if mantissa == 2 << MANTISSA_BITS {
            mantissa >>= 1;
            exp += 1;
            if exp - BIAS >= 0x7ff {
                return f64::INFINITY;
            }
        }
        if mantissa & (1 << MANTISSA_BITS) == 0 {
            // Subnormal.
            exp = BIAS;
        }
        let bits = (mantissa & ((1 << MANTISSA_BITS) - 1)) | (((exp - BIAS) as u64 & 0x7ff) << 52);
        f64::from_bits(bits)
    }

    /// × 2^k, for k ≤ [`MAX_SHIFT`].
    fn left_shift(&mut self, k: u32) {
        if self.digits.is_empty() {
            return;
        }
        let mut out: Vec<u8> = Vec::with_capacity(self.digits.len() + 20);
        let mut carry: u64 = 0;
        for &d in self.digits.iter().rev() {
            let v = (u64::from(d) << k) + carry;
            out.push((v % 10) as u8);
            carry = v / 10;
        }
        while carry > 0 {
            out.push((carry % 10) as u8);
            carry /= 10;
        }
        self.point += (out.len() - self.digits.len()) as i64;
        out.reverse();
        if out.len() > MAX_DIGITS {
            if out[MAX_DIGITS..].iter().any(|&d| d != 0) {
                self.truncated = true;
            }
            out.truncate(MAX_DIGITS);
        }
        self.digits = out;
        self.trim();
    }

    /// ÷ 2^k, for k ≤ [`MAX_SHIFT`].
    fn right_shift(&mut self, k: u32) {
        let n_digits = self.digits.len();
        let mut read = 0;
        let mut n: u64 = 0;
        // Enough leading digits for the first quotient digit.
        while n >> k == 0 {
            if read >= n_digits {
                if n == 0 {
                    self.digits.clear();
                    self.point = 0;
                    return;
                }
                while n >> k == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
            n = n * 10 + u64::from(self.digits[read]);
            read += 1;
        }
        self.point -= read as i64 - 1;
        let mask = (1u64 << k) - 1;
        let mut out: Vec<u8> = Vec::with_capacity(n_digits + k as usize);
        while read < n_digits {
            let c = self.digits[read];
            out.push((n >> k) as u8);
            n &= mask;
            n = n * 10 + u64::from(c);
            read += 1;
        }
        while n > 0 {
            let digit = (n >> k) as u8;
            n &= mask;
            if out.len() < MAX_DIGITS {
                out.push(digit);
            } else if digit > 0 {
                self.truncated = true;
            }
            n *= 10;
        }
        self.digits = out;
        self.trim();
    }

    /// The integer part, rounded to nearest, ties to even (a dropped digit breaks a tie up).
    fn rounded_integer(&self) -> u64 {
        if self.point > 20 {
            return u64::MAX;
        }
        if self.point < 0 {
            // Under 0.1: rounds to zero.
            return 0;
        }
        let point = self.point as usize;
        let mut n: u64 = 0;
        for i in 0..point {
            n = n * 10 + u64::from(self.digits.get(i).copied().unwrap_or(0));
        }
        if self.round_up(point) {
            n += 1;
        }
        n
    }

    fn round_up(&self, at: usize) -> bool {
        let Some(&d) = self.digits.get(at) else {
            return false;
        };
        if d == 5 && at + 1 == self.digits.len() {
            // Exactly half, unless a dropped digit says more.
            if self.truncated {
                return true;
            }
            return at > 0 && self.digits[at - 1] % 2 == 1;
        }
        d >= 5
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[track_caller]
    fn same(text: &str) {
        let want: f64 = text.parse().unwrap();
        let got = parse(text).unwrap_or_else(|| panic!("{text}: not parsed"));
        assert_eq!(
            got.to_bits(),
            want.to_bits(),
            "{text}: {got:e} against {want:e}"
        );
    }

    #[test]
    fn reads_what_the_app_reads() {
        for t in [
            "0",
            "-0",
            "1",
            "12",
            "4304",
            "31.6295",
            "-7.98",
            "0.5",
            ".5",
            "5.",
            "+3",
            "1e3",
            "2.5E-3",
            "-8.0083",
            "180",
            "1e22",
            "1e23",
            "123456789012345678",
            "0.000001",
        ] {
            same(t);
        }
    }

    #[test]
    fn rounds_as_the_standard_library_at_the_edges() {
        for t in [
            "9007199254740993",            // 2^53 + 1: a tie, to even
            "9007199254740995",            // 2^53 + 3: a tie, up
            "9007199254740993.0000000001", // just above a tie
            "2.2250738585072011e-308",     // below the smallest normal
            "2.2250738585072014e-308",     // the smallest normal
            "4.9406564584124654e-324",     // the smallest subnormal
            "2.4703282292062327e-324",     // half of it, rounds to zero
            "2.4703282292062328e-324",     // a hair more: rounds up
            "1.7976931348623157e308",      // the largest finite
            "1.7976931348623158e308",      // rounds down to it
            "1.7976931348623159e308",      // overflows
            "1e-400",
            "1e400",
            "0e999999999999999999",
            "1e-999999999999999999",
            "0.1",
            "0.3",
            "123.456e-7",
            "7.038531e-26",
            "8.98846567431158e307",
            "3.4028236692093846346337460743176821145e38",
        ] {
            same(t);
        }
        // A tie decided by the 800th digit and beyond.
        let mut long = String::from("9007199254740993.");
        long.push_str(&"0".repeat(900));
        same(&long);
        long.push('1');
        same(&long);
    }

    #[test]
    fn writes_as_the_standard_library() {
        let values = [
            0.0,
            -0.0,
            1.0,
            4304.0,
            4.5,
            0.1,
            0.3,
            31.6295,
            -7.98,
            1e-7,
            123456.789,
            1e21,
            1e22,
            1e23,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            9.995,
            99.5,
            0.05,
            2f64.powi(-20),
            2f64.powi(60),
            1e15 + 0.3,
        ];
        for v in values {
            assert_eq!(super::shortest(v), format!("{v}"), "{v:e} shortest");
            for n in [0, 1, 2, 3, 5, 17, 30] {
                assert_eq!(super::fixed(v, n), format!("{v:.n$}"), "{v:e} to {n}");
            }
        }
        for v in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(super::shortest(v), format!("{v}"));
            assert_eq!(super::fixed(v, 2), format!("{v:.2}"));
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for t in [
            "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1 ", " 1", "inf", "NaN", "0x10", "1px",
        ] {
            assert_eq!(parse(t), None, "{t:?}");
        }
    }
}
