//! Kaiku's domain, shared by the server and the browser app.
//!
//! Nothing here does I/O: the crate compiles for `wasm32-unknown-unknown` and native
//! alike. With the `openapi` feature the API types also derive poem-openapi's traits,
//! so the server documents exactly the types the app sends and receives.

/// Declares a type of the JSON API: serde both ways, and poem-openapi's `Object`
/// when the server documents it.
macro_rules! api_type {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        // The derives come first so `$meta` may hold their helper attributes
        // (`#[serde(default)]` on a stored type).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
        $(#[$meta])*
        pub struct $name { $($body)* }
    };
}

/// Declares an enum of the JSON API, written in snake_case on the wire and in
/// storage. strum derives the storage codes from the same names serde writes:
/// `code()` and `from_code()`; `ALL` lists the variants in declaration order, the
/// order lists show them in.
macro_rules! api_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[derive(strum::IntoStaticStr, strum::EnumString)]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        #[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];

            /// The name on the wire and in storage.
            pub fn code(self) -> &'static str {
                self.into()
            }

            pub fn from_code(code: &str) -> Option<$name> {
                code.parse().ok()
            }
        }
    };
}

pub mod account;
pub mod analysis;
pub mod api;
pub mod audit;
pub mod backtest;
pub mod brand;
pub mod case;
pub mod case_stats;
pub mod churn;
pub mod counterfeedback;
pub mod cycle;
pub mod digest;
#[cfg(test)]
mod draws;
pub mod error;
pub mod evidence;
pub mod health;
pub mod heatmap;
pub mod initiative;
pub mod lang;
pub mod language_model;
pub mod mailbox;
pub mod message;
pub mod outcome;
pub mod overdue;
pub mod overview;
pub mod privacy;
pub mod promise;
pub mod redirect;
pub mod response_rate;
pub mod role;
pub mod said_we_did;
pub mod saved_view;
pub mod segments;
pub mod session;
pub mod stats;
pub mod survey;
pub mod sync;
pub mod topics;
pub mod trends;
pub mod validate;
pub mod webhook;

pub use account::Stage;
pub use churn::ChurnCause;
pub use error::{ApiErrorBody, ApiErrorDetail, ErrorCode};
pub use lang::Lang;
pub use role::Role;
