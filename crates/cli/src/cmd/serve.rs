//! `serve`: the HTTP API and web interface (issue #9). The server itself
//! lives in `newsgraph-serve`; this command gives it the database and the
//! ingest callback that runs the full pipeline on posted articles.

use crate::exit;
use anyhow::Result;
use newsgraph_ingest::{Defaults, Input};
use newsgraph_serve::{Config, IngestFn, IngestReport};
use newsgraph_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Serve the JSON API and the web interface.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph serve                                  # http://127.0.0.1:8080, read-only\n  newsgraph serve --db news.db --addr 127.0.0.1:9000\n  NEWSGRAPH_TOKEN=s3cret newsgraph serve           # also accept POST /api/articles with that bearer token\n  curl -H 'Authorization: Bearer s3cret' --data-binary @story.json http://127.0.0.1:8080/api/articles\n\nThe API is documented in docs/openapi.yaml. A non-loopback --addr serves the database to other machines (a warning says so).")]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port; the real one is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that writes (POST /api/articles) need; without one, writes are disabled.
    #[arg(long, env = "NEWSGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// An actor file for posted articles (see `ingest --help`).
    #[arg(long, env = "NEWSGRAPH_ACTORS")]
    pub actors: Option<PathBuf>,
    #[command(flatten)]
    pub db: crate::DbArg,
}

pub fn serve(a: ServeArgs) -> Result<u8> {
    let token = match a.token {
        Some(t) if t.trim().len() < 8 => {
            eprintln!("newsgraph: error: the token must have at least 8 characters");
            return Ok(exit::USAGE);
        }
        t => t.map(|t| t.trim().to_string()),
    };
    if let Some(path) = &a.actors {
        newsgraph_understand::entities::lexicon::load_actor_file(path).map_err(anyhow::Error::msg)?;
    }
    if !a.db.db.exists() {
        eprintln!("newsgraph: {} does not exist yet: serving an empty database", a.db.db.display());
    }
    let ingest = token.as_ref().map(|_| ingest_callback(a.db.db.clone()));
    newsgraph_serve::run(Config { addr: a.addr, db: a.db.db, token, ingest })?;
    Ok(exit::OK)
}

/// Posted bodies through the pipeline into the database, one request at a
/// time (the pipeline already uses every core).
fn ingest_callback(db: PathBuf) -> IngestFn {
    let store: Mutex<Option<Store>> = Mutex::new(None);
    Arc::new(move |body: &[u8]| {
        let mut guard = store.lock().map_err(|_| "the ingest lock is poisoned".to_string())?;
        if guard.is_none() {
            *guard = Some(Store::open(&db).map_err(|e| e.to_string())?);
        }
        let Some(store) = guard.as_mut() else { return Err("no database".into()) };
        let mut report = IngestReport::default();
        let input = Input::from_reader("request".into(), Box::new(std::io::Cursor::new(as_jsonl(body))), true, &Defaults::default());
        let mut docs = Vec::new();
        for item in input {
            match item {
                Ok(d) => docs.push(d),
                Err(e) => report.errors.push(e.to_string()),
            }
        }
        let (stored, skipped) = super::run::store_docs(store, docs).map_err(|e| format!("{e:#}"))?;
        report.stored = stored;
        report.skipped = skipped;
        Ok(report)
    })
}

/// One JSON object written over several lines becomes one JSONL line; JSONL
/// is left as it is.
fn as_jsonl(body: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v @ serde_json::Value::Object(_)) => serde_json::to_vec(&v).unwrap_or_else(|_| body.to_vec()),
        _ => body.to_vec(),
    }
}
