//! Show the segmentation of the first articles of a JSONL file (`text`
//! field): one sentence a line, tokens separated by `|`.
//! `cargo run --release -p newsgraph-text --example segment_show -- FILE [N]`.

use newsgraph_doc::Doc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: segment_show FILE.jsonl [N]");
    let n: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let src = std::fs::read_to_string(&path).expect("read");
    for line in src.lines().take(n) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let mut d = Doc::new(text);
        newsgraph_text::segment(&mut d);
        for s in &d.sentences {
            let toks: Vec<&str> = s.tokens().map(|i| d.token_text(i)).collect();
            println!("{}", toks.join("|"));
        }
        println!("=====");
    }
}
