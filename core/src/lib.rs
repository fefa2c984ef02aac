//! Kaiku's domain, shared by the server and the browser app.
//!
//! Nothing here does I/O: the crate compiles for `wasm32-unknown-unknown` and native
//! alike. With the `openapi` feature the API types also derive poem-openapi's traits,
//! so the server documents exactly the types the app sends and receives.

pub mod api;
pub mod error;
pub mod lang;
pub mod role;
pub mod validate;

pub use error::{ApiErrorBody, ApiErrorDetail, ErrorCode};
pub use lang::Lang;
pub use role::Role;
