//! Leadership's "you said, we did": for each account shown, how much of its feedback
//! (responses with a development point or that opened a case) was answered with a
//! "we did" told to the customer (`GET /we-did/shares`, `kaiku_core::said_we_did::share`).

use std::sync::Arc;

use kaiku_core::heatmap::HeatmapRow;
use kaiku_core::said_we_did::AccountShare;
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};

#[component]
pub fn WeDidShares(rows: Arc<Vec<HeatmapRow>>, shown: Memo<Vec<usize>>) -> impl IntoView {
    let lang = use_lang();
    let shares = RwSignal::new(Load::<Vec<AccountShare>>::Loading);
    let fetch = move || load(shares, api::we_did_shares());
    fetch();
    view! {
        <section class="card" aria-labelledby="heatmap-we-did-title" data-testid="heatmap-we-did">
            <h2 id="heatmap-we-did-title">{t(Msg::WeDidSharesTitle)}</h2>
            <p class="muted">{t(Msg::WeDidSharesIntro)}</p>
            {move || {
                let rows = rows.clone();
                show(shares.get(), fetch, move |list| {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColAccount)}</th>
                                        <th scope="col">{t(Msg::WeDidSharesColumn)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        shown
                                            .get()
                                            .into_iter()
                                            .filter_map(|i| list.iter().find(|s| s.account == rows[i].account).cloned())
                                            .map(|row| {
                                                let share = row.share;
                                                view! {
                                                    <tr data-testid="heatmap-we-did-row">
                                                        <th scope="row"><a href=format!("/accounts/{}", row.account)>{row.name}</a></th>
                                                        <td>{move || i18n::we_did_share(lang.get(), share.answered, share.feedback)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                })
            }}
        </section>
    }
}
