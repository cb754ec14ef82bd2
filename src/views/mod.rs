//! The views, one file each, chosen from the URL by the explorer.

pub mod detail;
pub mod explorer;
pub mod results;
pub mod url;
