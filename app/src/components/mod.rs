//! Small building blocks shared by the pages.

pub mod analysis;
pub mod attention;
pub mod case_count;
pub mod chart;
pub mod copy_link;
pub mod counter_feedback;
pub mod csv_import;
pub mod cycle_rule;
pub mod deletion_notice;
pub mod due;
pub mod field;
pub mod form;
pub mod guard;
pub mod health_summary;
pub mod lang_switch;
pub mod load;
pub mod message_count;
pub mod nav;
pub mod notice;
pub mod proposals;
pub mod request_count;
pub mod response;
pub mod sync_status;
