//! Domain services: what the API does, independent of HTTP. Handlers in `api`
//! stay thin and call these; these call `store`.

pub mod accounts;
pub mod analysis;
pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod backtest;
pub mod cases;
pub mod counterfeedback;
pub mod cycles;
pub mod delivery;
pub mod digest;
pub mod evidence;
pub mod health;
pub mod heatmap;
pub mod import;
pub mod initiatives;
pub mod language_model;
pub mod mail;
pub mod message_import;
pub mod message_links;
pub mod messages;
pub mod outcomes;
pub mod overdue;
pub mod overview;
pub mod promises;
pub mod repulse;
pub mod said_we_did;
pub mod secrets;
pub mod snapshots;
pub mod survey_page;
pub mod surveys;
pub mod sync;
pub mod team;
pub mod throttle;
pub mod topics;
