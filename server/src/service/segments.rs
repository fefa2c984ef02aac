//! Segments by need (`kaiku_core::segments`): each account's needs gathered from its
//! expectations, what its customers talk about and the team's "further needs"; the
//! proposed grouping; the adopted segments side by side. Leaders and admins read them;
//! admins adopt.

use std::collections::{BTreeMap, HashSet};

use chrono::Duration;
use kaiku_core::analysis::theme_name;
use kaiku_core::health::HEALTH_WINDOW_DAYS;
use kaiku_core::heatmap::HeatmapRow;
use kaiku_core::segments::{
    self, AdoptSegmentsRequest, AdoptedSegment, AspectImportance, NeedProfile, NeedSegmentsView, NeedTraitKind,
    SegmentMember, ThemeMentions,
};
use kaiku_core::survey::aspect_name;
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use super::evidence::Scored;
use super::initiatives::{require_manager, response_facts, themes};
use super::{analysis, heatmap};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::segments::AdoptedNeedSegment;
use crate::store::{id_from_key, key_of};

/// How far back customers' and the team's words count towards an account's needs: a
/// year, so a need said once in the spring still counts at Christmas.
const WORDS_WINDOW_DAYS: i64 = 365;

/// The adopted segments with their figures, and the grouping proposed now.
pub async fn view(state: &AppState, current: &CurrentUser) -> ApiResult<NeedSegmentsView> {
    require_manager(current)?;
    let org = current.org();
    let scored = heatmap::visible(state, current).await?;
    let profiles = profiles(state, org, &scored).await?;
    let rows = heatmap::heatmap(state, current).await?.rows;
    let (custom, _) = themes(state, org).await?;
    let lang = current.user.language();
    let label = |kind: NeedTraitKind, key: &str| match kind {
        NeedTraitKind::Aspect => aspect_name(key).map_or_else(|| key.to_string(), |name| name.get(lang).to_string()),
        NeedTraitKind::Theme => theme_name(key, &custom, lang),
    };
    let adopted_rows = state.store.need_segments(org).await?;
    let adopted = adopted_rows
        .iter()
        .map(|segment| {
            let members: Vec<&HeatmapRow> = rows.iter().filter(|r| r.segments.contains(&segment.name)).collect();
            let ids: Vec<String> = members.iter().map(|r| r.account.clone()).collect();
            AdoptedSegment {
                name: segment.name.clone(),
                accounts: members.iter().map(|r| member(r)).collect(),
                traits: segments::characterise(&ids, &profiles, label),
                figures: segments::figures(&members, &profiles),
            }
        })
        .collect();
    Ok(NeedSegmentsView {
        adopted,
        all: segments::figures(&rows.iter().collect::<Vec<_>>(), &profiles),
        adopted_at: adopted_rows.iter().map(|s| s.adopted_at).max(),
        profiled: u32::try_from(profiles.iter().filter(|p| p.is_profiled()).count()).unwrap_or(u32::MAX),
        proposal: segments::propose(&profiles, label),
        accounts: rows.iter().map(member).collect(),
    })
}

/// Replaces the need segments with the admin's (named, adjusted) groups.
pub async fn adopt(
    state: &AppState,
    current: &CurrentUser,
    request: AdoptSegmentsRequest,
) -> ApiResult<NeedSegmentsView> {
    current.require_team_manager()?;
    let org = current.org();
    let scored = heatmap::visible(state, current).await?;
    let known: Vec<String> = scored.iter().map(|s| key_of(&s.account)).collect();
    let need_names: HashSet<String> = state
        .store
        .need_segments(org)
        .await?
        .into_iter()
        .map(|s| s.name.to_lowercase())
        .collect();
    // A name that already means something else (a region, a size class) would mix
    // that segment's accounts into this one and lose them at the next adoption.
    let other_names: Vec<String> = scored
        .iter()
        .flat_map(|s| s.record.segments.iter())
        .filter(|name| !need_names.contains(&name.to_lowercase()))
        .cloned()
        .collect();
    let request = request.normalised();
    request.check(&known, &other_names)?;
    let adopted: Vec<AdoptedNeedSegment> = request
        .segments
        .iter()
        .map(|s| AdoptedNeedSegment {
            name: s.name.clone(),
            accounts: s.accounts.iter().map(|key| id_from_key("account", key)).collect(),
        })
        .collect();
    state
        .store
        .adopt_need_segments(org, adopted, &current.user.id, state.now())
        .await?;
    view(state, current).await
}

fn member(row: &HeatmapRow) -> SegmentMember {
    SegmentMember {
        id: row.account.clone(),
        name: row.name.clone(),
    }
}

/// What each account needs: the importance it last stated per aspect, and the themes of
/// its customers' comments and of the team's "further needs" over the last year.
async fn profiles(state: &AppState, org: &RecordId, scored: &[Scored]) -> ApiResult<Vec<NeedProfile>> {
    let now = state.now();
    let since = now - Duration::days(WORDS_WINDOW_DAYS);
    let mut mentions: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut count = |account: String, theme: String| {
        *mentions.entry(account).or_default().entry(theme).or_default() += 1;
    };
    let links = state.store.answered_links_since(org, since).await?;
    for response in response_facts(state, org, &links).await? {
        for comment in &response.comments {
            for theme in &comment.themes {
                count(response.account_id.clone(), theme.clone());
            }
        }
    }
    let model = analysis::model(state, org).await?;
    for note in state.store.counter_feedback_since(org, since).await? {
        if note.further_needs.trim().is_empty() {
            continue;
        }
        for theme in model.analyse(&note.further_needs).themes {
            count(key_of(&note.account), theme.key);
        }
    }
    let window = Duration::days(HEALTH_WINDOW_DAYS.into());
    Ok(scored
        .iter()
        .map(|s| {
            let account_id = key_of(&s.account);
            let importance = s
                .record
                .evidence
                .expectations_at(now, window)
                .into_iter()
                .filter_map(|aspect| {
                    aspect.expected.map(|importance| AspectImportance {
                        aspect: aspect.aspect,
                        importance,
                    })
                })
                .collect();
            let themes = mentions
                .remove(&account_id)
                .unwrap_or_default()
                .into_iter()
                .map(|(theme, mentions)| ThemeMentions { theme, mentions })
                .collect();
            NeedProfile {
                account_id,
                account_name: s.record.name.clone(),
                importance,
                themes,
            }
        })
        .collect())
}
