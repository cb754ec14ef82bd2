//! `cargo xtask setup`: the pinned tools, each checked first and installed only when missing
//! or at another version.

use crate::process::{capture, cargo, cmd, mtime, run, tool_version};
use crate::{Ctx, Result, WASM_TARGET};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// The Trunk release this repo is built with (0.22 needs a newer rustc than ours).
const TRUNK_VERSION: &str = "0.21.14";
/// The wasm-opt release Trunk.toml pins; the npm package `binaryen` ships it.
const WASM_OPT_MAJOR: &str = "132";
const CHROMIUM: &str = "/usr/bin/chromium";
const MIN_NODE_MAJOR: u32 = 20;
const NPM_STAMP: &str = "node_modules/.atlas-stamp";

pub fn setup(ctx: &Ctx, with_chromium: bool) -> Result {
    ensure_wasm_target()?;
    ensure_trunk()?;
    let wasm_bindgen = wasm_bindgen_version(ctx)?;
    ensure_wasm_bindgen(&wasm_bindgen)?;
    check_trunk_toml(ctx, &wasm_bindgen)?;
    ensure_npm_packages(ctx)?;
    if with_chromium {
        ensure_chromium()?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Result {
    match capture(&mut cmd("rustup", ["target", "list", "--installed"])) {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => {
            println!("✓ rust target {WASM_TARGET} already installed");
            Ok(())
        }
        Some(_) => {
            println!("… adding rust target {WASM_TARGET}");
            run(&mut cmd("rustup", ["target", "add", WASM_TARGET]))?;
            println!("✓ rust target {WASM_TARGET} installed");
            Ok(())
        }
        None => {
            // No rustup (e.g. a distro toolchain): look in the sysroot instead.
            let sysroot = capture(&mut cmd("rustc", ["--print", "sysroot"]))
                .ok_or("neither rustup nor rustc could be run; install Rust with rustup")?;
            if Path::new(&sysroot)
                .join("lib/rustlib")
                .join(WASM_TARGET)
                .is_dir()
            {
                println!("✓ rust target {WASM_TARGET} present in {sysroot}");
                Ok(())
            } else {
                Err(format!(
                    "the {WASM_TARGET} target is missing and rustup is not available to add it"
                ))
            }
        }
    }
}

fn ensure_trunk() -> Result {
    let found = tool_version("trunk");
    if found.as_deref() == Some(TRUNK_VERSION) {
        println!("✓ trunk {TRUNK_VERSION} already installed");
        return Ok(());
    }
    println!(
        "… installing trunk {TRUNK_VERSION} (found: {}); a cold build takes ≈8 min",
        found.as_deref().unwrap_or("none")
    );
    run(&mut cargo([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))?;
    expect_version("trunk", TRUNK_VERSION)
}

/// After an install: the binary first on PATH must now report the wanted version.
fn expect_version(program: &str, wanted: &str) -> Result {
    match tool_version(program) {
        Some(v) if v == wanted => {
            println!("✓ {program} {wanted} installed");
            Ok(())
        }
        other => Err(format!(
            "installed {program} {wanted}, but `{program} --version` now reports {}; \
             is another {program} earlier on PATH?",
            other.as_deref().unwrap_or("nothing")
        )),
    }
}

/// The `wasm-bindgen` crate version in Cargo.lock (created first if missing).
fn wasm_bindgen_version(ctx: &Ctx) -> Result<String> {
    let lock = ctx.path("Cargo.lock");
    if !lock.is_file() {
        println!("… Cargo.lock is missing: resolving the workspace to create it");
        run(cargo(["metadata", "--format-version", "1"]).stdout(Stdio::null()))?;
    }
    let text =
        fs::read_to_string(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let versions = lock_versions(&text, "wasm-bindgen");
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(
            "Cargo.lock has no `wasm-bindgen` package; is the app crate a workspace member?".into(),
        ),
        many => Err(format!(
            "Cargo.lock has several wasm-bindgen versions ({}); pin one with `=` in Cargo.toml",
            many.join(", ")
        )),
    }
}

/// Versions of every `[[package]]` named `name` in a Cargo.lock.
fn lock_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut pkg_name = None;
        let mut version = None;
        for line in block.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                break; // a sub-table or the next section
            }
            if let Some(v) = toml_string(line, "name") {
                pkg_name = Some(v);
            } else if let Some(v) = toml_string(line, "version") {
                version = Some(v);
            }
        }
        if let (Some(n), Some(v)) = (pkg_name, version) {
            if n == name {
                versions.push(v.to_string());
            }
        }
    }
    versions
}

/// `key = "value"` → Some("value") (enough TOML for Cargo.lock and our Trunk.toml).
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    rest.split('"').next()
}

fn ensure_wasm_bindgen(version: &str) -> Result {
    let found = tool_version("wasm-bindgen");
    if found.as_deref() == Some(version) {
        println!("✓ wasm-bindgen-cli {version} already installed (matches Cargo.lock)");
        return Ok(());
    }
    println!(
        "… installing wasm-bindgen-cli {version} to match Cargo.lock (found: {}); ≈3 min",
        found.as_deref().unwrap_or("none")
    );
    let locked = run(&mut cargo([
        "install",
        "wasm-bindgen-cli",
        "--version",
        version,
        "--locked",
    ]));
    if let Err(e) = locked {
        println!(
            "! {e}\n  (wasm-bindgen-cli's own lockfile pins a crate version the registry lacks); \
             retrying without --locked"
        );
        run(&mut cargo([
            "install",
            "wasm-bindgen-cli",
            "--version",
            version,
        ]))?;
    }
    expect_version("wasm-bindgen", version)
}

/// Trunk refuses a wasm-bindgen CLI that differs from `[tools] wasm_bindgen`; say so early.
fn check_trunk_toml(ctx: &Ctx, wasm_bindgen: &str) -> Result {
    let path = ctx.path("Trunk.toml");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let pinned = text
        .lines()
        .find_map(|l| toml_string(l.trim(), "wasm_bindgen"));
    match pinned {
        Some(v) if v == wasm_bindgen => {
            println!("✓ Trunk.toml pins wasm_bindgen = \"{v}\" (matches Cargo.lock)");
            Ok(())
        }
        Some(v) => Err(format!(
            "Trunk.toml [tools] wasm_bindgen = \"{v}\" but Cargo.lock has wasm-bindgen \
             {wasm_bindgen}: set it to \"{wasm_bindgen}\""
        )),
        None => Err(format!(
            "Trunk.toml has no [tools] wasm_bindgen; add wasm_bindgen = \"{wasm_bindgen}\""
        )),
    }
}

pub fn ensure_npm_packages(ctx: &Ctx) -> Result {
    let node = capture(&mut cmd("node", ["--version"]))
        .ok_or_else(|| format!("node not found: install Node.js ≥ {MIN_NODE_MAJOR} and npm"))?;
    let major: u32 = node
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < MIN_NODE_MAJOR {
        return Err(format!(
            "node {node} is too old: Playwright needs Node.js ≥ {MIN_NODE_MAJOR}"
        ));
    }

    let lock = ctx.path("package-lock.json");
    let stamp = ctx.path(NPM_STAMP);
    let lock_time = mtime(&lock).ok_or("package-lock.json is missing")?;
    let manifest_time = mtime(&ctx.path("package.json")).unwrap_or(lock_time);
    let fresh = ctx.path("node_modules").is_dir()
        && mtime(&stamp).is_some_and(|s| s >= lock_time && s >= manifest_time);
    if fresh {
        println!("✓ npm packages already installed (node {node}, node_modules matches package-lock.json)");
    } else {
        println!("… installing npm packages (npm ci; no browser download)");
        run(&mut cmd("npm", ["ci", "--no-audit", "--no-fund"]))?;
        fs::write(
            &stamp,
            "`cargo xtask setup` ran `npm ci` for the package-lock.json older than this file\n",
        )
        .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
        println!("✓ npm packages installed (node {node})");
    }

    // Trunk's release build runs this wasm-opt; Debian's older binaryen breaks the output.
    let wasm_opt = ctx.path("node_modules/.bin/wasm-opt");
    let version = capture(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    if version.split_whitespace().nth(2) == Some(WASM_OPT_MAJOR) {
        println!("✓ wasm-opt {WASM_OPT_MAJOR} available (npm binaryen)");
        Ok(())
    } else {
        Err(format!(
            "{} --version printed {version:?}, expected version {WASM_OPT_MAJOR}; \
             check the binaryen pin in package.json",
            wasm_opt.display()
        ))
    }
}

fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() {
        let v = capture(&mut cmd(CHROMIUM, ["--version"])).unwrap_or_else(|| "chromium".into());
        println!("✓ {v} already installed ({CHROMIUM})");
        return Ok(());
    }
    let is_root = capture(&mut cmd("id", ["-u"])).as_deref() == Some("0");
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if !(is_root && has_apt) {
        return Err(format!(
            "Chromium is missing ({CHROMIUM}); the browser tests use Debian's build, never a \
             downloaded one. Install it with:\n    sudo apt-get update && sudo apt-get install -y chromium"
        ));
    }
    println!("… installing Debian's chromium (apt-get)");
    run(cmd("apt-get", ["update"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(cmd("apt-get", ["install", "-y", "chromium"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
    if !Path::new(CHROMIUM).exists() {
        return Err(format!(
            "apt-get installed chromium but {CHROMIUM} is still missing"
        ));
    }
    println!("✓ chromium installed ({CHROMIUM})");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "xtask"
version = "0.1.0"
"#;

    #[test]
    fn finds_exact_package_in_cargo_lock() {
        assert_eq!(lock_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(lock_versions(LOCK, "xtask"), ["0.1.0"]);
        assert!(lock_versions(LOCK, "wasm").is_empty());
    }

    #[test]
    fn reads_toml_strings() {
        assert_eq!(
            toml_string(r#"wasm_bindgen = "0.2.130""#, "wasm_bindgen"),
            Some("0.2.130")
        );
        assert_eq!(
            toml_string(r#"wasm_opt="version_132""#, "wasm_opt"),
            Some("version_132")
        );
        assert_eq!(toml_string(r#"wasm_opt = "x""#, "wasm_bindgen"), None);
        assert_eq!(toml_string("name = 3", "name"), None);
    }
}
