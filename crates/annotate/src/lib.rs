//! Trained linguistic models over segmented documents: part-of-speech
//! tagging, dependency parsing and named-entity recognition.
//!
//! Reads `Doc::tokens` and `Doc::sentences`; writes `Doc::parse` and
//! `Doc::mentions`. Never changes the text, tokens or sentences.

pub mod conllu;
pub mod learn;
pub mod lex;
pub mod ner;
pub mod parse;
pub mod pos;

use newsgraph_doc::{Doc, Parse};
use std::sync::OnceLock;
use std::time::Instant;

/// Longest sentence given to the tagger and parser in one piece; longer
/// sentences are cut into chunks of this size (each parsed on its own).
pub const MAX_SENTENCE: usize = 500;

/// The shipped tagger (models/pos.bin), parsed once.
pub fn tagger() -> Option<&'static pos::Tagger> {
    static T: OnceLock<Option<pos::Tagger>> = OnceLock::new();
    T.get_or_init(|| embedded::POS.and_then(|b| pos::Tagger::from_bytes(b).ok())).as_ref()
}

/// The shipped parser (models/parse.bin), parsed once; the environment
/// variable `NEWSGRAPH_PARSE_MODEL` names another model file to use instead
/// (for evaluating a trained but not shipped model).
pub fn parser() -> Option<&'static parse::Parser> {
    static P: OnceLock<Option<parse::Parser>> = OnceLock::new();
    P.get_or_init(|| {
        let p = match std::env::var_os("NEWSGRAPH_PARSE_MODEL") {
            Some(path) => std::fs::read(path).ok().and_then(|b| parse::Parser::from_bytes(&b).ok()),
            None => embedded::PARSE.and_then(|b| parse::Parser::from_bytes(b).ok()),
        };
        // Experiment: `NEWSGRAPH_PARSE_BEAM=K` decodes with a beam of K
        // (a globally trained model stores its own width).
        match parse_beam_env() {
            Some(k) => p.map(|p| p.with_beam(k)),
            None => p,
        }
    })
    .as_ref()
}

/// `NEWSGRAPH_PARSE_BEAM`: beam width for global training and decoding.
fn parse_beam_env() -> Option<usize> {
    std::env::var("NEWSGRAPH_PARSE_BEAM").ok().and_then(|v| v.parse().ok()).filter(|&k| k >= 1)
}

mod embedded {
    pub const POS: Option<&[u8]> = Some(include_bytes!("../models/pos.bin"));
    pub const PARSE: Option<&[u8]> = Some(include_bytes!("../models/parse.bin"));
}

/// Tag and parse `words` (one sentence): UPOS ids, heads (sentence-relative,
/// `u32::MAX` for roots) and labels. Empty if the models are missing.
pub fn tag_and_parse(words: &[&str]) -> (Vec<u8>, parse::Tree) {
    let lex: Vec<lex::Lex> = words.iter().map(|w| lex::Lex::new(w)).collect();
    tag_and_parse_lex(&lex)
}

fn tag_and_parse_lex(lex: &[lex::Lex]) -> (Vec<u8>, parse::Tree) {
    let n = lex.len();
    let (tags, alts) = match tagger() {
        Some(t) => t.tag_lex_alt(lex),
        None => (vec![16; n], Vec::new()), // X
    };
    let tree = match parser() {
        Some(p) => p.parse_alt(lex, &tags, &alts),
        None => parse::Tree { heads: vec![u32::MAX; n], labels: vec!["dep"; n] },
    };
    (tags, tree)
}

/// Fill `doc.parse` for every sentence (UPOS, heads, relations).
pub fn tag_and_parse_doc(doc: &mut Doc) {
    let n = doc.tokens.len();
    let mut out = Parse { upos: vec![16; n], heads: vec![u32::MAX; n], deprels: vec!["dep"; n] };
    let lex: Vec<lex::Lex> = (0..n).map(|i| lex::Lex::new(doc.token_text(i))).collect();
    for s in &doc.sentences {
        let r = s.tokens();
        if r.end > n || r.start >= r.end {
            continue;
        }
        let mut start = r.start;
        while start < r.end {
            let end = (start + MAX_SENTENCE).min(r.end);
            let (tags, tree) = tag_and_parse_lex(&lex[start..end]);
            #[allow(clippy::needless_range_loop)]
            for i in 0..end - start {
                out.upos[start + i] = tags[i];
                out.heads[start + i] = match tree.heads[i] {
                    u32::MAX => u32::MAX,
                    h => start as u32 + h,
                };
                out.deprels[start + i] = tree.labels[i];
            }
            start = end;
        }
    }
    doc.parse = Some(out);
}

/// Tag, parse and recognize entities in a segmented document.
pub fn annotate(doc: &mut Doc) {
    tag_and_parse_doc(doc);
    ner::recognize(doc);
}

use newsgraph_doc::{BoxError, Table};
use std::io::Write;
use std::path::Path;

/// The models `newsgraph train` builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelKind {
    Pos,
    Parse,
    Ner,
}

/// Training settings of the shipped models (changing them changes the
/// models `newsgraph train` reproduces).
pub mod settings {
    pub const POS_EPOCHS: usize = 8;
    pub const POS_BITS: u32 = 22;
    /// Folds for the jackknifed first-pass tags the second pass learns from.
    pub const POS_FOLDS: usize = 4;
    pub const PARSE_EPOCHS: usize = 12;
    pub const LABEL_EPOCHS: usize = 8;
    pub const PARSE_BITS: u32 = 22;
    /// Folds for jackknifed training tags of the parser.
    pub const JACKKNIFE: usize = 4;
}

fn log(msg: String) {
    eprintln!("{msg}");
}

fn metric_table(rows: &[(&str, f64)]) -> Table {
    let mut t = Table::new(&["metric", "value"]);
    for (k, v) in rows {
        t.push(vec![serde_json::json!(k), serde_json::json!((v * 10000.0).round() / 10000.0)]);
    }
    t
}

/// Train a model on `train`, report dev scores on `dev`, write it to `out`.
pub fn train(kind: ModelKind, train: &Path, dev: &Path, out: &Path) -> Result<Table, BoxError> {
    use settings::*;
    let t0 = Instant::now();
    match kind {
        ModelKind::Ner => ner::train(train, dev, out),
        ModelKind::Pos => {
            let tr = conllu::read(train)?;
            let dv = conllu::read(dev)?;
            let tagger = pos::Tagger::train(&tr, &dv, POS_EPOCHS, POS_BITS, POS_FOLDS, &mut log);
            let bytes = tagger.to_bytes();
            std::fs::write(out, &bytes)?;
            let acc = tagger.accuracy(&dv);
            Ok(metric_table(&[
                ("upos_accuracy", acc),
                ("model_bytes", bytes.len() as f64),
                ("train_seconds", t0.elapsed().as_secs_f64()),
            ]))
        }
        ModelKind::Parse => {
            let tr = conllu::read(train)?;
            let dv = conllu::read(dev)?;
            // Jackknifed predicted tags for the training set (experiments may
            // keep them in the file `NEWSGRAPH_TAGS_CACHE`).
            let cache = std::env::var_os("NEWSGRAPH_TAGS_CACHE").map(std::path::PathBuf::from);
            let cached = cache.as_ref().and_then(|c| std::fs::read(c).ok()).and_then(|b| read_tags(&b, tr.len(), dv.len()));
            let (tags, alts, dev_tags, dev_alts) = match cached {
                Some(t) => t,
                None => {
                    let t = jackknife(&tr, &dv);
                    if let Some(c) = &cache {
                        std::fs::write(c, write_tags(&t))?;
                    }
                    t
                }
            };
            let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
            let (epochs, label_epochs) = (env("NEWSGRAPH_PARSE_EPOCHS", PARSE_EPOCHS), env("NEWSGRAPH_LABEL_EPOCHS", LABEL_EPOCHS));
            let bits = env("NEWSGRAPH_PARSE_BITS", PARSE_BITS as usize) as u32;
            // Experiments on the labeler alone: `NEWSGRAPH_MOVES_FROM` names a
            // parser file whose transition model is kept (no transition epochs).
            let moves_from = match std::env::var_os("NEWSGRAPH_MOVES_FROM") {
                Some(f) => Some(parse::Parser::from_bytes(&std::fs::read(f)?)?),
                None => None,
            };
            let epochs = if moves_from.is_some() { 0 } else { epochs };
            // Experiment: global beam training (`NEWSGRAPH_PARSE_BEAM=K`,
            // max-violation update unless `NEWSGRAPH_PARSE_UPDATE=early`).
            let global = parse_beam_env().map(|width| parse::BeamTraining {
                width,
                max_violation: std::env::var("NEWSGRAPH_PARSE_UPDATE").map_or(true, |v| v != "early"),
            });
            let mut p = parse::Parser::train_with(&tr, &tags, &alts, &dv, &dev_tags, &dev_alts, epochs, label_epochs, bits, global, &mut log);
            if let Some(m) = moves_from {
                p = p.with_moves_of(m);
            }
            let bytes = p.to_bytes();
            std::fs::write(out, &bytes)?;
            let sc = p.evaluate(&dv, &dev_tags, &dev_alts);
            Ok(metric_table(&[
                ("upos_accuracy", sc.upos()),
                ("uas", sc.uas()),
                ("las", sc.las()),
                ("las_with_subtypes", sc.las_full()),
                ("model_bytes", bytes.len() as f64),
                ("train_seconds", t0.elapsed().as_secs_f64()),
            ]))
        }
    }
}

type Tags = (Vec<Vec<u8>>, Vec<Vec<u8>>, Vec<Vec<u8>>, Vec<Vec<u8>>);

/// Jackknifed predicted tags and runner-ups for `tr`, and those of a tagger
/// trained on all of `tr` for `dv`.
fn jackknife(tr: &[conllu::Sentence], dv: &[conllu::Sentence]) -> Tags {
    use settings::*;
    let mut tags: Vec<Vec<u8>> = vec![Vec::new(); tr.len()];
    let mut alts: Vec<Vec<u8>> = vec![Vec::new(); tr.len()];
    for fold in 0..JACKKNIFE {
        let (held, rest): (Vec<usize>, Vec<usize>) = (0..tr.len()).partition(|i| i % JACKKNIFE == fold);
        let part: Vec<conllu::Sentence> = rest.iter().map(|&i| tr[i].clone()).collect();
        let t = pos::Tagger::train(&part, &[], POS_EPOCHS, POS_BITS, POS_FOLDS, &mut |_| {});
        for i in held {
            (tags[i], alts[i]) = t.tag_alt(&tr[i].words());
        }
        log(format!("jackknife fold {} done", fold + 1));
    }
    let full = pos::Tagger::train(tr, &[], POS_EPOCHS, POS_BITS, POS_FOLDS, &mut |_| {});
    let (dev_tags, dev_alts): (Vec<Vec<u8>>, Vec<Vec<u8>>) = dv.iter().map(|s| full.tag_alt(&s.words())).unzip();
    (tags, alts, dev_tags, dev_alts)
}

fn write_tags(t: &Tags) -> Vec<u8> {
    let mut w = learn::Writer::new();
    for set in [&t.0, &t.1, &t.2, &t.3] {
        w.varint(set.len() as u64);
        for v in set {
            w.varint(v.len() as u64);
            w.buf.extend_from_slice(v);
        }
    }
    w.buf
}

/// Cached tags, if they fit `n_train` and `n_dev` sentences.
fn read_tags(b: &[u8], n_train: usize, n_dev: usize) -> Option<Tags> {
    let mut r = learn::Reader::new(b);
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    for want in [n_train, n_train, n_dev, n_dev] {
        let n = r.varint().ok()? as usize;
        if n != want {
            return None;
        }
        let mut set = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.varint().ok()? as usize;
            set.push(r.take(k).ok()?.to_vec());
        }
        sets.push(set);
    }
    let d3 = sets.pop()?;
    let d2 = sets.pop()?;
    let d1 = sets.pop()?;
    let d0 = sets.pop()?;
    Some((d0, d1, d2, d3))
}

fn require_models() -> Result<(&'static pos::Tagger, &'static parse::Parser), BoxError> {
    match (tagger(), parser()) {
        (Some(t), Some(p)) => Ok((t, p)),
        _ => Err("the tagger or parser model is missing from this build (or NEWSGRAPH_PARSE_MODEL names no readable parser file)".into()),
    }
}

/// Write `input` (CoNLL-U) back with predicted UPOS, HEAD and DEPREL.
pub fn parse_conllu(input: &Path, out: &mut dyn Write) -> Result<(), BoxError> {
    let (tg, ps) = require_models()?;
    for s in conllu::read(input)? {
        let lex: Vec<lex::Lex> = s.forms.iter().map(|w| lex::Lex::new(w)).collect();
        let (tags, alts) = tg.tag_lex_alt(&lex);
        let tree = ps.parse_alt(&lex, &tags, &alts);
        conllu::write_predicted(&s, &tags, &tree.heads, &tree.labels, out)?;
    }
    Ok(())
}

/// Write `input` (CoNLL-2003 columns) back with a predicted IOB2 column.
pub fn tag_conll(input: &Path, out: &mut dyn Write) -> Result<(), BoxError> {
    ner::tag_conll(input, out)
}

/// Tag and parse every sentence of a CoNLL-U file with the shipped models.
fn parse_each(conllu: &Path, mut f: impl FnMut(&conllu::Sentence, &[u8], &parse::Tree)) -> Result<(), BoxError> {
    let (tg, ps) = require_models()?;
    for s in &conllu::read(conllu)? {
        let lex: Vec<lex::Lex> = s.forms.iter().map(|w| lex::Lex::new(w)).collect();
        let (tags, alts) = tg.tag_lex_alt(&lex);
        f(s, &tags, &ps.parse_alt(&lex, &tags, &alts));
    }
    Ok(())
}

/// Per-relation label precision, recall and F1 and head accuracy on a
/// CoNLL-U file, the relations that lose the most LAS first.
pub fn eval_parse_relations(conllu: &Path) -> Result<Table, BoxError> {
    let mut rs = parse::RelationScores::default();
    parse_each(conllu, |s, _, tree| rs.add(s, tree))?;
    Ok(rs.table())
}

/// UPOS accuracy, UAS and LAS on a CoNLL-U file.
pub fn eval_parse(conllu: &Path) -> Result<Table, BoxError> {
    let t0 = Instant::now();
    let mut sc = parse::Scores::default();
    parse_each(conllu, |s, tags, tree| sc.add(s, tags, tree))?;
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    Ok(metric_table(&[
        ("upos_accuracy", sc.upos()),
        ("uas", sc.uas()),
        ("las", sc.las()),
        ("las_with_subtypes", sc.las_full()),
        ("words", sc.words as f64),
        ("words_per_second", sc.words as f64 / secs),
    ]))
}

/// Per-type and overall entity precision, recall and F1 (conlleval).
pub fn eval_ner(conll: &Path) -> Result<Table, BoxError> {
    ner::eval_conll(conll)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_tags_round_trip_and_must_fit_the_data() {
        let t: Tags = (vec![vec![1, 2, 3], vec![]], vec![vec![255, 4, 255], vec![]], vec![vec![7]], vec![vec![255]]);
        let b = write_tags(&t);
        assert_eq!(read_tags(&b, 2, 1), Some(t));
        // A cache written for other data is not used.
        assert_eq!(read_tags(&b, 3, 1), None);
        assert_eq!(read_tags(&b, 2, 2), None);
        assert_eq!(read_tags(&b[..b.len() - 1], 2, 1), None);
    }
}
