//! The release build's wasm split, after `trunk build --release`: the views other than the
//! landing one (map, statistics, timeline, record page, large-catalogue mode, embed dialog)
//! and the split-manifest parse are `lazy_fn!`s (src/lib.rs) that Leptos's `#[lazy]` moves
//! into wasm chunks fetched on first use. Trunk 0.21 has no split step, so Trunk still builds
//! the page, the CSS and the assets and runs the prerender; this replaces its wasm and JS:
//!
//! 1. `cargo build --release --features split` with `--emit-relocs` (own target directory,
//!    so it never invalidates Trunk's build of the same crate without the feature);
//! 2. `wasm_split_cli_support::transform`: the main module, the chunks and their loader;
//! 3. `wasm-bindgen --keep-lld-exports` on the main module, `wasm-opt -Oz` on every part;
//!    terser on the glue and the loader;
//! 4. every file named by a hash of its contents (chunks under `split/`; the loader and the
//!    glue import each other, so they share one hash of both and the main wasm), the
//!    loader's chunk addresses and both imports rewritten, and `dist/index.html`'s script,
//!    preloads and their SRI hashes pointed at the new files (plus a modulepreload of the
//!    loader), and the wasm's preload moved behind the page's first paint
//!    ([`wasm_after_paint`]; `ATLAS_WASM_IN_HEAD=1` keeps it in the head, for comparison);
//! 5. `atlas-bundle finalize dist` again: the Content-Security-Policy (the inline module
//!    script changed) and the service worker, which precaches the main files but not the
//!    chunks (fetched and kept on first use: a first visit downloads none of them).
//!
//! The splitter's output depends on hash-map order, so the parts of one run always ship
//! together: nothing of an earlier run is reused.

use crate::bench::WASM_OPT_FEATURES;
use crate::process::{atlas_bundle, cargo, cmd, run};
use crate::{Ctx, Result, WASM_TARGET};
use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::fs;
use std::path::{Path, PathBuf};

/// Where the chunks go in the built site (the service worker fetches them after installing).
pub const CHUNK_DIR: &str = "split";
/// The loader's module path as the wasm and its glue name it before the rename.
const LINK_NAME: &str = "./__wasm_split.js";
/// The glue's module path as the loader names it before the rename.
const MAIN_MODULE: &str = "./atlas.js";

/// Builds the split app and puts it into `dist/` in place of Trunk's wasm and JS.
pub fn split(ctx: &Ctx) -> Result {
    let target = ctx.target_dir().join("split");
    let raw = build(&target)?;
    let work = target.join("split-out");
    let _ = fs::remove_dir_all(&work);
    let parts = transform(&raw, &work)?;
    let dist = ctx.path("dist");
    let site = ship(&work, &parts, &dist)?;
    run(&mut atlas_bundle(["finalize", "dist"]))?;
    // The service worker comes on a first visit too (the page registers it once the app
    // is up): minified like the glue, its comments left in pwa/sw.js (4.2 → 2.3 KB gzip -9).
    let sw = dist.join("sw.js");
    let text = fs::read_to_string(&sw).map_err(|e| format!("cannot read {}: {e}", sw.display()))?;
    write(
        &sw,
        terser(&text, &work.join("sw.min.js"), false)?.as_bytes(),
    )?;
    println!(
        "✓ wasm split: {} + {} + {}, {} chunks in dist/{CHUNK_DIR}/",
        site.wasm, site.glue, site.loader, site.chunks
    );
    Ok(())
}

/// Panic locations (file, line and column of every `unwrap`, index and arithmetic check
/// that may panic) are left out of the release wasm: a panic still says what happened, not
/// where. They were 16-byte records and their file names, ≈ 1,000 of them: the main wasm
/// 6.4 KB smaller gzip -9 (325,927 → 319,544 B, same source, 2026-12-07). The flag is
/// unstable: rustc takes it from the pinned stable toolchain with `RUSTC_BOOTSTRAP=1`, set
/// for this build only (its own target directory; the fuzz targets do the same).
///
/// `-Zfmt-debug=none` empties every `{:?}` (derived `Debug` writes nothing): 1.3 KB less
/// on a first load (same source with and without, 2026-12-07: main wasm gzip -9 324,586 →
/// 323,026 B). No text a reader sees is written with `{:?}`: the two error messages that
/// quoted a string or a character with it escape them with `atlas_core::json`'s own
/// `write_escaped` (its tests pin the wording); `cargo xtask serve` and the native tests
/// keep `Debug` as it is.
const UNSTABLE_FLAGS: [&str; 2] = ["-Zlocation-detail=none", "-Zfmt-debug=none"];

/// The release wasm with the `split` feature and relocations (which the splitter reads).
fn build(target: &Path) -> Result<PathBuf> {
    // These flags replace .cargo/config.toml's target rustflags: keep erase_components.
    let mut flags: Vec<String> = ["--cfg", "erase_components", "-Clink-args=--emit-relocs"]
        .map(String::from)
        .into();
    flags.extend(UNSTABLE_FLAGS.map(String::from));
    flags.extend(registry_remaps());
    run(cargo([
        "build",
        "--release",
        "--target",
        WASM_TARGET,
        "--bin",
        "atlas",
        "--features",
        "split",
    ])
    .arg("--target-dir")
    .arg(target)
    .env_remove("RUSTFLAGS")
    .env("RUSTC_BOOTSTRAP", "1")
    .env("CARGO_ENCODED_RUSTFLAGS", flags.join("\x1f")))?;
    Ok(target.join(WASM_TARGET).join("release").join("atlas.wasm"))
}

/// A dependency's panic messages carry its source path, which starts with the machine's
/// cargo home (`/root/.cargo/registry/src/index.crates.io-…/leptos-0.8.x/src/…`): 61 paths
/// in the main wasm. Cut to `leptos-0.8.x/src/…`, the wasm no longer depends on the
/// machine's cargo home, and is 5 KB smaller raw. (It still depends on the checkout's
/// directory, through cargo's symbol hashes: see `size::BUDGET`.)
fn registry_remaps() -> Vec<String> {
    let sources = crate::cargo_home().map(|h| fs::read_dir(h.join("registry").join("src")));
    let Some(Ok(sources)) = sources else {
        return Vec::new();
    };
    let mut remaps: Vec<String> = sources
        .flatten()
        .filter_map(|d| {
            d.path()
                .to_str()
                .map(|p| format!("--remap-path-prefix={p}/="))
        })
        .collect();
    remaps.sort();
    remaps
}

/// What the split gave, optimised, in `work/opt`: the main wasm and glue, the loader, and the
/// chunks (file names as the splitter wrote them).
struct Parts {
    chunks: Vec<String>,
}

fn transform(raw: &Path, work: &Path) -> Result<Parts> {
    let input = fs::read(raw).map_err(|e| format!("cannot read {}: {e}", raw.display()))?;
    let split_dir = work.join("split");
    let main_wasm = split_dir.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = &split_dir;
    opts.main_out_path = &main_wasm;
    opts.link_name = LINK_NAME;
    opts.main_module = MAIN_MODULE;
    opts.target.web();
    println!("  … splitting {}", raw.display());
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("wasm split of {} failed: {e:?}", raw.display()))?;
    if split.split_modules.is_empty() {
        return Err(format!(
            "{} has no split point: was it built with `--features split`?",
            raw.display()
        ));
    }
    let opt = work.join("opt");
    fs::create_dir_all(&opt).map_err(|e| format!("cannot create {}: {e}", opt.display()))?;
    run(cmd(
        "wasm-bindgen",
        [
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--no-demangle",
            "--out-name",
            "atlas",
            "--out-dir",
        ],
    )
    .arg(&opt)
    .arg(&main_wasm))?;
    let bg = opt.join("atlas_bg.wasm");
    wasm_opt(&bg, &bg)?;
    fs::copy(
        split_dir.join("__wasm_split.js"),
        opt.join("__wasm_split.js"),
    )
    .map_err(|e| format!("cannot copy the split loader: {e}"))?;
    let mut chunks = Vec::new();
    for path in &split.split_modules {
        let name = file_name(path)?;
        wasm_opt(path, &opt.join(&name))?;
        chunks.push(name);
    }
    chunks.sort();
    Ok(Parts { chunks })
}

/// wasm-opt inlines every function called from one place, whatever its size (binaryen's
/// default): serde's visitors, each with its error paths, became one 65 KB function. V8
/// compiles a wasm function on its first call, all of it, on the main thread, so a start-up
/// task paid for the code it never runs. Capped, the cold parts stay functions of their own
/// that are compiled only if called: the bundle's parse at 4× CPU 55 → 40 ms (median of 7
/// throttled loads), and the main wasm 3.9 KB smaller sent (bench/RESULTS.md).
/// index.html passes the same to Trunk's own wasm-opt (`cargo xtask serve`).
const ONE_CALLER_INLINE_MAX: &str = "50";

/// Beyond Trunk's `-Oz`: the passes run again until the module stops shrinking
/// (`--converge`), and the `producers` and `target_features` sections, which no browser reads,
/// are dropped: 0.6 KB less on a first load (measured 2026-12-06, same source with and without).
const WASM_OPT_EXTRA: [&str; 3] = ["--converge", "--strip-producers", "--strip-target-features"];

fn wasm_opt(input: &Path, output: &Path) -> Result {
    run(cmd("wasm-opt", ["-Oz"])
        .args(WASM_OPT_FEATURES)
        .args([
            "--one-caller-inline-max-function-size",
            ONE_CALLER_INLINE_MAX,
        ])
        .args(WASM_OPT_EXTRA)
        .arg(input)
        .arg("-o")
        .arg(output))
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("odd file name {}", path.display()))
}

/// The shipped names of one build.
struct Site {
    wasm: String,
    glue: String,
    loader: String,
    chunks: usize,
}

/// Hashes, renames and rewrites the parts into `dist`, and points `dist/index.html` at them.
fn ship(work: &Path, parts: &Parts, dist: &Path) -> Result<Site> {
    let opt = work.join("opt");
    let read =
        |name: &str| fs::read(opt.join(name)).map_err(|e| format!("cannot read {name}: {e}"));
    let text = |name: &str| {
        fs::read_to_string(opt.join(name)).map_err(|e| format!("cannot read {name}: {e}"))
    };

    // The chunks first: the loader names them.
    let chunk_dir = dist.join(CHUNK_DIR);
    let _ = fs::remove_dir_all(&chunk_dir);
    fs::create_dir_all(&chunk_dir)
        .map_err(|e| format!("cannot create {}: {e}", chunk_dir.display()))?;
    let mut loader = text("__wasm_split.js")?;
    for chunk in &parts.chunks {
        let bytes = read(chunk)?;
        let stem = chunk.trim_end_matches(".wasm");
        let shipped = format!("{stem}-{}.wasm", hash_hex(&[&bytes]));
        let quoted = format!("\"./{chunk}\"");
        if !loader.contains(&quoted) {
            return Err(format!("the split loader does not name {chunk}"));
        }
        loader = loader.replace(&quoted, &format!("\"./{CHUNK_DIR}/{shipped}\""));
        write(&chunk_dir.join(&shipped), &bytes)?;
    }

    // Both are on every first load: minified (terser keeps the names they import, and
    // writes each import as `from"…"`).
    let glue = terser(&text("atlas.js")?, &work.join("glue.min.js"), true)?;
    let loader = terser(&loader, &work.join("loader.min.js"), true)?;

    // The glue imports the loader and the loader the glue: one hash of both and the wasm.
    let wasm = read("atlas_bg.wasm")?;
    let hash = hash_hex(&[&wasm, glue.as_bytes(), loader.as_bytes()]);
    let site = Site {
        wasm: format!("atlas-{hash}_bg.wasm"),
        glue: format!("atlas-{hash}.js"),
        loader: format!("atlas-{hash}-split.js"),
        chunks: parts.chunks.len(),
    };
    // Only the import statements: the wasm's import object keeps the link name as its key.
    let glue = replace_all(
        &glue,
        &format!("from\"{LINK_NAME}\""),
        &format!("from\"./{}\"", site.loader),
    )?;
    let loader = replace_all(
        &loader,
        &format!("from\"{MAIN_MODULE}\""),
        &format!("from\"./{}\"", site.glue),
    )?;

    // Trunk's wasm and glue go; the new ones come in.
    let index_path = dist.join("index.html");
    let mut html = fs::read_to_string(&index_path)
        .map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let (old_glue, old_wasm) = trunk_files(dist)?;
    html = replace_all(&html, &old_wasm, &site.wasm)?;
    html = replace_all(&html, &old_glue, &site.glue)?;
    // The wasm's preload loses Trunk's `integrity`: the glue fetches the wasm without one
    // (nothing would check it), and Chromium ignores it on a fetch preload and says so in
    // the console of every visit (crbug.com/981419). The worker checks its saved copy.
    html = set_integrity(&html, &site.wasm, None)?;
    html = set_integrity(&html, &site.glue, Some(&sri(glue.as_bytes())))?;
    html = preload_loader(&html, &site.glue, &site.loader, &sri(loader.as_bytes()))?;
    if std::env::var_os(WASM_IN_HEAD).is_none() {
        html = wasm_after_paint(&html, &site.wasm)?;
    }
    for old in [&old_glue, &old_wasm] {
        fs::remove_file(dist.join(old)).map_err(|e| format!("cannot remove dist/{old}: {e}"))?;
    }
    write(&dist.join(&site.wasm), &wasm)?;
    write(&dist.join(&site.glue), glue.as_bytes())?;
    write(&dist.join(&site.loader), loader.as_bytes())?;
    write(&index_path, html.as_bytes())?;
    Ok(site)
}

/// `js` (an ES module, or a classic script such as the service worker) minified by terser
/// (npm, `cargo xtask setup` installs it), through the file `scratch`: 11.1 → 8.7 KB gzip
/// for the glue, 1.7 → 1.1 KB for the loader. A classic script's top-level names stay.
fn terser(js: &str, scratch: &Path, module: bool) -> Result<String> {
    write(scratch, js.as_bytes())?;
    let module = if module { &["--module"][..] } else { &[] };
    run(cmd("terser", module)
        .args(["--compress", "--mangle", "--output"])
        .arg(scratch)
        .arg(scratch))?;
    fs::read_to_string(scratch).map_err(|e| format!("cannot read {}: {e}", scratch.display()))
}

/// Trunk's glue and wasm in `dist` (`atlas-<hash>.js`, `atlas-<hash>_bg.wasm`).
fn trunk_files(dist: &Path) -> Result<(String, String)> {
    let names: Vec<String> = fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("atlas-"))
        .collect();
    let one = |suffix: &str| -> Result<String> {
        match names
            .iter()
            .filter(|n| n.ends_with(suffix))
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] => Ok((*one).clone()),
            other => Err(format!(
                "expected one atlas-*{suffix} from Trunk in {}, found {other:?}: run \
                 `trunk build --release` first (`cargo xtask build` does)",
                dist.display()
            )),
        }
    };
    let wasm = one("_bg.wasm")?;
    let glue = format!("{}.js", wasm.trim_end_matches("_bg.wasm"));
    if !names.contains(&glue) {
        return Err(format!("{glue} is missing from {}", dist.display()));
    }
    Ok((glue, wasm))
}

fn replace_all(text: &str, from: &str, to: &str) -> Result<String> {
    if !text.contains(from) {
        return Err(format!(
            "`{from}` not found where the split build rewrites it"
        ));
    }
    Ok(text.replace(from, to))
}

/// The `<link …>` tag of `html` whose `href` is `./file` (quoted or not, as the minifier left it).
fn link_tag(html: &str, file: &str) -> Option<(usize, usize)> {
    link_to(html, &format!("./{file}"))
}

/// The `<link …>` tag of `html` whose `href` is exactly `href` (quoted or not).
fn link_to(html: &str, href: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<link") {
        let start = from + at;
        let end = start + html[start..].find('>')? + 1;
        let tag = &html[start..end];
        if [format!("href={href}"), format!("href=\"{href}\"")]
            .iter()
            .any(|h| tag.contains(h.as_str()))
        {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// `html` with the `integrity` of the link to `file` set to `value`, or removed (`None`).
fn set_integrity(html: &str, file: &str, value: Option<&str>) -> Result<String> {
    let (start, end) =
        link_tag(html, file).ok_or_else(|| format!("index.html has no <link> to ./{file}"))?;
    let tag = &html[start..end];
    let at = tag
        .find("integrity=")
        .ok_or_else(|| format!("the <link> to ./{file} has no integrity"))?;
    let value_start = at + "integrity=".len();
    let rest = &tag[value_start..];
    let value_len = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.find('"').map(|i| i + 2)
    } else {
        rest.find([' ', '>'])
    }
    .ok_or_else(|| format!("cannot read the integrity of ./{file}"))?;
    let new_tag = match value {
        Some(value) => format!(
            "{}\"{value}\"{}",
            &tag[..value_start],
            &tag[value_start + value_len..]
        ),
        None => format!(
            "{}{}",
            tag[..at].trim_end(),
            &tag[value_start + value_len..]
        ),
    };
    Ok(format!("{}{new_tag}{}", &html[..start], &html[end..]))
}

/// `html` with a modulepreload of the loader after the glue's (the glue imports it at once).
fn preload_loader(html: &str, glue: &str, loader: &str, integrity: &str) -> Result<String> {
    let (_, end) =
        link_tag(html, glue).ok_or_else(|| format!("index.html has no <link> to ./{glue}"))?;
    Ok(format!(
        "{}<link rel=\"modulepreload\" href=\"./{loader}\" crossorigin integrity=\"{integrity}\">{}",
        &html[..end],
        &html[end..]
    ))
}

/// The environment variable that builds the page as it was before [`wasm_after_paint`]
/// (the wasm preloaded from the head), so that the two can be measured side by side.
const WASM_IN_HEAD: &str = "ATLAS_WASM_IN_HEAD";

/// `html` whose wasm is requested once the page's first contentful paint is on screen rather
/// than from the head. Lighthouse's simulated load (its mobile preset) traces the page at full
/// speed and counts every request that ended before the largest paint of that trace as needed
/// for it: on localhost the 310 KB wasm ended first, so the estimate put the paint of the
/// prerendered cards, which need no wasm, after the wasm's download at slow-4G speed (2.9 s
/// instead of 1.2 s). The data's preload stays in the head: it keeps the phone's link busy
/// while the page paints, so that the wasm, asked for a few ms after the paint, hardly starts
/// later than it would have finished anyway (bench/RESULTS.md, "the wasm asked for after the
/// first paint": app ready 2470 → 2480 ms on a throttled load, ranges overlapping).
///
/// A classic script before Trunk's module (which runs only once its two imports are in: too
/// late, ≈100 ms after the paint on that load) sets `window.atlasStart`, a promise that puts
/// the wasm's preload, as Trunk wrote it, into the head and resolves: at the first contentful
/// paint, or at once when a service worker serves the page (the wasm then comes from its cache)
/// or the browser reports no paint timing, or after 1 s (a hidden tab or frame never paints).
/// Trunk's `init(…)` call waits for it and fetches the wasm through that preload as before.
fn wasm_after_paint(html: &str, wasm: &str) -> Result<String> {
    if html.contains("window.atlasStart") {
        return Err("index.html already asks for the wasm after its first paint".into());
    }
    let mut html = html.to_string();
    let href = format!("./{wasm}");
    let (start, end) =
        link_to(&html, &href).ok_or_else(|| format!("index.html has no <link> to {href}"))?;
    let link = html[start..end].to_string();
    if !link.contains("rel=preload") && !link.contains("rel=\"preload\"") {
        return Err(format!("the <link> to {href} is not a preload"));
    }
    // It goes into a template literal.
    if link.contains(['`', '$', '\\']) {
        return Err(format!("the <link> to {href} cannot be quoted: {link}"));
    }
    html.replace_range(start..end, "");
    let wait = format!(
        "<script>window.atlasStart = new Promise((go) => {{ let started = false; \
         const start = () => {{ if (started) return; started = true; \
         document.head.insertAdjacentHTML('beforeend', `{link}`); go(); }}; \
         try {{ if ((navigator.serviceWorker && navigator.serviceWorker.controller) || \
         !(PerformanceObserver.supportedEntryTypes || []).includes('paint')) return start(); \
         setTimeout(start, 1000); \
         new PerformanceObserver((list) => {{ \
         if (list.getEntriesByName('first-contentful-paint').length) start(); }})\
         .observe({{ type: 'paint', buffered: true }}); }} catch (e) {{ start(); }} }});</script>"
    );
    let module = html
        .find("<script type=module>")
        .ok_or("index.html has no <script type=module>")?;
    html.insert_str(module, &wait);
    let call = format!("init({{ module_or_path: '{href}' }})");
    replace_all(
        &html,
        &call,
        &format!("window.atlasStart.then(() => {call})"),
    )
}

/// Subresource Integrity value (`sha384-…`), as Trunk writes it.
fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// 16 hex digits of a SHA-384 of `parts` (each length-prefixed), for file names.
fn hash_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha384::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head><script type=module>import init from './atlas-1.js';\
        await init({ module_or_path: './atlas-1_bg.wasm' });</script>\
        <link crossorigin href=./atlas-1.js integrity=sha384-old/js+= rel=modulepreload>\
        <link as=fetch crossorigin href=data/bundle.json rel=preload type=application/json>\
        <link as=fetch crossorigin href=./atlas-1_bg.wasm integrity=\"sha384-old\" rel=preload type=application/wasm></head>";

    #[test]
    fn asks_for_the_wasm_after_the_first_paint() {
        let html = wasm_after_paint(PAGE, "atlas-1_bg.wasm").unwrap();
        // The data's preload stays where it was; the wasm's moves into the waiting script,
        // which comes before the module and is what the module's call waits for.
        let data = html
            .find("<link as=fetch crossorigin href=data/bundle.json")
            .unwrap();
        let wait = html.find("<script>window.atlasStart").unwrap();
        let module = html.find("<script type=module>").unwrap();
        assert!(data > module && wait < module, "{html}");
        let moved = "`<link as=fetch crossorigin href=./atlas-1_bg.wasm integrity=\"sha384-old\" \
            rel=preload type=application/wasm>`";
        assert!(html[wait..module].contains(moved), "{html}");
        assert!(html[wait..module].contains("'first-contentful-paint'"));
        assert_eq!(html.matches("href=./atlas-1_bg.wasm").count(), 1, "{html}");
        assert!(html.contains(
            "await window.atlasStart.then(() => init({ module_or_path: './atlas-1_bg.wasm' }));"
        ));
        assert!(html.contains("rel=modulepreload"));
        // Not twice (the moved preload is in the page's text, in the script).
        assert!(wasm_after_paint(&html, "atlas-1_bg.wasm").is_err());
    }

    #[test]
    fn points_the_page_at_the_new_files_with_their_integrity() {
        let html = replace_all(PAGE, "atlas-1_bg.wasm", "atlas-2_bg.wasm").unwrap();
        let html = replace_all(&html, "atlas-1.js", "atlas-2.js").unwrap();
        let html = set_integrity(&html, "atlas-2_bg.wasm", None).unwrap();
        let html = set_integrity(&html, "atlas-2.js", Some("sha384-J")).unwrap();
        let html = preload_loader(&html, "atlas-2.js", "atlas-2-split.js", "sha384-L").unwrap();
        assert!(html.contains("href=./atlas-2.js integrity=\"sha384-J\" rel=modulepreload>"));
        assert!(html.contains("href=./atlas-2_bg.wasm rel=preload type=application/wasm>"));
        assert!(html.contains(
            "rel=modulepreload><link rel=\"modulepreload\" href=\"./atlas-2-split.js\" \
             crossorigin integrity=\"sha384-L\">"
        ));
        assert!(html.contains("from './atlas-2.js'") && html.contains("'./atlas-2_bg.wasm'"));
        assert!(!html.contains("old") && !html.contains("atlas-1"));
        assert!(set_integrity(&html, "atlas-3.js", Some("x")).is_err());
        // Removed: the tag has none left, and setting one again finds nothing to set.
        assert!(!html.contains("sha384-W") && html.matches("integrity=").count() == 2);
        assert!(set_integrity(&html, "atlas-2_bg.wasm", Some("x")).is_err());
    }

    #[test]
    fn hashes_name_contents() {
        assert_eq!(hash_hex(&[b"a"]).len(), 16);
        assert_ne!(hash_hex(&[b"ab", b"c"]), hash_hex(&[b"a", b"bc"]));
        assert!(sri(b"").starts_with("sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6"));
    }
}
