pub mod attachments;
pub mod field;
pub mod load_error;
pub mod nav;
pub mod public_filters;
pub mod region_select;
pub mod status;
pub mod timeline;
