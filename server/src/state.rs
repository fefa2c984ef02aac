//! What every request handler can reach.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::config::Config;
use crate::service::analysis::ModelCache;
use crate::service::delivery::Mailer;
use crate::service::evidence::EvidenceCache;
use crate::service::prepared::PreparedAnswers;
use crate::service::server_key::ServerKey;
use crate::service::throttle::Throttle;
use crate::service::topic_cache::TopicCache;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// Logins, sign-ups, invitations, password changes, unknown survey links.
    pub throttle: Arc<Throttle>,
    pub mailer: Arc<Mailer>,
    /// This process's copy of the accounts' evidence, for the heatmap.
    pub evidence: Arc<EvidenceCache>,
    /// The heatmap's answers, serialised once per state of what they show.
    pub prepared: Arc<PreparedAnswers>,
    /// This process's copy of what the accounts said about which topic, for the Topics page.
    pub topics: Arc<TopicCache>,
    /// This process's text-analysis model of each organisation.
    pub analysis_models: Arc<ModelCache>,
    /// Seals the secrets Kaiku must read back; none on a remote database without
    /// `KAIKU_SECRET_KEY` (mailboxes cannot be connected then).
    pub server_key: Option<Arc<ServerKey>>,
}

impl AppState {
    /// Fails when the mail settings are unusable (a bad sender address, say) or the
    /// secret key is.
    pub fn new(store: Store, config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
        Ok(AppState {
            server_key: ServerKey::load(&config)?.map(Arc::new),
            throttle: Arc::new(Throttle::new(store.clone())),
            store,
            mailer: Arc::new(Mailer::from_config(&config)?),
            config: Arc::new(config),
            clock,
            evidence: Arc::new(EvidenceCache::default()),
            prepared: Arc::new(PreparedAnswers::default()),
            topics: Arc::new(TopicCache::default()),
            analysis_models: Arc::new(ModelCache::default()),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
