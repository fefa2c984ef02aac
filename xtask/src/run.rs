//! `cargo xtask run`: from a bare machine to a running Kaiku with demo data.

use crate::sh::{self, Result, cmd, step};
use crate::tools;

/// Extra arguments are passed to the server (e.g. `--bind 0.0.0.0:8080`).
pub fn run(server_args: &[String]) -> Result {
    tools::ensure_debian_packages(&["clang", "libclang-dev"])?;
    let path = tools::ensure_app_toolchain()?;
    tools::build_app(&path)?;

    step("building the server (release; the first build compiles RocksDB and takes a while)");
    sh::run(&mut cmd(
        &sh::cargo(),
        &["build", "--release", "--package", "kaiku-server"],
    ))?;

    step("starting Kaiku (data in ./data; stop with Ctrl-C, data is kept)");
    let server = sh::target_dir().join("release").join("kaiku-server");
    let mut command = cmd(server.to_str().unwrap_or("kaiku-server"), &["--seed-demo"]);
    command.args(server_args);
    // Keep RocksDB's block cache modest on a laptop-sized machine.
    if std::env::var_os("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE").is_none() {
        command.env("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE", "268435456");
    }
    sh::run(&mut command)
}
