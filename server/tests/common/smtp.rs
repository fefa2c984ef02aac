//! A tiny SMTP server on loopback that accepts every message and keeps it, so a
//! test can check what really went over the wire.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone, Default)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as sent: headers, blank line, body (dot-stuffing undone).
    pub data: String,
}

impl Received {
    /// The message's text, quoted-printable's soft line breaks and `=3D` undone.
    pub fn text(&self) -> String {
        self.data.replace("=\r\n", "").replace("=3D", "=")
    }

    /// The token of the sign-up link in a confirmation email.
    pub fn signup_token(&self) -> String {
        let text = self.text();
        let start = text.find("/signup/confirm/").expect("the email has a sign-up link") + "/signup/confirm/".len();
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    pub messages: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        SmtpSink::start_on(0).await
    }

    /// A sink on `port` (0: any free one), say one a server was told of while down.
    pub async fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("loopback port");
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, kept.clone()));
            }
        });
        SmtpSink { port, messages }
    }

    /// What arrived, less the sign-up links `TestApp::signup` caused: a test of other
    /// mail counts only its own.
    pub fn received(&self) -> Vec<Received> {
        self.received_all()
            .into_iter()
            .filter(|m| !m.data.contains("Subject: Confirm your Kaiku account"))
            .collect()
    }

    /// Everything that arrived, sign-up links too.
    pub fn received_all(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }
}

async fn session(stream: tokio::net::TcpStream, messages: Arc<Mutex<Vec<Received>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 sink.test ESMTP\r\n").await;
    let mut current = Received::default();
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250-sink.test\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            current = Received {
                mail_from: line[10..].trim().to_string(),
                ..Received::default()
            };
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            current.rcpt_to.push(line[8..].trim().to_string());
            b"250 OK\r\n"
        } else if upper == "DATA" {
            let _ = write.write_all(b"354 go ahead\r\n").await;
            let mut data = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if line == "." {
                    break;
                }
                data.push(line.strip_prefix('.').map(String::from).unwrap_or(line));
            }
            current.data = data.join("\r\n");
            messages.lock().unwrap().push(std::mem::take(&mut current));
            b"250 queued\r\n"
        } else if upper == "QUIT" {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
