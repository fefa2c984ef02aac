//! One module per page.

pub mod accept_invitation;
pub mod account;
pub mod account_form;
pub mod account_import;
pub mod accounts;
pub mod audit_log;
pub mod backtest;
pub mod case_settings;
pub mod cases;
pub mod counter_feedback;
pub mod cycles;
pub mod feedback_settings;
pub mod health_settings;
pub mod heatmap;
pub mod home;
pub mod language_model_settings;
pub mod login;
pub mod not_found;
pub mod outcome_import;
pub mod overdue;
pub mod profile;
pub mod schedule_settings;
pub mod signup;
pub mod survey_templates;
pub mod team;
