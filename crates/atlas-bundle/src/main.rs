//! `atlas-bundle`: compile, check and describe the Atlas data.
//!
//! ```text
//! atlas-bundle build <data-dir> -o <bundle.json> [--schema <bundle.schema.json>]
//! atlas-bundle check <data-dir | bundle.json>   (a bundle file gets the app's own diagnosis;
//!     either way every text must be in all four languages)
//! atlas-bundle bad-bundles <dir> [--bundle <bundle.json>] [--huge]   (the bad-bundle corpus)
//! atlas-bundle schema
//! atlas-bundle map <land-topojson> -o <map.json>
//! atlas-bundle icons <icon.svg> -o <dir>
//! atlas-bundle synth --records N [--seed S] -o <dir> [--split]   (benchmark corpus: bundle.json, docs.json, queries.json; --split: also <dir>/split/)
//! atlas-bundle split <bundle.json> -o <dir> [--fragment-size N]   (manifest, record fragments, term shards, facet table)
//! atlas-bundle finalize [<built-site-dir>]   (default: $TRUNK_STAGING_DIR, for Trunk's post_build hook):
//!     writes the style sheet into index.html (`<style>`, the file removed), then the
//!     Content-Security-Policy, then the service worker sw.js
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  atlas-bundle build <data-dir> -o <bundle.json> [--schema <schema.json>]
  atlas-bundle check <data-dir | bundle.json>
  atlas-bundle plurals <data-dir>
  atlas-bundle bad-bundles <dir> [--bundle <bundle.json>] [--huge]
  atlas-bundle schema
  atlas-bundle map <land-topojson> -o <map.json>
  atlas-bundle icons <icon.svg> -o <dir>
  atlas-bundle synth --records N [--seed S] -o <dir> [--split]
  atlas-bundle split <bundle.json> -o <dir> [--fragment-size N]
  atlas-bundle finalize [<built-site-dir>]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

fn compile(dir: &Path) -> Result<atlas_core::Bundle, String> {
    atlas_bundle::compile(dir).map_err(|diags| {
        let mut msg = String::new();
        for d in &diags {
            msg.push_str(&format!("error: {d}\n"));
        }
        msg.push_str(&format!("{} problem(s) in {}", diags.len(), dir.display()));
        msg
    })
}

/// Writes only when the content changed, so file watchers see no spurious change.
fn write_if_changed(path: &Path, content: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") => {
            let mut dir = None;
            let mut out = None;
            let mut schema = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "-o" | "--output" => out = it.next().map(PathBuf::from),
                    "--schema" => schema = it.next().map(PathBuf::from),
                    other if dir.is_none() && !other.starts_with('-') => {
                        dir = Some(PathBuf::from(other))
                    }
                    other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
                }
            }
            let dir = dir.ok_or_else(|| format!("missing <data-dir>\n{USAGE}"))?;
            let out = out.ok_or_else(|| format!("missing -o <bundle.json>\n{USAGE}"))?;
            let bundle = compile(&dir)?;
            write_if_changed(&out, &atlas_bundle::to_json(&bundle))?;
            if let Some(schema) = schema {
                write_if_changed(&schema, &atlas_bundle::schema_json())?;
            }
            eprintln!(
                "bundle: {} events, {} figures, {} people, {} organisations, {} places, {} sources → {}",
                bundle.events.len(),
                bundle.figures.len(),
                bundle.people.len(),
                bundle.organizations.len(),
                bundle.places.len(),
                bundle.sources.len(),
                out.display()
            );
            Ok(())
        }
        Some("check") => {
            let dir = args
                .get(1)
                .ok_or_else(|| format!("missing <data-dir>\n{USAGE}"))?;
            let bundle = if Path::new(dir).is_file() {
                check_file(Path::new(dir))?
            } else {
                compile(Path::new(dir))?
            };
            let records = bundle.records();
            eprintln!("{dir}: ok ({records} records)");
            Ok(())
        }
        Some("plurals") => {
            let dir = Path::new(
                args.get(1)
                    .ok_or_else(|| format!("missing <data-dir>\n{USAGE}"))?,
            );
            let bundle = compile(dir)?;
            let reviewed = atlas_bundle::reviewed_not_plurals(dir)?;
            let missing = atlas_bundle::plurals::missing(&bundle, &reviewed);
            for c in &missing {
                println!("{}\t{}\t{}\t{}", c.word, c.pattern, c.count, c.example);
            }
            eprintln!(
                "{} word(s) look like broken plurals with no entry in the lexicon ({} entries); \
                 add each to a [[plural]] table, or to not_plural = [...] if it is not one",
                missing.len(),
                bundle.plurals.len()
            );
            Ok(())
        }
        Some("synth") => synth(&args[1..]),
        Some("split") => split(&args[1..]),
        Some("bad-bundles") => bad_bundles(&args[1..]),
        Some("schema") => {
            print!("{}", atlas_bundle::schema_json());
            Ok(())
        }
        Some("icons") => {
            let (svg, out) = match &args[1..] {
                [svg, o, out] if o == "-o" => (PathBuf::from(svg), PathBuf::from(out)),
                _ => {
                    return Err(format!(
                        "usage: atlas-bundle icons <icon.svg> -o <dir>\n{USAGE}"
                    ))
                }
            };
            let written = atlas_bundle::icons::write_all(&svg, &out)?;
            eprintln!("icons: {} → {}", written.join(", "), out.display());
            Ok(())
        }
        Some("finalize") => {
            let dir = match args.get(1) {
                Some(d) => PathBuf::from(d),
                None => std::env::var_os("TRUNK_STAGING_DIR")
                    .map(PathBuf::from)
                    .ok_or_else(|| {
                        format!("missing <built-site-dir> (or TRUNK_STAGING_DIR)\n{USAGE}")
                    })?,
            };
            // The style sheet into the page, then the policy (it hashes that text), then the
            // worker (its version hashes the page as written).
            let index = dir.join("index.html");
            let html = std::fs::read_to_string(&index)
                .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
            let (html, sheets) = atlas_bundle::style::inline(&html, &dir)?;
            let origins: Vec<&str> = option_env!("ATLAS_PARTNER_ORIGINS")
                .unwrap_or("")
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .collect();
            let html = atlas_bundle::csp::inject(&html, &origins)?;
            std::fs::write(&index, html)
                .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
            atlas_bundle::style::remove(&dir, &sheets)?;
            for css in &sheets {
                eprintln!("index.html: {css} written into the page");
            }
            let (n, version) = atlas_bundle::precache::write(&dir)?;
            eprintln!("sw.js: {n} files precached, version {version}");
            Ok(())
        }
        Some("map") => {
            let mut input = None;
            let mut out = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "-o" | "--output" => out = it.next().map(PathBuf::from),
                    other if input.is_none() && !other.starts_with('-') => {
                        input = Some(PathBuf::from(other))
                    }
                    other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
                }
            }
            let input = input.ok_or_else(|| format!("missing <land-topojson>\n{USAGE}"))?;
            let out = out.ok_or_else(|| format!("missing -o <map.json>\n{USAGE}"))?;
            let text = std::fs::read_to_string(&input).map_err(|e| {
                format!(
                    "cannot read {}: {e} (the npm package world-atlas provides it: \
                     `cargo xtask setup` installs it)",
                    input.display()
                )
            })?;
            let map =
                atlas_bundle::map::build(&text).map_err(|e| format!("{}: {e}", input.display()))?;
            let json = atlas_bundle::map::to_json(&map);
            write_if_changed(&out, &json)?;
            eprintln!(
                "map: {} × {} units, {} bytes → {}",
                map.width,
                map.height,
                json.len(),
                out.display()
            );
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}

/// `synth --records N [--seed S] [--base bundle.json] -o DIR`: a benchmark corpus.
fn synth(args: &[String]) -> Result<(), String> {
    let mut records = None;
    let mut seed = 1u64;
    let mut out = None;
    let mut base = PathBuf::from("public/data/bundle.json");
    let mut with_split = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--records" => {
                let v = value("--records")?;
                records = Some(
                    v.replace('_', "")
                        .parse::<usize>()
                        .map_err(|_| format!("--records: `{v}` is not a number"))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a number"))?;
            }
            "--base" => base = PathBuf::from(value("--base")?),
            "--split" => with_split = true,
            "-o" | "--output" => out = Some(PathBuf::from(value("-o")?)),
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    let records = records.ok_or_else(|| format!("missing --records N\n{USAGE}"))?;
    let out = out.ok_or_else(|| format!("missing -o <dir>\n{USAGE}"))?;
    let text = std::fs::read_to_string(&base)
        .map_err(|e| format!("cannot read {}: {e}", base.display()))?;
    let base_bundle =
        atlas_core::load_bundle(&text).map_err(|e| format!("{}: {e}", base.display()))?;
    let corpus = atlas_bundle::synth::generate(&base_bundle, records, seed)?;
    write_if_changed(
        &out.join("bundle.json"),
        &atlas_bundle::to_json(&corpus.bundle),
    )?;
    write_if_changed(
        &out.join("docs.json"),
        &serde_json::to_string(&corpus.docs).expect("serialisable"),
    )?;
    write_if_changed(
        &out.join("queries.json"),
        &serde_json::to_string(&corpus.queries).expect("serialisable"),
    )?;
    eprintln!(
        "synth: {records} records, {} queries (seed {seed}) → {}",
        corpus.queries.len(),
        out.display()
    );
    if with_split {
        let catalog = atlas_core::Catalog::new(corpus.bundle);
        let split =
            atlas_core::split::build_split(&catalog, atlas_core::split::DEFAULT_FRAGMENT_SIZE);
        let dir = out.join("split");
        let written = atlas_bundle::split::write(&split, &dir)?;
        eprint!("split → {}\n{}", dir.display(), written.table());
        // What a client fetches for the benchmark queries (one word each).
        let costs: Vec<(u64, usize)> = corpus
            .queries
            .iter()
            .map(|q| atlas_bundle::split::query_cost(&split, &written, &q.q))
            .collect();
        if !costs.is_empty() {
            let n = costs.len() as f64;
            let mean = costs.iter().map(|c| c.0 as f64).sum::<f64>() / n;
            let files = costs.iter().map(|c| c.1 as f64).sum::<f64>() / n;
            let max = costs.iter().map(|c| c.0).max().unwrap_or(0);
            eprintln!(
                "queries.json: {:.1} shard files and {:.1} KB fetched per query on average, {:.1} KB at most",
                files,
                mean / 1024.0,
                max as f64 / 1024.0
            );
        }
    }
    Ok(())
}

/// `split <bundle.json> -o DIR [--fragment-size N]`: the split bundle, and its sizes.
fn split(args: &[String]) -> Result<(), String> {
    let mut input = None;
    let mut out = None;
    let mut size = atlas_core::split::DEFAULT_FRAGMENT_SIZE;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => {
                out = Some(PathBuf::from(
                    it.next()
                        .ok_or_else(|| format!("-o needs a value\n{USAGE}"))?,
                ))
            }
            "--fragment-size" => {
                let v = it
                    .next()
                    .ok_or_else(|| format!("--fragment-size needs a value\n{USAGE}"))?;
                size = v
                    .replace('_', "")
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--fragment-size: `{v}` is not a positive number"))?;
            }
            other if input.is_none() && !other.starts_with('-') => {
                input = Some(PathBuf::from(other))
            }
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    let input = input.ok_or_else(|| format!("missing <bundle.json>\n{USAGE}"))?;
    let out = out.ok_or_else(|| format!("missing -o <dir>\n{USAGE}"))?;
    let bundle = check_file(&input)?;
    let catalog = atlas_core::Catalog::new(bundle);
    let split = atlas_core::split::build_split(&catalog, size);
    let written = atlas_bundle::split::write(&split, &out)?;
    eprint!(
        "split: {} records, {} per fragment → {}\n{}",
        split.manifest.records,
        size,
        out.display(),
        written.table()
    );
    Ok(())
}

/// `check <bundle.json>`: the very diagnosis the app gives (`load_bundle_bytes`).
fn check_file(path: &Path) -> Result<atlas_core::Bundle, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bundle =
        atlas_core::load_bundle_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    // The app loads a bundle without Spanish (it falls back to Arabic); a shipped one has it.
    let problems = atlas_core::validate_complete(&bundle);
    if problems.is_empty() {
        Ok(bundle)
    } else {
        let e = atlas_core::LoadError::Invalid(problems);
        Err(format!("{}: {e}", path.display()))
    }
}

/// `bad-bundles <dir> [--bundle <bundle.json>] [--huge]`: writes the bad-bundle corpus.
fn bad_bundles(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut base = PathBuf::from("public/data/bundle.json");
    let mut huge = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bundle" => {
                base = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("--bundle needs a value\n{USAGE}"))?
            }
            "--huge" => huge = true,
            other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    let dir = dir.ok_or_else(|| format!("missing <dir>\n{USAGE}"))?;
    let text = std::fs::read_to_string(&base)
        .map_err(|e| format!("cannot read {}: {e}", base.display()))?;
    let corpus = atlas_bundle::bad_bundles::generate(&text, huge)?;
    atlas_bundle::bad_bundles::write(&dir, &corpus)?;
    eprintln!(
        "bad-bundles: {} cases, {} files → {}",
        corpus.manifest.cases.len(),
        corpus.files.len() + 1,
        dir.display()
    );
    Ok(())
}
