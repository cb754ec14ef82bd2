//! `cargo xtask` — the Atlas's dev tooling (plain std, so it compiles in seconds).
//!
//! ```text
//! cargo xtask setup [--browser]   install the pinned tools (idempotent, fast when done)
//! cargo xtask bundle              compile data/ into public/data/bundle.json (+ schema) and
//!                                 Natural Earth land into public/data/map.json
//! cargo xtask build               setup, bundle, trunk build --release, wasm split, gzip
//!                                 copies (Zopfli) → dist/
//! cargo xtask serve               setup, bundle, trunk serve --release on 127.0.0.1:8080
//! cargo xtask test                everything CI runs (.ci/run execs this)
//! cargo xtask size                the first load of dist/ as sent against the budget
//! cargo xtask lighthouse          release build, then Lighthouse (mobile) on it
//! cargo xtask fonts               re-cut the committed font subsets in public/fonts
//! cargo xtask fuzz [--seconds N] [--target T]   run the cargo-fuzz targets in fuzz/
//! cargo xtask bench [<step>]      benchmarks (search engines side by side, then the steps
//!                                 core, e2e, large, size, lighthouse, profiles) → bench/RESULTS.md
//!
//! `cargo xtask help` prints the full usage.
//! ```
//!
//! This file holds the command line, the bundle/build/serve commands and the `test` steps;
//! [`setup`] installs the pinned tools, [`process`] runs programs and timed steps, and
//! [`split`] is the release build's wasm split, [`precompress`] its gzip and Brotli copies, and
//! [`bench`], [`fuzz`], [`size`] and [`fonts`] are the commands of those names.

mod bench;
mod checkout;

/// A fresh directory for a test, `atlas-<name>-<pid>` in the temporary directory (what an
/// earlier run left there is removed), with the given subdirectories.
#[cfg(test)]
fn test_dir(name: &str, subdirs: &[&str]) -> PathBuf {
    let dir = env::temp_dir().join(format!("atlas-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    for sub in subdirs {
        fs::create_dir_all(dir.join(sub)).expect("a temporary directory");
    }
    dir
}
mod fonts;
mod fuzz;
mod precompress;
mod process;
mod setup;
mod size;
mod split;

use process::{atlas_bundle, cargo, cmd, run, Steps};
use setup::{ensure_npm_packages, setup};
use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
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
  build              setup + bundle + `trunk build --release`, then the wasm split (views
                     other than the landing one in chunks loaded on demand) and a Zopfli gzip
                     and a Brotli copy beside each text file (for hosts that send
                     precompressed files); output in dist/.
  serve              setup + bundle + `trunk serve --release` on http://127.0.0.1:8080/
                     (Trunk's pre_build hook recompiles the bundle when data/ changes).
  test               Everything CI runs, stopping at the first failure: setup (with chromium),
                     cargo fmt --check, clippy -D warnings, atlas-core's docs without
                     warnings, clippy and tests of the prerender
                     (native, `ssr`), cargo test, bundle freshness check, release build,
                     first-load size budget, Playwright browser tests.
  size               The first-load size of dist/ as sent (its Zopfli copies; gzip -9 beside),
                     part by part, against the budget.
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
                     bench/RESULTS.md. `bench <step>` reruns one of core, e2e, large, size,
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
        ("bundle", []) => ensure_npm_packages(&ctx)
            .and_then(|()| checkout::claim(&ctx))
            .and_then(|()| bundle(&ctx)),
        ("build", []) => build(&ctx),
        ("serve", []) => serve(&ctx),
        ("test", []) => test(&ctx),
        ("size", []) => size::check_budget(&ctx),
        ("lighthouse", []) => lighthouse(&ctx),
        ("fonts", []) => fonts::fonts(&ctx),
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

/// Cargo's home: `$CARGO_HOME`, else `~/.cargo`.
fn cargo_home() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
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
        let mut path: Vec<PathBuf> = vec![root.join("node_modules").join(".bin")];
        path.extend(cargo_home().map(|c| c.join("bin")));
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

    /// The cargo target directory (`CARGO_TARGET_DIR`, relative to the root, or `target/`).
    fn target_dir(&self) -> PathBuf {
        env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|p| {
                if p.is_absolute() {
                    p
                } else {
                    self.root.join(p)
                }
            })
            .unwrap_or_else(|| self.path("target"))
    }
}

// ─── bundle / build / serve ───────────────────────────────────────────────────────────────────

/// Writes the bundle, its schema and the base map. The base map reads an npm package: callers
/// run `ensure_npm_packages` first (setup does).
fn bundle(ctx: &Ctx) -> Result {
    let out_dir = ctx.path(BUNDLE_JSON);
    let out_dir = out_dir.parent().expect("bundle path has a parent");
    fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;

    // The bundle and its JSON Schema (each written only when its bytes change).
    run(&mut atlas_bundle([
        "build",
        "data",
        "-o",
        BUNDLE_JSON,
        "--schema",
        BUNDLE_SCHEMA,
    ]))?;
    // The app icons, rendered from the one source SVG.
    run(&mut atlas_bundle(["icons", ICON_SVG, "-o", ICON_DIR]))?;

    if !ctx.path(LAND_TOPOJSON).is_file() {
        return Err(format!(
            "{LAND_TOPOJSON} is missing: the npm package world-atlas provides it \
             (`cargo xtask setup` installs the npm packages)"
        ));
    }
    run(&mut atlas_bundle(["map", LAND_TOPOJSON, "-o", MAP_JSON]))?;
    println!("✓ bundle written: {BUNDLE_JSON}, {BUNDLE_SCHEMA}, {MAP_JSON}, icons");
    Ok(())
}

/// `cargo xtask lighthouse`: the four Lighthouse scores of a fresh release build.
fn lighthouse(ctx: &Ctx) -> Result {
    setup(ctx, true)?;
    release_build(ctx)?;
    run(&mut cmd("node", ["bench/lighthouse.mjs", "dist"]))
}

/// `trunk build --release`. Trunk.toml has `offline = true` (cargo gets `--offline`), so make
/// sure the wasm-only dependencies are in cargo's cache first (instant when they are).
fn trunk_build() -> Result {
    run(&mut cargo(["fetch", "--target", WASM_TARGET]))?;
    run(&mut cmd("trunk", ["build", "--release"]))
}

/// The release site in dist/: Trunk's build (page, CSS, assets, prerender, policy, service
/// worker), then its wasm replaced by the split one ([`split`]), then a gzip and a Brotli
/// copy beside each text file ([`precompress`]). `cargo xtask serve` stays a plain Trunk
/// build (no split: the `split` feature is off there).
fn release_build(ctx: &Ctx) -> Result {
    checkout::claim(ctx)?;
    trunk_build()?;
    split::split(ctx)?;
    let copies = precompress::precompress(&ctx.path("dist"))?;
    println!(
        "✓ precompressed: {} files, {} → {} Zopfli gzip, {} Brotli (beside each file)",
        copies.files,
        size::kb(copies.raw),
        size::kb(copies.gzip),
        size::kb(copies.brotli)
    );
    Ok(())
}

fn build(ctx: &Ctx) -> Result {
    setup(ctx, false)?;
    checkout::claim(ctx)?;
    bundle(ctx)?;
    release_build(ctx)?;
    println!("✓ release build in {}", ctx.path("dist").display());
    Ok(())
}

fn serve(ctx: &Ctx) -> Result {
    setup(ctx, false)?;
    checkout::claim(ctx)?;
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
        setup(ctx, true).and_then(|()| checkout::claim(ctx))
    })?;
    steps.run("fmt", "cargo fmt --all -- --check", || {
        run(&mut cargo(["fmt", "--all", "--", "--check"]))
            .map_err(|e| format!("{e}\n  fix it with: cargo fmt --all"))
    })?;
    steps.run("view! fmt", "leptosfmt --check src", || {
        run(&mut cmd("leptosfmt", ["--check", "--quiet", "src"]))
            .map_err(|e| format!("{e}\n  fix it with: leptosfmt src && cargo fmt --all"))
    })?;
    steps.run(
        "clippy",
        "cargo clippy --workspace --all-targets -- -D warnings; the app as the release \
         build compiles it (wasm, `split`)",
        || {
            run(&mut cargo([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))?;
            run(&mut cargo([
                "clippy",
                "-p",
                "atlas",
                "--target",
                WASM_TARGET,
                "--features",
                "split",
                "--",
                "-D",
                "warnings",
            ]))
        },
    )?;
    steps.run(
        "doc",
        "cargo doc -p atlas-core --no-deps, warnings denied",
        || run(cargo(["doc", "-p", "atlas-core", "--no-deps"]).env("RUSTDOCFLAGS", "-D warnings")),
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
    steps.run(
        "release build",
        "trunk build --release, then the wasm split (xtask/src/split.rs)",
        || release_build(ctx),
    )?;
    steps.run(
        "size budget",
        "gzip first load of dist/ within the budget (xtask/src/size.rs)",
        || size::check_budget(ctx),
    )?;
    steps.run("browser tests", "npx playwright test", || {
        if !ctx.path("dist/index.html").is_file() {
            return Err("dist/index.html is missing after the release build".into());
        }
        // The specs that split the bundle run the atlas-bundle the bundle step just built
        // rather than `cargo run` inside a test.
        let mut c = cmd("npx", ["--no-install", "playwright", "test"]);
        c.env(
            "ATLAS_BUNDLE_BIN",
            ctx.target_dir().join("debug").join("atlas-bundle"),
        );
        run(&mut c)
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
