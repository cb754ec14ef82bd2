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

/// The parameters that leave the landing view's first cards as they are (the catalogue's
/// first records, in order): the interface language, the data address, embedding and a
/// partner's colours.
const SAME_FIRST_CARDS: [&str; 5] = ["lang", "bundle", "embed", "theme", "accent"];

/// Whether an address's query string (`location.search`, with or without its `?`) shows the
/// catalogue's first records as its first cards: it names no query, filter, view or record.
/// An allow-list: a parameter it does not know means no.
pub fn shows_first_records(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .all(|pair| SAME_FIRST_CARDS.contains(&pair.split('=').next().unwrap_or(pair)))
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
