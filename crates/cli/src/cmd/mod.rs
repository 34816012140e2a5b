//! One module per command (or family of commands).

pub mod bench;
pub mod eval;
pub mod query;
pub mod run;
