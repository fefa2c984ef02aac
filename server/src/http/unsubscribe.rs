//! The customer's opt-out page at `/u/<token>`, linked from every email to a
//! customer. A GET only asks (mail scanners follow links); the button, or a mail
//! client's one-click POST (RFC 8058), opts the contact out. Plain server-rendered
//! HTML in the contact's language: it must work without the app's bundles.

use kaiku_core::Lang;
use poem::http::StatusCode;
use poem::web::{Data, Html, Path};
use poem::{IntoResponse, Response, handler};

use crate::service::mail::escape_html;
use crate::service::secrets::hash_token;
use crate::state::AppState;
use crate::store::optout::OptOutTarget;

fn page(lang: Lang, title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>\n",
        lang.code()
    ))
}

fn unknown_link() -> Response {
    page(
        Lang::En,
        "Link not recognised / Linkkiä ei tunnistettu",
        "<p>This opt-out link is not valid. If you keep getting surveys you do not want, reply to the email.</p>\
         <p lang=\"fi\">Tämä peruutuslinkki ei ole voimassa. Jos saatte yhä kyselyjä, joita ette halua, vastatkaa sähköpostiin.</p>",
    )
    .with_status(StatusCode::NOT_FOUND)
    .into_response()
}

async fn target(state: &AppState, token: &str) -> Option<OptOutTarget> {
    match state.store.opt_out_target(&hash_token(token)).await {
        Ok(target) => target,
        Err(e) => {
            tracing::warn!(error = %e, "looking up an opt-out token failed");
            None
        }
    }
}

fn done_page(lang: Lang, organisation: &str) -> Response {
    let organisation = escape_html(organisation);
    match lang {
        Lang::Fi => page(
            lang,
            "Peruttu",
            &format!("<p>Ette saa enää palautekyselyjä yritykseltä {organisation}. Kiitos, että kerroitte.</p>"),
        ),
        Lang::En => page(
            lang,
            "Unsubscribed",
            &format!(
                "<p>You will not get further feedback surveys from {organisation}. Thank you for letting us know.</p>"
            ),
        ),
    }
    .into_response()
}

#[handler]
pub async fn ask(Data(state): Data<&AppState>, Path(token): Path<String>) -> Response {
    let Some(target) = target(state, &token).await else {
        return unknown_link();
    };
    let lang = Lang::from_tag(&target.language).unwrap_or_default();
    if target.opted_out_at.is_some() {
        return done_page(lang, &target.org_name);
    }
    let organisation = escape_html(&target.org_name);
    let name = escape_html(&target.contact_name);
    let (title, question, button) = match lang {
        Lang::Fi => (
            "Palautekyselyjen peruminen",
            format!("{name}, haluatteko lopettaa palautekyselyt yritykseltä {organisation}?"),
            "Peru kyselyt",
        ),
        Lang::En => (
            "Unsubscribe from feedback surveys",
            format!("{name}, do you want to stop getting feedback surveys from {organisation}?"),
            "Unsubscribe",
        ),
    };
    page(
        lang,
        title,
        &format!("<p>{question}</p><form method=\"post\"><button type=\"submit\">{button}</button></form>"),
    )
    .into_response()
}

#[handler]
pub async fn confirm(Data(state): Data<&AppState>, Path(token): Path<String>) -> Response {
    let Some(target) = target(state, &token).await else {
        return unknown_link();
    };
    if let Err(e) = state.store.opt_out(&target.contact, state.now()).await {
        tracing::warn!(error = %e, "recording an opt-out failed");
        return page(
            Lang::En,
            "Please try again / Yrittäkää uudelleen",
            "<p>Something went wrong; your choice was not saved. Please try again in a moment.</p>\
             <p lang=\"fi\">Jokin meni vikaan, eikä valintaanne tallennettu. Yrittäkää hetken päästä uudelleen.</p>",
        )
        .with_status(StatusCode::SERVICE_UNAVAILABLE)
        .into_response();
    }
    done_page(Lang::from_tag(&target.language).unwrap_or_default(), &target.org_name)
}
