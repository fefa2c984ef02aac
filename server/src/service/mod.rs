//! Domain services: what the API does, independent of HTTP. Handlers in `api`
//! stay thin and call these; these call `store`.

pub mod auth;
pub mod mail;
pub mod secrets;
pub mod team;
pub mod throttle;
