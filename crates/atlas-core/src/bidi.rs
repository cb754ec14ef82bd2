//! Explicit direction controls in bundle text.
//!
//! Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) in record text could
//! reorder the interface around it (a right-to-left override in a place name reverses the
//! date printed after it), so the app removes them before parsing. The marks (LRM, RLM, ALM)
//! stay: they only nudge neutral characters and cannot leak.
//!
//! The removal works on the JSON text itself, so the bundle is parsed once, by the same code
//! as always: a control written as is, or as a `\u` escape inside a string, is dropped; an
//! escaped backslash followed by `u202e` is text, not an escape, and is kept.

use std::borrow::Cow;

/// Is `c` an explicit direction control (embedding, override or isolate)?
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `\uXXXX` at the start of `rest` (just after a backslash): the escaped code unit.
fn escaped_unit(rest: &[u8]) -> Option<u32> {
    let hex = rest.strip_prefix(b"u")?.get(..4)?;
    let hex = std::str::from_utf8(hex).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

/// `json` without explicit direction controls in its strings, borrowed when it has none.
/// The input need not be valid JSON: whatever is not a control is copied as it is, so a
/// broken file breaks in the parser at the same place, with the same message.
pub fn strip_controls(json: &[u8]) -> Cow<'_, [u8]> {
    // Most bundles hold none: one quick pass for a literal control or a `\\u` escape of one
    // (anywhere, so an escaped backslash before `u202e` also leads to the full pass below,
    // which tells them apart). A looser test (any E2 80 or E2 81, any backslash) sent the
    // shipped bundle, whose dashes and ellipses start E2 80, through the full pass every
    // time: 18 ms of a 4×-slowed phone's start-up for nothing.
    let has_candidate = json.iter().enumerate().any(|(i, &b)| match b {
        0xE2 => matches!(
            json.get(i + 1..i + 3),
            Some([0x80, 0xAA..=0xAE] | [0x81, 0xA6..=0xA9])
        ),
        b'\\' => escaped_unit(&json[i + 1..])
            .and_then(char::from_u32)
            .is_some_and(is_control),
        _ => false,
    });
    if !has_candidate {
        return Cow::Borrowed(json);
    }
    let mut out = Vec::with_capacity(json.len());
    let mut i = 0;
    let mut in_string = false;
    let mut changed = false;
    while i < json.len() {
        let b = json[i];
        if b == 0xE2 {
            // A literal control: three bytes E2 80 AA–AE or E2 81 A6–A9.
            if let Some(&[_, b1, b2]) = json.get(i..i + 3) {
                if (b1 == 0x80 && (0xAA..=0xAE).contains(&b2))
                    || (b1 == 0x81 && (0xA6..=0xA9).contains(&b2))
                {
                    i += 3;
                    changed = true;
                    continue;
                }
            }
        } else if b == b'"' {
            in_string = !in_string;
        } else if b == b'\\' && in_string {
            let unit = escaped_unit(&json[i + 1..]);
            if unit.and_then(char::from_u32).is_some_and(is_control) {
                i += 6;
                changed = true;
                continue;
            }
            // Any other escape (`\\`, `\"`, `\u0041`…) is copied whole, so the character
            // after it is never mistaken for the start of an escape or the string's end.
            let len = if unit.is_some() { 6 } else { 2 };
            let end = (i + len).min(json.len());
            out.extend_from_slice(&json[i..end]);
            i = end;
            continue;
        }
        out.push(b);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        String::from_utf8(strip_controls(s.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn literal_controls_are_removed_from_strings() {
        assert_eq!(
            strip("{\"a\":\"x\u{202E}y\u{2066}z\u{2069}\"}"),
            "{\"a\":\"xyz\"}"
        );
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}'] {
            assert_eq!(strip(&format!("\"a{c}b\"")), "\"ab\"", "{c:?}");
        }
        for c in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(strip(&format!("\"a{c}b\"")), "\"ab\"", "{c:?}");
        }
    }

    #[test]
    fn escaped_controls_are_removed_in_either_case() {
        assert_eq!(strip(r#"{"a":"x\u202Ey\u202ez"}"#), r#"{"a":"xyz"}"#);
        assert_eq!(strip(r#"["\u2066a\u2069"]"#), r#"["a"]"#);
    }

    #[test]
    fn marks_and_other_text_are_kept() {
        // LRM, RLM, ALM, and the neighbours of the control ranges.
        let s = "\"\u{200E}\u{200F}\u{061C}\u{2029}\u{202F}\u{2065}\u{206A}ال\"";
        assert!(matches!(strip_controls(s.as_bytes()), Cow::Borrowed(_)));
        let e = r#""\u200e\u202f\u2065\u206a\u0041""#;
        assert!(matches!(strip_controls(e.as_bytes()), Cow::Borrowed(_)));
    }

    #[test]
    fn text_without_controls_is_borrowed_whatever_else_it_escapes() {
        // Dashes and ellipses start E2 80 as controls do; other escapes start with a backslash.
        let s = "{\"a\":\"2022–2023 … \\u2014 \\\" \\n \\\\ x\"}";
        assert!(
            matches!(strip_controls(s.as_bytes()), Cow::Borrowed(_)),
            "{s}"
        );
        let json = include_str!("../../../public/data/bundle.json");
        assert!(matches!(strip_controls(json.as_bytes()), Cow::Borrowed(_)));
    }

    #[test]
    fn an_escaped_backslash_is_not_an_escape() {
        // `\\u202e` is a backslash followed by the letters u202e: text, kept as it is.
        let s = r#"{"a":"\\u202e","b":"\"\u202e"}"#;
        assert_eq!(strip(s), r#"{"a":"\\u202e","b":"\""}"#);
    }

    #[test]
    fn outside_strings_escapes_are_not_read_and_broken_input_is_copied() {
        assert_eq!(strip(r#"\u202e"#), r#"\u202e"#);
        assert_eq!(strip("\"abc\\"), "\"abc\\");
        assert_eq!(strip("\"\\u20"), "\"\\u20");
        // A truncated literal control (invalid UTF-8) is left for the parser to report.
        let broken = [b'"', 0xE2, 0x80];
        assert_eq!(&*strip_controls(&broken), &broken);
    }

    #[test]
    fn the_result_parses_to_the_same_values_without_the_controls() {
        let json =
            "{\"t\":\"مراكش \u{202B}2022\u{202C}\",\"u\":\"a\\u2067b\\u2069\\n\",\"n\":[1,2]}";
        let v: serde_json::Value =
            serde_json::from_slice(&strip_controls(json.as_bytes())).unwrap();
        assert_eq!(v["t"], "مراكش 2022");
        assert_eq!(v["u"], "ab\n");
        assert_eq!(v["n"][1], 2);
    }
}
