//! The service worker for a build: lists the exact files of a built site and writes `sw.js`
//! from the template in `pwa/sw.js`, with a version that is a hash of those files, so every
//! new build is a new worker and a cache never mixes two builds.

use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("../../../pwa/sw.js");
/// Where the release build puts the wasm chunks of the views loaded on demand
/// (xtask/src/split.rs). The worker keeps each one the first time the page fetches it.
pub const CHUNK_DIR: &str = "split/";

/// Files of the build that are not precached (the worker itself, licence text, the schema
/// meant for partners, source maps, the precompressed copies a host sends in place of a
/// file: xtask/src/precompress.rs), and the wasm chunks, which the worker fetches after
/// the precached files (the list `LATER` of `pwa/sw.js`).
fn skipped(rel: &str) -> bool {
    rel == "sw.js"
        || rel.ends_with(".txt")
        || rel.ends_with(".map")
        || rel.ends_with(".gz")
        || rel.ends_with(".br")
        || rel.ends_with("bundle.schema.json")
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: enough to tell two builds apart, and the same on every machine.
fn fnv1a(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

/// The precached files of `dir` (relative, `/`-separated, sorted) and the build's version.
pub fn manifest(dir: &Path) -> Result<(Vec<String>, String), String> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut rels: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, p)
        })
        .filter(|(rel, _)| !skipped(rel))
        .collect();
    rels.sort();
    if !rels.iter().any(|(r, _)| r == "index.html") {
        return Err(format!(
            "{} has no index.html: is it a built site?",
            dir.display()
        ));
    }
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for (rel, path) in &rels {
        fnv1a(&mut hash, rel.as_bytes());
        let bytes = std::fs::read(dir.join(path)).map_err(|e| format!("cannot read {rel}: {e}"))?;
        fnv1a(&mut hash, &bytes);
    }
    Ok((
        rels.into_iter().map(|(r, _)| r).collect(),
        format!("{hash:016x}"),
    ))
}

/// The worker's source for these files and version: `files` precached at install (the
/// chunks among them, under [`CHUNK_DIR`], fetched after the others, best effort).
pub fn service_worker(files: &[String], version: &str) -> String {
    // The app's start URL ("./") is the same page as index.html.
    let mut list = vec!["./".to_string()];
    let (chunks, files): (Vec<&String>, Vec<&String>) =
        files.iter().partition(|f| f.starts_with(CHUNK_DIR));
    list.extend(files.into_iter().cloned());
    let json = serde_json::to_string(&list).expect("strings serialise");
    let later = serde_json::to_string(&chunks).expect("strings serialise");
    TEMPLATE
        .replace("__ATLAS_VERSION__", version)
        .replace("__ATLAS_FILES__", &json)
        .replace("__ATLAS_CHUNKS__", &later)
}

/// Writes `dir/sw.js`; returns the number of precached files and the version.
pub fn write(dir: &Path) -> Result<(usize, String), String> {
    let (files, version) = manifest(dir)?;
    let sw = service_worker(&files, &version);
    std::fs::write(dir.join("sw.js"), sw).map_err(|e| format!("cannot write sw.js: {e}"))?;
    Ok((files.len(), version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, body).unwrap();
        }
        dir
    }

    #[test]
    fn lists_the_build_and_changes_version_with_any_byte() {
        let a = site(&[
            ("index.html", "<html>"),
            ("atlas-1.js", "js"),
            ("data/bundle.json", "{}"),
            ("data/bundle.schema.json", "{}"),
            ("fonts/OFL.txt", "licence"),
            ("split/split_map_view_1-0123.wasm", "chunk"),
            ("atlas-1.js.gz", "a host sends it in place of atlas-1.js"),
        ]);
        let (files, v1) = manifest(a.path()).unwrap();
        assert_eq!(
            files,
            [
                "atlas-1.js",
                "data/bundle.json",
                "index.html",
                "split/split_map_view_1-0123.wasm"
            ]
        );
        std::fs::write(a.path().join("data/bundle.json"), "{ }").unwrap();
        let (_, v2) = manifest(a.path()).unwrap();
        assert_ne!(v1, v2);
        // Writing sw.js does not change the version (it is not part of the list).
        write(a.path()).unwrap();
        assert_eq!(manifest(a.path()).unwrap().1, v2);
        let sw = std::fs::read_to_string(a.path().join("sw.js")).unwrap();
        assert!(sw.contains(&format!("const VERSION = \"{v2}\"")));
        assert!(sw.contains(r#"["./","atlas-1.js","data/bundle.json","index.html"]"#));
        // The chunks come after the other files, in their own list.
        assert!(sw.contains(r#"const LATER = ["split/split_map_view_1-0123.wasm"];"#));
        assert!(!sw.contains("__ATLAS_"));
    }

    #[test]
    fn refuses_a_directory_that_is_not_a_build() {
        let a = site(&[("readme.md", "x")]);
        assert!(manifest(a.path()).unwrap_err().contains("no index.html"));
    }
}
