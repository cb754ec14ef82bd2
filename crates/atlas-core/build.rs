//! Generates the character folding table used by `normalize`: for every character of the
//! scripts and symbol blocks the Atlas meets (Latin, Arabic and their presentation forms,
//! full-width forms, punctuation, letter-like symbols, digits in circles…), its Unicode
//! compatibility decomposition (NFKD, the decomposition behind NFKC) with combining marks
//! removed. Generating it here from `unicode-normalization` keeps the exact Unicode data
//! while shipping only these blocks (a few KB) to the browser instead of the full tables.

use std::fmt::Write as _;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Unicode blocks folded (inclusive ranges). Everything else passes through unchanged.
const BLOCKS: &[(u32, u32)] = &[
    (0x00A0, 0x024F), // Latin-1 Supplement, Latin Extended-A/B
    (0x0300, 0x036F), // Combining Diacritical Marks
    (0x0600, 0x06FF), // Arabic
    (0x0750, 0x077F), // Arabic Supplement
    (0x08A0, 0x08FF), // Arabic Extended-A
    (0x1AB0, 0x1AFF), // Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF), // Combining Diacritical Marks Supplement
    (0x1E00, 0x1EFF), // Latin Extended Additional
    (0x2000, 0x214F), // Punctuation, super/subscripts, currency, combining marks for symbols, letterlike
    (0x2150, 0x218F), // Number Forms
    (0x2460, 0x24FF), // Enclosed Alphanumerics
    (0xFB00, 0xFDFF), // Alphabetic Presentation Forms, Arabic Presentation Forms-A
    (0xFE20, 0xFE2F), // Combining Half Marks
    (0xFE70, 0xFEFF), // Arabic Presentation Forms-B
    (0xFF00, 0xFFEF), // Halfwidth and Fullwidth Forms
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut pool = String::new();
    // (code point, byte offset in the pool, byte length) of every character that changes.
    let mut folds: Vec<(u32, usize, usize)> = Vec::new();
    for &(lo, hi) in BLOCKS {
        assert!(hi <= 0xFFFF, "the table stores code points as u16");
        for cp in lo..=hi {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut out = String::new();
            if !is_combining_mark(c) {
                decompose_compatible(c, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                });
            }
            if out.chars().eq(std::iter::once(c)) {
                continue;
            }
            // Characters that fold to nothing (combining marks) all point at offset 0.
            let offset = match pool.find(&out) {
                _ if out.is_empty() => 0,
                Some(i) => i,
                None => {
                    pool.push_str(&out);
                    pool.len() - out.len()
                }
            };
            folds.push((cp, offset, out.len()));
        }
    }
    // Runs of consecutive characters whose folds have the same length and offsets a fixed
    // step apart (a block of marks that all vanish: step 0; letters whose folds follow each
    // other in the pool: their length): 722 runs for 2,269 characters, 5.8 KB in place of
    // the 18 KB of one row per character; the app's main wasm 3.6 KB smaller as sent.
    // (first, count, offset of the first, step, length)
    let mut runs: Vec<(u32, u32, usize, i64, usize)> = Vec::new();
    for &(cp, offset, len) in &folds {
        if let Some(r) = runs.last_mut() {
            let next = r.0 + r.1;
            let last = r.2 as i64 + r.3 * i64::from(r.1 - 1);
            let step = offset as i64 - last;
            if next == cp && r.4 == len && (r.1 == 1 || step == r.3) && r.1 < 256 {
                r.3 = step;
                r.1 += 1;
                continue;
            }
        }
        runs.push((cp, 1, offset, 0, len));
    }
    let mut rows = String::new();
    for (first, count, offset, step, len) in &runs {
        assert!(*offset <= usize::from(u16::MAX) && i16::try_from(*step).is_ok() && *len <= 255);
        writeln!(
            rows,
            "    (0x{first:04X}, {}, {offset}, {step}, {len}),",
            count - 1
        )
        .unwrap();
    }
    let src = format!(
        "/// Runs of characters that fold (sorted, disjoint): (first code point, count - 1, byte\n\
         /// offset in FOLD_POOL of the first one's fold, step from one fold's offset to the next\n\
         /// one's, byte length of each fold).\n\
         pub(crate) static FOLD: [(u16, u8, u16, i16, u8); {}] = [\n{rows}];\n\
         pub(crate) static FOLD_POOL: &str = {pool:?};\n",
        runs.len()
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    std::fs::write(out, src).unwrap();
    lower_table();
}

/// Generates the lower-casing table: every uppercase character whose lowercase (its first
/// character) differs, as runs of characters a fixed step apart shifted by the same amount
/// (A–Z: step 1, +32; Ā, Ă, Ą…: step 2, +1). About two hundred runs stand in for the
/// standard library's case tables, which the app would otherwise ship (the build runs the
/// same toolchain, so the same Unicode version).
fn lower_table() {
    // (start, count, step, delta)
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !c.is_uppercase() {
            continue;
        }
        let l = c.to_lowercase().next().unwrap_or(c);
        if l == c {
            continue;
        }
        let delta = l as i64 - cp as i64;
        if let Some(r) = runs.last_mut() {
            let last = r.0 + (r.1 - 1) * r.2;
            if r.3 == delta {
                if r.1 == 1 && (cp - last == 1 || cp - last == 2) {
                    r.2 = cp - last;
                    r.1 = 2;
                    continue;
                }
                if r.1 > 1 && cp - last == r.2 {
                    r.1 += 1;
                    continue;
                }
            }
        }
        runs.push((cp, 1, 1, delta));
    }
    let mut rows = String::new();
    for (start, count, step, delta) in &runs {
        writeln!(rows, "    (0x{start:04X}, {count}, {step}, {delta}),").unwrap();
    }
    let src = format!(
        "/// (first character, count, step, shift to its lowercase): sorted, disjoint runs.\n\
         pub(crate) static LOWER: [(u32, u16, u8, i32); {}] = [\n{rows}];\n",
        runs.len()
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("lower_table.rs");
    std::fs::write(out, src).unwrap();
}
