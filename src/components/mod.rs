//! Reusable pieces of the interface, one file each.

pub mod card;
pub mod header;
pub mod highlight;
pub mod search_box;
pub mod source_line;
pub mod status;
