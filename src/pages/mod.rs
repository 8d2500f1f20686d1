pub mod admin;
pub mod home;
pub mod my_reports;
pub mod not_found;
pub mod report_form;
pub mod reporter_actions;
pub mod track;
