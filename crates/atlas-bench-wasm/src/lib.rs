//! The Atlas search engine (atlas-core, release profile) behind a small wasm-bindgen API, for
//! the side-by-side engine benchmark in `bench/engines` (see `cargo xtask bench`).
//!
//! ```js
//! import init, { Engine, heap_bytes } from './atlas_bench_wasm.js';
//! const wasm = await init();
//! const engine = new Engine(bundleJsonText);   // load_bundle → Catalog → SearchIndex
//! engine.search('مراكش', 10);                  // ids, best first
//! heap_bytes();                                // live bytes on the Rust heap
//! wasm.memory.buffer.byteLength;               // the wasm linear memory (only grows)
//! ```
//!
//! The crate is target-agnostic (it also compiles on the host, so clippy and tests run there).

use atlas_core::{load_bundle, Catalog, RecordRef, SearchIndex};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

/// The system allocator, counting the bytes currently allocated (for the memory column).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only a counter is updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Bytes currently allocated on the Rust heap (live data, not the reserved linear memory).
#[wasm_bindgen]
pub fn heap_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Parses and validates a bundle and builds its catalog, without the search index; returns
/// the number of records. Lets the benchmark separate parsing from index building.
#[wasm_bindgen]
pub fn load_only(bundle_json: &str) -> Result<usize, JsValue> {
    let bundle = load_bundle(bundle_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(Catalog::new(bundle).all().len())
}

/// A loaded bundle and its search index.
#[wasm_bindgen]
pub struct Engine {
    catalog: Catalog,
    index: SearchIndex,
    /// `catalog.all()`, sorted (kind, then bundle order): a record's position is its index here.
    refs: Vec<RecordRef>,
}

#[wasm_bindgen]
impl Engine {
    /// `load_bundle` → `Catalog::new` → `SearchIndex::build`, as the app does.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle_json: &str) -> Result<Engine, JsValue> {
        let bundle = load_bundle(bundle_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let catalog = Catalog::new(bundle);
        let index = SearchIndex::build(&catalog);
        let refs = catalog.all();
        Ok(Engine {
            catalog,
            index,
            refs,
        })
    }

    /// The catalog alone, with an empty search index: the benchmark subtracts its
    /// [`heap_bytes`] from a full engine's to get the index's own share.
    pub fn catalog_only(bundle_json: &str) -> Result<Engine, JsValue> {
        let bundle = load_bundle(bundle_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(Engine {
            catalog: Catalog::new(bundle),
            index: SearchIndex::default(),
            refs: Vec::new(),
        })
    }

    /// Number of indexed records.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The ids of the best `limit` hits, best first (empty for an empty query).
    pub fn search(&self, q: &str, limit: usize) -> Vec<String> {
        self.index
            .search(&self.catalog, q)
            .unwrap_or_default()
            .first(&self.index, limit)
            .into_iter()
            .map(|r| self.catalog.get(r).id().to_string())
            .collect()
    }

    /// Every record's id, by position (see [`Engine::search_positions`]); one call after
    /// building, so a JS caller can map positions to ids without a string per hit.
    pub fn ids(&self) -> Vec<String> {
        self.refs
            .iter()
            .map(|&r| self.catalog.get(r).id().to_string())
            .collect()
    }

    /// The positions (indexes into [`Engine::ids`]) of the best `limit` hits, best first; a
    /// `Uint32Array` in JS: one copy instead of one string per hit.
    pub fn search_positions(&self, q: &str, limit: usize) -> Vec<u32> {
        self.index
            .search(&self.catalog, q)
            .unwrap_or_default()
            .first(&self.index, limit)
            .into_iter()
            .filter_map(|r| self.refs.binary_search(&r).ok())
            .map(|i| i as u32)
            .collect()
    }

    /// Number of hits of a query (all of them, before any limit).
    pub fn count(&self, q: &str) -> usize {
        self.index
            .search(&self.catalog, q)
            .map_or(0, |hits| hits.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_the_committed_bundle() {
        let json = include_str!("../../../public/data/bundle.json");
        let engine = Engine::new(json).unwrap_or_else(|_| panic!("bundle loads"));
        assert!(engine.len() > 10);
        assert_eq!(load_only(json).ok(), Some(engine.len()));
        let ids = engine.search("مراكش", 10);
        assert!(!ids.is_empty() && ids.len() <= 10, "{ids:?}");
        assert!(engine.search("", 10).is_empty());
        let all = engine.ids();
        assert_eq!(all.len(), engine.len());
        let by_position: Vec<String> = engine
            .search_positions("مراكش", 10)
            .into_iter()
            .map(|i| all[i as usize].clone())
            .collect();
        assert_eq!(by_position, ids);
        assert!(heap_bytes() > 0);
        let bare = Engine::catalog_only(json).unwrap_or_else(|_| panic!("bundle loads"));
        assert!(bare.is_empty() && bare.search("مراكش", 10).is_empty());
    }
}
