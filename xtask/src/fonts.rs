//! `cargo xtask fonts`: re-cuts the font subsets committed in public/fonts.

use crate::process::{cmd, run};
use crate::setup::ensure_npm_packages;
use crate::{Ctx, Result};
use std::fs;

/// Pinned PyPI packages for subsetting (fonttools) and WOFF2 compression (brotli).
const FONT_TOOLS: [&str; 2] = ["fonttools==4.68.0", "brotli==1.2.1"];
const FONT_PACKAGE: &str = "node_modules/@fontsource/ibm-plex-sans-arabic/files";
/// Arabic letters, marks, digits and punctuation, the extra letters of Moroccan and Persian
/// names (پ چ ژ ڤ ک ڭ گ ی), Persian digits, and the joiner/direction controls.
const ARABIC_UNICODES: &str =
    "U+0600-0671,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AD,U+06AF,U+06CC,U+06F0-06F9,U+200C-200F";
/// Basic Latin, Latin-1 (French and Spanish accents), general punctuation, ≈ and arrows.
const LATIN_UNICODES: &str =
    "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+202F-203A,U+2190-2193,U+2212,U+2248";
/// (source file in the npm package, committed output in public/fonts, code points)
const FONT_SUBSETS: [(&str, &str, &str); 3] = [
    (
        "ibm-plex-sans-arabic-arabic-400-normal.woff2",
        "plex-arabic-400.woff2",
        ARABIC_UNICODES,
    ),
    (
        "ibm-plex-sans-arabic-arabic-600-normal.woff2",
        "plex-arabic-600.woff2",
        ARABIC_UNICODES,
    ),
    (
        "ibm-plex-sans-arabic-latin-400-normal.woff2",
        "plex-latin-400.woff2",
        LATIN_UNICODES,
    ),
];

pub fn fonts(ctx: &Ctx) -> Result {
    ensure_npm_packages(ctx)?;
    let venv = ctx.path("target/fontvenv");
    let subset = venv.join("bin/pyftsubset");
    if !subset.exists() {
        run(cmd("python3", ["-m", "venv"]).arg(&venv))?;
        run(cmd(
            &venv.join("bin/pip").to_string_lossy(),
            ["install", "--quiet"],
        )
        .args(FONT_TOOLS))?;
    }
    for (src, out, unicodes) in FONT_SUBSETS {
        let src = ctx.path(FONT_PACKAGE).join(src);
        let out = ctx.path("public/fonts").join(out);
        run(cmd(
            &subset.to_string_lossy(),
            [
                format!("--unicodes={unicodes}"),
                "--layout-features=*".to_string(),
                "--flavor=woff2".to_string(),
                format!("--output-file={}", out.display()),
            ],
        )
        .arg(&src))?;
        let size = fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!("✓ {} ({size} bytes)", out.display());
    }
    Ok(())
}
