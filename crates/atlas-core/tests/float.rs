//! `atlas_core::float::shortest` and `fixed` write every finite `f64` (random bits, powers of
//! two, values near a tie at the digit asked for) as `format!("{x}")` and `format!("{x:.n$}")`
//! do; and `atlas_core::float::parse` gives the same `f64`, bit for bit, as `str::parse::<f64>`
//! (the standard library's correctly rounded parser) on:
//! - every finite `f64` written shortest, in exponent form, and with 17 to 40 digits;
//! - random mantissas of 1 to 60 digits with the point anywhere and exponents from −360 to 360
//!   (overflow, underflow, subnormals);
//! - cuts of a value's exact decimal expansion with a tie (`5`) or a near-tie (`4999…`,
//!   `5000…1`) appended: the cases where rounding is decided far right;
//! - the exact midpoint of two neighbouring values (a tie: to the even one), and the midpoint
//!   with a digit more or less far right of it (hundreds of digits long);
//!
//! and refuses the same texts, among short strings of number characters.

use atlas_core::float::{fixed, parse, shortest};
use proptest::prelude::*;

#[track_caller]
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let want = text.parse::<f64>().ok();
    let got = parse(text);
    prop_assert_eq!(
        got.map(f64::to_bits),
        want.map(f64::to_bits),
        "{}: {:?} against the standard library's {:?}",
        text,
        got,
        want
    );
    Ok(())
}

fn finite() -> impl Strategy<Value = f64> {
    any::<u64>()
        .prop_map(f64::from_bits)
        .prop_filter("finite", |x| x.is_finite())
}

/// The exact decimal expansion of the midpoint between `x` (positive, finite) and the next
/// `f64` up: both exact in 1,100 decimals, summed and halved as decimal digits.
fn midpoint(x: f64) -> String {
    let next = f64::from_bits(x.to_bits() + 1);
    let (a, b) = (format!("{x:.1100}"), format!("{next:.1100}"));
    let width = a.len().max(b.len());
    let digits = |s: &str| -> Vec<u32> {
        format!("{s:0>width$}")
            .chars()
            .filter(|c| *c != '.')
            .map(|c| c.to_digit(10).unwrap())
            .collect()
    };
    let (a, b) = (digits(&a), digits(&b));
    // Sum from the right, one more digit on the left for the carry.
    let mut sum = vec![0u32; a.len() + 1];
    let mut carry = 0;
    for i in (0..a.len()).rev() {
        let v = a[i] + b[i] + carry;
        sum[i + 1] = v % 10;
        carry = v / 10;
    }
    sum[0] = carry;
    // Halve from the left; the last digit is odd at most once, so one more digit (5) ends it.
    let mut half = Vec::with_capacity(sum.len() + 1);
    let mut rest = 0;
    for d in sum.iter().copied().chain([0]) {
        let v = rest * 10 + d;
        half.push(v / 2);
        rest = v % 2;
    }
    let int_len = width - 1100 - 1 + 1; // integer digits, with the carry digit
    let text: String = half
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap())
        .collect();
    format!("{}.{}", &text[..int_len], &text[int_len..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn every_finite_value_written_any_way(x in finite(), digits in 17usize..40) {
        agrees(&format!("{x}"))?;
        agrees(&format!("{x:e}"))?;
        agrees(&format!("{x:E}"))?;
        agrees(&format!("{x:.digits$e}"))?;
    }

    #[test]
    fn random_mantissas_and_exponents(
        negative in any::<bool>(),
        mantissa in "[0-9]{1,60}",
        point in proptest::option::of(0usize..61),
        exponent in proptest::option::of(-360i32..360),
    ) {
        let mut text = String::new();
        if negative {
            text.push('-');
        }
        match point {
            Some(p) if p <= mantissa.len() => {
                text.push_str(&mantissa[..p]);
                text.push('.');
                text.push_str(&mantissa[p..]);
            }
            _ => text.push_str(&mantissa),
        }
        if let Some(e) = exponent {
            text.push_str(&format!("e{e}"));
        }
        agrees(&text)?;
    }

    #[test]
    fn ties_and_near_ties(
        x in finite().prop_map(f64::abs),
        cut in 15usize..30,
        tail in prop::sample::select(vec!["5", "50", "49999999999", "50000000001", "5000000000000000000000000000001"]),
    ) {
        // The exact value of x, then cut where a tie between it and a neighbour may fall.
        let exact = format!("{x:.900e}");
        let (digits, exp) = exact.split_once('e').unwrap();
        let digits: String = digits.chars().filter(|c| *c != '.').collect();
        let cut = cut.min(digits.len());
        let text = format!("{}.{}{tail}e{exp}", &digits[..1], &digits[1..cut]);
        agrees(&text)?;
    }

    #[test]
    fn exact_midpoints_and_a_hair_either_side(x in finite().prop_map(f64::abs).prop_filter("below the largest", |x| *x < f64::MAX)) {
        let tie = midpoint(x);
        agrees(&tie)?;
        let trimmed = tie.trim_end_matches('0');
        agrees(&format!("{trimmed}000001"))?;
        // Just below the tie: the last non-zero digit one less, then nines.
        let mut below: Vec<u8> = trimmed.bytes().collect();
        let last = below.len() - 1;
        if below[last] != b'.' {
            below[last] -= 1;
            let below = format!("{}99999", String::from_utf8(below).unwrap());
            agrees(&below)?;
        }
    }

    #[test]
    fn writes_every_value_as_the_standard_library(x in finite(), n in 0usize..25) {
        prop_assert_eq!(shortest(x), format!("{x}"), "{:e}", x);
        prop_assert_eq!(fixed(x, n), format!("{x:.n$}"), "{:e} to {} digits", x, n);
    }

    #[test]
    fn writes_powers_of_two_and_short_values(
        exp in -1074i32..1024,
        digits in 1u64..100_000,
        scale in 0i32..12,
        n in 0usize..8,
    ) {
        // Beside a power of two the interval that reads back is lopsided.
        let p = 2f64.powi(exp);
        if p.is_finite() && p > 0.0 {
            prop_assert_eq!(shortest(p), format!("{p}"));
            prop_assert_eq!(fixed(p, n), format!("{p:.n$}"));
        }
        // What the app writes: short decimals (figures, percentages, coordinates), ties among them.
        let v = digits as f64 / 10f64.powi(scale);
        prop_assert_eq!(shortest(v), format!("{v}"));
        prop_assert_eq!(fixed(v, n), format!("{v:.n$}"), "{} to {} digits", v, n);
        prop_assert_eq!(fixed(-v, n), format!("{:.n$}", -v));
    }

    #[test]
    fn refuses_what_the_standard_library_refuses(text in "[-+.eE0-9]{0,8}") {
        // `inf` and `nan` are the standard library's only extra words; none is generated.
        agrees(&text)?;
    }
}
