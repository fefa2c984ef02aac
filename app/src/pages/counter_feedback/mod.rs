//! Counter-feedback (vastapalaute): the requests waiting for the signed-in user, the
//! form opened from one of them or on the user's own initiative, all usable offline.

mod changes;
mod form;
mod give;
mod request;
mod requests;

pub use form::risk_name;
pub use give::{GiveCounterFeedbackPage, team_of};
pub use request::RequestPage;
pub use requests::RequestsPage;
