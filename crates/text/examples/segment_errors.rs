//! Print the segmenter's token and sentence errors on a CoNLL-U file:
//! `cargo run --release -p newsgraph-text --example segment_errors -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: segment_errors FILE.conllu");
    let mut errs = Vec::new();
    let t = newsgraph_text::evaluate(std::path::Path::new(&path), Some(&mut errs)).expect("evaluate");
    for e in &errs {
        println!("{e}");
    }
    for r in &t.rows {
        eprintln!("{r}");
    }
}
