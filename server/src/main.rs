use kaiku_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    let config = Config::from_args();
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|err| {
        eprintln!("kaiku-server: invalid setting --log (KAIKU_LOG): {err}");
        std::process::exit(2);
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();

    if let Err(err) = kaiku_server::serve(config).await {
        tracing::error!("{err:#}");
        eprintln!("kaiku-server: {err:#}");
        std::process::exit(1);
    }
}
