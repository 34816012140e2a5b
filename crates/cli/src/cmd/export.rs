//! `export`: stored facts in other tools' formats (issue #9).

use anyhow::Result;

/// Write stored records in another tool's format.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph export --format gdelt --out gdelt/")]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: crate::DbArg,
}

pub fn export(_a: ExportArgs) -> Result<u8> {
    anyhow::bail!("export is not implemented yet")
}
