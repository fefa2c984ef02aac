//! An SMTP server on loopback that takes every message and writes it, as received,
//! to a folder (`1.eml`, `2.eml`, …): the browser suite's mailbox, so a spec can
//! follow a link the server really sent.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Listens on a free loopback port until the process ends; returns the port.
pub fn start(folder: &Path) -> Result<u16, String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("creating {}: {e}", folder.display()))?;
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("the mail sink's port: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let folder = folder.to_path_buf();
    let count = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (folder, count) = (folder.clone(), count.clone());
            std::thread::spawn(move || session(stream, &folder, &count));
        }
    });
    Ok(port)
}

fn session(stream: TcpStream, folder: &Path, count: &AtomicUsize) {
    let Ok(reader) = stream.try_clone() else { return };
    let mut lines = BufReader::new(reader).lines();
    let mut out = stream;
    let _ = out.write_all(b"220 sink.test ESMTP\r\n");
    while let Some(Ok(line)) = lines.next() {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250-sink.test\r\n250 8BITMIME\r\n"
        } else if upper == "DATA" {
            if out.write_all(b"354 go ahead\r\n").is_err() {
                return;
            }
            let mut data = Vec::new();
            for line in lines.by_ref() {
                let Ok(line) = line else { return };
                if line == "." {
                    break;
                }
                data.push(line.strip_prefix('.').map(String::from).unwrap_or(line));
            }
            let number = count.fetch_add(1, Ordering::SeqCst) + 1;
            let path: PathBuf = folder.join(format!("{number}.eml"));
            // Written whole under another name first, so a reader never sees half a message.
            let partial = folder.join(format!("{number}.part"));
            if std::fs::write(&partial, data.join("\r\n")).is_err() || std::fs::rename(&partial, &path).is_err() {
                let _ = out.write_all(b"451 cannot keep the message\r\n");
                continue;
            }
            b"250 queued\r\n"
        } else if upper == "QUIT" {
            let _ = out.write_all(b"221 bye\r\n");
            return;
        } else {
            b"250 OK\r\n"
        };
        if out.write_all(reply).is_err() {
            return;
        }
    }
}
