//! French puts a no-break space before « ; : ! ? » and inside « », so a line never starts
//! with the mark: the shipped bundle's French texts and the French interface text.

/// The string values after each `"fr":` key of a JSON text (the bundle's `Text`s), or every
/// string value when `key` is `None` (the interface file, a list of strings).
fn strings(json: &str, key: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = json;
    let opener = key.map(|k| format!("\"{k}\":\""));
    loop {
        let start = match &opener {
            Some(o) => match rest.find(o.as_str()) {
                Some(i) => i + o.len(),
                None => break,
            },
            None => match rest.find('"') {
                Some(i) => i + 1,
                None => break,
            },
        };
        let body = &rest[start..];
        let mut end = 0;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push(body[..end].to_string());
        rest = &body[end + 1..];
    }
    out
}

fn plain_spaced(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut bad = Vec::new();
    for (i, w) in chars.windows(2).enumerate() {
        let before_mark = w[0] == ' ' && matches!(w[1], ';' | ':' | '!' | '?' | '»');
        let after_open = w[0] == '«' && w[1] == ' ';
        if before_mark || after_open {
            let from = i.saturating_sub(20);
            bad.push(chars[from..(i + 3).min(chars.len())].iter().collect());
        }
    }
    bad
}

#[test]
fn french_spaces_before_its_marks_are_no_break_spaces() {
    let bundle = include_str!("../../../public/data/bundle.json");
    let ui = include_str!("../../../public/i18n/fr.json");
    let texts = strings(bundle, Some("fr"));
    assert!(texts.len() > 100, "{} French texts", texts.len());
    let mut bad: Vec<String> = texts.iter().flat_map(|t| plain_spaced(t)).collect();
    let labels = strings(ui, None);
    assert!(labels.len() > 100, "{} interface strings", labels.len());
    bad.extend(labels.iter().flat_map(|t| plain_spaced(t)));
    assert!(bad.is_empty(), "plain spaces before a mark: {bad:#?}");
    // The check itself: a plain space is caught, a no-break one is not.
    assert_eq!(plain_spaced("a ; b").len(), 1);
    assert!(plain_spaced("a\u{a0}; «\u{a0}b\u{a0}»").is_empty());
}
