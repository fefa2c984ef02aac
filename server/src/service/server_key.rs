//! The server's own secret key. It seals the few secrets Kaiku must read back (a
//! mailbox's password) with AES-256-GCM, bound to what they belong to, so a copy of
//! the database alone gives none of them away and a sealed value moved to another
//! record does not open.

use std::io::Write;
use std::path::Path;

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, Key, KeyInit, Nonce};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

use crate::config::Config;

/// Sealed values start with the scheme's version, so the scheme can change.
const VERSION: &str = "v1:";
const NONCE_BYTES: usize = 12;

pub struct ServerKey {
    cipher: Aes256Gcm,
}

/// A sealed value that does not open with this key: sealed under another key (the
/// key file was lost or replaced), for another record, or damaged.
#[derive(Debug, thiserror::Error)]
#[error("the secret cannot be read with this server's key")]
pub struct Unsealable;

impl ServerKey {
    /// `KAIKU_SECRET_KEY`; else, for the embedded database, the key in
    /// `<data dir>/secret.key` (made on first start, readable by its owner only);
    /// for an in-memory database one of this process. A remote database without the
    /// setting has none: instances that made their own keys could not read each
    /// other's secrets.
    pub fn load(config: &Config) -> anyhow::Result<Option<ServerKey>> {
        if let Some(encoded) = &config.secret_key {
            return ServerKey::decode(encoded).map(Some).context("KAIKU_SECRET_KEY");
        }
        let endpoint = config.database_endpoint();
        if endpoint.starts_with("mem://") {
            return Ok(Some(ServerKey::new(&random_key())));
        }
        if endpoint.starts_with("rocksdb://") || endpoint.starts_with("surrealkv://") {
            return ServerKey::from_file(&config.data_dir.join("secret.key")).map(Some);
        }
        Ok(None)
    }

    fn new(key: &[u8; 32]) -> ServerKey {
        ServerKey {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key)),
        }
    }

    fn decode(encoded: &str) -> anyhow::Result<ServerKey> {
        let bytes = STANDARD.decode(encoded.trim()).context("is not base64")?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| {
            anyhow::anyhow!("must be 32 bytes (44 base64 characters); make one with `openssl rand -base64 32`")
        })?;
        Ok(ServerKey::new(&key))
    }

    fn from_file(path: &Path) -> anyhow::Result<ServerKey> {
        match std::fs::read_to_string(path) {
            Ok(encoded) => ServerKey::decode(&encoded).with_context(|| format!("the key in {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let encoded = STANDARD.encode(random_key());
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                }
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options
                    .open(path)
                    .with_context(|| format!("creating {}", path.display()))?;
                file.write_all(encoded.as_bytes())?;
                file.sync_all()?;
                ServerKey::decode(&encoded)
            }
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// `secret` sealed for `belongs_to` (a record's id): only `open` with the same
    /// `belongs_to` reads it.
    pub fn seal(&self, secret: &str, belongs_to: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: belongs_to.as_bytes(),
                },
            )
            .expect("AES-GCM seals any message shorter than 64 GB");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{VERSION}{}", STANDARD.encode(bytes))
    }

    pub fn open(&self, sealed: &str, belongs_to: &str) -> Result<String, Unsealable> {
        let bytes = sealed
            .strip_prefix(VERSION)
            .and_then(|encoded| STANDARD.decode(encoded).ok())
            .filter(|bytes| bytes.len() > NONCE_BYTES)
            .ok_or(Unsealable)?;
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let opened = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: belongs_to.as_bytes(),
                },
            )
            .map_err(|_| Unsealable)?;
        String::from_utf8(opened).map_err(|_| Unsealable)
    }
}

fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_for_what_it_belongs_to_and_under_its_key() {
        let key = ServerKey::new(&random_key());
        let sealed = key.seal("hunter2 with spaces", "mailbox:a");
        assert!(!sealed.contains("hunter2"));
        assert_ne!(
            sealed,
            key.seal("hunter2 with spaces", "mailbox:a"),
            "a fresh nonce each time"
        );
        assert_eq!(key.open(&sealed, "mailbox:a").unwrap(), "hunter2 with spaces");
        assert!(key.open(&sealed, "mailbox:b").is_err());
        assert!(ServerKey::new(&random_key()).open(&sealed, "mailbox:a").is_err());
        assert!(key.open("v1:AAAA", "mailbox:a").is_err());
        assert!(key.open("plain text", "mailbox:a").is_err());
    }

    #[test]
    fn the_key_file_is_made_once_and_kept_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("secret.key");
        let first = ServerKey::from_file(&path).unwrap();
        let sealed = first.seal("pw", "x");
        let again = ServerKey::from_file(&path).unwrap();
        assert_eq!(again.open(&sealed, "x").unwrap(), "pw", "the same key after a restart");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_configured_key_must_be_32_bytes_of_base64() {
        assert!(ServerKey::decode(&STANDARD.encode([7u8; 32])).is_ok());
        assert!(ServerKey::decode(&STANDARD.encode([7u8; 16])).is_err());
        assert!(ServerKey::decode("not base64!").is_err());
    }
}
