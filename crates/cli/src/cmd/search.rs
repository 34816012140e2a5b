//! `search`: full-text search over articles and statements (issue #9).

use anyhow::Result;

/// Search the text of stored articles and statements.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph search 'sanctions'")]
pub struct SearchArgs {
    /// The query.
    pub query: String,
    #[command(flatten)]
    pub db: crate::DbArg,
}

pub fn search(_a: SearchArgs) -> Result<u8> {
    anyhow::bail!("search is not implemented yet")
}
