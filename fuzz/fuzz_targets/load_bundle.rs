//! Bundle bytes → `load_bundle_bytes` (and `load_bundle` on text): never a panic, never a
//! stack overflow; a diagnosis stays short whatever the input; a bundle that loads can be
//! catalogued and indexed; the app's reader of the bundle (`decode`) and serde's reading
//! through the same JSON reader give the same bundle or the same error, to the byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let by_bytes = atlas_core::load_bundle_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let by_text = atlas_core::load_bundle(text);
        assert_eq!(by_bytes, by_text, "bytes and text disagree");
        use atlas_core::model::Bundle;
        assert_eq!(
            atlas_core::decode::from_str::<Bundle>(text),
            atlas_core::json::from_str::<Bundle>(text),
            "decode and serde disagree"
        );
    }
    match by_bytes {
        Ok(bundle) => {
            let catalog = atlas_core::Catalog::new(bundle);
            let index = atlas_core::SearchIndex::build(&catalog);
            assert_eq!(index.len(), catalog.all().len());
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(shown.len() < 4096, "a {}-byte diagnosis", shown.len());
        }
    }
});
