//! One target directory, two checkouts: a clone in another directory (CI's clean clone, a
//! worktree) that builds with the same `CARGO_TARGET_DIR` shares the workspace crates'
//! artifacts with this one. Cargo names them by their path within the workspace, so both
//! checkouts write the same files, and it takes an artifact as up to date when it is newer
//! than the sources it read. A build here after a build there therefore reuses there's
//! compiled code whenever the sources here are older: seen on this project as a release
//! build without the last commit's change to the bundle decoder (the app refused the new
//! bundle) and, a session earlier, without its search change, with a first load 280 B off.
//!
//! [`claim`] records in the target directory which checkout built there last; when it was
//! another, it marks this checkout's workspace sources as just modified, so that cargo
//! rebuilds the workspace crates from them (dependencies are shared as before).

use crate::{Ctx, Result};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// The file in the target directory naming the checkout that built there last.
const STAMP: &str = ".atlas-checkout";

/// Makes the next cargo build in `ctx`'s target directory compile the workspace crates from
/// this checkout's sources if another checkout built there since (see the module docs).
pub fn claim(ctx: &Ctx) -> Result {
    let target = ctx.target_dir();
    let stamp = target.join(STAMP);
    let here = ctx.root.to_string_lossy().into_owned();
    let last = fs::read_to_string(&stamp).ok();
    if last.as_deref() == Some(here.as_str()) {
        return Ok(());
    }
    // A directory with builds but no stamp may hold another checkout's too.
    if target.exists() {
        let now = SystemTime::now();
        let mut touched = 0usize;
        // The xtask too: the one running may be the other checkout's, which the next
        // `cargo xtask` then rebuilds.
        for dir in ["src", "crates", "xtask", "index.html", "Cargo.toml"] {
            touched += touch_tree(&ctx.path(dir), now)?;
        }
        println!(
            "… {} was last built from {}: {touched} source files of this checkout marked as changed",
            target.display(),
            last.as_deref().unwrap_or("another checkout, or before this check")
        );
    }
    fs::create_dir_all(&target)
        .and_then(|()| fs::write(&stamp, &here))
        .map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// Sets the modification time of every file under `path` (or of `path`, a file) to `now`,
/// skipping build output; the number of files.
fn touch_tree(path: &Path, now: SystemTime) -> Result<usize> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(0),
    };
    if meta.is_file() {
        fs::File::options()
            .append(true)
            .open(path)
            .and_then(|f| f.set_modified(now))
            .map_err(|e| format!("cannot touch {}: {e}", path.display()))?;
        return Ok(1);
    }
    if !meta.is_dir() || path.file_name().is_some_and(|n| n == "target") {
        return Ok(0);
    }
    let mut n = 0;
    let entries = fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    for entry in entries.flatten() {
        n += touch_tree(&entry.path(), now)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn touch_tree_marks_sources_and_skips_build_output() {
        let dir = crate::test_dir("touch", &["src/views", "target"]);
        let files = ["src/lib.rs", "src/views/a.rs", "target/out.rs"];
        let old = SystemTime::now() - Duration::from_secs(3600);
        for f in files {
            let f = fs::File::create(dir.join(f)).unwrap();
            f.set_modified(old).unwrap();
        }
        let now = SystemTime::now();
        assert_eq!(touch_tree(&dir, now).unwrap(), 2);
        let mtime = |f: &str| fs::metadata(dir.join(f)).unwrap().modified().unwrap();
        assert!(mtime("src/lib.rs") >= now - Duration::from_secs(1));
        assert!(mtime("src/views/a.rs") >= now - Duration::from_secs(1));
        assert!(mtime("target/out.rs") < now - Duration::from_secs(60));
        assert_eq!(touch_tree(&dir.join("missing"), now).unwrap(), 0);
        fs::remove_dir_all(&dir).unwrap();
    }
}
