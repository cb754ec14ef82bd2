//! The JSON path (`events[3].start`) of a position in a JSON text, for load diagnostics.
//!
//! The parser (`crate::json`) reports the byte where it stopped; this scans the text up to there
//! and says which field that is. One linear pass, no recursion, nothing deserialised, so it
//! adds almost nothing to the app's wasm (a generic path-tracking deserializer wrapper cost
//! ≈ 74 KB of code before optimisation, measured with twiggy) and cannot be made to recurse.

enum Frame {
    /// An object, with the key whose value is being read (if any) and whether the next
    /// string is a key.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array and the index of the element being read.
    Array { index: usize },
}

/// The path of the value being read when the parser stopped after byte `end`: keys joined
/// with `.`, array indexes in brackets; `.` for the top level.
pub fn path_at(json: &str, end: usize) -> String {
    let bytes = &json.as_bytes()[..end.min(json.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        let text = &bytes[start..i.min(bytes.len())];
                        *key = Some(String::from_utf8_lossy(text).into_owned());
                        *expect_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(json: &str, marker: &str) -> String {
        path_at(json, json.find(marker).unwrap() + marker.len())
    }

    #[test]
    fn keys_and_indexes() {
        let json = r#"{"events":[{"id":"a"},{"id":"b","start":"2023-13"}],"places":[]}"#;
        assert_eq!(at(json, r#""2023-13""#), "events[1].start");
        assert_eq!(at(json, r#""id":"a""#), "events[0].id");
        // Just after an object closes: the array element it was.
        assert_eq!(at(json, r#""id":"a"}"#), "events[0]");
        // An unknown key, just read: its path.
        assert_eq!(at(json, r#""places""#), "places");
        assert_eq!(path_at(json, 0), ".");
    }

    #[test]
    fn strings_with_brackets_commas_and_escapes_are_skipped() {
        let json = r#"{"a":["x,]\"}{",{"b":1}],"c":true}"#;
        assert_eq!(at(json, r#""b":1"#), "a[1].b");
        assert_eq!(at(json, r#""c":true"#), "c");
    }

    #[test]
    fn truncated_and_hostile_input_never_panics() {
        for json in ["", "\"", "[[[[", "}}}]]]", "{\"a", "{\"a\\", "[\"\\\"]"] {
            for end in 0..=json.len() + 2 {
                let _ = path_at(json, end);
            }
        }
    }
}
