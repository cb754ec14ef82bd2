//! The views, one file each, chosen from the URL by the explorer.

pub mod detail;
pub mod explorer;
pub mod large;
pub mod large_facets;
pub mod large_map;
pub mod large_stats;
pub mod large_store;
pub mod large_timeline;
pub mod map;
pub mod results;
pub mod state;
pub mod stats;
pub mod timeline;
pub mod url;
