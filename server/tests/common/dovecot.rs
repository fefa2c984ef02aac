//! A real IMAP server for the mailbox tests: Debian's Dovecot, started on loopback
//! ports in a folder of its own, with a certificate from a throwaway authority (the
//! file Kaiku is told to trust) and one user. Emails are delivered by writing them
//! into the user's Maildir, as a mail delivery agent does.
//!
//! One file for both suites: the integration tests use it as a module, and
//! `cargo xtask e2e` includes it (`#[path]`) to give the browser suite the same
//! server. Hence the standard library only.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub const USER: &str = "feedback@agency.test";
pub const PASSWORD: &str = "imap password with spaces";

pub struct Dovecot {
    /// IMAPS: TLS from the first byte.
    pub tls_port: u16,
    /// Plain IMAP, upgraded with STARTTLS.
    pub starttls_port: u16,
    /// The throwaway authority's certificate, for `KAIKU_MAILBOX_CA_FILE`.
    pub ca_file: PathBuf,
    dir: PathBuf,
    child: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn run(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs (Debian's openssl package)");
    assert!(status.success(), "openssl {args:?}");
}

fn certificates(dir: &Path) {
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(
        dir,
        &[
            &["req", "-x509"],
            &ec[..],
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=Kaiku test authority",
            ],
        ]
        .concat(),
    );
    run(
        dir,
        &[
            &["req"],
            &ec[..],
            &["-keyout", "key.pem", "-out", "leaf.csr", "-subj", "/CN=localhost"],
        ]
        .concat(),
    );
    run(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "cert.pem",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ],
    );
}

impl Dovecot {
    /// Starts one in a fresh folder of the system's temporary directory, removed when
    /// it stops.
    pub fn start() -> Dovecot {
        static STARTED: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "kaiku-dovecot-{}-{}",
            std::process::id(),
            STARTED.fetch_add(1, Ordering::SeqCst)
        );
        Dovecot::start_in(std::env::temp_dir().join(name))
    }

    /// Starts one in `dir` (made afresh, removed when it stops). Dovecot's own users
    /// (as root: `dovecot`, `dovenull`) must be able to reach it.
    pub fn start_in(dir: PathBuf) -> Dovecot {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let root = dir.as_path();
        // Dovecot's own users (as root) must reach its sockets and the Maildir.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        certificates(root);
        std::fs::write(root.join("users"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        let (tls_port, starttls_port) = (free_port(), free_port());
        let (uid, gid) = mail_owner();
        let own_users = if own_ids().0 == 0 {
            // Debian's package made these; Dovecot will not run its helpers as root.
            String::new()
        } else {
            let name = std::env::var("USER").unwrap_or_else(|_| "nobody".into());
            format!("default_internal_user = {name}\ndefault_login_user = {name}\ndefault_internal_group = {gid}\n")
        };
        let config = format!(
            "base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain login
{own_users}
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
",
            root = root.display()
        );
        std::fs::write(root.join("dovecot.conf"), config).unwrap();
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(root.join("home").join(USER).join("Maildir").join(sub)).unwrap();
        }
        for path in [
            "home",
            &format!("home/{USER}"),
            &format!("home/{USER}/Maildir"),
            &format!("home/{USER}/Maildir/new"),
            &format!("home/{USER}/Maildir/cur"),
            &format!("home/{USER}/Maildir/tmp"),
        ] {
            std::os::unix::fs::chown(root.join(path), Some(uid), Some(gid)).unwrap();
        }
        let child = Command::new("dovecot")
            .arg("-F")
            .arg("-c")
            .arg(root.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dovecot starts (Debian's dovecot-imapd; `cargo xtask test` installs it)");
        let dovecot = Dovecot {
            tls_port,
            starttls_port,
            ca_file: root.join("ca.pem"),
            dir,
            child,
        };
        dovecot.wait_until_listening();
        dovecot
    }

    fn wait_until_listening(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            let up = [self.tls_port, self.starttls_port]
                .iter()
                .all(|port| std::net::TcpStream::connect(("127.0.0.1", *port)).is_ok());
            if up {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("dovecot did not start listening:\n{}", self.log());
    }

    /// Puts `raw` (an RFC 5322 message) into the user's inbox, as a delivery agent
    /// does: written in `tmp`, then moved to `new`.
    pub fn deliver(&self, raw: &str) {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let maildir = self.maildir();
        let name = format!(
            "{}.{}.kaiku-test",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        );
        std::fs::write(maildir.join("tmp").join(&name), raw.replace('\n', "\r\n")).unwrap();
        let (uid, gid) = mail_owner();
        std::os::unix::fs::chown(maildir.join("tmp").join(&name), Some(uid), Some(gid)).unwrap();
        std::fs::rename(maildir.join("tmp").join(&name), maildir.join("new").join(&name)).unwrap();
    }

    /// The user's Maildir, where a delivery agent writes.
    pub fn maildir(&self) -> PathBuf {
        self.dir.join("home").join(USER).join("Maildir")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
    }

    /// Changes the user's password, as an admin of the mail server would.
    pub fn change_password(&self, password: &str) {
        let users = self.dir.join("users");
        std::fs::write(&users, format!("{USER}:{{PLAIN}}{password}\n")).unwrap();
        // Dovecot looks at the file at most once a second, and rereads it when its
        // modification time changed.
        let later = std::time::SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&users)
            .unwrap()
            .set_modified(later)
            .unwrap();
        std::thread::sleep(Duration::from_millis(1100));
    }
}

/// Who the mail belongs to: this process's user, or (as root, whom Dovecot will not
/// read mail as) Debian's `dovecot` user.
pub fn mail_owner() -> (u32, u32) {
    if own_ids().0 != 0 {
        return own_ids();
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|line| line.starts_with("dovecot:"))
        .expect("Debian's dovecot package made the dovecot user");
    let fields: Vec<&str> = line.split(':').collect();
    (fields[2].parse().unwrap(), fields[3].parse().unwrap())
}

/// This process's user and group ids.
fn own_ids() -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata("/proc/self").expect("/proc");
    (meta.uid(), meta.gid())
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("dovecot's log:\n{}", self.log());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
