//! The release build's last step: a gzip copy beside every text file of the site
//! (`atlas-…_bg.wasm.gz` next to `atlas-…_bg.wasm`), compressed with Zopfli, for hosts that
//! send a precompressed file when there is one (nginx `gzip_static`, Caddy `precompressed`,
//! an object store with `Content-Encoding: gzip`; tests/serve-dist.mjs does too).
//!
//! Zopfli writes ordinary gzip (every browser decodes it) about 5 % smaller than `gzip -9`,
//! at the cost of a few seconds once per build: on the first load it is what a visitor does
//! not download (bench/RESULTS.md, "First-load size"). A host that compresses on the fly
//! still sends `gzip -9` or less; `cargo xtask size` shows both.

use crate::Result;
use std::fs;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

/// The files a static host compresses (fonts and images are compressed already).
pub const EXTENSIONS: [&str; 7] = ["html", "js", "css", "json", "wasm", "svg", "webmanifest"];

/// Zopfli's default: more iterations gain a few bytes more for much more time.
const ITERATIONS: u64 = 15;

/// The precompressed copy of `path` (`path` + `.gz`).
pub fn gz_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    PathBuf::from(name)
}

fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Gzip bytes of `data`, Zopfli-compressed.
pub fn zopfli_gzip(data: &[u8]) -> Result<Vec<u8>> {
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(ITERATIONS).expect("not zero"),
        ..zopfli::Options::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    zopfli::compress(options, zopfli::Format::Gzip, data, &mut out)
        .map_err(|e| format!("zopfli failed: {e}"))?;
    Ok(out)
}

/// What [`precompress`] wrote.
pub struct Written {
    pub files: usize,
    pub raw: u64,
    pub gzip: u64,
}

/// Removes every `.gz` under `dist` (a file of an earlier build, or one a later step
/// changed, must never be sent in place of the file), then writes a fresh copy beside each
/// compressible file it makes smaller. Two threads: the machine has two cores.
pub fn precompress(dist: &Path) -> Result<Written> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    for stale in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "gz"))
    {
        fs::remove_file(stale).map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
    }
    let todo: Vec<&PathBuf> = files.iter().filter(|p| compressible(p)).collect();
    let (a, b) = todo.split_at(todo.len() / 2);
    let run = |part: &[&PathBuf]| -> Vec<Result<Option<(u64, u64)>>> {
        part.iter().map(|p| write_one(p)).collect()
    };
    let results = std::thread::scope(|s| {
        let other = s.spawn(|| run(b));
        let mut mine = run(a);
        mine.extend(other.join().expect("the compressing thread panicked"));
        mine
    });
    let mut written = Written {
        files: 0,
        raw: 0,
        gzip: 0,
    };
    for r in results {
        if let Some((raw, gzip)) = r? {
            written.files += 1;
            written.raw += raw;
            written.gzip += gzip;
        }
    }
    Ok(written)
}

/// Compresses one file; `None` when the copy would not be smaller (then none is written).
fn write_one(path: &Path) -> Result<Option<(u64, u64)>> {
    let data = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let gz = zopfli_gzip(&data)?;
    if gz.len() >= data.len() {
        return Ok(None);
    }
    let out = gz_path(path);
    fs::write(&out, &gz).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(Some((data.len() as u64, gz.len() as u64)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_smaller_gzip_that_decodes_to_the_file_and_drops_stale_copies() {
        let dir = std::env::temp_dir().join(format!("atlas-gz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("split")).unwrap();
        let text: String = (0..2000)
            .map(|i| format!("«سجل {i}» record {i}\n"))
            .collect();
        fs::write(dir.join("index.html"), &text).unwrap();
        fs::write(dir.join("split/chunk.wasm"), text.repeat(2)).unwrap();
        fs::write(dir.join("tiny.json"), "{}").unwrap();
        fs::write(dir.join("font.woff2"), &text).unwrap();
        // A copy left from an earlier build, of a file that changed since.
        fs::write(dir.join("old.css"), "a{}").unwrap();
        fs::write(dir.join("old.css.gz"), zopfli_gzip(b"b{}").unwrap()).unwrap();

        let w = precompress(&dir).unwrap();
        assert_eq!(w.files, 2, "index.html and the chunk");
        for (file, want) in [
            ("index.html", text.clone()),
            ("split/chunk.wasm", text.repeat(2)),
        ] {
            let gz = fs::read(gz_path(&dir.join(file))).unwrap();
            assert!(gz.len() * 4 < want.len(), "{file}: {} bytes", gz.len());
            let mut plain = String::new();
            gunzip(&gz, &mut plain);
            assert_eq!(plain, want, "{file} decodes to the file");
        }
        assert!(
            !gz_path(&dir.join("tiny.json")).exists(),
            "not smaller: none"
        );
        assert!(
            !gz_path(&dir.join("font.woff2")).exists(),
            "fonts are compressed"
        );
        assert!(
            !gz_path(&dir.join("old.css")).exists(),
            "stale copy removed"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// Decodes with the system's gzip (no decoder crate for one test).
    fn gunzip(gz: &[u8], out: &mut String) {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("gzip")
            .args(["-d", "-c"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("gzip runs");
        child.stdin.take().unwrap().write_all(gz).unwrap();
        child.stdout.take().unwrap().read_to_string(out).unwrap();
        assert!(child.wait().unwrap().success(), "gzip -d accepts it");
    }
}
