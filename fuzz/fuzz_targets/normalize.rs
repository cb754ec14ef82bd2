//! Text → normalisation and tokens: never a panic; normalising is idempotent; every
//! normalised character and every token maps back to a range of the original text on
//! character boundaries, in order, whose own normalisation contains the token.
#![no_main]

use atlas_core::analyze::tokenize;
use atlas_core::normalize::{normalize, normalize_chars};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let chars = normalize_chars(text);
    let mut last_start = 0;
    for c in &chars {
        let (s, e) = (c.start as usize, c.end as usize);
        assert!(s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_eq!(text[s..].chars().next().map(char::len_utf8), Some(e - s));
        assert!(s >= last_start, "out of order");
        last_start = s;
    }
    let once = normalize(text);
    assert_eq!(once, chars.iter().map(|c| c.ch).collect::<String>());
    assert_eq!(normalize(&once), once, "not idempotent");
    let mut last_start = 0;
    for t in tokenize(text) {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        // Two tokens may share one original character (½ gives 1 and 2), never go back.
        assert!(s >= last_start, "tokens out of order");
        last_start = s;
        assert!(
            normalize(&text[s..e]).contains(t.norm.as_str()),
            "token {:?} not in {:?}",
            t.norm,
            &text[s..e]
        );
        assert!(t.norm.ends_with(t.bare.as_str()), "{t:?}");
        assert!(t.bare.starts_with(t.stem.as_str()), "{t:?}");
    }
});
