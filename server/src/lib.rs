//! Kaiku's server. `main.rs` reads the configuration and calls [`serve`]; tests
//! build the same application with [`http::app`] over an in-memory database.

pub mod api;
pub mod clock;
pub mod config;
pub mod error;
pub mod http;
pub mod scheduler;
pub mod seed;
pub mod service;
pub mod state;
pub mod store;

use std::sync::Arc;
use std::time::Duration;

use poem::Server;
use poem::listener::TcpListener;

use crate::clock::SystemClock;
use crate::config::Config;
use crate::scheduler::Scheduler;
use crate::state::AppState;
use crate::store::Store;

/// Opens the database, seeds the demo if asked, and serves until SIGTERM or Ctrl-C,
/// letting requests in flight finish.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let endpoint = config.database_endpoint();
    if endpoint.starts_with("rocksdb://") {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot create data directory {}: {e}", config.data_dir.display()))?;
    }
    let root = match (&config.database_user, &config.database_password) {
        (Some(user), Some(pass)) => Some((user.as_str(), pass.as_str())),
        _ => None,
    };
    let store = Store::open(&endpoint, root).await?;
    tracing::info!(database = %endpoint, schema = store::SCHEMA_VERSION, "database ready");

    let state = AppState::new(store, config.clone(), Arc::new(SystemClock))?;
    if config.seed_demo {
        seed::demo(&state).await?;
    }
    if !config.dist_dir.join("index.html").exists() {
        tracing::warn!(dist = %config.dist_dir.display(), "no built app found; only the API is served (build it with `cargo xtask run`)");
    }

    let instance = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    let (stop_scheduler, stopped) = tokio::sync::watch::channel(false);
    let scheduler = tokio::spawn(Scheduler::new(state.clone(), instance).run_until_stopped(stopped));

    let listener = TcpListener::bind(config.bind);
    tracing::info!(url = %config.public_url, bind = %config.bind, "Kaiku is listening");
    if config.seed_demo {
        println!("{}", seed::banner(&config.public_url));
    }
    Server::new(listener)
        .run_with_graceful_shutdown(
            http::app(state.clone()),
            shutdown_signal(),
            Some(Duration::from_secs(10)),
        )
        .await?;
    let _ = stop_scheduler.send(true);
    if tokio::time::timeout(SCHEDULER_STOP_WAIT, scheduler).await.is_err() {
        tracing::warn!("the scheduler's pass did not finish in time; its leases expire by themselves");
    }
    tracing::info!("stopped");
    Ok(())
}

/// How long shutdown waits for a scheduler pass under way (mail being sent, say).
const SCHEDULER_STOP_WAIT: Duration = Duration::from_secs(60);

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
