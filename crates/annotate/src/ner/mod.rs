//! Named-entity recognition (PER, ORG, LOC, MISC) over segmented text.
//!
//! A greedy left-to-right averaged perceptron over BILOU labels with word,
//! shape, affix, ±2 context, previous-label, gazetteer and document-level
//! features (see `features.rs`), trained on CoNLL-2003 English.

pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod model;

use features::{bilou, decode, doc_features, iob2, Mode, FEATURE_VERSION};
use crate::learn::{Perceptron as Weights, Rng};
use newsgraph_doc::{BoxError, Doc, Mention, Table};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

/// The model shipped in the binary (`newsgraph train ner`, see docs/models.md).
static SHIPPED: Option<&[u8]> = Some(include_bytes!("../../models/ner.bin"));

/// Environment variable naming a model file to use instead of the shipped one.
pub const MODEL_ENV: &str = "NEWSGRAPH_NER_MODEL";

/// The model in use, loaded once.
pub fn shipped() -> Option<&'static Weights> {
    static M: OnceLock<Option<Weights>> = OnceLock::new();
    M.get_or_init(|| {
        if let Some(p) = std::env::var_os(MODEL_ENV) {
            match std::fs::read(&p).map_err(|e| e.to_string()).and_then(|b| model::from_bytes(&b, FEATURE_VERSION)) {
                Ok(w) => return Some(w),
                Err(e) => {
                    eprintln!("newsgraph: {MODEL_ENV}={}: {e}", Path::new(&p).display());
                    return None;
                }
            }
        }
        let b = SHIPPED?;
        match model::from_bytes(b, FEATURE_VERSION) {
            Ok(w) => Some(w),
            Err(e) => {
                eprintln!("newsgraph: shipped NER model: {e}");
                None
            }
        }
    })
    .as_ref()
}

fn need_model() -> Result<&'static Weights, BoxError> {
    shipped().ok_or_else(|| "no NER model: train one, or set NEWSGRAPH_NER_MODEL".into())
}

/// Label one document (sentences of tokens) with IOB2 tags.
pub fn tag_tokens<S: AsRef<str>>(w: &Weights, sents: &[Vec<S>]) -> Vec<Vec<String>> {
    let df = doc_features(sents);
    decode(&df, Mode::Predict(w)).into_iter().map(|s| s.into_iter().map(iob2).collect()).collect()
}

/// Fill `doc.mentions` (labels PERSON, ORG, LOC, MISC).
pub fn recognize(doc: &mut Doc) {
    doc.mentions.clear();
    if let Some(w) = shipped() {
        recognize_with(w, doc);
    }
}

/// [`recognize`] with a given model.
pub fn recognize_with(w: &Weights, doc: &mut Doc) {
    doc.mentions.clear();
    if doc.tokens.is_empty() {
        return;
    }
    let mut ranges: Vec<std::ops::Range<usize>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens())
        .filter(|r| r.start < r.end && r.end <= doc.tokens.len())
        .collect();
    if ranges.is_empty() {
        ranges.push(0..doc.tokens.len());
    }
    let sents: Vec<Vec<&str>> = ranges
        .iter()
        .map(|r| r.clone().map(|i| doc.text.get(doc.tokens[i].start as usize..doc.tokens[i].end as usize).unwrap_or("")).collect())
        .collect();
    let tags = tag_tokens(w, &sents);
    let mut mentions = Vec::new();
    for (r, t) in ranges.iter().zip(&tags) {
        for (s, e, ty) in conll::chunks(t) {
            let label = match ty.as_str() {
                "PER" => "PERSON",
                "ORG" => "ORG",
                "LOC" => "LOC",
                _ => "MISC",
            };
            mentions.push(Mention {
                start: doc.tokens[r.start + s].start,
                end: doc.tokens[r.start + e - 1].end,
                label,
            });
        }
    }
    doc.mentions = mentions;
}

fn words(d: &conll::CDoc) -> Vec<Vec<&str>> {
    d.sents.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect()
}

/// Score a model on CoNLL documents.
pub fn evaluate(w: &Weights, docs: &[conll::CDoc]) -> conll::Score {
    let mut score = conll::Score::default();
    for d in docs {
        let pred = tag_tokens(w, &words(d));
        for (s, p) in d.sents.iter().zip(&pred) {
            score.add(&s.tags, p);
        }
    }
    score
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, verbose: true }
    }
}

/// Train on documents; returns the model file bytes of the epoch that did
/// best on `dev` (the last epoch when `dev` is empty) and its dev score.
pub fn train_docs(train: &[conll::CDoc], dev: &[conll::CDoc], cfg: &TrainConfig) -> (Vec<u8>, conll::Score, usize) {
    let feats: Vec<_> = train.iter().map(|d| doc_features(&words(d))).collect();
    let gold: Vec<Vec<Vec<u8>>> = train.iter().map(|d| d.sents.iter().map(|s| bilou(&s.tags)).collect()).collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let mut t = model::new_model();
    let mut best: Option<(Vec<u8>, conll::Score, usize)> = None;
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let started = std::time::Instant::now();
        for &d in &order {
            decode(&feats[d], Mode::Train(&mut t, &gold[d]));
        }
        let bytes = model::to_bytes(&t, FEATURE_VERSION);
        let w = model::from_bytes(&bytes, FEATURE_VERSION).expect("own model");
        let score = if dev.is_empty() { conll::Score::default() } else { evaluate(&w, dev) };
        if cfg.verbose {
            eprintln!(
                "ner epoch {epoch}: dev F1 {:.4}, {} features, {:.1} MB, {:.1}s",
                score.f1(),
                w.rows(),
                bytes.len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
        if dev.is_empty() || best.as_ref().is_none_or(|b| score.f1() > b.1.f1()) {
            best = Some((bytes, score, epoch));
        }
    }
    best.unwrap_or_else(|| (model::to_bytes(&model::new_model(), FEATURE_VERSION), conll::Score::default(), 0))
}

/// Train on CoNLL-2003 `train`, report on `dev`, write the model to `out`.
pub fn train(train: &Path, dev: &Path, out: &Path) -> Result<Table, BoxError> {
    let tr = conll::read(train)?;
    let dv = conll::read(dev)?;
    let epochs = std::env::var("NEWSGRAPH_NER_EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(12);
    let cfg = TrainConfig { epochs, ..Default::default() };
    let (bytes, score, epoch) = train_docs(&tr, &dv, &cfg);
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("ner: kept epoch {epoch}; wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(score.table())
}

/// Does every token line carry two tag columns (gold, then predicted)?
fn has_prediction(docs: &[conll::CDoc]) -> bool {
    let tagish = |s: &str| s == "O" || s.len() > 2 && s.as_bytes()[1] == b'-';
    let mut any = false;
    for s in docs.iter().flat_map(|d| &d.sents) {
        for c in &s.cols {
            if c.len() < 2 || !tagish(&c[c.len() - 1]) || !tagish(&c[c.len() - 2]) || c.len() < 4 {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Write `input` (CoNLL-2003 columns) back with a predicted IOB2 column.
pub fn tag_conll(input: &Path, out: &mut dyn Write) -> Result<(), BoxError> {
    let w = need_model()?;
    let text = std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let docs = conll::parse(&text);
    let mut pred: Vec<Option<String>> = vec![None; text.lines().count()];
    for d in &docs {
        let tags = tag_tokens(w, &words(d));
        for (s, t) in d.sents.iter().zip(tags) {
            for (&line, tag) in s.lines.iter().zip(t) {
                pred[line] = Some(tag);
            }
        }
    }
    let mut buf = std::io::BufWriter::new(out);
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        match &pred[n] {
            Some(t) => writeln!(buf, "{line} {t}")?,
            None if line.split_whitespace().next() == Some("-DOCSTART-") => writeln!(buf, "{line} O")?,
            None => writeln!(buf, "{line}")?,
        }
    }
    buf.flush()?;
    Ok(())
}

/// Per-type and overall entity precision, recall and F1 (conlleval).
///
/// A file whose token lines end in two tag columns (the output of `tag
/// --conll`) is scored as it is: gold, then predicted. Otherwise the last
/// column is gold and the shipped model predicts.
pub fn eval_conll(conll: &Path) -> Result<Table, BoxError> {
    let docs = conll::read(conll)?;
    if has_prediction(&docs) {
        let mut score = conll::Score::default();
        for s in docs.iter().flat_map(|d| &d.sents) {
            let gold: Vec<&str> = s.cols.iter().map(|c| c[c.len() - 2].as_str()).collect();
            score.add(&gold, &s.tags);
        }
        return Ok(score.table());
    }
    Ok(evaluate(need_model()?, &docs).table())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "-DOCSTART- -X- -X- O

Alice NNP B-NP B-PER
Walker NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
. . O O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
hired VBD B-VP O
Bob NNP B-NP B-PER
in IN B-PP O
Rome NNP B-NP B-LOC
. . O O

The DT B-NP O
French JJ I-NP B-MISC
team NN I-NP O
met VBD B-VP O
Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
. . O O
";

    #[test]
    fn tiny_model_learns_its_data() {
        let docs = conll::parse(TINY);
        let cfg = TrainConfig { epochs: 8, verbose: false };
        let (bytes, score, _) = train_docs(&docs, &docs, &cfg);
        assert!(score.f1() > 0.99, "F1 {}", score.f1());
        let w = model::from_bytes(&bytes, FEATURE_VERSION).unwrap();
        let again = evaluate(&w, &docs);
        assert!((again.f1() - score.f1()).abs() < 1e-9);
        // A model that learned nothing scores zero here: the test can fail.
        let empty = model::from_bytes(&model::to_bytes(&model::new_model(), FEATURE_VERSION), FEATURE_VERSION).unwrap();
        assert_eq!(evaluate(&empty, &docs).f1(), 0.0);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let docs = conll::parse(TINY);
        let cfg = TrainConfig { epochs: 2, verbose: false };
        let (bytes, _, _) = train_docs(&docs, &[], &cfg);
        let w = model::from_bytes(&bytes, FEATURE_VERSION).unwrap();
        let long: Vec<String> = (0..3000).map(|i| if i % 7 == 0 { "Paris".into() } else { format!("w{i}") }).collect();
        let cases: Vec<Vec<Vec<String>>> = vec![
            vec![],
            vec![vec![]],
            vec![vec!["".into()]],
            vec![long],
            vec!["ZELENSKY MEETS PUTIN IN MOSCOW".split(' ').map(String::from).collect()],
            vec!["Владимир Путин 北京 ☃ 🙂 \u{200b} ٢٠٢٥".split(' ').map(String::from).collect()],
            vec![vec!["x".repeat(10_000), "É".repeat(5000)]],
        ];
        for c in &cases {
            let t = tag_tokens(&w, c);
            assert_eq!(t.len(), c.len());
            for (s, ts) in c.iter().zip(&t) {
                assert_eq!(s.len(), ts.len());
            }
        }
        let mut doc = Doc::new("  ");
        recognize_with(&w, &mut doc);
        assert!(doc.mentions.is_empty());
    }
}
