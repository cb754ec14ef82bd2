//! French puts a no-break space before « ; : ! ? » and inside « », so a line never starts
//! with the mark: the shipped bundle's French texts and the French interface text.

/// Every string of a JSON value: its `fr` texts (`only_fr`, a bundle), or all (a list).
fn strings(v: &serde_json::Value, only_fr: bool, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if !only_fr => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, only_fr, out)),
        serde_json::Value::Object(fields) => {
            for (k, f) in fields {
                match f {
                    serde_json::Value::String(s) if only_fr && k == "fr" => out.push(s.clone()),
                    _ => strings(f, only_fr, out),
                }
            }
        }
        _ => {}
    }
}

fn parsed(text: &str, only_fr: bool) -> Vec<String> {
    let mut out = Vec::new();
    strings(
        &serde_json::from_str(text).expect("JSON"),
        only_fr,
        &mut out,
    );
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
    let texts = parsed(bundle, true);
    assert!(texts.len() > 100, "{} French texts", texts.len());
    let mut bad: Vec<String> = texts.iter().flat_map(|t| plain_spaced(t)).collect();
    let labels = parsed(ui, false);
    assert!(labels.len() > 100, "{} interface strings", labels.len());
    bad.extend(labels.iter().flat_map(|t| plain_spaced(t)));
    assert!(bad.is_empty(), "plain spaces before a mark: {bad:#?}");
    // The check itself: a plain space is caught, a no-break one is not.
    assert_eq!(plain_spaced("a ; b").len(), 1);
    assert!(plain_spaced("a\u{a0}; «\u{a0}b\u{a0}»").is_empty());
}
