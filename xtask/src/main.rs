//! `cargo xtask` — the Atlas's dev tooling (plain std, so it compiles in seconds).
//!
//! ```text
//! cargo xtask setup [--browser]   install the pinned tools (idempotent, fast when done)
//! cargo xtask bundle              compile data/ into public/data/bundle.json (+ schema) and
//!                                 Natural Earth land into public/data/map.json
//! cargo xtask build               setup, bundle, trunk build --release  → dist/
//! cargo xtask serve               setup, bundle, trunk serve --release on 127.0.0.1:8080
//! cargo xtask test                everything CI runs (.ci/run execs this)
//! cargo xtask fonts               re-cut the committed font subsets in public/fonts
//! cargo xtask fuzz [--seconds N] [--target T]   run the cargo-fuzz targets in fuzz/
//! cargo xtask bench               benchmarks (search engines side by side) → bench/RESULTS.md
//! ```

mod bench;
mod fuzz;
mod size;

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The Trunk release this repo is built with (0.22 needs a newer rustc than ours).
const TRUNK_VERSION: &str = "0.21.14";
/// The wasm-opt release Trunk.toml pins; the npm package `binaryen` ships it.
const WASM_OPT_MAJOR: &str = "132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const MIN_NODE_MAJOR: u32 = 20;
const NPM_STAMP: &str = "node_modules/.atlas-stamp";
const BUNDLE_JSON: &str = "public/data/bundle.json";
const BUNDLE_SCHEMA: &str = "public/data/bundle.schema.json";
/// The base map of the map view, compiled from the npm package `world-atlas`.
const MAP_JSON: &str = "public/data/map.json";
const ICON_SVG: &str = "public/icons/icon.svg";
const ICON_DIR: &str = "public/icons";
const ICON_PNGS: [&str; 4] = [
    "public/icons/icon-192.png",
    "public/icons/icon-512.png",
    "public/icons/icon-maskable-512.png",
    "public/icons/apple-touch-icon.png",
];
const LAND_TOPOJSON: &str = "node_modules/world-atlas/land-50m.json";
const SERVE_ADDRESS: &str = "127.0.0.1";
const SERVE_PORT: &str = "8080";
/// The build-time renderer of the landing view (src/bin/prerender.rs): the app crate built
/// natively with Leptos's `ssr` feature (Trunk.toml runs it after every build).
const PRERENDER: [&str; 7] = [
    "-p",
    "atlas",
    "--no-default-features",
    "--features",
    "ssr",
    "--bin",
    "prerender",
];

type Result<T = (), E = String> = std::result::Result<T, E>;

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  setup [--browser]  Install the pinned toolchain pieces (wasm32 target, trunk, wasm-bindgen-cli,
                     npm packages incl. wasm-opt; with --browser also Debian's chromium).
                     Each step is skipped quickly when already done.
  bundle             Compile data/ into public/data/bundle.json, write
                     public/data/bundle.schema.json, and compile Natural Earth land (npm
                     world-atlas) into the base map public/data/map.json (all committed).
  build              setup + bundle + `trunk build --release` (output in dist/).
  serve              setup + bundle + `trunk serve --release` on http://127.0.0.1:8080/
                     (Trunk's pre_build hook recompiles the bundle when data/ changes).
  test               Everything CI runs, stopping at the first failure: setup (with chromium),
                     cargo fmt --check, clippy -D warnings, cargo test, bundle freshness check,
                     release build, first-load size budget, Playwright browser tests.
  size               The gzip first-load size of dist/, part by part, against the budget.
  lighthouse         Release build, then Lighthouse (mobile) on it: prints the four scores.
  fonts              Re-cut the font subsets committed in public/fonts from the npm package
                     @fontsource/ibm-plex-sans-arabic (fonttools from PyPI, in target/fontvenv).
  fuzz [--seconds N] [--target T] [--sanitizer address|none]
                     Run the fuzz targets in fuzz/ (load_bundle, search, normalize) for N
                     seconds each (default 60) with cargo-fuzz on stable (RUSTC_BOOTSTRAP=1),
                     installing cargo-fuzz when missing. Not part of `test`.
  bench              Benchmarks: synthetic corpora (1k/10k/100k records), the Atlas's search
                     engine as release WASM vs MiniSearch, FlexSearch, Fuse.js and Pagefind in
                     headless Chromium; criterion benches of atlas-core; the app end to end
                     (load, memory, keystroke) at 10k/100k; first-load size; Lighthouse; the
                     wasm per release-profile setting. Writes bench/results/*.json and
                     bench/RESULTS.md. `bench <step>` reruns one of core, e2e, size,
                     lighthouse, profiles.
  help               Show this message.";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("");
    let flags = args.get(1..).unwrap_or_default();

    let ctx = match Ctx::new() {
        Ok(ctx) => ctx,
        Err(e) => return fail(&e),
    };

    let result = match (command, flags) {
        ("setup", []) => setup(&ctx, false),
        ("setup", [flag]) if flag == "--browser" => setup(&ctx, true),
        ("bundle", []) => ensure_npm_packages(&ctx).and_then(|()| bundle(&ctx)),
        ("build", []) => build(&ctx),
        ("serve", []) => serve(&ctx),
        ("test", []) => test(&ctx),
        ("size", []) => size::check_budget(&ctx),
        ("lighthouse", []) => lighthouse(&ctx),
        ("fonts", []) => fonts(&ctx),
        ("bench", []) => bench::bench(&ctx),
        ("bench", [step]) => bench::step(&ctx, step),
        ("fuzz", flags) => fuzz::fuzz(&ctx, flags),
        ("" | "help" | "-h" | "--help", []) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("unknown command: {}\n\n{USAGE}", args.join(" "));
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("\nerror: {message}");
    ExitCode::FAILURE
}

/// Where the repo is, and the environment every child process gets.
struct Ctx {
    root: PathBuf,
}

impl Ctx {
    fn new() -> Result<Self> {
        // `cargo run` sets CARGO_MANIFEST_DIR at run time too; fall back to the build-time value.
        let manifest_dir = env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = manifest_dir
            .parent()
            .filter(|p| p.join("Cargo.toml").is_file())
            .ok_or_else(|| format!("cannot find the repo root above {}", manifest_dir.display()))?
            .to_path_buf();
        env::set_current_dir(&root).map_err(|e| format!("cannot enter {}: {e}", root.display()))?;

        // Child processes (and our own program look-ups) must find the tools we install:
        // node_modules/.bin first (wasm-opt 132 must win over Debian's binaryen 108), then
        // cargo's bin dir, then whatever the caller had.
        let cargo_home = env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        let mut path: Vec<PathBuf> = vec![root.join("node_modules").join(".bin")];
        path.extend(cargo_home.map(|c| c.join("bin")));
        path.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let mut seen = Vec::new();
        path.retain(|p| {
            let new = !seen.contains(p);
            seen.push(p.clone());
            new
        });
        let path: OsString =
            env::join_paths(path).map_err(|e| format!("cannot build PATH: {e}"))?;
        // Single-threaded at this point; everything spawned later inherits these.
        env::set_var("PATH", path);
        env::set_var("TRUNK_SKIP_VERSION_CHECK", "true");
        env::set_var("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env::set_var("npm_config_audit", "false");
        env::set_var("npm_config_fund", "false");
        env::set_var("npm_config_update_notifier", "false");

        Ok(Ctx { root })
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

// ─── process helpers ──────────────────────────────────────────────────────────────────────────

fn cmd<I, S>(program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut c = Command::new(program);
    c.args(args);
    c
}

fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    cmd("cargo", args)
}

fn shown(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(char::is_whitespace) {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs a command with inherited stdio; an error names the command and its exit status.
fn run(c: &mut Command) -> Result {
    let line = shown(c);
    println!("  $ {line}");
    let status = c
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Stdout of a successful command, or None (missing program, non-zero exit).
fn capture(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).stdin(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `<tool> --version` → its second word ("trunk 0.21.14" → "0.21.14").
fn tool_version(program: &str) -> Option<String> {
    let out = capture(&mut cmd(program, ["--version"]))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn mtime(p: &Path) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

// ─── setup ────────────────────────────────────────────────────────────────────────────────────

fn setup(ctx: &Ctx, with_chromium: bool) -> Result {
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

fn ensure_npm_packages(ctx: &Ctx) -> Result {
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

// ─── bundle / build / serve ───────────────────────────────────────────────────────────────────

/// Writes the bundle, its schema and the base map. The base map reads an npm package: callers
/// run `ensure_npm_packages` first (setup does).
fn bundle(ctx: &Ctx) -> Result {
    let out_dir = ctx.path(BUNDLE_JSON);
    let out_dir = out_dir.parent().expect("bundle path has a parent");
    fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;

    // The bundle and its JSON Schema (each written only when its bytes change).
    run(&mut cargo([
        "run",
        "--quiet",
        "-p",
        "atlas-bundle",
        "--",
        "build",
        "data",
        "-o",
        BUNDLE_JSON,
        "--schema",
        BUNDLE_SCHEMA,
    ]))?;
    // The app icons, rendered from the one source SVG.
    run(&mut cargo([
        "run",
        "--quiet",
        "-p",
        "atlas-bundle",
        "--",
        "icons",
        ICON_SVG,
        "-o",
        ICON_DIR,
    ]))?;

    if !ctx.path(LAND_TOPOJSON).is_file() {
        return Err(format!(
            "{LAND_TOPOJSON} is missing: the npm package world-atlas provides it \
             (`cargo xtask setup` installs the npm packages)"
        ));
    }
    run(&mut cargo([
        "run",
        "--quiet",
        "-p",
        "atlas-bundle",
        "--",
        "map",
        LAND_TOPOJSON,
        "-o",
        MAP_JSON,
    ]))?;
    println!("✓ bundle written: {BUNDLE_JSON}, {BUNDLE_SCHEMA}, {MAP_JSON}, icons");
    Ok(())
}

/// `trunk build --release`. Trunk.toml has `offline = true` (cargo gets `--offline`), so make
/// sure the wasm-only dependencies are in cargo's cache first (instant when they are).
/// `cargo xtask lighthouse`: the four Lighthouse scores of a fresh release build.
fn lighthouse(ctx: &Ctx) -> Result {
    setup(ctx, true)?;
    trunk_build()?;
    run(&mut cmd("node", ["bench/lighthouse.mjs", "dist"]))
}

fn trunk_build() -> Result {
    run(&mut cargo(["fetch", "--target", WASM_TARGET]))?;
    run(&mut cmd("trunk", ["build", "--release"]))
}

fn build(ctx: &Ctx) -> Result {
    setup(ctx, false)?;
    bundle(ctx)?;
    trunk_build()?;
    println!("✓ release build in {}", ctx.path("dist").display());
    Ok(())
}

fn serve(ctx: &Ctx) -> Result {
    setup(ctx, false)?;
    bundle(ctx)?;
    run(&mut cargo(["fetch", "--target", WASM_TARGET]))?;
    println!(
        "\n  The Atlas will be served at http://{SERVE_ADDRESS}:{SERVE_PORT}/ (Ctrl-C stops)\n"
    );
    run(&mut cmd(
        "trunk",
        [
            "serve",
            "--release",
            "--address",
            SERVE_ADDRESS,
            "--port",
            SERVE_PORT,
        ],
    ))
}

// ─── test (what CI runs) ──────────────────────────────────────────────────────────────────────

fn test(ctx: &Ctx) -> Result {
    let mut steps = Steps::new();
    steps.run("setup", "install/check tools, with chromium", || {
        setup(ctx, true)
    })?;
    steps.run("fmt", "cargo fmt --all -- --check", || {
        run(&mut cargo(["fmt", "--all", "--", "--check"]))
            .map_err(|e| format!("{e}\n  fix it with: cargo fmt --all"))
    })?;
    steps.run(
        "clippy",
        "cargo clippy --workspace --all-targets -- -D warnings",
        || {
            run(&mut cargo([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        },
    )?;
    steps.run(
        "prerender",
        "clippy and tests of the build-time renderer (the app crate, native, `ssr`)",
        || {
            let clippy = ["clippy"]
                .into_iter()
                .chain(PRERENDER)
                .chain(["--", "-D", "warnings"]);
            run(&mut cargo(clippy))?;
            run(&mut cargo(["test"].into_iter().chain(PRERENDER)))
        },
    )?;
    steps.run("unit tests", "cargo test --workspace", || {
        run(&mut cargo(["test", "--workspace"]))
    })?;
    steps.run(
        "bundle",
        "regenerate the bundle; the committed files must not change",
        || bundle_is_fresh(ctx),
    )?;
    steps.run("release build", "trunk build --release", trunk_build)?;
    steps.run(
        "size budget",
        "gzip first load of dist/ within the budget (xtask/src/size.rs)",
        || size::check_budget(ctx),
    )?;
    steps.run("browser tests", "npx playwright test", || {
        if !ctx.path("dist/index.html").is_file() {
            return Err("dist/index.html is missing after the release build".into());
        }
        run(&mut cmd("npx", ["--no-install", "playwright", "test"]))
    })?;
    steps.summary();
    println!("\n✓ all checks passed");
    Ok(())
}

/// Regenerates the bundle and fails if the committed artefacts were stale.
fn bundle_is_fresh(ctx: &Ctx) -> Result {
    let files: Vec<&str> = [BUNDLE_JSON, BUNDLE_SCHEMA, MAP_JSON]
        .into_iter()
        .chain(ICON_PNGS)
        .collect();
    let before: Vec<Option<Vec<u8>>> = files.iter().map(|f| fs::read(ctx.path(f)).ok()).collect();
    bundle(ctx)?;
    let stale: Vec<String> = files
        .iter()
        .zip(before)
        .filter_map(|(f, old)| {
            let new = fs::read(ctx.path(f)).ok();
            match (old, new) {
                (old, new) if old == new => None,
                (None, _) => Some(format!("{f} (was missing)")),
                (_, None) => Some(format!("{f} (was not regenerated)")),
                _ => Some(format!("{f} (changed)")),
            }
        })
        .collect();
    if stale.is_empty() {
        println!("✓ committed bundle files are up to date");
        Ok(())
    } else {
        Err(format!(
            "the committed bundle artefacts were out of date: {}.\n  They have now been \
             regenerated in your work tree: review and commit them \
             (git add public/data public/icons).",
            stale.join(", ")
        ))
    }
}

/// Named, timed steps with a summary table.
struct Steps {
    started: Instant,
    done: Vec<(&'static str, Duration, bool)>,
}

impl Steps {
    fn new() -> Self {
        Steps {
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    fn run(&mut self, name: &'static str, what: &str, f: impl FnOnce() -> Result) -> Result {
        println!("\n━━ step {}: {name} — {what}", self.done.len() + 1);
        let t = Instant::now();
        let result = f();
        let took = t.elapsed();
        self.done.push((name, took, result.is_ok()));
        match result {
            Ok(()) => {
                println!("━━ ✓ {name} ({})", fmt_duration(took));
                Ok(())
            }
            Err(e) => {
                println!("━━ ✗ {name} FAILED ({})", fmt_duration(took));
                self.summary();
                Err(format!("step `{name}` failed: {e}"))
            }
        }
    }

    fn summary(&self) {
        println!("\nstep             time  result");
        println!("──────────────────────────────");
        for (name, took, ok) in &self.done {
            let result = if *ok { "ok" } else { "FAILED" };
            println!("{name:<14} {:>7}  {result}", fmt_duration(*took));
        }
        println!("──────────────────────────────");
        println!(
            "{:<14} {:>7}",
            "total",
            fmt_duration(self.started.elapsed())
        );
    }
}

fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

// ─── fonts ────────────────────────────────────────────────────────────────────────────────────

/// Pinned PyPI packages for subsetting (fonttools) and WOFF2 compression (brotli).
const FONT_TOOLS: [&str; 2] = ["fonttools==4.68.0", "brotli==1.2.1"];
const FONT_PACKAGE: &str = "node_modules/@fontsource/ibm-plex-sans-arabic/files";
/// Arabic letters, marks, digits and punctuation, the extra letters of Moroccan and Persian
/// names (پ چ ژ ڤ ک ڭ گ ی), Persian digits, and the joiner/direction controls.
const ARABIC_UNICODES: &str =
    "U+0600-0671,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AD,U+06AF,U+06CC,U+06F0-06F9,U+200C-200F";
/// Basic Latin, Latin-1 (French and Spanish accents), general punctuation, ≈ and arrows.
const LATIN_UNICODES: &str =
    "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+202F-203A,U+2190-2193,U+2212,U+2248";
/// (source file in the npm package, committed output in public/fonts, code points)
const FONT_SUBSETS: [(&str, &str, &str); 3] = [
    (
        "ibm-plex-sans-arabic-arabic-400-normal.woff2",
        "plex-arabic-400.woff2",
        ARABIC_UNICODES,
    ),
    (
        "ibm-plex-sans-arabic-arabic-600-normal.woff2",
        "plex-arabic-600.woff2",
        ARABIC_UNICODES,
    ),
    (
        "ibm-plex-sans-arabic-latin-400-normal.woff2",
        "plex-latin-400.woff2",
        LATIN_UNICODES,
    ),
];

fn fonts(ctx: &Ctx) -> Result {
    ensure_npm_packages(ctx)?;
    let venv = ctx.path("target/fontvenv");
    let subset = venv.join("bin/pyftsubset");
    if !subset.exists() {
        run(cmd("python3", ["-m", "venv"]).arg(&venv))?;
        run(cmd(
            &venv.join("bin/pip").to_string_lossy(),
            ["install", "--quiet"],
        )
        .args(FONT_TOOLS))?;
    }
    for (src, out, unicodes) in FONT_SUBSETS {
        let src = ctx.path(FONT_PACKAGE).join(src);
        let out = ctx.path("public/fonts").join(out);
        run(cmd(
            &subset.to_string_lossy(),
            [
                format!("--unicodes={unicodes}"),
                "--layout-features=*".to_string(),
                "--flavor=woff2".to_string(),
                format!("--output-file={}", out.display()),
            ],
        )
        .arg(&src))?;
        let size = fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!("✓ {} ({size} bytes)", out.display());
    }
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

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(1234)), "1.2s");
        assert_eq!(fmt_duration(Duration::from_secs(125)), "2m05s");
    }
}
