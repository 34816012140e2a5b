//! `fetch` and `watch`: articles and feeds from the web (issue #8).

use anyhow::Result;

/// Download pages and store them.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph fetch https://example.org/news/story.html")]
pub struct FetchArgs {
    /// URLs of pages or feeds.
    #[arg(required = true)]
    pub urls: Vec<String>,
    #[command(flatten)]
    pub db: crate::DbArg,
}

/// Poll feeds and store new items.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph watch https://example.org/rss.xml --every 15m")]
pub struct WatchArgs {
    /// Feed URLs (RSS 2.0 or Atom).
    #[arg(required = true)]
    pub feeds: Vec<String>,
    /// Time between polls (e.g. 90s, 15m, 1h).
    #[arg(long, default_value = "15m")]
    pub every: String,
    #[command(flatten)]
    pub db: crate::DbArg,
}

pub fn fetch(_a: FetchArgs) -> Result<u8> {
    anyhow::bail!("fetch is not implemented yet")
}

pub fn watch(_a: WatchArgs) -> Result<u8> {
    anyhow::bail!("watch is not implemented yet")
}
