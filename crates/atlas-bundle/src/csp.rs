//! A strict Content-Security-Policy for the built `index.html`: scripts only from the app's
//! own origin plus the exact inline bootstrap Trunk writes (by its SHA-256), WebAssembly
//! compilation but no `eval`, styles only from the app's origin plus the style sheet written
//! into the page (by its SHA-256: [`crate::style`]; inline style *attributes* are avoided by
//! the app, which sets styles through the CSSOM), and connections only to the app's origin
//! and the partner origins configured at build time.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The contents of every inline `<script>` (one without `src`) in `html`.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    elements(html, "script")
        .into_iter()
        .filter(|(tag, _)| !tag.contains(" src=") && !tag.contains("\tsrc="))
        .map(|(_, body)| body)
        .collect()
}

/// The contents of every `<style>` element in `html`.
pub fn inline_styles(html: &str) -> Vec<&str> {
    elements(html, "style")
        .into_iter()
        .map(|(_, body)| body)
        .collect()
}

/// Every `<name …>…</name>` element of `html`: its start tag and its contents.
fn elements<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        // `<styles>` or `<scripted>` are other elements.
        if !after[open.len()..].starts_with(['>', ' ', '\t', '\n', '/']) {
            rest = &after[open.len()..];
            continue;
        }
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let body_start = tag_end + 1;
        let Some(end) = after[body_start..].find(&close) else {
            break;
        };
        out.push((&after[..tag_end], &after[body_start..body_start + end]));
        rest = &after[body_start + end + close.len()..];
    }
    out
}

/// `'sha256-…'` of each text, each after a space.
fn hashes(bodies: Vec<&str>) -> String {
    bodies
        .into_iter()
        .map(|s| {
            let digest = Sha256::digest(s.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect()
}

/// The policy for this page: its inline scripts and style sheets allowed by their hashes.
pub fn policy(html: &str, partner_origins: &[&str]) -> String {
    let mut connect = vec!["'self'".to_string()];
    connect.extend(
        partner_origins
            .iter()
            .map(|o| o.trim().trim_end_matches('/'))
            .filter(|o| o.starts_with("https://") && !o.contains([' ', ';', '\'', '"']))
            .map(str::to_string),
    );
    [
        "default-src 'self'".to_string(),
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            hashes(inline_scripts(html))
        ),
        format!("style-src 'self'{}", hashes(inline_styles(html))),
        "img-src 'self' data:".to_string(),
        "font-src 'self'".to_string(),
        format!("connect-src {}", connect.join(" ")),
        "manifest-src 'self'".to_string(),
        "worker-src 'self'".to_string(),
        "frame-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
    ]
    .join("; ")
}

/// `html` with the policy as a `<meta http-equiv>` right after the charset declaration (so
/// before any script). An existing policy meta is replaced.
pub fn inject(html: &str, partner_origins: &[&str]) -> Result<String, String> {
    let html = remove_existing(html);
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy(&html, partner_origins)
    );
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<meta charset")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .ok_or("index.html has no <meta charset>")?;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

fn remove_existing(html: &str) -> String {
    let marker = "<meta http-equiv=\"Content-Security-Policy\"";
    match html.find(marker) {
        Some(i) => match html[i..].find('>') {
            Some(j) => format!("{}{}", &html[..i], &html[i + j + 1..]),
            None => html.to_string(),
        },
        None => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><meta charset=utf-8><title>x</title>\
        <script type=module>import init from './a.js';\nawait init();</script>\
        <script src=\"b.js\"></script></head><body></body></html>";

    #[test]
    fn hashes_only_inline_scripts() {
        assert_eq!(
            inline_scripts(PAGE),
            ["import init from './a.js';\nawait init();"]
        );
        let p = policy(PAGE, &[]);
        // echo -n "import init from './a.js';\nawait init();" | sha256 | base64
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from './a.js';\nawait init();"));
        assert!(p.contains(&format!("'sha256-{expected}'")), "{p}");
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(!p.contains("unsafe-inline"));
        assert!(!p.contains("'unsafe-eval'"));
        assert!(p.contains("connect-src 'self';"));
    }

    #[test]
    fn hashes_the_style_sheet_written_into_the_page() {
        assert!(policy(PAGE, &[]).contains("style-src 'self';"));
        let css = "a{color:red}\n.x::after{content:\"<\"}";
        let page = format!("<head><style>{css}</style><stylesheet></stylesheet></head>");
        assert_eq!(inline_styles(&page), [css]);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes()));
        let p = policy(&page, &[]);
        assert!(
            p.contains(&format!("style-src 'self' 'sha256-{expected}';")),
            "{p}"
        );
        assert!(!p.contains("unsafe-inline"));
    }

    #[test]
    fn partner_origins_are_added_only_when_well_formed() {
        let p = policy(
            PAGE,
            &[
                "https://partner.example/",
                "http://plain.example",
                "https://x.example; script-src *",
            ],
        );
        assert!(
            p.contains("connect-src 'self' https://partner.example;"),
            "{p}"
        );
        assert!(!p.contains("plain.example"));
        assert!(!p.contains("script-src *"));
    }

    #[test]
    fn injects_before_any_script_and_replaces_an_old_policy() {
        let once = inject(PAGE, &[]).unwrap();
        let meta = once.find("Content-Security-Policy").unwrap();
        assert!(meta < once.find("<script").unwrap());
        let twice = inject(&once, &[]).unwrap();
        assert_eq!(once, twice);
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
    }
}
