//! The benchmark steps after the search engines, registered in [`super::EXTRA_STEPS`]: each
//! writes its own bench/results/<name>.json (`{ title, machine, date, markdown, … }`) for
//! bench/report.mjs.

use super::WASM_OPT_FEATURES;
use crate::process::{atlas_bundle_release, capture, cargo, cmd, run};
use crate::{release_build, size, Ctx, Result, WASM_TARGET};
use std::fs;

/// `cargo bench -p atlas-core --bench search --bench fragment` over the synthetic corpora,
/// then bench/core.mjs turns criterion's estimates into bench/results/core.json.
pub fn core(ctx: &Ctx) -> Result {
    crate::checkout::claim(ctx)?;
    run(cargo([
        "bench",
        "-p",
        "atlas-core",
        "--bench",
        "search",
        "--bench",
        "fragment",
    ])
    .env("ATLAS_BENCH_CORPUS", ctx.path("target/bench-corpus")))?;
    run(&mut cmd("node", ["bench/core.mjs"]))
}

/// The release app, then bench/e2e.mjs: load, memory and keystroke latency for the shipped
/// data and the 10k and 100k corpora.
pub fn e2e(ctx: &Ctx) -> Result {
    release_build(ctx)?;
    run(&mut cmd(
        "node",
        [
            "bench/e2e.mjs",
            "dist",
            "target/bench-corpus/10k",
            "target/bench-corpus/100k",
        ],
    ))
}

/// The 100k corpus split (`atlas-bundle split`), then bench/large.mjs: the release app in
/// large-catalog mode → bench/results/large.json.
pub fn large(ctx: &Ctx) -> Result {
    let split = ctx.path("target/bench-corpus/100k-split");
    run(atlas_bundle_release(["split", "target/bench-corpus/100k/bundle.json", "-o"]).arg(&split))?;
    release_build(ctx)?;
    run(cmd("node", ["bench/large.mjs", "dist"])
        .arg(&split)
        .arg("bench/results/large.json"))
}

/// The first-load size of dist/, part by part → bench/results/size.json.
pub fn first_load(ctx: &Ctx) -> Result {
    let parts = size::first_load(&ctx.path("dist"))?;
    let total = size::sent(&parts);
    let gzip: u64 = parts.iter().map(|p| p.gzip).sum();
    let brotli = size::brotli(&parts);
    let mut md = size::table(&parts);
    md.push_str(&format!(
        "\nEvery file a first visit downloads before the app answers a search, as sent: the \
         build's precompressed copy (Zopfli gzip, `file.gz`, which nginx `gzip_static`, Caddy \
         or an object store sends), or `gzip -9` where there is none; a host compressing on the \
         fly sends the `gzip -9` column at best ({}). The last column is what a host that \
         also serves the build's Brotli copies (`file.br`: nginx `brotli_static`, Caddy \
         `precompressed br gzip`) sends: every current browser asks for Brotli ({}, {:.0} % \
         fewer bytes than the gzip copies). Not counted: the facet groups' wasm \
         chunks, which the app fetches beside once it has started (`group_view` in \
         src/components/facet_panel.rs), and the service worker's precache. Goal {} gzip; `cargo \
         xtask test` fails above {} (xtask/src/size.rs). Now {}.",
        size::kb(gzip),
        size::kb(brotli),
        100.0 * (1.0 - brotli as f64 / total as f64),
        size::kb(size::GOAL),
        size::kb(size::BUDGET),
        size::kb(total)
    ));
    write_result(
        ctx,
        "size",
        "First load, gzip, part by part",
        &md,
        &format!(
            "{{\"total_sent\": {total}, \"total_gzip\": {gzip}, \"total_brotli\": {brotli}, \
             \"goal\": {}, \"budget\": {}}}",
            size::GOAL,
            size::BUDGET
        ),
    )
}

/// One release-profile variant of the app's wasm: (name, cargo --config overrides, run
/// wasm-opt -Oz after wasm-bindgen).
const VARIANTS: [(&str, &[&str], bool); 7] = [
    (
        "shipped: opt-level z, LTO, 1 codegen unit, panic abort, wasm-opt -Oz",
        &[],
        true,
    ),
    ("without wasm-opt", &[], false),
    ("opt-level s", &["profile.release.opt-level=\"s\""], true),
    ("opt-level 3", &["profile.release.opt-level=3"], true),
    ("no LTO", &["profile.release.lto=false"], true),
    (
        "16 codegen units",
        &["profile.release.codegen-units=16"],
        true,
    ),
    ("panic unwind", &["profile.release.panic=\"unwind\""], true),
];

/// What each release-profile setting buys: the app's wasm built with one setting changed at a
/// time, measured raw and gzip -9 → bench/results/profile.json. Builds in its own target dir
/// (target/profile-variants) so the regular builds stay warm; about 3 minutes a variant.
pub fn profiles(ctx: &Ctx) -> Result {
    let target = ctx.path("target/profile-variants");
    let out = target.join("out");
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut rows = Vec::new();
    for (i, (name, overrides, opt)) in VARIANTS.iter().enumerate() {
        let mut c = cargo(["build", "--release", "--target", WASM_TARGET, "-p", "atlas"]);
        c.env("CARGO_TARGET_DIR", &target);
        for o in *overrides {
            c.args(["--config", o]);
        }
        // A setting the target cannot build with (wasm32's std is built for panic=abort)
        // is a row of the table, not the end of the benchmark.
        if let Err(e) = run(&mut c) {
            println!("✗ {name}: does not build ({e})");
            rows.push((*name, 0, 0));
            continue;
        }
        let wasm = target.join(WASM_TARGET).join("release").join("atlas.wasm");
        let dir = out.join(i.to_string());
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        run(cmd(
            "wasm-bindgen",
            ["--target", "web", "--no-typescript", "--out-dir"],
        )
        .arg(&dir)
        .arg(&wasm))?;
        let bg = dir.join("atlas_bg.wasm");
        if *opt {
            run(cmd("wasm-opt", ["-Oz"])
                .args(WASM_OPT_FEATURES)
                .arg(&bg)
                .arg("-o")
                .arg(&bg))?;
        }
        let raw = fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
        let gz = size::gzip_len(&bg)?;
        println!("✓ {name}: {} raw, {} gzip", size::kb(raw), size::kb(gz));
        rows.push((*name, raw, gz));
    }
    let base = rows.first().map_or(0, |r| r.2) as f64;
    let mut md = String::from(
        "| release profile | wasm raw | wasm gzip -9 | vs shipped |\n|---|---:|---:|---:|\n",
    );
    for (name, raw, gz) in &rows {
        if *gz == 0 {
            md.push_str(&format!("| {name} | does not build | | |\n"));
            continue;
        }
        md.push_str(&format!(
            "| {name} | {} | {} | {:+.1} % |\n",
            size::kb(*raw),
            size::kb(*gz),
            (*gz as f64 / base - 1.0) * 100.0
        ));
    }
    md.push_str(
        "\nEach row changes one setting of the shipped profile (Cargo.toml `[profile.release]`), \
         built with `cargo build --release --target wasm32-unknown-unknown -p atlas --config …`, \
         then wasm-bindgen and, but for one row, `wasm-opt -Oz` (binaryen 132), as Trunk does. \
         Leptos `erase_components` (.cargo/config.toml) is on in every row.",
    );
    let data: Vec<String> = rows
        .iter()
        .map(|(n, r, g)| format!("{{\"variant\": \"{n}\", \"raw\": {r}, \"gzip\": {g}}}"))
        .collect();
    write_result(
        ctx,
        "profile",
        "What each release-profile setting buys (app wasm)",
        &md,
        &format!("[{}]", data.join(", ")),
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_result(ctx: &Ctx, name: &str, title: &str, markdown: &str, data: &str) -> Result {
    let machine = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let date = capture(&mut cmd("date", ["-u", "+%Y-%m-%dT%H:%M:%SZ"])).unwrap_or_default();
    let json = format!(
        "{{\n  \"title\": {},\n  \"machine\": {},\n  \"date\": {},\n  \"markdown\": {},\n  \"data\": {}\n}}\n",
        json_string(title),
        json_string(&format!("{machine}, {cores} cores")),
        json_string(date.trim()),
        json_string(markdown),
        data
    );
    let path = ctx.path("bench/results").join(format!("{name}.json"));
    fs::create_dir_all(ctx.path("bench/results")).map_err(|e| e.to_string())?;
    fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        assert_eq!(json_string("أطلس | `x`"), "\"أطلس | `x`\"");
    }
}
