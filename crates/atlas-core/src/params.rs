//! Validation of presentation parameters a partner may put in the URL (`theme`, `accent`).
//! Anything that does not match exactly is ignored, so no unchecked text reaches the styles.
//! Also which addresses show the catalogue's first records ([`shows_first_records`]).

/// `theme=dark|light`.
pub fn theme(s: Option<&str>) -> Option<&'static str> {
    match s.map(str::trim) {
        Some("dark") => Some("dark"),
        Some("light") => Some("light"),
        _ => None,
    }
}

/// `accent=#RRGGBB` (or `RRGGBB`), normalised to lower case with the `#`.
pub fn accent(s: Option<&str>) -> Option<String> {
    let hex = s?.trim();
    let hex = hex.strip_prefix('#').unwrap_or(hex);
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// The grounds the accent is read on in the light theme (style/main.css: `--surface`,
/// `--bg`, `--surface-2`, `--accent-soft`), and in the dark one.
pub const LIGHT_GROUNDS: [u32; 4] = [0xffffff, 0xf6f7f5, 0xeef2f0, 0xdcefeb];
pub const DARK_GROUNDS: [u32; 4] = [0x101614, 0x17201d, 0x1e2925, 0x163a33];

/// WCAG's minimum contrast for text.
const TEXT_CONTRAST: f64 = 4.5;

/// A partner's accent (`#rrggbb`, as [`accent`] gives it) made readable on `grounds`: the
/// colour itself when it has 4.5:1 on every one, else mixed with white (on dark grounds)
/// or black (on light ones) by the least twentieth that reaches it. A partner's brown,
/// #b04a00, is 5.6:1 on white but 2.3:1 on the dark theme's tinted ground; there it
/// becomes a lighter tint of itself.
pub fn readable_accent(hex: &str, grounds: &[u32]) -> String {
    let colour = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    let dark = grounds.iter().map(|&g| luminance(g).1).sum::<f64>() < 0.5 * grounds.len() as f64;
    let toward = if dark { 0xffffff } else { 0x000000 };
    let mut out = colour;
    for step in 0..=20 {
        out = mix(colour, toward, f64::from(step) / 20.0);
        if grounds
            .iter()
            .all(|&g| contrast_at_least(out, g) >= TEXT_CONTRAST)
        {
            break;
        }
    }
    format!("#{out:06x}")
}

/// `a` mixed with `b`, `t` of the way (channel by channel, as CSS's `color-mix(in srgb)`).
fn mix(a: u32, b: u32, t: f64) -> u32 {
    (0..3).fold(0, |acc, i| {
        let shift = 16 - 8 * i;
        let (x, y) = (
            f64::from((a >> shift) & 0xff),
            f64::from((b >> shift) & 0xff),
        );
        acc | (((x + (y - x) * t).round() as u32) << shift)
    })
}

/// A colour's relative luminance (WCAG), as bounds: the sRGB curve's power of 2.4 lies
/// between the powers 2.5 and 2.25, which square roots give (no `powf` in the app's code).
fn luminance(rgb: u32) -> (f64, f64) {
    let mut bounds = (0.0, 0.0);
    for (shift, weight) in [(16, 0.2126), (8, 0.7152), (0, 0.0722)] {
        let c = f64::from((rgb >> shift) & 0xff) / 255.0;
        let (lo, hi) = if c <= 0.04045 {
            (c / 12.92, c / 12.92)
        } else {
            let t = (c + 0.055) / 1.055;
            (t * t * t.sqrt(), t * t * t.sqrt().sqrt())
        };
        bounds.0 += weight * lo;
        bounds.1 += weight * hi;
    }
    bounds
}

/// A lower bound of the contrast ratio of `a` on `b` (WCAG).
fn contrast_at_least(a: u32, b: u32) -> f64 {
    let ((a_lo, a_hi), (b_lo, b_hi)) = (luminance(a), luminance(b));
    ((a_lo + 0.05) / (b_hi + 0.05)).max((b_lo + 0.05) / (a_hi + 0.05))
}

/// Whether `url` may be fetched as a bundle: a relative path on the app's own origin, or an
/// absolute URL whose origin is in `allowed` (the build-time partner list).
pub fn bundle_url_allowed(url: &str, allowed: &[&str]) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !lower.contains(':') && !url.starts_with("//") && !url.starts_with('\\') {
        return !url.is_empty();
    }
    allowed.iter().any(|origin| {
        let o = origin.trim_end_matches('/').to_ascii_lowercase();
        !o.is_empty() && (lower == o || lower.starts_with(&format!("{o}/")))
    })
}

/// The parameters that say how the Atlas is shown, not what it shows: the interface
/// language, the data address, embedding and a partner's colours. They leave the landing
/// view's first cards as they are (the catalogue's first records, in order), and every link
/// keeps them, the home link included.
pub const SETTINGS: [&str; 5] = ["lang", "bundle", "embed", "theme", "accent"];

/// Whether an address's query string (`location.search`, with or without its `?`) shows the
/// catalogue's first records as its first cards: it names no query, filter, view or record.
/// An allow-list: a parameter it does not know means no.
pub fn shows_first_records(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .all(|pair| SETTINGS.contains(&pair.split('=').next().unwrap_or(pair)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_records_only_without_query_filter_view_or_record() {
        for plain in [
            "",
            "?",
            "?lang=en",
            "?bundle=big/manifest.json&lang=fr",
            "embed=1&",
        ] {
            assert!(shows_first_records(plain), "{plain}");
        }
        for other in [
            "?q=x",
            "?lang=en&kind=event",
            "?view=map",
            "?id=e1",
            "?langx=en",
            "?year",
        ] {
            assert!(!shows_first_records(other), "{other}");
        }
    }

    #[test]
    fn theme_and_accent_accept_only_exact_values() {
        assert_eq!(theme(Some("dark")), Some("dark"));
        assert_eq!(theme(Some("light")), Some("light"));
        assert_eq!(theme(Some("purple")), None);
        assert_eq!(theme(None), None);
        assert_eq!(accent(Some("#0B6B5D")), Some("#0b6b5d".into()));
        assert_eq!(accent(Some("0b6b5d")), Some("#0b6b5d".into()));
        for bad in [
            "red",
            "#12345",
            "#1234567",
            "#12345g",
            "#000;x:url(y)",
            "",
            "expression(1)",
            "##0b6b5d",
        ] {
            assert_eq!(accent(Some(bad)), None, "{bad}");
        }
    }

    /// The exact WCAG contrast (with the sRGB curve's own power), to check the bounds.
    fn exact_contrast(a: u32, b: u32) -> f64 {
        let l = |rgb: u32| {
            [(16, 0.2126), (8, 0.7152), (0, 0.0722)]
                .iter()
                .map(|&(shift, w)| {
                    let c = f64::from((rgb >> shift) & 0xff) / 255.0;
                    w * if c <= 0.04045 {
                        c / 12.92
                    } else {
                        ((c + 0.055) / 1.055).powf(2.4)
                    }
                })
                .sum::<f64>()
        };
        let (x, y) = (l(a), l(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn a_partners_accent_is_made_readable_on_each_themes_grounds() {
        let hex = |s: &str| u32::from_str_radix(&s[1..], 16).unwrap();
        // The shipped accents pass as they are.
        assert_eq!(readable_accent("#0b6b5d", &LIGHT_GROUNDS), "#0b6b5d");
        assert_eq!(readable_accent("#5ccfb9", &DARK_GROUNDS), "#5ccfb9");
        // A brown readable on white is lightened on the dark theme, a yellow darkened on the
        // light one; black and white, the extremes, too.
        for (colour, grounds) in [
            ("#b04a00", &DARK_GROUNDS),
            ("#ffd700", &LIGHT_GROUNDS),
            ("#000000", &DARK_GROUNDS),
            ("#ffffff", &LIGHT_GROUNDS),
            ("#ff0000", &DARK_GROUNDS),
            ("#0000ff", &DARK_GROUNDS),
        ] {
            let out = readable_accent(colour, grounds);
            assert_ne!(out, colour);
            for &g in grounds {
                let c = exact_contrast(hex(&out), g);
                assert!(c >= 4.5, "{colour} → {out} on #{g:06x}: {c:.2}");
            }
        }
        // On the light theme's tinted ground it has 4.6:1, which the bounds (conservative by
        // design) do not see: a twentieth darker.
        assert_eq!(readable_accent("#b04a00", &LIGHT_GROUNDS), "#a74600");
        // Every colour of a coarse grid ends readable, and the bounds never overstate.
        for r in (0..=255).step_by(51) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(51) {
                    let c = (r << 16) | (g << 8) | b;
                    for grounds in [&LIGHT_GROUNDS, &DARK_GROUNDS] {
                        let out = hex(&readable_accent(&format!("#{c:06x}"), grounds));
                        for &ground in grounds {
                            assert!(exact_contrast(out, ground) >= 4.5, "#{c:06x}");
                            assert!(
                                contrast_at_least(c, ground) <= exact_contrast(c, ground) + 1e-9
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn bundles_come_from_the_own_origin_or_the_allow_list() {
        let allowed = ["https://partner.example"];
        assert!(bundle_url_allowed("data/other.json", &[]));
        assert!(bundle_url_allowed(
            "https://partner.example/atlas/bundle.json",
            &allowed
        ));
        for bad in [
            "https://evil.example/bundle.json",
            "https://partner.example.evil.example/b.json",
            "//evil.example/b.json",
            "javascript:alert(1)",
            "data:application/json,{}",
            "",
        ] {
            assert!(!bundle_url_allowed(bad, &allowed), "{bad}");
        }
    }
}
