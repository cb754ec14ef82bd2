//! The build's style sheet written into `index.html` as a `<style>` element, in place of the
//! `<link rel=stylesheet>` Trunk writes.
//!
//! A linked style sheet blocks the first paint until it has arrived: on a phone's slow link
//! that is one more round trip after the page before anything shows (≈ 150 ms of latency,
//! then its bytes). Written into the page, the landing view rendered at build time paints as
//! soon as the page is in (bench/RESULTS.md, "The style sheet in the page"). The file itself
//! is then removed from the build ([`remove`]), so the service worker does not keep a second copy, and the
//! Content-Security-Policy allows exactly this text by its hash ([`crate::csp`]).

use std::path::Path;

/// One tag's attributes, in order: names lower-cased, values unquoted (`None` for a bare name).
fn attributes(tag: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let b = tag.as_bytes();
    // Past `<link`.
    let mut i = tag
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(tag.len());
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return out;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = tag[start..i].to_ascii_lowercase();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            let value = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                    let v = &tag[i + 1..end];
                    i = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    &tag[s..i]
                }
            };
            out.push((name, Some(value.to_string())));
        } else {
            out.push((name, None));
        }
    }
}

fn attr<'a>(attrs: &'a [(String, Option<String>)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_deref())
}

/// The site-relative path of a style sheet this build ships (`./main-1.css`, `main-1.css`,
/// `/main-1.css`), or `None` for one from elsewhere (`https://…`, `//…`).
fn local_path(href: &str) -> Option<&str> {
    if href.contains("://") || href.starts_with("//") || href.contains(['?', '#']) {
        return None;
    }
    let rel = href.trim_start_matches("./").trim_start_matches('/');
    (rel.ends_with(".css") && !rel.split('/').any(|s| s == "..")).then_some(rel)
}

/// `html` with every `<link rel=stylesheet>` to a file of `dir` replaced by a `<style>`
/// holding that file's text (a `media` attribute is kept), but a `disabled` one (the page
/// fetches it later: style/views.css), and the files so inlined
/// (relative to `dir`), for [`remove`] once the page is written. A page that links no style
/// sheet of its own (as after an earlier run) comes back unchanged, with no files.
pub fn inline(html: &str, dir: &Path) -> Result<(String, Vec<String>), String> {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    // `html[..copied]` is in `out`; the search goes on from `from`.
    let (mut copied, mut from) = (0, 0);
    while let Some(at) = lower[from..].find("<link") {
        let start = from + at;
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        from = end;
        let attrs = attributes(&html[start..end]);
        let is_sheet = attr(&attrs, "rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("stylesheet"))
        });
        // A disabled sheet is not fetched until the page enables it: it stays a file.
        let disabled = attrs.iter().any(|(n, _)| n == "disabled");
        let Some(rel) = attr(&attrs, "href")
            .filter(|_| is_sheet && !disabled)
            .and_then(local_path)
        else {
            continue;
        };
        let path = dir.join(rel);
        let css = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "index.html links {rel}: cannot read {}: {e}",
                path.display()
            )
        })?;
        if css.to_ascii_lowercase().contains("</style") {
            return Err(format!(
                "{}: contains `</style`, which would end the <style> element it is written into",
                path.display()
            ));
        }
        let media = attr(&attrs, "media")
            .map(|m| format!(" media=\"{}\"", m.replace('"', "&quot;")))
            .unwrap_or_default();
        out.push_str(&html[copied..start]);
        out.push_str(&format!("<style{media}>{css}</style>"));
        copied = end;
        files.push(rel.to_string());
    }
    out.push_str(&html[copied..]);
    Ok((out, files))
}

/// Removes the style sheets [`inline`] wrote into the page, and any precompressed copy beside
/// them: the service worker then keeps no second copy.
pub fn remove(dir: &Path, files: &[String]) -> Result<(), String> {
    for f in files {
        for path in [
            dir.join(f),
            dir.join(format!("{f}.gz")),
            dir.join(format!("{f}.br")),
        ] {
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(format!("cannot remove {}: {e}", path.display()))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(css: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main-1.css"), css).unwrap();
        std::fs::write(dir.path().join("main-1.css.gz"), "gz").unwrap();
        dir
    }

    #[test]
    fn replaces_the_link_with_the_sheet_and_removes_the_file() {
        let dir = site("a{color:red}");
        // As Trunk's minifier writes it (unquoted, the integrity first) and as it writes it
        // without minifying (quoted, rel first).
        for page in [
            "<head><link href=./main-1.css integrity=sha384-x rel=stylesheet><title>t</title></head>",
            "<head><link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"sha384-x\"/><title>t</title></head>",
        ] {
            let (html, files) = inline(page, dir.path()).unwrap();
            assert_eq!(files, ["main-1.css"]);
            assert_eq!(html, "<head><style>a{color:red}</style><title>t</title></head>");
        }
        let page = "<link rel=icon href=i.svg><LINK REL=stylesheet HREF='main-1.css' media=print>";
        let (html, files) = inline(page, dir.path()).unwrap();
        assert_eq!(files, ["main-1.css"]);
        assert_eq!(
            html,
            "<link rel=icon href=i.svg><style media=\"print\">a{color:red}</style>"
        );
        remove(dir.path(), &files).unwrap();
        assert!(!dir.path().join("main-1.css").exists());
        assert!(!dir.path().join("main-1.css.gz").exists());
        // A second run (the release build finalizes twice) finds nothing to do.
        let (again, files) = inline(&html, dir.path()).unwrap();
        assert!(files.is_empty());
        assert_eq!(again, html);
    }

    #[test]
    fn leaves_other_links_and_sheets_from_elsewhere() {
        let dir = site("a{}");
        let page = "<link rel=preload href=main-1.css as=style>\
            <link rel=stylesheet href=https://cdn.example/x.css>\
            <link rel=stylesheet href=../main-1.css>";
        let (html, files) = inline(page, dir.path()).unwrap();
        assert!(files.is_empty());
        assert_eq!(html, page);
    }

    #[test]
    fn leaves_a_disabled_sheet_a_file() {
        let dir = site("a{}");
        std::fs::write(dir.path().join("views-1.css"), "b{}").unwrap();
        let page = "<link rel=stylesheet href=main-1.css>\
            <link rel=\"stylesheet\" href=\"/views-1.css\" id=\"views-css\" disabled=\"\"/>";
        let (html, files) = inline(page, dir.path()).unwrap();
        assert_eq!(files, ["main-1.css"]);
        assert_eq!(
            html,
            "<style>a{}</style><link rel=\"stylesheet\" href=\"/views-1.css\" id=\"views-css\" disabled=\"\"/>"
        );
    }

    #[test]
    fn refuses_a_sheet_that_would_end_its_element() {
        let dir = site("a::after{content:\"</STYLE><script>x()</script>\"}");
        let err = inline("<link rel=stylesheet href=main-1.css>", dir.path()).unwrap_err();
        assert!(
            err.contains("main-1.css") && err.contains("</style"),
            "{err}"
        );
    }

    #[test]
    fn names_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = inline("<link rel=stylesheet href=./gone.css>", dir.path()).unwrap_err();
        assert!(err.contains("gone.css"), "{err}");
    }
}
