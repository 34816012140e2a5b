//! One module per command (or family of commands).

pub mod bench;
pub mod eval;
pub mod export;
pub mod fetch;
pub mod models;
pub mod query;
pub mod run;
pub mod search;
pub mod serve;
