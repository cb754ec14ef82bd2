//! Reusable pieces of the interface, one file each.

pub mod active_filters;
pub mod card;
pub mod context_note;
pub mod downloads;
pub mod embed_dialog;
pub mod facet_panel;
pub mod header;
pub mod highlight;
pub mod lang_switcher;
pub mod menu;
pub mod more_button;
pub mod search_box;
pub mod source_line;
pub mod status;
pub mod update_banner;
pub mod view_bar;
pub mod view_switcher;
pub mod virtual_list;
