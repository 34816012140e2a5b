//! One module per command (or family of commands).

pub mod bench;
pub mod eval;
pub mod models;
pub mod query;
pub mod run;
