//! Kaiku's domain, shared by the server and the browser app.
//!
//! Nothing here does I/O: the crate compiles for `wasm32-unknown-unknown` and native
//! alike. With the `openapi` feature the API types also derive poem-openapi's traits,
//! so the server documents exactly the types the app sends and receives.

/// Declares a type of the JSON API: serde both ways, and poem-openapi's `Object`
/// when the server documents it.
macro_rules! api_type {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
        pub struct $name { $($body)* }
    };
}

/// Declares an enum of the JSON API, written in snake_case on the wire.
macro_rules! api_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
        pub enum $name { $($body)* }
    };
}

pub mod account;
pub mod analysis;
pub mod api;
pub mod churn;
pub mod counterfeedback;
pub mod cycle;
pub mod error;
pub mod evidence;
pub mod health;
pub mod heatmap;
pub mod lang;
pub mod overdue;
pub mod overview;
pub mod redirect;
pub mod role;
pub mod survey;
pub mod sync;
pub mod validate;

pub use account::Stage;
pub use churn::ChurnCause;
pub use error::{ApiErrorBody, ApiErrorDetail, ErrorCode};
pub use lang::Lang;
pub use role::Role;
