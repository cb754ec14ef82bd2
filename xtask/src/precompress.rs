//! The release build's last step: two compressed copies beside every text file of the site
//! (`atlas-…_bg.wasm.gz` and `atlas-…_bg.wasm.br` next to `atlas-…_bg.wasm`), for hosts that
//! send a precompressed file when there is one (nginx `gzip_static` and `brotli_static`,
//! Caddy `precompressed br gzip`, an object store with `Content-Encoding`;
//! tests/serve-dist.mjs does too).
//!
//! - gzip, written by Zopfli: ordinary gzip (every browser decodes it) about 5 % smaller than
//!   `gzip -9`. It is what the size budget counts (the issue's measure: any host serves gzip).
//! - Brotli at its highest setting (quality 11, 16 MB window): every browser since 2017 asks
//!   for it (`Accept-Encoding: br`, over HTTPS and on localhost), and it is ≈ 16 % smaller
//!   than the Zopfli copy on a first load, ≈ 22 % smaller than `gzip -9`.
//!
//! Both cost a few seconds once per build: on the first load they are what a visitor does
//! not download (bench/RESULTS.md, "First load, gzip, part by part"). A host that compresses
//! on the fly still sends `gzip -9` or less; `cargo xtask bench size` shows every column.

use crate::Result;
use std::fs;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

/// The files a static host compresses (fonts and images are compressed already).
pub const EXTENSIONS: [&str; 7] = ["html", "js", "css", "json", "wasm", "svg", "webmanifest"];

/// Zopfli's default: more iterations gain a few bytes more for much more time.
const ITERATIONS: u64 = 15;

/// Brotli's highest quality, and its largest window the format allows without the
/// "large window" extension browsers do not decode (2^24 bytes).
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW: i32 = 24;

/// The gzip copy of `path` (`path` + `.gz`).
pub fn gz_path(path: &Path) -> PathBuf {
    with_suffix(path, ".gz")
}

/// The Brotli copy of `path` (`path` + `.br`).
pub fn br_path(path: &Path) -> PathBuf {
    with_suffix(path, ".br")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
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

/// Brotli bytes of `data`, at the highest quality.
pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .map_err(|e| format!("brotli failed: {e}"))?;
    Ok(out)
}

/// What [`precompress`] wrote: how many files got a copy, their bytes, and the bytes of
/// their copies (a file whose copy would not be smaller counts as itself).
pub struct Written {
    pub files: usize,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Removes every `.gz` and `.br` under `dist` (a file of an earlier build, or one a later
/// step changed, must never be sent in place of the file), then writes fresh copies beside
/// each compressible file, each only where it is smaller than the file. Two threads: the
/// machine has two cores.
pub fn precompress(dist: &Path) -> Result<Written> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    for stale in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "gz" || e == "br"))
    {
        fs::remove_file(stale).map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
    }
    let todo: Vec<&PathBuf> = files.iter().filter(|p| compressible(p)).collect();
    let (a, b) = todo.split_at(todo.len() / 2);
    let run = |part: &[&PathBuf]| -> Vec<Result<Option<Copies>>> {
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
        brotli: 0,
    };
    for r in results {
        if let Some(c) = r? {
            written.files += 1;
            written.raw += c.raw;
            written.gzip += c.gzip;
            written.brotli += c.brotli;
        }
    }
    Ok(written)
}

/// One file's size and what each of its copies weighs (the file's own size where the copy
/// was not written).
struct Copies {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// Compresses one file both ways; `None` when neither copy would be smaller (then none is
/// written).
fn write_one(path: &Path) -> Result<Option<Copies>> {
    let data = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let raw = data.len() as u64;
    let keep = |copy: Vec<u8>, out: PathBuf| -> Result<Option<u64>> {
        if copy.len() >= data.len() {
            return Ok(None);
        }
        fs::write(&out, &copy).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        Ok(Some(copy.len() as u64))
    };
    let gzip = keep(zopfli_gzip(&data)?, gz_path(path))?;
    let brotli = keep(brotli(&data)?, br_path(path))?;
    if gzip.is_none() && brotli.is_none() {
        return Ok(None);
    }
    Ok(Some(Copies {
        raw,
        gzip: gzip.unwrap_or(raw),
        brotli: brotli.unwrap_or(raw),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_smaller_copies_that_decode_to_the_file_and_drops_stale_ones() {
        let dir = crate::test_dir("gz", &["split"]);
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
        fs::write(dir.join("old.css.br"), brotli(b"b{}").unwrap()).unwrap();

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
            let br = fs::read(br_path(&dir.join(file))).unwrap();
            assert!(br.len() < gz.len(), "{file}: brotli {} bytes", br.len());
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut plain).expect("brotli decodes");
            assert_eq!(plain, want.as_bytes(), "{file}: brotli decodes to the file");
        }
        assert_eq!(w.raw, (text.len() * 3) as u64);
        assert!(w.brotli < w.gzip && w.gzip < w.raw / 4);
        for (file, why) in [
            ("tiny.json", "not smaller: none"),
            ("font.woff2", "fonts are compressed"),
            ("old.css", "stale copy removed"),
        ] {
            let path = dir.join(file);
            assert!(!gz_path(&path).exists(), "{file}: {why} (gzip)");
            assert!(!br_path(&path).exists(), "{file}: {why} (brotli)");
        }
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
