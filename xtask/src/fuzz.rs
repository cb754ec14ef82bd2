//! `cargo xtask fuzz [--seconds N] [--target T] [--sanitizer address|none]`: runs the
//! cargo-fuzz targets in `fuzz/` (load_bundle, search, normalize), one after the other, each
//! for N seconds (default 60), from seed corpora made of the shipped bundle, the bad-bundle
//! corpus and the bundle's texts; prints executions and crashes per target and fails on a
//! crash (the input is kept in fuzz/artifacts/<target>/, reproduce with
//! `cargo fuzz run <target> <file>` in fuzz/ with the same environment).
//!
//! The toolchain. cargo-fuzz passes nightly-only flags (`-Zsanitizer=address`,
//! `-Cpasses=sancov-module` with `-Zsanitizer-coverage-*` options); a fresh machine has only
//! stable 1.95. Measured on this machine kind (2 cores, Debian 12, rustc 1.95.0, cargo-fuzz
//! 0.13.2): `RUSTC_BOOTSTRAP=1` on stable is enough for both sanitizers —
//! the ASan runtime ships with the stable x86_64-unknown-linux-gnu std, so
//! `--sanitizer address` (cargo-fuzz's default) builds and runs; no nightly, no
//! `-Zbuild-std`. The first build takes ≈3.5 min (its own target dir, fuzz/target), later
//! ones seconds. atlas-core has no `unsafe`, so ASan mostly guards serde_json's; on the
//! normalize target it cost ≈20 % of the executions per second (4 400 vs 5 700 exec/s on a
//! loaded machine) and 15× the memory, so `--sanitizer none` is offered for long runs.
//! Targets are built with `--debug-assertions` (overflow checks too).
//! `cargo install cargo-fuzz --locked` (≈2 min) runs first when `cargo fuzz` is missing.
//!
//! Fuzzing is not part of `cargo xtask test`: its findings become unit tests in atlas-core.

use crate::process::{capture, cargo, run, shown};
use crate::{Ctx, Result, BUNDLE_JSON};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

pub const TARGETS: [&str; 3] = ["load_bundle", "search", "normalize"];

const DEFAULT_SECONDS: u64 = 60;

pub fn fuzz(ctx: &Ctx, args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = TARGETS.to_vec();
    let mut sanitizer = "address".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--seconds" => {
                let v = value()?;
                seconds = v
                    .parse()
                    .map_err(|_| format!("--seconds: `{v}` is not a number"))?;
            }
            "--target" => {
                let v = value()?;
                let t = TARGETS.iter().find(|t| **t == v.as_str()).ok_or(format!(
                    "no fuzz target `{v}` (targets: {})",
                    TARGETS.join(", ")
                ))?;
                targets = vec![t];
            }
            "--sanitizer" => {
                let v = value()?;
                if !["address", "none"].contains(&v.as_str()) {
                    return Err(format!("--sanitizer: `{v}` (address or none)"));
                }
                sanitizer = v.clone();
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    ensure_cargo_fuzz()?;
    let dir = ctx.path("fuzz");
    seed(ctx, &dir)?;

    let mut report = Vec::new();
    for target in &targets {
        println!("… fuzzing {target} for {seconds} s (sanitizer {sanitizer})");
        let outcome = run_target(&dir, target, seconds, &sanitizer)?;
        report.push((target.to_string(), outcome));
    }
    println!(
        "\n{:<12} {:>12} {:>9} {:>8}  result",
        "target", "executions", "exec/s", "seconds"
    );
    let mut failed = Vec::new();
    for (target, o) in &report {
        println!(
            "{target:<12} {:>12} {:>9} {:>8}  {}",
            o.execs.map_or("?".to_string(), |n| n.to_string()),
            o.execs_per_sec.map_or("?".to_string(), |n| n.to_string()),
            o.seconds,
            if o.crashed {
                format!("CRASH {}", o.artifact.as_deref().unwrap_or(""))
            } else {
                "no crash".into()
            }
        );
        if o.crashed {
            failed.push(target.clone());
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found a crash in {} (inputs in fuzz/artifacts/)",
            failed.join(", ")
        ))
    }
}

fn ensure_cargo_fuzz() -> Result {
    if let Some(v) = capture(&mut cargo(["fuzz", "--version"])) {
        println!("✓ {v} already installed");
        return Ok(());
    }
    println!("… installing cargo-fuzz (≈2 min)");
    run(&mut cargo(["install", "cargo-fuzz", "--locked"]))
}

struct Outcome {
    execs: Option<u64>,
    execs_per_sec: Option<u64>,
    seconds: u64,
    crashed: bool,
    artifact: Option<String>,
}

fn run_target(dir: &Path, target: &str, seconds: u64, sanitizer: &str) -> Result<Outcome> {
    let started = Instant::now();
    let mut c = cargo([
        "fuzz",
        "run",
        "--release",
        // Overflow checks and debug assertions on: an arithmetic slip is a finding too.
        "--debug-assertions",
        "--sanitizer",
        sanitizer,
        target,
        &format!("corpus/{target}"),
        "--",
    ]);
    c.arg(format!("-max_total_time={seconds}"))
        .arg("-print_final_stats=1")
        // Inputs as big as the shipped bundle (80 KB) for load_bundle; short texts otherwise.
        .arg(if target == "load_bundle" {
            "-max_len=131072"
        } else {
            "-max_len=4096"
        })
        .arg("-timeout=10");
    if target == "load_bundle" {
        c.arg("-dict=bundle.dict");
    }
    c.current_dir(dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped());
    println!("  $ RUSTC_BOOTSTRAP=1 {} (in fuzz/)", shown(&c));
    let mut child = c
        .spawn()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let mut execs = None;
    let mut execs_per_sec = None;
    let mut crashed = false;
    let mut artifact = None;
    let stderr = child.stderr.take().expect("piped");
    for line in BufReader::new(stderr).lines() {
        let line = line.map_err(|e| format!("reading cargo fuzz output: {e}"))?;
        // libFuzzer's NEW/REDUCE lines are noise here; keep pulses, errors and stats.
        let noisy = line.starts_with('#')
            && (line.contains("\tNEW ")
                || line.contains("\tREDUCE ")
                || line.contains("\tRELOAD "));
        if !noisy {
            eprintln!("{line}");
        }
        if let Some(n) = stat(&line, "stat::number_of_executed_units:") {
            execs = Some(n);
        }
        if let Some(n) = stat(&line, "stat::average_exec_per_sec:") {
            execs_per_sec = Some(n);
        }
        if line.contains("panicked at")
            || line.starts_with("==") && line.contains("ERROR")
            || line.contains("deadly signal")
        {
            crashed = true;
        }
        if let Some(rest) = line.split("Test unit written to ").nth(1) {
            crashed = true;
            artifact = Some(rest.trim().to_string());
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for cargo fuzz: {e}"))?;
    if !status.success() && !crashed {
        return Err(format!("cargo fuzz run {target} failed ({status})"));
    }
    Ok(Outcome {
        execs,
        execs_per_sec,
        seconds: started.elapsed().as_secs(),
        crashed: crashed || !status.success(),
        artifact,
    })
}

fn stat(line: &str, key: &str) -> Option<u64> {
    line.strip_prefix(key)?.trim().parse().ok()
}

/// Seed corpora (idempotent): the shipped bundle, the committed bad bundles and a minimal
/// valid bundle for load_bundle; queries and the bundle's own texts for search and
/// normalize.
fn seed(ctx: &Ctx, dir: &Path) -> Result {
    let write = |target: &str, name: &str, bytes: &[u8]| -> Result {
        let d = dir.join("corpus").join(target);
        fs::create_dir_all(&d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
        let p = d.join(name);
        if fs::read(&p).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
    };
    let bundle_path = ctx.path(BUNDLE_JSON);
    let bundle = fs::read(&bundle_path)
        .map_err(|e| format!("cannot read {}: {e}", bundle_path.display()))?;
    write("load_bundle", "seed-shipped-bundle.json", &bundle)?;
    write(
        "load_bundle",
        "seed-minimal-bundle.json",
        br#"{"schema_version":1,"sources":[],"countries":[],"places":[],"organizations":[],"people":[],"topics":[],"events":[],"figures":[],"disagreements":[]}"#,
    )?;
    let bad = ctx.path("tests/fixtures/bad-bundles");
    if let Ok(entries) = fs::read_dir(&bad) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // The committed cases (the huge generated ones only slow the fuzzer down).
            if name.ends_with(".json") && name != "cases.json" && !name.contains("template") {
                let bytes = fs::read(e.path()).map_err(|e| format!("{name}: {e}"))?;
                if bytes.len() <= 131_072 {
                    write("load_bundle", &format!("seed-bad-{name}"), &bytes)?;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&bundle);
    let texts = bundle_texts(&text);
    for (i, t) in texts.iter().enumerate() {
        write("normalize", &format!("seed-text-{i:03}"), t.as_bytes())?;
    }
    let queries = [
        "مراكش",
        "بمراكش",
        "\"المؤتمر العالمي\"",
        "«الأمن الكيميائي»",
        "“chemical security”",
        "interpol",
        "INTERPOL Glasgow 2022",
        "الإنتربول ",
        "congresses",
        "marrakesh",
        "٢٠٢٢",
        "dgsn المديرية",
        "والمغرب",
        "ﻻ ﷺ ½ Laâyoune",
        "\"",
        "«",
        "في من",
    ];
    for (i, q) in queries.iter().enumerate() {
        write("search", &format!("seed-query-{i:02}"), q.as_bytes())?;
        write("normalize", &format!("seed-query-{i:02}"), q.as_bytes())?;
    }
    // Words of the bundle's titles, as queries.
    for (i, t) in texts.iter().take(60).enumerate() {
        let words: Vec<&str> = t.split_whitespace().take(3).collect();
        write(
            "search",
            &format!("seed-title-{i:03}"),
            words.join(" ").as_bytes(),
        )?;
    }
    println!(
        "✓ seed corpora in fuzz/corpus ({} bundle texts, {} queries)",
        texts.len(),
        queries.len()
    );
    Ok(())
}

/// The values of `"ar":"…"`, `"en":"…"` and `"fr":"…"` in the bundle JSON (no JSON parser in
/// the xtask; escapes are kept as written, fine for seeds).
fn bundle_texts(json: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["\"ar\":\"", "\"en\":\"", "\"fr\":\""] {
        for piece in json.split(key).skip(1) {
            let mut end = 0;
            let bytes = piece.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            let end = end.min(piece.len());
            if let Some(s) = piece.get(..end) {
                if !s.is_empty() {
                    out.push(s.to_string());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
