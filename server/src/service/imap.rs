//! Reading new emails from an IMAP mailbox: connect over TLS (from the first byte,
//! or after STARTTLS) to the addresses already checked, log in, open the folder,
//! and fetch the emails after the place reached, without marking them read.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Client;
use futures_util::TryStreamExt;
use kaiku_core::mailbox::MailboxSecurity;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// How long connecting, and each command after it, may take.
const STEP_SECONDS: u64 = 30;

/// Where to read from.
pub struct Target<'a> {
    pub host: &'a str,
    pub addresses: &'a [SocketAddr],
    pub security: MailboxSecurity,
    pub user: &'a str,
    pub password: &'a str,
    pub folder: &'a str,
    /// Certificates a server's may chain to besides the public ones.
    pub extra_roots: &'a [CertificateDer<'static>],
}

/// One email as the server keeps it.
pub struct Fetched {
    pub uid: u32,
    pub raw: Vec<u8>,
}

/// What one read brought.
pub struct Batch {
    /// The folder's UIDVALIDITY: UIDs of another value name other emails.
    pub uid_validity: u32,
    /// The emails after the place reached, oldest first, at most the limit asked.
    pub emails: Vec<Fetched>,
    /// Whether more were waiting beyond the limit.
    pub more: bool,
    /// The UID read up to: the last one fetched (or the place asked from).
    pub reached: u32,
    /// The newest email's UID (or the place asked from): where reading "from now
    /// on" starts.
    pub newest_uid: u32,
}

/// Why a read failed, in words an admin can act on (never the password).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the mail server could not be reached: {0}")]
    Connect(String),
    #[error("a secure connection could not be made: {0}")]
    Tls(String),
    #[error("the mail server refused the user name or password")]
    Login,
    #[error("the folder \"{0}\" could not be opened: {1}")]
    Folder(String, String),
    #[error("the mail server did not answer in time")]
    Timeout,
    #[error("the mail server answered unexpectedly: {0}")]
    Protocol(String),
}

/// The public roots and the extra ones, for a mail server's certificate.
pub fn tls_connector(extra_roots: &[CertificateDer<'static>]) -> Result<TlsConnector, ReadError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for root in extra_roots {
        roots
            .add(root.clone())
            .map_err(|e| ReadError::Tls(format!("an extra certificate is unusable: {e}")))?;
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| ReadError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

/// The certificates of a PEM file (`KAIKU_MAILBOX_CA_FILE`).
pub fn read_roots(path: &std::path::Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let roots = CertificateDer::pem_file_iter(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    anyhow::ensure!(!roots.is_empty(), "{} holds no certificate", path.display());
    Ok(roots)
}

async fn step<T, E: std::fmt::Display>(
    future: impl Future<Output = Result<T, E>>,
    fail: impl FnOnce(String) -> ReadError,
) -> Result<T, ReadError> {
    match tokio::time::timeout(Duration::from_secs(STEP_SECONDS), future).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(fail(e.to_string())),
        Err(_) => Err(ReadError::Timeout),
    }
}

/// The emails after `after_uid` (all of them when the folder's UIDVALIDITY is no
/// longer `uid_validity`), at most `limit`.
pub async fn read_new(
    target: &Target<'_>,
    uid_validity: Option<u32>,
    after_uid: u32,
    limit: usize,
) -> Result<Batch, ReadError> {
    let tcp = step(TcpStream::connect(target.addresses), ReadError::Connect).await?;
    let connector = tls_connector(target.extra_roots)?;
    let name = ServerName::try_from(target.host.trim_matches(['[', ']']).to_string())
        .map_err(|e| ReadError::Tls(e.to_string()))?;
    match target.security {
        MailboxSecurity::Tls => {
            let tls = step(connector.connect(name, tcp), ReadError::Tls).await?;
            let mut client = Client::new(tls);
            greeting(&mut client).await?;
            read_session(client, target, uid_validity, after_uid, limit).await
        }
        MailboxSecurity::StartTls => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            step(client.run_command_and_check_ok("STARTTLS", None), |e| {
                ReadError::Tls(format!("the server would not start TLS: {e}"))
            })
            .await?;
            let tls = step(connector.connect(name, client.into_inner()), ReadError::Tls).await?;
            // No greeting after STARTTLS.
            read_session(Client::new(tls), target, uid_validity, after_uid, limit).await
        }
    }
}

async fn greeting<T>(client: &mut Client<T>) -> Result<(), ReadError>
where
    T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    match step(client.read_response(), ReadError::Protocol).await? {
        Some(_) => Ok(()),
        None => Err(ReadError::Protocol("the connection closed before the greeting".into())),
    }
}

async fn read_session<T>(
    client: Client<T>,
    target: &Target<'_>,
    uid_validity: Option<u32>,
    after_uid: u32,
    limit: usize,
) -> Result<Batch, ReadError>
where
    T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    let mut session = match tokio::time::timeout(
        Duration::from_secs(STEP_SECONDS),
        client.login(target.user, target.password),
    )
    .await
    {
        Ok(Ok(session)) => session,
        Ok(Err((async_imap::error::Error::No(_), _))) => return Err(ReadError::Login),
        Ok(Err((e, _))) => return Err(ReadError::Protocol(e.to_string())),
        Err(_) => return Err(ReadError::Timeout),
    };
    let folder = step(session.examine(target.folder), |e| {
        ReadError::Folder(target.folder.to_string(), e)
    })
    .await?;
    let current_validity = folder
        .uid_validity
        .ok_or_else(|| ReadError::Protocol("the folder has no UIDVALIDITY".into()))?;
    let after_uid = if uid_validity == Some(current_validity) {
        after_uid
    } else {
        0
    };
    // `n:*` always names the newest email, even when its UID is below n: filter.
    let mut uids: Vec<u32> = step(
        session.uid_search(format!("UID {}:*", after_uid.saturating_add(1))),
        ReadError::Protocol,
    )
    .await?
    .into_iter()
    .filter(|uid| *uid > after_uid)
    .collect();
    uids.sort_unstable();
    let newest_uid = uids.last().copied().unwrap_or(after_uid);
    let more = uids.len() > limit;
    uids.truncate(limit);
    let reached = uids.last().copied().unwrap_or(after_uid);
    let mut emails = Vec::with_capacity(uids.len());
    if !uids.is_empty() {
        let set = uids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let fetched: Vec<_> = step(
            async {
                session
                    .uid_fetch(&set, "(UID BODY.PEEK[])")
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            },
            ReadError::Protocol,
        )
        .await?;
        for fetch in fetched {
            if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                emails.push(Fetched {
                    uid,
                    raw: body.to_vec(),
                });
            }
        }
        emails.sort_by_key(|email| email.uid);
    }
    // The emails are in hand: a failed goodbye loses nothing.
    let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
    Ok(Batch {
        uid_validity: current_validity,
        emails,
        more,
        reached,
        newest_uid,
    })
}
