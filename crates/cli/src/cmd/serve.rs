//! `serve`: the HTTP API and web interface (issue #9).

use anyhow::Result;

/// Serve the JSON API and the web interface.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph serve --addr 127.0.0.1:8080")]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub db: crate::DbArg,
}

pub fn serve(_a: ServeArgs) -> Result<u8> {
    anyhow::bail!("serve is not implemented yet")
}
