//! The extraction benchmark on the development pages, when they are there:
//! `cargo test --release -p newsgraph-ingest --test html_eval -- --ignored --nocapture`
//! (the same figures as `newsgraph eval extract --dir ../shared/data/extract`).

use std::path::Path;

#[test]
#[ignore = "needs ../shared/data/extract; run with --ignored"]
fn extraction_benchmark() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extract");
    if !dir.exists() {
        eprintln!("{} not found; skipped", dir.display());
        return;
    }
    let table = newsgraph_ingest::eval_extract(&dir).expect("evaluation runs");
    for row in &table.rows {
        println!("{:<20} {}", row["metric"].as_str().unwrap_or(""), row["value"]);
    }
}
