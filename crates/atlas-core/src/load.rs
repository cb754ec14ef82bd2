//! Loading a bundle: bytes or text in, a validated [`Bundle`] or a precise diagnosis out.
//!
//! The diagnosis says where (line and column, and the JSON path of the field such as
//! `events[3].start` when the parser knows it) and what is wrong, in plain English: an empty
//! file, an HTML error page served in place of the JSON, invalid UTF-8, nesting deeper than
//! any bundle, a truncated file, a wrong type, a number out of range, an unsupported schema
//! version, or the rule-breaking records [`validate`] finds. Every step is linear in the
//! input size and nothing recurses on the input's nesting (it is measured first, without
//! recursion), so a hostile file cannot overflow the stack or make loading quadratic.

use crate::model::{Bundle, SCHEMA_VERSION};
use crate::validate::{truncate, validate, Problem};

/// Why a bundle could not be loaded. `Display` is the text the app shows under its
/// (localised) headline, and what `atlas-bundle check` prints.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Not a bundle at all: empty, HTML, not UTF-8, too deeply nested, not JSON, or JSON of
    /// the wrong shape. The text says what and where (line, column, JSON path).
    Parse(String),
    /// A schema version this build cannot read.
    UnsupportedVersion(u32),
    /// Well-formed, but its content breaks the rules.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Parse(e) => write!(f, "the data is not a valid bundle: {e}"),
            LoadError::UnsupportedVersion(v) => write!(
                f,
                "the data uses schema version {v}; this app reads version {SCHEMA_VERSION}"
            ),
            LoadError::Invalid(p) => {
                write!(f, "the data has {} problem(s)", p.len())?;
                for problem in p.iter().take(3) {
                    write!(f, "; {problem}")?;
                }
                if p.len() > 3 {
                    write!(f, "; and {} more", p.len() - 3)?;
                }
                Ok(())
            }
        }
    }
}

/// Deeper than any bundle can be (the schema needs 4 levels); refused before parsing.
pub const MAX_DEPTH: usize = 32;

/// Longest excerpt of the input or of a parser message quoted in a diagnosis.
const MAX_QUOTE: usize = 300;

/// Parses and validates a bundle from raw bytes, checking first that they are UTF-8 (the
/// error then names the byte offset). Prefer this over [`load_bundle`] when the bytes are
/// at hand (`Response::binary()` in the app, a file in the CLI): a text decoder would have
/// replaced the bad bytes with U+FFFD silently.
pub fn load_bundle_bytes(bytes: &[u8]) -> Result<Bundle, LoadError> {
    parse_bundle_bytes(bytes).and_then(checked)
}

/// [`load_bundle_bytes`] without the validation: the first of its two steps, for a caller
/// that runs them apart (the app gives each its own task). Follow it with [`checked`].
pub fn parse_bundle_bytes(bytes: &[u8]) -> Result<Bundle, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_bundle(text),
        Err(e) => {
            let at = e.valid_up_to();
            Err(LoadError::Parse(format!(
                "invalid UTF-8 at byte {at} ({})",
                position(bytes, at)
            )))
        }
    }
}

/// Parses and validates a bundle from JSON text. A bundle of another schema version gets
/// that said ([`LoadError::UnsupportedVersion`]) rather than a parse error about the first
/// field that differs. One parse when the shape is right (a second, of the version alone,
/// only when it is not).
///
/// Text that was decoded from invalid UTF-8 (U+FFFD replacement characters) is refused with
/// the same "invalid UTF-8 at byte N" message [`load_bundle_bytes`] gives, N being the
/// first replacement character (everything before it is unchanged by the decoding).
pub fn load_bundle(json: &str) -> Result<Bundle, LoadError> {
    parse_bundle(json).and_then(checked)
}

/// The bundle if it passes [`validate`], else every problem found: the second step of
/// [`load_bundle`].
pub fn checked(bundle: Bundle) -> Result<Bundle, LoadError> {
    let problems = validate(&bundle);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

/// [`load_bundle`] without the validation (its first step).
fn parse_bundle(json: &str) -> Result<Bundle, LoadError> {
    let parse = |msg: String| Err(LoadError::Parse(msg));
    // A byte order mark is harmless; a JSON parser would call it "expected value".
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let start = json.trim_start();
    if start.is_empty() {
        return parse(if json.is_empty() {
            "empty file (no JSON at all)".into()
        } else {
            "empty file (only whitespace, no JSON)".into()
        });
    }
    if start.starts_with('<') {
        let mut msg = "looks like an HTML page, not JSON (a server error page or a wrong address?)"
            .to_string();
        if let Some(title) = html_title(start) {
            msg.push_str(&format!("; its title is “{title}”"));
        }
        return parse(msg);
    }
    if let Some(at) = json.find('\u{FFFD}') {
        return parse(format!(
            "invalid UTF-8 at byte {at} ({}): the text holds a U+FFFD replacement character \
             where the bytes could not be decoded",
            position(json.as_bytes(), at)
        ));
    }
    if let Some(at) = too_deep(json, MAX_DEPTH) {
        return parse(format!(
            "nested more than {MAX_DEPTH} levels deep at {} (a bundle has at most 4 levels of \
             arrays and objects)",
            position(json.as_bytes(), at)
        ));
    }

    let parsed = crate::decode::from_str::<Bundle>(json).map_err(|e| describe(json, &e));
    let bundle = match parsed {
        Ok(b) if b.schema_version != SCHEMA_VERSION => {
            return Err(LoadError::UnsupportedVersion(b.schema_version))
        }
        Ok(b) => b,
        Err(msg) => {
            // A bundle of another schema version rarely has this one's shape: say so
            // rather than name the first field that differs. Only the version is typed
            // here; everything else is skipped (iteratively, so no recursion).
            use crate::decode::Version;
            return match crate::decode::from_str::<Version>(json).map(|v| v.schema_version) {
                Ok(Some(v)) if v != SCHEMA_VERSION => Err(LoadError::UnsupportedVersion(v)),
                Ok(None) => parse("missing field `schema_version` (at the top level)".into()),
                _ => parse(msg),
            };
        }
    };
    Ok(bundle)
}

/// "line L, column C" of byte offset `at` (1-based; the column counts bytes).
fn position(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    format!("line {line}, column {}", at - line_start + 1)
}

/// The byte offset of the first `[` or `{` that opens level `max + 1`, if any. One linear
/// pass, no recursion; string contents are skipped with `str::find` (memchr: fast even in
/// debug builds, where a byte loop over a 10 MB string takes a second).
fn too_deep(json: &str, max: usize) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // The closing quote: the next `"` not escaped by an odd run of backslashes.
                let mut from = i + 1;
                i = loop {
                    let Some(q) = json[from..].find('"').map(|q| from + q) else {
                        return None; // unterminated: the parser will say so
                    };
                    let backslashes = bytes[i + 1..q]
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b'\\')
                        .count();
                    if backslashes % 2 == 0 {
                        break q;
                    }
                    from = q + 1;
                };
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `<title>` of an HTML page, shortened, when it has one near the top.
fn html_title(html: &str) -> Option<String> {
    let head = truncate(html, 4096);
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let text_start = open + lower[open..].find('>')? + 1;
    let text_end = text_start + lower[text_start..].find("</title")?;
    let title = head[text_start..text_end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then(|| truncate(&title, 80).into_owned())
}

/// A parse error in words, with its place: line, column and the JSON path.
fn describe(json: &str, e: &crate::json::Error) -> String {
    use crate::json::Category;
    let msg = truncate(&e.message, MAX_QUOTE);
    let what = match e.category {
        Category::Eof => format!("the file ends too early, it looks truncated ({msg})"),
        Category::Syntax if non_json_number(json, e.at) => {
            "NaN and Infinity are not JSON numbers".to_string()
        }
        // Valid JSON grammar, but beyond what a 64-bit float (or the integer field) holds.
        Category::Syntax if e.message.starts_with("number out of range") => {
            "number out of range (too large for a 64-bit number)".to_string()
        }
        Category::Syntax => format!("not valid JSON: {msg}"),
        Category::Data => msg.into_owned(),
    };
    let mut out = what;
    out.push_str(&format!(" at {}", position(json.as_bytes(), e.at)));
    // The value being read: a syntax error's own byte counts (the key it stopped in), a
    // type error comes just after the value it refused.
    let path = match e.category {
        Category::Eof => String::new(),
        Category::Syntax => crate::json_path::path_at(json, e.at + 1),
        Category::Data => crate::json_path::path_at(json, e.at),
    };
    if !path.is_empty() && path != "." {
        out.push_str(&format!(", in `{}`", truncate(&path, MAX_QUOTE)));
    }
    out
}

/// Whether the syntax error at byte `at` sits on a `NaN` or `Infinity` literal, which
/// JavaScript writes with `JSON.stringify`-like tools but JSON does not have.
fn non_json_number(json: &str, at: usize) -> bool {
    [at.saturating_sub(1), at].iter().any(|&i| {
        json.get(i..).is_some_and(|rest| {
            let rest = rest.strip_prefix('-').unwrap_or(rest);
            rest.starts_with("NaN") || rest.starts_with("Infinity")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../public/data/bundle.json");

    fn parse_error(json: &str) -> String {
        match load_bundle(json) {
            Err(LoadError::Parse(m)) => m,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn the_shipped_bundle_loads() {
        load_bundle(SHIPPED).expect("valid");
        load_bundle_bytes(SHIPPED.as_bytes()).expect("valid");
        let with_bom = format!("\u{FEFF}{SHIPPED}");
        load_bundle(&with_bom).expect("a byte order mark is accepted");
    }

    #[test]
    fn empty_and_html_inputs_are_named() {
        assert!(parse_error("").contains("empty file"));
        assert!(parse_error(" \n\t").contains("empty file"));
        let m = parse_error("<!DOCTYPE html>\n<html><head><title>502  Bad\nGateway</title>");
        assert!(m.contains("looks like an HTML page, not JSON"), "{m}");
        assert!(m.contains("“502 Bad Gateway”"), "{m}");
        assert!(parse_error("<html>").contains("HTML page"));
    }

    #[test]
    fn invalid_utf8_names_the_byte_as_bytes_and_as_decoded_text() {
        let mut bytes = br#"{"schema_version":1,"sources":["#.to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\"\xFF\"]}");
        let at = at + 1;
        let Err(LoadError::Parse(m)) = load_bundle_bytes(&bytes) else {
            panic!("expected a parse error")
        };
        assert!(m.contains(&format!("invalid UTF-8 at byte {at}")), "{m}");
        let lossy = String::from_utf8_lossy(&bytes);
        let m2 = parse_error(&lossy);
        assert!(m2.contains(&format!("invalid UTF-8 at byte {at}")), "{m2}");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        // 100 000 levels: a recursive parser would overflow the stack of a debug build.
        let n = 100_000;
        let json = format!(
            "{{\"schema_version\":1,\"sources\":{}{}}}",
            "[".repeat(n),
            "]".repeat(n)
        );
        let m = parse_error(&json);
        assert!(m.contains("nested more than 32 levels deep"), "{m}");
        assert!(m.contains("line 1, column"), "{m}");
        // Brackets inside strings do not count.
        assert_eq!(too_deep(r#"{"a":"[[[[[[[[[[\"[[[["}"#, 2), None);
        assert_eq!(too_deep(r#"{"a":"\\"}[[["#, 2), Some(12));
        assert_eq!(too_deep(r#"["\\\"[[[", [["#, 2), Some(13));
        assert_eq!(too_deep("[[[", 2), Some(2));
        assert_eq!(too_deep(r#"["[[["#, 2), None);
    }

    #[test]
    fn parse_errors_give_line_column_and_path() {
        let bad = SHIPPED.replacen("\"lat\":", "\"lat\":\"x\",\"was\":", 1);
        let m = parse_error(&bad);
        assert!(
            m.contains("invalid type: string \"x\", expected f64"),
            "{m}"
        );
        assert!(m.contains("line 1, column"), "{m}");
        assert!(m.contains("in `places[0].lat`"), "{m}");

        let half = (0..=SHIPPED.len() / 2)
            .rev()
            .find(|&i| SHIPPED.is_char_boundary(i))
            .unwrap();
        let truncated = &SHIPPED[..half];
        let m = parse_error(truncated);
        assert!(m.contains("ends too early"), "{m}");

        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(SHIPPED).unwrap(),
        )
        .unwrap()
        .replacen("\"start\": \"", "\"start\": \"x", 1);
        let m = parse_error(&pretty);
        assert!(m.contains("is not a date"), "{m}");
        assert!(m.contains(", in `events[0].start`"), "{m}");
        assert!(
            !m.contains("line 1,"),
            "a pretty-printed file has lines: {m}"
        );

        let m = parse_error(&format!("{}\n\n x", SHIPPED.trim_end()));
        assert!(m.contains("trailing characters at line 3, column 2"), "{m}");
        assert!(parse_error("{}").contains("missing field `schema_version`"));
    }

    #[test]
    fn numbers_json_does_not_have() {
        for (lit, want) in [
            ("NaN", "NaN and Infinity are not JSON numbers"),
            ("-Infinity", "NaN and Infinity are not JSON numbers"),
            ("1e400", "number out of range"),
        ] {
            let bad = SHIPPED.replacen("\"lat\":", &format!("\"lat\":{lit},\"was\":"), 1);
            let m = parse_error(&bad);
            assert!(m.contains(want), "{lit}: {m}");
            assert!(m.contains("places[0].lat"), "{lit}: {m}");
        }
        // On a later line of a pretty-printed file too.
        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(SHIPPED).unwrap(),
        )
        .unwrap();
        let at = pretty.find("\"lat\": ").unwrap() + "\"lat\": ".len();
        let end = at + pretty[at..].find([',', '\n']).unwrap();
        let bad = format!("{}NaN{}", &pretty[..at], &pretty[end..]);
        let m = parse_error(&bad);
        assert!(m.contains("NaN and Infinity are not JSON numbers"), "{m}");
        let line = 1 + pretty[..at].matches('\n').count();
        assert!(m.contains(&format!("at line {line}, column")), "{m}");
    }

    #[test]
    fn wrong_versions() {
        let v2 = SHIPPED.replacen("\"schema_version\":1", "\"schema_version\":2", 1);
        assert_eq!(load_bundle(&v2), Err(LoadError::UnsupportedVersion(2)));
        let s = SHIPPED.replacen("\"schema_version\":1", "\"schema_version\":\"1\"", 1);
        let m = parse_error(&s);
        assert!(
            m.contains("invalid type") && m.contains("schema_version"),
            "{m}"
        );
    }

    #[test]
    fn huge_strings_in_messages_are_shortened() {
        let big = "a".repeat(1 << 20);
        let bad = SHIPPED.replacen("\"lat\":", &format!("\"lat\":\"{big}\",\"was\":"), 1);
        let m = parse_error(&bad);
        assert!(m.len() < 1000, "{} bytes", m.len());
        assert!(m.contains("places[0].lat"), "{m}");
    }
}
