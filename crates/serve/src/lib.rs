//! `newsgraph serve`: the JSON API under `/api/` and the web interface, over
//! the store.
//!
//! Reads go through a small pool of read connections. The server never
//! writes to the database itself: `POST /api/articles` hands the body to the
//! ingest callback the binary gives it (the full pipeline lives in the CLI),
//! and only for a request that carries the token given at start.

mod api;
mod assets;

use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::MethodRouter;
use axum::Router;
use newsgraph_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The largest request body accepted (413 beyond).
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// The largest page of a list (`limit`).
pub const MAX_LIMIT: usize = 500;
/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 50;

/// What one ingest request did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestReport {
    /// Ids of the articles stored.
    pub stored: Vec<String>,
    /// Ids already stored, or copies of stored stories (not stored again).
    pub skipped: Vec<String>,
    /// Bad lines or articles, each naming its line.
    pub errors: Vec<String>,
}

/// Runs the pipeline on a request body (one article JSON object, or JSONL)
/// and stores the records; `Err` is a fatal error (the database failed).
pub type IngestFn = Arc<dyn Fn(&[u8]) -> Result<IngestReport, String> + Send + Sync>;

/// How to serve.
pub struct Config {
    pub addr: SocketAddr,
    /// The database to read (created if missing).
    pub db: PathBuf,
    /// Bearer token that writes need; `None` disables writes.
    pub token: Option<String>,
    pub ingest: Option<IngestFn>,
}

/// Shared by every request.
pub(crate) struct App {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    token: Option<String>,
    ingest: Option<IngestFn>,
}

impl App {
    /// Run `f` on a pooled read connection, off the async threads.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, api::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> newsgraph_store::Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let pooled = app.pool.lock().ok().and_then(|mut p| p.pop());
            let store = match pooled {
                Some(s) => s,
                None => Store::open(&app.db)?,
            };
            let out = f(&store);
            if let Ok(mut p) = app.pool.lock() {
                p.push(store);
            }
            out
        })
        .await
        .map_err(|e| api::ApiError::internal(format!("query task failed: {e}")))?
        .map_err(|e| match e {
            // The user's mistake (bad full-text syntax): a 400 saying what.
            newsgraph_store::StoreError::Query(m) => api::ApiError::new(axum::http::StatusCode::BAD_REQUEST, m),
            e => api::ApiError::internal(e.to_string()),
        })
    }
}

/// Every route: (method, path, handler). The router is built from this list
/// and `docs/openapi.yaml` must document each entry (a test checks).
pub(crate) fn routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<App>>)> {
    let mut r = api::routes();
    r.extend(assets::routes());
    r
}

/// Security headers on every response.
async fn headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// The router over a database.
pub fn router(db: PathBuf, token: Option<String>, ingest: Option<IngestFn>) -> Router {
    let app = Arc::new(App { db, pool: Mutex::new(Vec::new()), token, ingest });
    let mut router = Router::new();
    for (_, path, handler) in routes() {
        router = router.route(path, handler);
    }
    router
        .fallback(api::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(headers))
        .with_state(app)
}

/// Bind, print `listening on http://ADDR` on stderr, and serve until
/// interrupted.
pub fn run(cfg: Config) -> anyhow::Result<()> {
    // Open once first: a bad database file is reported before listening.
    Store::open(&cfg.db)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|e| anyhow::anyhow!("{}: cannot listen: {e}", cfg.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!(
                "newsgraph: warning: listening on {} makes the database readable from other machines",
                addr.ip()
            );
        }
        if cfg.token.is_none() {
            eprintln!("newsgraph: writes are disabled (no --token or NEWSGRAPH_TOKEN)");
        }
        eprintln!("listening on http://{addr}");
        let app = router(cfg.db, cfg.token, cfg.ingest);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    /// The paths of `docs/openapi.yaml` and the methods under each.
    fn documented() -> Vec<(String, String)> {
        let yaml = include_str!("../../../docs/openapi.yaml");
        let mut out = Vec::new();
        let mut path: Option<String> = None;
        let mut in_paths = false;
        for line in yaml.lines() {
            if !line.starts_with(' ') && !line.trim().is_empty() {
                in_paths = line.starts_with("paths:");
                path = None;
                continue;
            }
            if !in_paths {
                continue;
            }
            if let Some(p) = line.strip_prefix("  ").filter(|l| l.starts_with('/')) {
                path = Some(p.trim_end_matches(':').trim_matches('\'').trim_matches('"').to_string());
            } else if let (Some(p), Some(m)) = (&path, line.strip_prefix("    ").filter(|l| !l.starts_with(' '))) {
                let m = m.trim_end_matches(':');
                if ["get", "post", "put", "delete", "patch"].contains(&m) {
                    out.push((m.to_uppercase(), p.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn every_route_is_documented_in_openapi() {
        let doc = documented();
        assert!(doc.len() >= 10, "the OpenAPI file lists too few operations: {doc:?}");
        for (method, path, _) in super::routes() {
            assert!(
                doc.iter().any(|(m, p)| m == method && p == path),
                "{method} {path} is served but not in docs/openapi.yaml"
            );
        }
        // And nothing documented that is not served.
        for (m, p) in &doc {
            assert!(
                super::routes().iter().any(|(method, path, _)| method == m && path == p),
                "{m} {p} is documented but not served"
            );
        }
    }
}
