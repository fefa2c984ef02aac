//! An HTTP server on loopback (poem, as Kaiku itself serves) that keeps every request it
//! gets and answers with the status it is told to, for webhooks to be sent to for real.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Request as PoemRequest, Response, Server, endpoint::make, http::StatusCode};

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path with its query.
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: String,
}

#[derive(Clone)]
pub struct Receiver {
    pub port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .expect("loopback port");
        let port = acceptor.local_addr()[0].as_socket_addr().expect("a TCP address").port();
        let receiver = Receiver {
            port,
            requests: Arc::default(),
            status: Arc::new(AtomicU16::new(200)),
        };
        let keeping = receiver.clone();
        let endpoint = make(move |request: PoemRequest| {
            let keeping = keeping.clone();
            async move { keeping.keep(request).await }
        });
        tokio::spawn(Server::new_with_acceptor(acceptor).run(endpoint));
        receiver
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Answers every request from now on with `status`.
    pub fn answer_with(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    async fn keep(&self, request: PoemRequest) -> Response {
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    value.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let (method, path) = (
            request.method().to_string(),
            request
                .uri()
                .path_and_query()
                .map(ToString::to_string)
                .unwrap_or_default(),
        );
        let body = request.into_body().into_string().await.unwrap_or_default();
        self.requests.lock().unwrap().push(Request {
            method,
            path,
            headers,
            body,
        });
        let status = StatusCode::from_u16(self.status.load(Ordering::SeqCst)).unwrap_or(StatusCode::OK);
        Response::builder().status(status).finish()
    }
}
