//! Need-based segments: Kaiku proposes groups of accounts with similar needs, says in
//! figures what sets each group apart, and admins name, adjust and adopt them. Needs
//! only: an account's expectations profile (how much each aspect matters to it) and its
//! themes (from its comments and the team's "further needs"). Geography and size are
//! not needs and play no part.
//!
//! The method, fixed so that the same accounts always get the same proposal:
//!
//! 1. Profiles are sorted by account id, so the input order never matters (an id
//!    listed twice counts once). An account is *profiled* when it has a stated
//!    importance or a theme mentioned at least once; the others are listed as
//!    unprofiled and not grouped. With fewer than [`MIN_PROFILES`] profiled accounts
//!    there is no proposal.
//! 2. Each profiled account becomes a vector over every aspect any of them stated
//!    (sorted by key), then every theme any of them mentioned (sorted by key). An
//!    aspect's coordinate is `(importance − 1) / 4`, clamped to 0..=1; an aspect the
//!    account did not state takes the mean coordinate of the accounts that did, so it
//!    pulls the account nowhere. A theme's coordinate is [`THEME_WEIGHT`] × the
//!    theme's share of the account's own mentions (0 for an account without any).
//! 3. k-means (Lloyd's algorithm, Euclidean distance) for each k in
//!    2..=min([`MAX_SEGMENTS`], n − 1, number of distinct vectors): k-means++
//!    initialisation seeded with `fastrand::Rng::with_seed(SEED + restart)` for each of
//!    [`RESTARTS`] restarts, keeping the grouping with the lowest within-group sum of
//!    squares (ties: the earlier restart). Each round assigns every account to its
//!    nearest centroid (ties: the lower group) and re-seeds an emptied group with the
//!    account farthest from its own group's centroid; rounds stop when no assignment
//!    changes, or after [`MAX_ITERATIONS`]. The k with the highest mean silhouette
//!    wins (ties: the smaller k); an account alone in its group has silhouette 0. If
//!    every vector is the same, the silhouette is undefined: one group of all the
//!    accounts, silhouette 0.
//! 4. A group's traits: an aspect whose mean importance (1–5, over the group's
//!    accounts that stated it) differs from the mean over all profiled accounts that
//!    stated it by at least [`ASPECT_MIN_DIFFERENCE`]; a theme whose share of the
//!    group's accounts mentioning it differs from its share of all profiled accounts
//!    by at least [`THEME_MIN_DIFFERENCE`]. Either direction is a trait. Strength is
//!    the difference on a 0–1 scale (an aspect's divided by 4); traits that matter
//!    *more* to the group come first, strongest first, then those that matter less,
//!    and the first [`MAX_TRAITS`] are kept (ties: aspects first, then by key). The
//!    suggested name joins the labels of the first two kept traits that matter more.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::churn::ChurnCause;
use crate::heatmap::HeatmapRow;
use crate::validate::{self, FieldError, Invalid};

/// With fewer profiled accounts there is nothing to group: no proposal.
pub const MIN_PROFILES: usize = 4;
/// More groups than this is more than admins can act on.
pub const MAX_SEGMENTS: usize = 6;
/// A theme's full share weighs half an aspect's full range: themes come from free text
/// and are noisier than stated importance.
pub const THEME_WEIGHT: f64 = 0.5;
/// The seed of the first restart; restart `r` uses `SEED + r`.
pub const SEED: u64 = 0x004b_6169_6b75;
/// k-means restarts per k, so one unlucky initialisation does not decide the grouping.
pub const RESTARTS: u64 = 8;
/// Lloyd rounds per restart at most.
pub const MAX_ITERATIONS: usize = 100;
/// An aspect sets a group apart from this difference in mean importance (1–5 scale)…
pub const ASPECT_MIN_DIFFERENCE: f64 = 0.5;
/// …a theme from this difference in the share of accounts mentioning it.
pub const THEME_MIN_DIFFERENCE: f64 = 0.25;
/// The traits a group shows at most.
pub const MAX_TRAITS: usize = 4;

/// Means of exactly representable figures may land a hair below a threshold they meet.
const TOLERANCE: f64 = 1e-9;

api_type! {
    /// One aspect's stated importance (1–5, the latest expectations answer's mean).
    pub struct AspectImportance {
        pub aspect: String,
        pub importance: f64,
    }
}

api_type! {
    /// How often a theme came up in an account's comments and the team's "further needs".
    pub struct ThemeMentions {
        pub theme: String,
        pub mentions: u32,
    }
}

api_type! {
    /// What is known of one account's needs.
    pub struct NeedProfile {
        pub account_id: String,
        pub account_name: String,
        pub importance: Vec<AspectImportance>,
        pub themes: Vec<ThemeMentions>,
    }
}

api_enum! {
    pub enum NeedTraitKind {
        /// An aspect of the expectations profile.
        Aspect,
        /// A theme of comments and further needs.
        Theme,
    }
}

api_type! {
    /// One thing that sets a group apart, in figures the app puts into words.
    pub struct NeedTrait {
        pub kind: NeedTraitKind,
        pub key: String,
        /// Display name (filled by the caller's labeller).
        pub label: String,
        /// Aspect: the group's mean importance (1–5); theme: the share of the group's
        /// accounts that mention it (0–1).
        pub group_value: f64,
        /// The same over every profiled account.
        pub overall_value: f64,
    }
}

api_type! {
    /// A group of accounts with similar needs, for admins to name, adjust and adopt.
    pub struct ProposedSegment {
        /// The top traits' labels joined with " & " (at most two), e.g. "Reporting &
        /// Schedule"; "" if no trait.
        pub suggested_name: String,
        /// Account ids, sorted.
        pub accounts: Vec<String>,
        /// What the group needs more, strongest first, then what it needs less; at most
        /// 4, only clear differences (see the module's method).
        pub traits: Vec<NeedTrait>,
    }
}

api_type! {
    /// The proposed grouping of the accounts by their needs.
    pub struct SegmentProposal {
        /// Largest first (ties: by first account id).
        pub groups: Vec<ProposedSegment>,
        /// Mean silhouette of the chosen grouping, -1..=1.
        pub silhouette: f64,
        /// Accounts with neither stated importance nor themes: not grouped.
        pub unprofiled: Vec<String>,
    }
}

/// Need-based segments of the accounts of `profiles` by the module's method; none with
/// fewer than [`MIN_PROFILES`] profiled accounts. `label` names an aspect or a theme
/// by its key, for traits and suggested names.
pub fn propose(profiles: &[NeedProfile], label: impl Fn(NeedTraitKind, &str) -> String) -> Option<SegmentProposal> {
    let (profiled, unprofiled) = read_profiles(profiles);
    if profiled.len() < MIN_PROFILES {
        return None;
    }
    let space = FeatureSpace::of(&profiled);
    let points: Vec<Vec<f64>> = profiled.iter().map(|needs| space.vector(needs)).collect();
    let grouping = best_grouping(&points);
    let overall = Summary::of(profiled.iter());
    let mut groups: Vec<ProposedSegment> = (0..grouping.groups)
        .map(|group| {
            let members: Vec<&Needs> = profiled
                .iter()
                .zip(&grouping.assignment)
                .filter(|(_, assigned)| **assigned == group)
                .map(|(needs, _)| needs)
                .collect();
            describe(&members, &overall, &label)
        })
        .filter(|segment| !segment.accounts.is_empty())
        .collect();
    groups.sort_by(|a, b| {
        b.accounts
            .len()
            .cmp(&a.accounts.len())
            .then_with(|| a.accounts.first().cmp(&b.accounts.first()))
    });
    Some(SegmentProposal {
        groups,
        silhouette: grouping.silhouette,
        unprofiled,
    })
}

impl NeedProfile {
    /// Whether anything is known of the account's needs: a stated importance or a theme.
    pub fn is_profiled(&self) -> bool {
        Needs::of(self).is_profiled()
    }
}

/// What sets `accounts` (an adopted segment, perhaps adjusted by hand) apart from every
/// profiled account, by step 4 of the method; nothing when none of them is profiled.
pub fn characterise(
    accounts: &[String],
    profiles: &[NeedProfile],
    label: impl Fn(NeedTraitKind, &str) -> String,
) -> Vec<NeedTrait> {
    let (profiled, _) = read_profiles(profiles);
    let members: Vec<&Needs> = profiled
        .iter()
        .filter(|needs| accounts.iter().any(|a| a == needs.account_id))
        .collect();
    if members.is_empty() {
        return Vec::new();
    }
    traits(
        &Summary::of(members.iter().copied()),
        &Summary::of(profiled.iter()),
        &label,
    )
}

/// Causes and themes a segment's figures name at most.
pub const FIGURES_TOP: usize = 3;

api_type! {
    /// A segment's figures, to read side by side with the other segments' and everyone's.
    pub struct SegmentFigures {
        pub accounts: u32,
        /// The customers whose answers the NPS is of.
        pub respondents: u32,
        /// Over every answer of the health window in the segment's accounts.
        pub nps: Option<f64>,
        /// Mean health (0–100) of the accounts that have one.
        pub health: Option<f64>,
        /// Mean expectation gap (1–5 scale, positive when falling short) of the accounts
        /// that have one.
        pub expectation_gap: Option<f64>,
        pub revenue_at_risk_eur: i64,
        /// The churn causes in play in most of its accounts, at most three.
        pub causes: Vec<ChurnCause>,
        /// The themes (keys) most of its accounts talk about, at most three.
        pub themes: Vec<String>,
    }
}

/// The figures of the accounts of `rows`, their themes read from `profiles`.
pub fn figures(rows: &[&HeatmapRow], profiles: &[NeedProfile]) -> SegmentFigures {
    let mut counts = [0u32; 3];
    for row in rows {
        for (sum, n) in counts.iter_mut().zip(&row.nps_counts) {
            *sum += n;
        }
    }
    let respondents: u32 = counts.iter().sum();
    let mean = |values: Vec<f64>| (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
    let mut causes: Vec<(ChurnCause, usize)> = ChurnCause::ALL
        .iter()
        .map(|cause| (*cause, rows.iter().filter(|r| r.causes.contains(cause)).count()))
        .filter(|(_, accounts)| *accounts > 0)
        .collect();
    causes.sort_by_key(|(_, accounts)| std::cmp::Reverse(*accounts));
    let mut themes: BTreeMap<&str, usize> = BTreeMap::new();
    for profile in profiles
        .iter()
        .filter(|p| rows.iter().any(|r| r.account == p.account_id))
    {
        for theme in profile.themes.iter().filter(|t| t.mentions > 0) {
            *themes.entry(theme.theme.as_str()).or_default() += 1;
        }
    }
    let mut themes: Vec<(&str, usize)> = themes.into_iter().collect();
    themes.sort_by_key(|(_, accounts)| std::cmp::Reverse(*accounts));
    SegmentFigures {
        accounts: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        respondents,
        nps: (respondents > 0).then(|| 100.0 * (f64::from(counts[0]) - f64::from(counts[2])) / f64::from(respondents)),
        health: mean(rows.iter().filter_map(|r| r.current.health).collect()),
        expectation_gap: mean(rows.iter().filter_map(|r| r.current.expectation_gap).collect()),
        revenue_at_risk_eur: rows.iter().map(|r| r.revenue_at_risk_eur).sum(),
        causes: causes.into_iter().take(FIGURES_TOP).map(|(cause, _)| cause).collect(),
        themes: themes
            .into_iter()
            .take(FIGURES_TOP)
            .map(|(theme, _)| theme.to_string())
            .collect(),
    }
}

api_type! {
    /// An account in a segment.
    pub struct SegmentMember {
        pub id: String,
        pub name: String,
    }
}

api_type! {
    /// An adopted need segment: who is in it now, what sets it apart, its figures.
    pub struct AdoptedSegment {
        pub name: String,
        pub accounts: Vec<SegmentMember>,
        pub traits: Vec<NeedTrait>,
        pub figures: SegmentFigures,
    }
}

api_type! {
    /// `GET /segments/needs`.
    pub struct NeedSegmentsView {
        /// By name.
        pub adopted: Vec<AdoptedSegment>,
        /// Every account, to compare each segment with.
        pub all: SegmentFigures,
        /// When the segments now in use were adopted.
        pub adopted_at: Option<DateTime<Utc>>,
        /// How many accounts have stated importance or themes.
        pub profiled: u32,
        /// The grouping proposed now; none with fewer than [`MIN_PROFILES`] profiled accounts.
        pub proposal: Option<SegmentProposal>,
        /// Every account by id and name (the proposal names accounts by id).
        pub accounts: Vec<SegmentMember>,
    }
}

/// More adopted segments than anyone can read side by side.
pub const MAX_ADOPTED: usize = 12;

api_type! {
    /// One segment as the admin adopts it: named, its accounts perhaps moved by hand.
    pub struct SegmentInput {
        pub name: String,
        pub accounts: Vec<String>,
    }
}

api_type! {
    /// `PUT /segments/needs`: the need segments from now on (none removes them).
    pub struct AdoptSegmentsRequest {
        pub segments: Vec<SegmentInput>,
    }
}

impl AdoptSegmentsRequest {
    /// Names as people meant them: without the spaces around.
    pub fn normalised(mut self) -> AdoptSegmentsRequest {
        for segment in &mut self.segments {
            segment.name = segment.name.trim().to_string();
        }
        self
    }

    /// Each segment named, no name twice or already meaning another segment (`taken`,
    /// ignoring case), each with accounts, every account one of `known` and in one
    /// segment at most.
    pub fn check(&self, known: &[String], taken: &[String]) -> Result<(), FieldError> {
        let refuse = |field: &'static str, problem: Invalid| Err(FieldError { field, problem });
        if self.segments.len() > MAX_ADOPTED {
            return refuse("segments", Invalid::TooMany { max: MAX_ADOPTED });
        }
        let mut names: Vec<String> = Vec::new();
        let mut grouped: Vec<&str> = Vec::new();
        for segment in &self.segments {
            validate::name("name", &segment.name)?;
            let name = segment.name.to_lowercase();
            if names.contains(&name) {
                return refuse("name", Invalid::Repeated);
            }
            if taken.iter().any(|t| t.to_lowercase() == name) {
                return refuse("name", Invalid::InUse);
            }
            names.push(name);
            if segment.accounts.is_empty() {
                return refuse("accounts", Invalid::Required);
            }
            for account in &segment.accounts {
                if !known.contains(account) {
                    return refuse("accounts", Invalid::Unknown);
                }
                if grouped.contains(&account.as_str()) {
                    return refuse("accounts", Invalid::Repeated);
                }
                grouped.push(account);
            }
        }
        Ok(())
    }
}

/// One account's needs, read canonically: importance per aspect (clamped to 1–5, the
/// mean if an aspect is listed twice) and mentions per theme (summed, only themes that
/// came up).
struct Needs<'a> {
    account_id: &'a str,
    importance: BTreeMap<&'a str, f64>,
    mentions: BTreeMap<&'a str, u32>,
}

impl<'a> Needs<'a> {
    fn of(profile: &'a NeedProfile) -> Needs<'a> {
        let mut stated: BTreeMap<&str, (f64, u32)> = BTreeMap::new();
        for aspect in profile.importance.iter().filter(|a| a.importance.is_finite()) {
            let (sum, count) = stated.entry(aspect.aspect.as_str()).or_insert((0.0, 0));
            *sum += aspect.importance.clamp(1.0, 5.0);
            *count += 1;
        }
        let mut mentions: BTreeMap<&str, u32> = BTreeMap::new();
        for theme in profile.themes.iter().filter(|t| t.mentions > 0) {
            let total = mentions.entry(theme.theme.as_str()).or_insert(0);
            *total = total.saturating_add(theme.mentions);
        }
        Needs {
            account_id: &profile.account_id,
            importance: stated
                .into_iter()
                .map(|(aspect, (sum, count))| (aspect, sum / f64::from(count)))
                .collect(),
            mentions,
        }
    }

    fn is_profiled(&self) -> bool {
        !self.importance.is_empty() || !self.mentions.is_empty()
    }

    fn total_mentions(&self) -> u32 {
        self.mentions.values().fold(0, |total, m| total.saturating_add(*m))
    }

    /// A total order on everything read, so which of an id's duplicates counts never
    /// depends on the input order.
    fn canonical_cmp(&self, other: &Self) -> Ordering {
        self.account_id
            .cmp(other.account_id)
            .then_with(|| self.importance_bits().cmp(&other.importance_bits()))
            .then_with(|| self.mentions.cmp(&other.mentions))
    }

    /// The importance, comparable: any total order will do.
    fn importance_bits(&self) -> Vec<(&'a str, u64)> {
        self.importance
            .iter()
            .map(|(aspect, importance)| (*aspect, importance.to_bits()))
            .collect()
    }
}

/// The profiled accounts' needs sorted by account id (each id once), and the
/// unprofiled accounts' ids, sorted.
fn read_profiles(profiles: &[NeedProfile]) -> (Vec<Needs<'_>>, Vec<String>) {
    let mut all: Vec<Needs> = profiles.iter().map(Needs::of).collect();
    all.sort_by(|a, b| a.canonical_cmp(b));
    all.dedup_by(|later, first| later.account_id == first.account_id);
    let (profiled, unprofiled): (Vec<Needs>, Vec<Needs>) = all.into_iter().partition(Needs::is_profiled);
    let unprofiled = unprofiled.iter().map(|needs| needs.account_id.to_string()).collect();
    (profiled, unprofiled)
}

/// The coordinates accounts are compared on (step 2 of the method).
struct FeatureSpace<'a> {
    aspects: Vec<&'a str>,
    /// Per aspect: the mean coordinate of the accounts that stated it, for those that
    /// did not.
    unstated: Vec<f64>,
    themes: Vec<&'a str>,
}

impl<'a> FeatureSpace<'a> {
    fn of(profiled: &[Needs<'a>]) -> FeatureSpace<'a> {
        let mut stated: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        let mut themes: Vec<&str> = Vec::new();
        for needs in profiled {
            for (aspect, importance) in &needs.importance {
                let (sum, count) = stated.entry(aspect).or_insert((0.0, 0.0));
                *sum += aspect_coordinate(*importance);
                *count += 1.0;
            }
            themes.extend(needs.mentions.keys());
        }
        themes.sort_unstable();
        themes.dedup();
        FeatureSpace {
            aspects: stated.keys().copied().collect(),
            unstated: stated.values().map(|(sum, count)| sum / count).collect(),
            themes,
        }
    }

    fn vector(&self, needs: &Needs) -> Vec<f64> {
        let aspects = self.aspects.iter().zip(&self.unstated).map(|(aspect, unstated)| {
            needs
                .importance
                .get(aspect)
                .map_or(*unstated, |importance| aspect_coordinate(*importance))
        });
        let total = f64::from(needs.total_mentions());
        let themes = self.themes.iter().map(|theme| {
            let mentions = needs.mentions.get(theme).copied().unwrap_or(0);
            if total > 0.0 {
                THEME_WEIGHT * f64::from(mentions) / total
            } else {
                0.0
            }
        });
        aspects.chain(themes).collect()
    }
}

/// Importance 1–5 onto 0–1.
fn aspect_coordinate(importance: f64) -> f64 {
    ((importance - 1.0) / 4.0).clamp(0.0, 1.0)
}

/// The chosen grouping: each account's group (0..groups) and its mean silhouette.
struct Grouping {
    assignment: Vec<usize>,
    groups: usize,
    silhouette: f64,
}

/// The k-means grouping with the highest mean silhouette (step 3 of the method).
fn best_grouping(points: &[Vec<f64>]) -> Grouping {
    let distinct = distinct_count(points);
    let mut best = Grouping {
        assignment: vec![0; points.len()],
        groups: 1,
        silhouette: 0.0,
    };
    if distinct < 2 {
        return best;
    }
    let most = MAX_SEGMENTS.min(points.len().saturating_sub(1)).min(distinct);
    for k in 2..=most {
        let assignment = k_means(points, k);
        let silhouette = mean_silhouette(points, &assignment, k);
        if best.groups == 1 || silhouette > best.silhouette {
            best = Grouping {
                assignment,
                groups: k,
                silhouette,
            };
        }
    }
    best
}

fn distinct_count(points: &[Vec<f64>]) -> usize {
    let mut sorted: Vec<&Vec<f64>> = points.iter().collect();
    sorted.sort_by(|a, b| {
        a.iter()
            .zip(b.iter())
            .map(|(x, y)| x.total_cmp(y))
            .find(|order| order.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    sorted.dedup();
    sorted.len()
}

/// The best of [`RESTARTS`] seeded k-means runs by within-group sum of squares.
fn k_means(points: &[Vec<f64>], k: usize) -> Vec<usize> {
    let mut best: Option<(f64, Vec<usize>)> = None;
    for restart in 0..RESTARTS {
        let mut rng = fastrand::Rng::with_seed(SEED.wrapping_add(restart));
        let assignment = lloyd(points, k_means_plus_plus(points, k, &mut rng), k);
        let spread = within_sum_of_squares(points, &assignment, k);
        if best.as_ref().is_none_or(|(lowest, _)| spread < *lowest) {
            best = Some((spread, assignment));
        }
    }
    best.map(|(_, assignment)| assignment)
        .unwrap_or_else(|| vec![0; points.len()])
}

/// k-means++: the first centre at random, each next one drawn with probability
/// proportional to its squared distance from the nearest centre so far.
fn k_means_plus_plus(points: &[Vec<f64>], k: usize, rng: &mut fastrand::Rng) -> Vec<Vec<f64>> {
    let mut centres = vec![points[rng.usize(..points.len())].clone()];
    while centres.len() < k {
        let weights: Vec<f64> = points.iter().map(|point| nearest(point, &centres).1).collect();
        let total: f64 = weights.iter().sum();
        let Some(last_candidate) = weights.iter().rposition(|w| *w > 0.0) else {
            // Every point is a centre already: fewer distinct points than k.
            break;
        };
        let mut target = rng.f64() * total;
        let mut chosen = last_candidate;
        for (index, weight) in weights.iter().enumerate().filter(|(_, w)| **w > 0.0) {
            if target < *weight {
                chosen = index;
                break;
            }
            target -= weight;
        }
        centres.push(points[chosen].clone());
    }
    centres
}

/// Lloyd's rounds from `centres` until no assignment changes.
fn lloyd(points: &[Vec<f64>], centres: Vec<Vec<f64>>, k: usize) -> Vec<usize> {
    let mut assignment = assign(points, &centres);
    fill_empty_groups(points, &mut assignment, k);
    for _ in 0..MAX_ITERATIONS {
        let centroids = centroids(points, &assignment, k);
        let mut next = assign(points, &centroids);
        fill_empty_groups(points, &mut next, k);
        if next == assignment {
            break;
        }
        assignment = next;
    }
    assignment
}

/// Each point's nearest centre.
fn assign(points: &[Vec<f64>], centres: &[Vec<f64>]) -> Vec<usize> {
    points.iter().map(|point| nearest(point, centres).0).collect()
}

/// The nearest centre (ties: the lower index) and the squared distance to it.
fn nearest(point: &[f64], centres: &[Vec<f64>]) -> (usize, f64) {
    let mut best = (0, f64::INFINITY);
    for (index, centre) in centres.iter().enumerate() {
        let distance = squared_distance(point, centre);
        if distance < best.1 {
            best = (index, distance);
        }
    }
    best
}

/// Moves, for each empty group, the point farthest from its own group's centroid into
/// it. Such a point always exists while there are at least k distinct points.
fn fill_empty_groups(points: &[Vec<f64>], assignment: &mut [usize], k: usize) {
    loop {
        let sizes = group_sizes(assignment, k);
        let Some(empty) = sizes.iter().position(|size| *size == 0) else {
            return;
        };
        let centroids = centroids(points, assignment, k);
        let farthest = (0..points.len())
            .filter(|&index| sizes[assignment[index]] > 1)
            .map(|index| (index, squared_distance(&points[index], &centroids[assignment[index]])))
            .filter(|(_, distance)| *distance > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((index, _)) = farthest else {
            return;
        };
        assignment[index] = empty;
    }
}

fn group_sizes(assignment: &[usize], k: usize) -> Vec<usize> {
    let mut sizes = vec![0; k];
    for group in assignment {
        if let Some(size) = sizes.get_mut(*group) {
            *size += 1;
        }
    }
    sizes
}

/// Each group's mean point; an empty group's is the origin (it is never used).
fn centroids(points: &[Vec<f64>], assignment: &[usize], k: usize) -> Vec<Vec<f64>> {
    let dimensions = points.first().map_or(0, Vec::len);
    let mut sums = vec![vec![0.0; dimensions]; k];
    for (point, group) in points.iter().zip(assignment) {
        for (sum, coordinate) in sums[*group].iter_mut().zip(point) {
            *sum += coordinate;
        }
    }
    for (sum, size) in sums.iter_mut().zip(group_sizes(assignment, k)) {
        if size > 0 {
            sum.iter_mut().for_each(|coordinate| *coordinate /= size as f64);
        }
    }
    sums
}

fn within_sum_of_squares(points: &[Vec<f64>], assignment: &[usize], k: usize) -> f64 {
    let centroids = centroids(points, assignment, k);
    points
        .iter()
        .zip(assignment)
        .map(|(point, group)| squared_distance(point, &centroids[*group]))
        .sum()
}

/// The mean over points of (b − a) / max(a, b): a is the mean distance to the rest of
/// its group, b the lowest mean distance to another group. 1: tight, well apart
/// groups; about 0: overlapping; negative: points closer to another group.
fn mean_silhouette(points: &[Vec<f64>], assignment: &[usize], k: usize) -> f64 {
    let sizes = group_sizes(assignment, k);
    let total: f64 = (0..points.len())
        .map(|index| silhouette_of(index, points, assignment, &sizes))
        .sum();
    total / points.len().max(1) as f64
}

fn silhouette_of(index: usize, points: &[Vec<f64>], assignment: &[usize], sizes: &[usize]) -> f64 {
    let own = assignment[index];
    if sizes[own] <= 1 {
        return 0.0;
    }
    let mut distance_sums = vec![0.0; sizes.len()];
    for (other, group) in assignment.iter().enumerate().filter(|(other, _)| *other != index) {
        distance_sums[*group] += squared_distance(&points[index], &points[other]).sqrt();
    }
    let within = distance_sums[own] / (sizes[own] - 1) as f64;
    let nearest_other = (0..sizes.len())
        .filter(|group| *group != own && sizes[*group] > 0)
        .map(|group| distance_sums[group] / sizes[group] as f64)
        .min_by(f64::total_cmp);
    match nearest_other {
        Some(between) if within.max(between) > 0.0 => (between - within) / within.max(between),
        _ => 0.0,
    }
}

fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum()
}

/// What a set of accounts states and mentions, on the scales traits show.
struct Summary<'a> {
    /// Mean importance (1–5) over the accounts that stated the aspect.
    aspect_means: BTreeMap<&'a str, f64>,
    /// The share of the accounts that mention the theme.
    theme_shares: BTreeMap<&'a str, f64>,
}

impl<'a> Summary<'a> {
    fn of<'n>(accounts: impl ExactSizeIterator<Item = &'n Needs<'a>>) -> Summary<'a>
    where
        'a: 'n,
    {
        let count = accounts.len().max(1) as f64;
        let mut stated: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        let mut mentioning: BTreeMap<&str, f64> = BTreeMap::new();
        for needs in accounts {
            for (aspect, importance) in &needs.importance {
                let (sum, stating) = stated.entry(aspect).or_insert((0.0, 0.0));
                *sum += importance;
                *stating += 1.0;
            }
            for theme in needs.mentions.keys() {
                *mentioning.entry(theme).or_insert(0.0) += 1.0;
            }
        }
        Summary {
            aspect_means: stated
                .into_iter()
                .map(|(aspect, (sum, stating))| (aspect, sum / stating))
                .collect(),
            theme_shares: mentioning
                .into_iter()
                .map(|(theme, accounts)| (theme, accounts / count))
                .collect(),
        }
    }
}

/// A group as proposed: its accounts, its traits and the name they suggest.
fn describe(members: &[&Needs], overall: &Summary, label: &impl Fn(NeedTraitKind, &str) -> String) -> ProposedSegment {
    let traits = traits(&Summary::of(members.iter().copied()), overall, label);
    let suggested_name = traits
        .iter()
        .filter(|t| t.group_value > t.overall_value)
        .take(2)
        .map(|t| t.label.as_str())
        .collect::<Vec<_>>()
        .join(" & ");
    ProposedSegment {
        suggested_name,
        accounts: members.iter().map(|needs| needs.account_id.to_string()).collect(),
        traits,
    }
}

/// The group's clear differences from everyone: what it needs more, strongest first,
/// then what it needs less (step 4 of the method).
fn traits(group: &Summary, overall: &Summary, label: &impl Fn(NeedTraitKind, &str) -> String) -> Vec<NeedTrait> {
    let aspects = overall.aspect_means.iter().filter_map(|(aspect, overall_mean)| {
        let group_mean = *group.aspect_means.get(aspect)?;
        let difference = (group_mean - overall_mean).abs();
        (difference >= ASPECT_MIN_DIFFERENCE - TOLERANCE).then_some((
            difference / 4.0,
            NeedTraitKind::Aspect,
            *aspect,
            group_mean,
            *overall_mean,
        ))
    });
    let themes = overall.theme_shares.iter().filter_map(|(theme, overall_share)| {
        let group_share = group.theme_shares.get(theme).copied().unwrap_or(0.0);
        let difference = (group_share - overall_share).abs();
        (difference >= THEME_MIN_DIFFERENCE - TOLERANCE).then_some((
            difference,
            NeedTraitKind::Theme,
            *theme,
            group_share,
            *overall_share,
        ))
    });
    let mut found: Vec<_> = aspects.chain(themes).collect();
    // What a group needs more says who it is; what it needs less comes after.
    let needs_less = |group_value: f64, overall_value: f64| group_value < overall_value;
    found.sort_by(|a, b| {
        needs_less(a.3, a.4)
            .cmp(&needs_less(b.3, b.4))
            .then_with(|| b.0.total_cmp(&a.0))
            .then_with(|| kind_rank(a.1).cmp(&kind_rank(b.1)))
            .then_with(|| a.2.cmp(b.2))
    });
    found
        .into_iter()
        .take(MAX_TRAITS)
        .map(|(_, kind, key, group_value, overall_value)| NeedTrait {
            kind,
            key: key.to_string(),
            label: label(kind, key),
            group_value,
            overall_value,
        })
        .collect()
}

/// Aspects before themes when traits are equally strong.
fn kind_rank(kind: NeedTraitKind) -> usize {
    NeedTraitKind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn profile(id: &str, importance: &[(&str, f64)], themes: &[(&str, u32)]) -> NeedProfile {
        NeedProfile {
            account_id: id.to_string(),
            account_name: format!("Account {id}"),
            importance: importance
                .iter()
                .map(|(aspect, importance)| AspectImportance {
                    aspect: aspect.to_string(),
                    importance: *importance,
                })
                .collect(),
            themes: themes
                .iter()
                .map(|(theme, mentions)| ThemeMentions {
                    theme: theme.to_string(),
                    mentions: *mentions,
                })
                .collect(),
        }
    }

    fn key_as_label(_: NeedTraitKind, key: &str) -> String {
        key.to_string()
    }

    fn capitalised(_: NeedTraitKind, key: &str) -> String {
        let mut chars = key.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        let mut ids: Vec<String> = list.iter().map(|id| id.to_string()).collect();
        ids.sort();
        ids
    }

    fn group_of<'p>(proposal: &'p SegmentProposal, account: &str) -> &'p ProposedSegment {
        proposal
            .groups
            .iter()
            .find(|group| group.accounts.iter().any(|id| id == account))
            .expect("the account is grouped")
    }

    fn trait_of<'g>(group: &'g ProposedSegment, key: &str) -> Option<&'g NeedTrait> {
        group.traits.iter().find(|t| t.key == key)
    }

    // Planted groups, their accounts interleaved by id so that id order is no hint.
    const REPORTING_FIRST: [&str; 5] = ["01", "04", "07", "10", "13"];
    const PRICE_FIRST: [&str; 5] = ["02", "05", "08", "11", "14"];
    const SCHEDULE_FIRST: [&str; 5] = ["03", "06", "09", "12", "15"];

    /// Three groups of five: reporting first (price hardly), price first (reporting
    /// hardly), schedule first; ±0.5 noise elsewhere, and a few themes.
    fn planted() -> Vec<NeedProfile> {
        let noise = [3.0, 2.5, 3.5, 3.0, 3.0];
        let other_noise = [3.0, 3.5, 2.5, 3.0, 3.5];
        let low = [1.0, 2.0, 1.0, 2.0, 1.0];
        let mut profiles = Vec::new();
        for i in 0..5 {
            let themes: &[(&str, u32)] = match i {
                0 => &[("dashboards", 3)],
                1 => &[("dashboards", 1), ("billing", 1)],
                _ => &[],
            };
            profiles.push(profile(
                REPORTING_FIRST[i],
                &[
                    ("reporting", 5.0),
                    ("price", low[i]),
                    ("schedule", noise[i]),
                    ("support", other_noise[i]),
                ],
                themes,
            ));
            let themes: &[(&str, u32)] = if i == 2 { &[("cost", 2)] } else { &[] };
            profiles.push(profile(
                PRICE_FIRST[i],
                &[
                    ("price", 5.0),
                    ("reporting", low[4 - i]),
                    ("schedule", other_noise[i]),
                    ("support", noise[i]),
                ],
                themes,
            ));
            let themes: &[(&str, u32)] = if i == 3 { &[("deadlines", 2)] } else { &[] };
            profiles.push(profile(
                SCHEDULE_FIRST[i],
                &[
                    ("schedule", 5.0),
                    ("reporting", noise[4 - i]),
                    ("price", other_noise[4 - i]),
                    ("support", noise[i]),
                ],
                themes,
            ));
        }
        profiles
    }

    #[test]
    fn planted_groups_are_found_and_told_apart_by_what_matters_to_them() {
        let proposal = propose(&planted(), capitalised).expect("15 profiled accounts");
        let mut found: Vec<Vec<String>> = proposal.groups.iter().map(|g| g.accounts.clone()).collect();
        found.sort();
        let mut expected = vec![ids(&REPORTING_FIRST), ids(&PRICE_FIRST), ids(&SCHEDULE_FIRST)];
        expected.sort();
        assert_eq!(found, expected);

        let reporting_group = group_of(&proposal, "01");
        let reporting = trait_of(reporting_group, "reporting").expect("reporting sets the group apart");
        assert_eq!(reporting.kind, NeedTraitKind::Aspect);
        assert_eq!(reporting.group_value, 5.0);
        assert!(reporting.group_value > reporting.overall_value + 1.0);
        let price = trait_of(reporting_group, "price").expect("price matters less to the group");
        assert!(price.group_value < price.overall_value);
        // Two of its five accounts ask for dashboards, two of all fifteen do.
        assert_eq!(reporting_group.suggested_name, "Reporting & Dashboards");
        assert!(reporting_group.traits.len() <= MAX_TRAITS);

        assert_eq!(group_of(&proposal, "02").suggested_name, "Price");
        assert_eq!(group_of(&proposal, "03").suggested_name, "Schedule");
        assert!(proposal.silhouette > 0.5 && proposal.silhouette <= 1.0);
    }

    /// Accounts with no planted structure: k-means' result hangs on its initialisation,
    /// so any dependence on the input order would show.
    fn unstructured() -> Vec<NeedProfile> {
        let mut rng = fastrand::Rng::with_seed(7);
        let aspects = ["price", "quality", "reporting", "schedule", "support"];
        let themes = ["billing", "communication", "speed"];
        (0..30)
            .map(|n| {
                let importance: Vec<(&str, f64)> = aspects
                    .iter()
                    .filter_map(|aspect| {
                        let stated = rng.u8(..5) > 0;
                        let importance = 1.0 + f64::from(rng.u8(..=8)) / 2.0;
                        stated.then_some((*aspect, importance))
                    })
                    .collect();
                let mentions: Vec<(&str, u32)> = themes.iter().map(|theme| (*theme, rng.u32(..3))).collect();
                profile(&format!("acc-{n:02}"), &importance, &mentions)
            })
            .collect()
    }

    #[test]
    fn the_same_accounts_in_any_order_get_the_same_proposal() {
        for profiles in [planted(), unstructured()] {
            let first = propose(&profiles, key_as_label).expect("enough profiled accounts");
            assert_eq!(
                propose(&profiles, key_as_label),
                Some(first.clone()),
                "same seed, same answer"
            );
            let mut reversed = profiles.clone();
            reversed.reverse();
            assert_eq!(propose(&reversed, key_as_label), Some(first.clone()));
            for seed in 1..=5 {
                let mut rng = fastrand::Rng::with_seed(seed);
                let mut shuffled = profiles.clone();
                rng.shuffle(&mut shuffled);
                for profile in &mut shuffled {
                    rng.shuffle(&mut profile.importance);
                    rng.shuffle(&mut profile.themes);
                }
                assert_eq!(propose(&shuffled, key_as_label), Some(first.clone()), "order {seed}");
            }
        }
    }

    #[test]
    fn too_few_profiled_accounts_get_no_proposal_and_unprofiled_ones_are_never_grouped() {
        let mut profiles = vec![
            profile("a", &[("price", 5.0)], &[]),
            profile("b", &[("price", 1.0)], &[]),
            profile("c", &[], &[("speed", 2)]),
            profile("silent", &[], &[]),
            profile("quiet", &[], &[("speed", 0)]),
        ];
        assert_eq!(propose(&profiles, key_as_label), None, "three profiled accounts");
        assert_eq!(propose(&[], key_as_label), None);

        profiles.push(profile("d", &[("price", 4.0)], &[]));
        let proposal = propose(&profiles, key_as_label).expect("four profiled accounts");
        assert_eq!(proposal.unprofiled, ["quiet", "silent"]);
        let mut grouped: Vec<&str> = proposal
            .groups
            .iter()
            .flat_map(|g| g.accounts.iter().map(String::as_str))
            .collect();
        grouped.sort_unstable();
        assert_eq!(grouped, ["a", "b", "c", "d"]);
    }

    #[test]
    fn two_clear_groups_make_two_segments_with_a_high_silhouette() {
        let profiles: Vec<NeedProfile> = (0..8)
            .map(|n| {
                let wobble = f64::from(n % 3) * 0.25;
                if n % 2 == 0 {
                    profile(
                        &format!("r{n}"),
                        &[("reporting", 5.0 - wobble), ("price", 1.0 + wobble)],
                        &[],
                    )
                } else {
                    profile(
                        &format!("p{n}"),
                        &[("reporting", 1.0 + wobble), ("price", 5.0 - wobble)],
                        &[],
                    )
                }
            })
            .collect();
        let proposal = propose(&profiles, key_as_label).expect("eight profiled accounts");
        assert_eq!(proposal.groups.len(), 2);
        assert_eq!(proposal.groups[0].accounts, ["p1", "p3", "p5", "p7"]);
        assert_eq!(proposal.groups[1].accounts, ["r0", "r2", "r4", "r6"]);
        assert!(
            proposal.silhouette > 0.5 && proposal.silhouette <= 1.0,
            "{}",
            proposal.silhouette
        );
        assert_eq!(proposal.groups[1].suggested_name, "reporting");
    }

    #[test]
    fn identical_needs_make_one_group_without_traits() {
        let profiles: Vec<NeedProfile> = (0..5)
            .map(|n| {
                profile(
                    &format!("same-{n}"),
                    &[("price", 4.0), ("support", 2.0)],
                    &[("speed", 1 + n)],
                )
            })
            .collect();
        let proposal = propose(&profiles, key_as_label).expect("five profiled accounts");
        assert_eq!(proposal.groups.len(), 1);
        assert_eq!(proposal.groups[0].accounts.len(), 5);
        assert_eq!(proposal.silhouette, 0.0);
        assert!(proposal.groups[0].traits.is_empty());
        assert_eq!(proposal.groups[0].suggested_name, "");
    }

    #[test]
    fn themes_alone_can_set_groups_apart() {
        let profiles = [
            profile("a", &[], &[("speed", 3)]),
            profile("b", &[], &[("speed", 1)]),
            profile("c", &[], &[("speed", 2)]),
            profile("d", &[], &[("billing", 1)]),
            profile("e", &[], &[("billing", 4)]),
            profile("f", &[], &[("billing", 2)]),
        ];
        let proposal = propose(&profiles, key_as_label).expect("six profiled accounts");
        assert_eq!(proposal.groups.len(), 2);
        let speed_group = group_of(&proposal, "a");
        assert_eq!(speed_group.accounts, ["a", "b", "c"]);
        let speed = trait_of(speed_group, "speed").expect("speed sets the group apart");
        assert_eq!(speed.kind, NeedTraitKind::Theme);
        assert_eq!((speed.group_value, speed.overall_value), (1.0, 0.5));
        assert_eq!(speed_group.suggested_name, "speed");
        assert_eq!(group_of(&proposal, "d").suggested_name, "billing");
    }

    #[test]
    fn the_labeller_names_traits_and_groups() {
        let label = |kind: NeedTraitKind, key: &str| format!("{}:{}", kind.code(), key.to_uppercase());
        let proposal = propose(&planted(), label).expect("15 profiled accounts");
        let reporting_group = group_of(&proposal, "01");
        assert_eq!(reporting_group.suggested_name, "aspect:REPORTING & theme:DASHBOARDS");
        for t in proposal.groups.iter().flat_map(|g| &g.traits) {
            assert_eq!(t.label, label(t.kind, &t.key));
        }
        let themes = [
            profile("a", &[], &[("speed", 1)]),
            profile("b", &[], &[("speed", 1)]),
            profile("c", &[], &[("billing", 1)]),
            profile("d", &[], &[("billing", 1)]),
        ];
        let proposal = propose(&themes, label).expect("four profiled accounts");
        assert_eq!(group_of(&proposal, "a").suggested_name, "theme:SPEED");
    }

    #[test]
    fn a_name_joins_at_most_two_traits_that_matter_more() {
        let profiles: Vec<NeedProfile> = (0..8)
            .map(|n| {
                let id = format!("{n}");
                if n < 4 {
                    profile(
                        &id,
                        &[("reporting", 5.0), ("schedule", 5.0), ("price", 1.0)],
                        &[("speed", 1)],
                    )
                } else {
                    profile(&id, &[("reporting", 1.0), ("schedule", 2.0), ("price", 5.0)], &[])
                }
            })
            .collect();
        let proposal = propose(&profiles, capitalised).expect("eight profiled accounts");
        let group = group_of(&proposal, "0");
        // Reporting 5 vs 3 and schedule 5 vs 3.5 matter more; price 1 vs 3 matters less.
        assert_eq!(group.suggested_name, "Reporting & Speed");
        let keys: Vec<&str> = group.traits.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            ["reporting", "speed", "schedule", "price"],
            "what matters more comes first"
        );
    }

    #[test]
    fn an_adjusted_segment_is_characterised_by_its_members() {
        let profiles: Vec<NeedProfile> = (0..6)
            .map(|n| {
                let price = if n < 2 { 5.0 } else { 2.0 };
                profile(&format!("{n}"), &[("price", price), ("schedule", 3.0)], &[])
            })
            .collect();
        let members = vec!["0".to_string(), "1".to_string()];
        let traits = characterise(&members, &profiles, key_as_label);
        assert_eq!(traits.len(), 1, "{traits:?}");
        assert_eq!(
            (traits[0].key.as_str(), traits[0].group_value, traits[0].overall_value),
            ("price", 5.0, 3.0)
        );
        assert!(characterise(&["nobody".to_string()], &profiles, key_as_label).is_empty());
    }

    fn row(account: &str, nps_counts: [u32; 3], health: Option<f64>, causes: &[ChurnCause]) -> HeatmapRow {
        let mut current = crate::evidence::SignalValues::of(None, None);
        current.health = health;
        current.expectation_gap = health.map(|h| h / 100.0);
        HeatmapRow {
            account: account.to_string(),
            name: account.to_string(),
            segments: vec![],
            stage: crate::account::Stage::Delivery,
            lead: None,
            annual_value_eur: 100_000,
            revenue_at_risk_eur: if causes.is_empty() { 0 } else { 40_000 },
            current,
            nps_counts: nps_counts.to_vec(),
            causes: causes.to_vec(),
            open_case: None,
        }
    }

    #[test]
    fn figures_add_up_a_segments_accounts() {
        use ChurnCause::*;
        let a = row("a", [3, 1, 0], Some(80.0), &[]);
        let b = row("b", [0, 1, 2], Some(40.0), &[CompetitorsAhead, VoiceLost]);
        let c = row("c", [0, 0, 0], None, &[CompetitorsAhead]);
        let profiles = vec![
            profile("a", &[], &[("reporting", 2)]),
            profile("b", &[], &[("reporting", 1), ("speed", 1)]),
            profile("elsewhere", &[], &[("billing", 5)]),
        ];
        let figures = figures(&[&a, &b, &c], &profiles);
        assert_eq!((figures.accounts, figures.respondents), (3, 7));
        assert_eq!(figures.nps.map(|n| n.round()), Some(14.0), "(3 − 2) / 7");
        assert_eq!(figures.health, Some(60.0), "c has no health and is not counted");
        assert!(
            figures.expectation_gap.is_some_and(|gap| (gap - 0.6).abs() < 1e-9),
            "{figures:?}"
        );
        assert_eq!(figures.revenue_at_risk_eur, 80_000);
        assert_eq!(figures.causes, [CompetitorsAhead, VoiceLost], "most accounts first");
        assert_eq!(
            figures.themes,
            ["reporting", "speed"],
            "only the segment's accounts' themes"
        );
        let empty = super::figures(&[], &profiles);
        assert_eq!((empty.nps, empty.health, empty.themes.len()), (None, None, 0));
    }

    fn adopt(segments: &[(&str, &[&str])]) -> AdoptSegmentsRequest {
        AdoptSegmentsRequest {
            segments: segments
                .iter()
                .map(|(name, accounts)| SegmentInput {
                    name: name.to_string(),
                    accounts: accounts.iter().map(|a| a.to_string()).collect(),
                })
                .collect(),
        }
        .normalised()
    }

    #[test]
    fn an_adoption_names_each_segment_once_and_puts_each_account_in_one() {
        let known: Vec<String> = ["a", "b"].iter().map(|a| a.to_string()).collect();
        let taken = vec!["Public sector".to_string()];
        let problem = |request: AdoptSegmentsRequest| request.check(&known, &taken).err().map(|e| (e.field, e.problem));
        assert_eq!(problem(adopt(&[(" One ", &["a"]), ("Two", &["b"])])), None);
        assert_eq!(problem(adopt(&[])), None, "no segments removes them");
        assert_eq!(problem(adopt(&[("  ", &["a"])])), Some(("name", Invalid::Required)));
        assert_eq!(
            problem(adopt(&[("PUBLIC sector", &["a"])])),
            Some(("name", Invalid::InUse))
        );
        assert_eq!(
            problem(adopt(&[("One", &["a"]), ("one", &["b"])])),
            Some(("name", Invalid::Repeated))
        );
        assert_eq!(problem(adopt(&[("One", &[])])), Some(("accounts", Invalid::Required)));
        assert_eq!(problem(adopt(&[("One", &["z"])])), Some(("accounts", Invalid::Unknown)));
        assert_eq!(
            problem(adopt(&[("One", &["a"]), ("Two", &["a", "b"])])),
            Some(("accounts", Invalid::Repeated))
        );
        let many: Vec<(String, Vec<&str>)> = (0..=MAX_ADOPTED).map(|n| (format!("S{n}"), vec![])).collect();
        let many: Vec<(&str, &[&str])> = many.iter().map(|(n, a)| (n.as_str(), a.as_slice())).collect();
        assert_eq!(
            problem(adopt(&many)),
            Some(("segments", Invalid::TooMany { max: MAX_ADOPTED }))
        );
        assert_eq!(adopt(&[(" One ", &["a"])]).segments[0].name, "One");
    }

    fn arbitrary_profile() -> impl Strategy<Value = NeedProfile> {
        let aspect = proptest::sample::select(vec!["price", "reporting", "schedule"]);
        let theme = proptest::sample::select(vec!["billing", "speed"]);
        (
            0u8..10,
            proptest::collection::vec((aspect, 0.0f64..=6.0), 0..4),
            proptest::collection::vec((theme, 0u32..4), 0..3),
        )
            .prop_map(|(id, importance, themes)| profile(&format!("acc-{id}"), &importance, &themes))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_accounts_are_grouped_once_each_without_panicking(
            profiles in proptest::collection::vec(arbitrary_profile(), 0..12),
        ) {
            let Some(proposal) = propose(&profiles, key_as_label) else {
                return Ok(());
            };
            let mut seen: Vec<&str> = proposal
                .groups
                .iter()
                .flat_map(|g| g.accounts.iter().map(String::as_str))
                .chain(proposal.unprofiled.iter().map(String::as_str))
                .collect();
            seen.sort_unstable();
            let mut expected: Vec<&str> = profiles.iter().map(|p| p.account_id.as_str()).collect();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(seen, expected);
            prop_assert!(proposal.groups.len() <= MAX_SEGMENTS);
            prop_assert!((-1.0..=1.0).contains(&proposal.silhouette));
            prop_assert!(proposal.groups.iter().all(|g| !g.accounts.is_empty() && g.traits.len() <= MAX_TRAITS));
        }
    }
}
