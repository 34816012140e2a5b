//! Developer entry points that need `../shared/data` (ignored by default):
//! train and score the recognizer without building the whole CLI.
//!
//!     NER_TRAIN=../shared/data/ner/conll2003.train.txt \
//!     NER_DEV=../shared/data/ner/conll2003.dev.txt NER_OUT=/tmp/ner.bin \
//!     cargo test --release -p newsgraph-annotate --test ner_train -- --ignored --nocapture

use std::path::PathBuf;

fn env(k: &str) -> Option<PathBuf> {
    std::env::var_os(k).map(PathBuf::from)
}

#[test]
#[ignore = "needs ../shared/data; run by hand"]
fn train_from_env() {
    let (Some(train), Some(dev), Some(out)) = (env("NER_TRAIN"), env("NER_DEV"), env("NER_OUT")) else {
        eprintln!("set NER_TRAIN, NER_DEV and NER_OUT");
        return;
    };
    let started = std::time::Instant::now();
    let table = newsgraph_annotate::ner::train(&train, &dev, &out).unwrap();
    eprintln!("trained in {:.1}s", started.elapsed().as_secs_f64());
    for r in &table.rows {
        println!("{r}");
    }
}

/// `NEWSGRAPH_NER_MODEL=model NER_TAG=in.conll NER_OUT=out.conll`: write
/// the tagged file and print the scores.
#[test]
#[ignore = "needs a CoNLL file; run by hand"]
fn tag_from_env() {
    let (Some(input), Some(out)) = (env("NER_TAG"), env("NER_OUT")) else {
        eprintln!("set NER_TAG and NER_OUT");
        return;
    };
    let mut f = std::fs::File::create(&out).unwrap();
    let started = std::time::Instant::now();
    newsgraph_annotate::ner::tag_conll(&input, &mut f).unwrap();
    let secs = started.elapsed().as_secs_f64();
    let words = std::fs::read_to_string(&input).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    eprintln!("tagged {words} tokens in {secs:.2}s ({:.0} tokens/s, model load included)", words as f64 / secs);
    for r in &newsgraph_annotate::ner::eval_conll(&out).unwrap().rows {
        println!("{r}");
    }
}

/// `NER_BENCH=../shared/data/quotes/polnear_dev.jsonl`: words per second of
/// `ner::recognize` on segmented article texts (segmentation not timed).
#[test]
#[ignore = "needs ../shared/data; run by hand"]
fn bench_from_env() {
    let Some(path) = env("NER_BENCH") else {
        eprintln!("set NER_BENCH");
        return;
    };
    let load = std::time::Instant::now();
    assert!(newsgraph_annotate::ner::shipped().is_some());
    eprintln!("model load {:.0} ms", load.elapsed().as_secs_f64() * 1000.0);
    let mut seen = std::collections::HashSet::new();
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(&path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(t) = v["text"].as_str().map(str::to_string) else { continue };
        if seen.insert(t.clone()) {
            let mut d = newsgraph_doc::Doc::new(&t);
            newsgraph_text::segment(&mut d);
            docs.push(d);
        }
    }
    let words: usize = docs.iter().map(|d| d.word_count()).sum();
    let started = std::time::Instant::now();
    let mut mentions = 0;
    for d in &mut docs {
        newsgraph_annotate::ner::recognize(d);
        mentions += d.mentions.len();
    }
    let secs = started.elapsed().as_secs_f64();
    let show: usize = std::env::var("NER_SHOW").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    for d in docs.iter().take(show) {
        println!("\n{}", &d.text[..d.text.floor_char_boundary(700)]);
        for m in d.mentions.iter().filter(|m| m.end as usize <= 700) {
            println!("    {:7} {}", m.label, &d.text[m.start as usize..m.end as usize]);
        }
    }
    println!("{} docs, {words} words, {mentions} mentions, {secs:.2}s, {:.0} words/s", docs.len(), words as f64 / secs);
}
