//! `cargo xtask bench`: the benchmarks whose numbers go into bench/RESULTS.md.
//!
//! Runs on a fresh machine: everything comes from the project's own files (setup installs the
//! pinned tools, the npm devDependencies and Debian's Chromium).
//!
//! 1. setup (with Chromium);
//! 2. synthetic corpora of 1k, 10k and 100k records (fixed seed) in target/bench-corpus/;
//! 3. the Atlas's search engine as release WASM (crates/atlas-bench-wasm → wasm-bindgen →
//!    wasm-opt -Oz, as Trunk does for the app) in target/bench-wasm/;
//! 4. `node bench/engines/run.mjs`: Atlas vs MiniSearch, FlexSearch, Fuse.js and Pagefind in
//!    headless Chromium → bench/results/engines.json;
//! 5. the extra steps in [`EXTRA_STEPS`];
//! 6. `node bench/report.mjs`: bench/RESULTS.md from every bench/results/*.json.

mod steps;

use crate::process::{atlas_bundle_release, cargo, cmd, run, Steps};
use crate::setup::setup;
use crate::{Ctx, Result, WASM_TARGET};
use std::fs;

/// The corpora: (directory under target/bench-corpus, records).
const CORPORA: [(&str, u32); 3] = [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)];
/// The same seed every run, so every machine benchmarks the same records and queries.
const SEED: &str = "1";
const CORPUS_DIR: &str = "target/bench-corpus";
const BENCH_CRATE: &str = "atlas-bench-wasm";
/// The Pagefind version benchmarked (installed by the engines step, not in package.json).
const PAGEFIND: &str = "pagefind@1.6.0";
const BENCH_WASM_OUT: &str = "target/bench-wasm";
/// The features the app's wasm-opt run enables (index.html, `data-wasm-opt-params`).
pub const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// A benchmark step that writes its own bench/results/<name>.json
/// (`{ "title", "machine", "date", "markdown", …raw data }`).
type Step = (&'static str, &'static str, fn(&Ctx) -> Result);

// ─── EXTRA STEPS: a new benchmark is registered here (and named in main.rs's USAGE) ─────────
const EXTRA_STEPS: &[Step] = &[
    (
        "core",
        "cargo bench -p atlas-core (criterion) → bench/results/core.json",
        steps::core,
    ),
    (
        "e2e",
        "release app: load, memory, keystroke → frame at shipped/10k/100k → bench/results/e2e.json",
        steps::e2e,
    ),
    (
        "large",
        "release app in large-catalog mode on the 100k corpus split → bench/results/large.json",
        steps::large,
    ),
    (
        "size",
        "gzip first load of dist/ → bench/results/size.json",
        steps::first_load,
    ),
    (
        "lighthouse",
        "Lighthouse mobile on dist/ → bench/results/lighthouse.json",
        |_| run(&mut cmd("node", ["bench/lighthouse.mjs", "dist"])),
    ),
    (
        "profiles",
        "the app's wasm per release-profile setting → bench/results/profile.json",
        steps::profiles,
    ),
];
// ─── end of EXTRA STEPS ──────────────────────────────────────────────────────────────────────

/// `cargo xtask bench <step>`: one of the extra steps alone (e.g. `size`, `e2e`), then the
/// report; the corpora and the bench wasm must exist (a full `cargo xtask bench` makes them).
pub fn step(ctx: &Ctx, name: &str) -> Result {
    let (_, _, f) = EXTRA_STEPS
        .iter()
        .find(|(n, _, _)| *n == name)
        .ok_or_else(|| {
            let names: Vec<&str> = EXTRA_STEPS.iter().map(|(n, _, _)| *n).collect();
            format!("no bench step `{name}`; there are: {}", names.join(", "))
        })?;
    f(ctx)?;
    run(&mut cmd("node", ["bench/report.mjs"]))
}

pub fn bench(ctx: &Ctx) -> Result {
    let mut steps = Steps::new();
    steps.run("setup", "install/check tools, with chromium", || {
        setup(ctx, true)
    })?;
    steps.run(
        "corpora",
        "atlas-bundle synth: 1k, 10k, 100k records (seed 1)",
        || synth_corpora(ctx),
    )?;
    steps.run(
        "bench wasm",
        "crates/atlas-bench-wasm → release wasm + wasm-bindgen + wasm-opt",
        || build_bench_wasm(ctx),
    )?;
    steps.run(
        "engines",
        "node bench/engines/run.mjs (headless Chromium)",
        || {
            // Pagefind ships its indexer as per-platform npm packages, and the registry here
            // lacks the macOS/Windows ones, so it cannot sit in package-lock.json (npm ci would
            // refuse the lock). It is installed for the benchmark only, at a pinned version.
            run(&mut cmd(
                "npm",
                ["install", "--no-save", "--no-audit", "--no-fund", PAGEFIND],
            ))?;
            let mut c = cmd("node", ["bench/engines/run.mjs"]);
            for (dir, _) in CORPORA {
                c.arg(format!("{CORPUS_DIR}/{dir}"));
            }
            run(&mut c)
        },
    )?;
    for (name, what, f) in EXTRA_STEPS {
        steps.run(name, what, || f(ctx))?;
    }
    steps.run(
        "report",
        "node bench/report.mjs → bench/RESULTS.md",
        || run(&mut cmd("node", ["bench/report.mjs"])),
    )?;
    steps.summary();
    println!("\n✓ benchmarks done: bench/RESULTS.md");
    Ok(())
}

fn synth_corpora(ctx: &Ctx) -> Result {
    for (dir, records) in CORPORA {
        let out = ctx.path(CORPUS_DIR).join(dir);
        // synth writes each file only when its bytes change, so a warm run costs seconds.
        run(atlas_bundle_release([
            "synth",
            "--records",
            &records.to_string(),
            "--seed",
            SEED,
            "-o",
        ])
        .arg(&out))?;
    }
    Ok(())
}

fn build_bench_wasm(ctx: &Ctx) -> Result {
    run(&mut cargo([
        "build",
        "--release",
        "--target",
        WASM_TARGET,
        "-p",
        BENCH_CRATE,
    ]))?;
    let wasm = ctx
        .path("target")
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{}.wasm", BENCH_CRATE.replace('-', "_")));
    let out = ctx.path(BENCH_WASM_OUT);
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    run(cmd("wasm-bindgen", ["--target", "web", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    // As Trunk does for the app's release build (wasm-opt 132 from npm binaryen, first on PATH).
    let bg = out.join(format!("{}_bg.wasm", BENCH_CRATE.replace('-', "_")));
    run(cmd("wasm-opt", ["-Oz"])
        .args(WASM_OPT_FEATURES)
        .arg(&bg)
        .arg("-o")
        .arg(&bg))?;
    let size = fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
    println!("✓ {} ({size} bytes)", bg.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_names_every_step() {
        let names: Vec<&str> = EXTRA_STEPS.iter().map(|(n, _, _)| *n).collect();
        let usage = crate::USAGE
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let listed = format!("reruns one of {}.", names.join(", "));
        assert!(usage.contains(&listed), "USAGE should say `{listed}`");
    }
}
