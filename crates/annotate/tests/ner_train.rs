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
