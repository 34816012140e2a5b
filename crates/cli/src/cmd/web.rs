//! `fetch` and `watch`: articles from the web.

use crate::DbArg;
use anyhow::{bail, Result};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct FetchArgs {
    /// Page or feed URLs.
    #[arg(required = true)]
    pub urls: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    /// An actor file (see `ingest --help`).
    #[arg(long, env = "NEWSGRAPH_ACTORS")]
    pub actors: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// Feed URLs (RSS 2.0 or Atom).
    #[arg(required = true)]
    pub feeds: Vec<String>,
    /// How often to poll each feed (e.g. 30s, 15m, 1h).
    #[arg(long, default_value = "15m")]
    pub every: String,
    /// Poll once and stop.
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub db: DbArg,
    /// An actor file (see `ingest --help`).
    #[arg(long, env = "NEWSGRAPH_ACTORS")]
    pub actors: Option<PathBuf>,
}

pub fn fetch(_a: &FetchArgs) -> Result<u8> {
    bail!("fetch is not implemented yet")
}

pub fn watch(_a: &WatchArgs) -> Result<u8> {
    bail!("watch is not implemented yet")
}
