//! Named-entity recognition (PER, ORG, LOC, MISC) over segmented text.
//!
//! A greedy left-to-right averaged perceptron over BILOU labels with word,
//! shape, affix, ±2 context, previous-label, gazetteer and document-level
//! features (see `features.rs`), trained on CoNLL-2003 English; decoding
//! ends an open span early where the model prefers to leave it.

pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod model;

use features::{add_stacked, bilou, decode, doc_features, iob2, DocFeats, Mode, FEATURE_VERSION};
use crate::learn::{Perceptron, Rng};
use model::NerModel as Weights;
use newsgraph_doc::{BoxError, Doc, Mention, Table};
use std::collections::HashMap;
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
    let mut df = doc_features(sents);
    let mut labels = decode(&df, Mode::Predict(&w.first));
    if let Some(second) = &w.second {
        add_stacked(&mut df, &labels);
        labels = decode(&df, Mode::Predict(second));
    }
    let mut tags: Vec<Vec<String>> = labels.into_iter().map(|s| s.into_iter().map(iob2).collect()).collect();
    tidy(sents, &mut tags);
    tags
}

fn set_span(tags: &mut [String], s: usize, e: usize, ty: &str) {
    for (k, t) in tags[s..e].iter_mut().enumerate() {
        *t = format!("{}-{ty}", if k == 0 { 'B' } else { 'I' });
    }
}

/// Document-level repairs of the decoded tags, for names that 1996 Reuters
/// never printed (each was neutral or better on CoNLL dev, see
/// docs/models.md):
///
/// - a word that ends only person names of two or more words elsewhere in
///   the document ("Andrii Sybiha") is a person when it stands alone, also
///   in a headline ("… as Sybiha heads to Ankara") and when the first pass
///   left it untagged;
/// - a capitalized word left untagged, with untagged neighbours, that is
///   a one-word entity of a single type elsewhere in the document takes
///   that type ("OpenAI" in the Title Case headline "Nvidia Shares Slide as
///   OpenAI Signs Deal With AMD", tagged in the body);
/// - a person name cannot end in an organization head word ("Arab News
///   Agency" is an organization);
/// - a nationality right before an organization name ending in such a word
///   is part of it ("Syrian Arab News Agency");
/// - name particles join a person's given name to the capitalized surname
///   after them ("Ursula von der Leyen", "Mohammed bin Salman"), "Abu" joins
///   the name after it ("Abu Mohammed al-Jolani"), and a mention that is
///   nothing but particles is none ("nom de guerre").
fn tidy<S: AsRef<str>>(sents: &[Vec<S>], tags: &mut [Vec<String>]) {
    particles(sents, tags);
    const PER: usize = 0;
    const ORG: usize = 1;
    // "al-Sharaa" and "Sharaa" are one name.
    let low = |w: &S| features::normalize(w.as_ref()).to_lowercase();
    let title = |w: &S| w.as_ref().starts_with(char::is_uppercase);
    // Types of the entities of two or more words, by their last word.
    let mut multi: HashMap<String, [u16; 4]> = HashMap::new();
    // Types of one-word entities, by their word.
    let mut single: HashMap<String, [u16; 4]> = HashMap::new();
    let ti = |ty: &str| features::TYPES.iter().position(|t| *t == ty).unwrap_or(3);
    for (si, s) in sents.iter().enumerate() {
        for (a, b, ty) in conll::chunks(&tags[si]) {
            let by_word = if b - a >= 2 { &mut multi } else { &mut single };
            by_word.entry(low(&s[b - 1])).or_default()[ti(&ty)] += 1;
        }
    }
    let only_person = |w: &str| multi.get(w).is_some_and(|h| h[PER] > 0 && h[1..].iter().all(|&c| c == 0));
    let one_type = |w: &str| {
        let h = single.get(w)?;
        let types: Vec<usize> = (0..4).filter(|&t| h[t] > 0).collect();
        (types.len() == 1).then(|| types[0])
    };
    for (si, s) in sents.iter().enumerate() {
        for (a, b, ty) in conll::chunks(&tags[si]) {
            let last = low(&s[b - 1]);
            let org_word = gazetteer::listed(&last, 4) && title(&s[b - 1]);
            let mut new_ty = None;
            let mut from = a;
            if b - a == 1 && ty != "PER" && only_person(&last) {
                new_ty = Some(PER);
            }
            if b - a >= 2 && org_word && ty == "PER" {
                new_ty = Some(ORG);
            }
            if b - a >= 2 && org_word && (ty == "ORG" || new_ty == Some(ORG)) && a > 0 {
                let p = &tags[si][a - 1];
                if p == "B-MISC" && gazetteer::listed(&low(&s[a - 1]), 3) {
                    from = a - 1;
                    new_ty = Some(ORG);
                }
            }
            if let Some(t) = new_ty {
                set_span(&mut tags[si], from, b, features::TYPES[t]);
            }
        }
        for i in 0..s.len() {
            let w = s[i].as_ref();
            if tags[si][i] == "O"
                && title(&s[i])
                && w.chars().skip(1).any(char::is_lowercase)
                && only_person(&low(&s[i]))
                && tags[si].get(i + 1).is_none_or(|t| t == "O" || t.starts_with('B'))
            {
                set_span(&mut tags[si], i, i + 1, "PER");
            } else if tags[si][i] == "O"
                && title(&s[i])
                && w.chars().count() >= 2
                && tags[si].get(i + 1).is_none_or(|t| t == "O" || t.starts_with('B'))
                && (i == 0 || tags[si][i - 1] == "O")
            {
                if let Some(t) = one_type(&low(&s[i])) {
                    set_span(&mut tags[si], i, i + 1, features::TYPES[t]);
                }
            }
        }
    }
}

/// Lower-case words inside personal names.
const PARTICLES: &[&str] = &["von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "le", "la", "ter", "ten", "zu", "dos", "das", "bin", "ibn", "bint"];

/// The particle repairs of [`tidy`].
fn particles<S: AsRef<str>>(sents: &[Vec<S>], tags: &mut [Vec<String>]) {
    let particle = |w: &str| PARTICLES.contains(&w);
    for (si, s) in sents.iter().enumerate() {
        let t = &mut tags[si];
        // A mention of particles only: "de" in "nom de guerre".
        for (a, b, _) in conll::chunks(t) {
            if (a..b).all(|k| particle(s[k].as_ref())) {
                t[a..b].iter_mut().for_each(|x| *x = "O".to_string());
            }
        }
        // "Abu" or "Umm" right before a person's name is part of it
        // ("Abu Mohammed al-Jolani").
        for k in 0..s.len().saturating_sub(1) {
            if matches!(s[k].as_ref(), "Abu" | "Abou" | "Umm") && t[k + 1] == "B-PER" {
                let mut end = k + 2;
                while end < s.len() && t[end] == "I-PER" {
                    end += 1;
                }
                set_span(t, k, end, "PER");
            }
        }
        // PER, one to three particles, then a capitalized word (untagged or
        // starting a mention of any type): one person.
        let mut i = 1;
        while i < s.len() {
            let mut j = i;
            while j < s.len() && j - i < 3 && particle(s[j].as_ref()) && t[j] == "O" {
                j += 1;
            }
            let before_per = t[i - 1].ends_with("-PER");
            let next_ok = j > i
                && j < s.len()
                && s[j].as_ref().starts_with(char::is_uppercase)
                && (t[j] == "O" || t[j].starts_with("B-"));
            if !(before_per && next_ok) {
                i = j.max(i + 1);
                continue;
            }
            let start = (0..i).rev().find(|&k| t[k] == "B-PER").unwrap_or(i - 1);
            let mut end = j + 1;
            while end < s.len() && t[end].starts_with("I-") {
                end += 1;
            }
            set_span(t, start, end, "PER");
            i = end;
        }
    }
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
    // NER tokens: the segmenter's, with a possessive "'s" split off as
    // CoNLL-2003 does ("Russia's" -> "Russia" "'s"), and a sentence-final
    // full stop split off a word.
    let mut spans: Vec<Vec<(usize, usize)>> = Vec::with_capacity(ranges.len());
    for r in &ranges {
        let mut v = Vec::with_capacity(r.len());
        for (k, t) in doc.tokens[r.clone()].iter().enumerate() {
            let (s, e) = (t.start as usize, t.end as usize);
            let text = doc.text.get(s..e).unwrap_or("");
            // A sentence-final word that kept its full stop ("Research.").
            if k + 1 == r.len() && text.len() > 3 && text.ends_with('.') && text.matches('.').count() == 1 {
                v.extend([(s, e - 1), (e - 1, e)]);
                continue;
            }
            let cut = ["'s", "\u{2019}s", "'S", "\u{2019}S"]
                .iter()
                .find(|p| text.len() > p.len() && text.ends_with(*p))
                .map(|p| e - p.len());
            match cut {
                Some(c) => v.extend([(s, c), (c, e)]),
                None => v.push((s, e)),
            }
        }
        spans.push(v);
    }
    let sents: Vec<Vec<&str>> =
        spans.iter().map(|v| v.iter().map(|&(s, e)| doc.text.get(s..e).unwrap_or("")).collect()).collect();
    let tags = tag_tokens(w, &sents);
    let mut mentions = Vec::new();
    for (sp, t) in spans.iter().zip(&tags) {
        for (s, e, ty) in conll::chunks(t) {
            let label = match ty.as_str() {
                "PER" => "PERSON",
                "ORG" => "ORG",
                "LOC" => "LOC",
                _ => "MISC",
            };
            mentions.push(Mention { start: sp[s].0 as u32, end: sp[e - 1].1 as u32, label });
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
    /// Train a second, stacked pass.
    pub two_pass: bool,
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, two_pass: true, verbose: true }
    }
}

const SMALL_WORDS: [&str; 16] =
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "as", "from"];

fn title_word(w: &str, first: bool) -> String {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    if letters == 0 || (!first && SMALL_WORDS.contains(&w.to_lowercase().as_str())) {
        return w.to_lowercase();
    }
    if upper == letters && letters <= 2 {
        return w.to_string(); // "UN", "EU"
    }
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if upper == letters {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().filter(|c| c.is_ascii_digit()).count() == 8
}

/// Copies of some training documents as today's news prints them: an
/// all-caps headline in Title Case (half the time), the 1996 dateline line
/// ("MOSCOW 1996-08-22") run into the first sentence as "MOSCOW (Reuters) -"
/// or "MOSCOW —", and a few sentences in ALL CAPS or Title Case. Labels
/// are unchanged.
pub fn augment(docs: &[conll::CDoc], rate: f64, seed: u64) -> Vec<conll::CDoc> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for d in docs {
        if rng.unit() >= rate {
            continue;
        }
        let mut c = conll::CDoc::default();
        let mut i = 0;
        while i < d.sents.len() {
            let mut s = d.sents[i].clone();
            let caps = s.words.iter().all(|w| !w.chars().any(char::is_lowercase));
            let r = rng.unit();
            let dateline = s.words.len() >= 2 && is_date(s.words.last().unwrap()) && i + 1 < d.sents.len();
            if dateline {
                s.words.pop();
                s.tags.pop();
                let mid: &[&str] = match rng.below(3) {
                    0 => &["(", "Reuters", ")", "-"],
                    1 => &["\u{2014}"],
                    _ => &[",", "-"],
                };
                for (k, w) in mid.iter().enumerate() {
                    s.words.push(w.to_string());
                    s.tags.push(if *w == "Reuters" { "B-ORG" } else { "O" }.into());
                    let _ = k;
                }
                let next = &d.sents[i + 1];
                s.words.extend(next.words.iter().cloned());
                s.tags.extend(next.tags.iter().cloned());
                i += 1;
            } else if (i == 0 && caps && r < 0.5) || (!caps && r < 0.05) {
                s.words = s.words.iter().enumerate().map(|(k, w)| title_word(w, k == 0)).collect();
            } else if !caps && r < 0.1 {
                s.words = s.words.iter().map(|w| w.to_uppercase()).collect();
            }
            s.cols = vec![Vec::new(); s.words.len()];
            s.lines = vec![0; s.words.len()];
            c.sents.push(s);
            i += 1;
        }
        out.push(c);
    }
    out
}

/// Train one pass: `epochs` epochs over `feats`; with dev data, keep the
/// epoch whose averaged weights score best there.
fn train_pass(
    feats: &[&DocFeats],
    gold: &[&Vec<Vec<u8>>],
    epochs: usize,
    dev: Option<(&[DocFeats], &[conll::CDoc])>,
    name: &str,
    verbose: bool,
) -> (Perceptron, conll::Score, usize) {
    let mut order: Vec<usize> = (0..feats.len()).collect();
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let mut t = model::new_model();
    let mut best: Option<(Perceptron, conll::Score, usize)> = None;
    for epoch in 1..=epochs {
        let started = std::time::Instant::now();
        rng.shuffle(&mut order);
        for &d in &order {
            decode(feats[d], Mode::Train(&mut t, gold[d]));
        }
        let Some((dfs, docs)) = dev else { continue };
        let avg = t.averaged();
        let mut score = conll::Score::default();
        for (df, d) in dfs.iter().zip(docs) {
            for (s, l) in d.sents.iter().zip(decode(df, Mode::Predict(&avg))) {
                score.add(&s.tags, &l.into_iter().map(iob2).collect::<Vec<_>>());
            }
        }
        if verbose {
            eprintln!(
                "ner {name} epoch {epoch}: dev F1 {:.4}, {} rows, {:.1}s",
                score.f1(),
                avg.rows(),
                started.elapsed().as_secs_f64()
            );
        }
        if best.as_ref().is_none_or(|b| score.f1() > b.1.f1()) {
            best = Some((avg, score, epoch));
        }
    }
    best.unwrap_or_else(|| {
        let mut p = t;
        p.average();
        (p, conll::Score::default(), epochs)
    })
}

/// Train on documents; returns the model file bytes, the dev score and the
/// epoch kept for the last pass (the last epoch when `dev` is empty).
///
/// The second pass is trained on first-pass labels that the first pass did
/// not see in training (4-fold jackknife), as it will meet them at run time.
pub fn train_docs(train: &[conll::CDoc], dev: &[conll::CDoc], cfg: &TrainConfig) -> (Vec<u8>, conll::Score, usize) {
    let feats: Vec<DocFeats> = train.iter().map(|d| doc_features(&words(d))).collect();
    let gold: Vec<Vec<Vec<u8>>> = train.iter().map(|d| d.sents.iter().map(|s| bilou(&s.tags)).collect()).collect();
    let mut dev_feats: Vec<DocFeats> = dev.iter().map(|d| doc_features(&words(d))).collect();
    let dv = (!dev.is_empty()).then_some(());
    let all: Vec<usize> = (0..train.len()).collect();
    let pick = |ix: &[usize]| -> (Vec<&DocFeats>, Vec<&Vec<Vec<u8>>>) {
        (ix.iter().map(|&i| &feats[i]).collect(), ix.iter().map(|&i| &gold[i]).collect())
    };
    let (f, g) = pick(&all);
    let (first, score1, epoch1) =
        train_pass(&f, &g, cfg.epochs, dv.map(|_| (&dev_feats[..], dev)), "pass 1", cfg.verbose);
    if !cfg.two_pass {
        return (model::to_bytes(&first, None, FEATURE_VERSION), score1, epoch1);
    }
    // Jackknifed first-pass labels for the training documents.
    const FOLDS: usize = 4;
    let mut stacked: Vec<Option<DocFeats>> = (0..train.len()).map(|_| None).collect();
    for k in 0..FOLDS {
        let rest: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != k).collect();
        let (f, g) = pick(&rest);
        let (p, _, _) = train_pass(&f, &g, epoch1.max(1), None, "fold", false);
        for i in all.iter().copied().filter(|i| i % FOLDS == k) {
            let mut df = feats[i].clone();
            let labels = decode(&df, Mode::Predict(&p));
            add_stacked(&mut df, &labels);
            stacked[i] = Some(df);
        }
        if cfg.verbose {
            eprintln!("ner: jackknife fold {} of {FOLDS} done", k + 1);
        }
    }
    let stacked: Vec<DocFeats> = stacked.into_iter().map(Option::unwrap).collect();
    for df in &mut dev_feats {
        let labels = decode(df, Mode::Predict(&first));
        add_stacked(df, &labels);
    }
    let f: Vec<&DocFeats> = stacked.iter().collect();
    let (_, g) = pick(&all);
    let (second, score2, epoch2) =
        train_pass(&f, &g, cfg.epochs, dv.map(|_| (&dev_feats[..], dev)), "pass 2", cfg.verbose);
    (model::to_bytes(&first, Some(&second), FEATURE_VERSION), score2, epoch2)
}

/// Train on CoNLL-2003 `train`, report on `dev`, write the model to `out`.
pub fn train(train: &Path, dev: &Path, out: &Path) -> Result<Table, BoxError> {
    let mut tr = conll::read(train)?;
    let rate = std::env::var("NEWSGRAPH_NER_AUGMENT").ok().and_then(|e| e.parse().ok()).unwrap_or(0.3);
    let extra = augment(&tr, rate, 7);
    tr.extend(extra);
    let dv = conll::read(dev)?;
    let epochs = std::env::var("NEWSGRAPH_NER_EPOCHS").ok().and_then(|e| e.parse().ok()).unwrap_or(16);
    let two_pass = std::env::var("NEWSGRAPH_NER_PASSES").map_or(true, |v| v != "1");
    let cfg = TrainConfig { epochs, two_pass, ..Default::default() };
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
        let cfg = TrainConfig { epochs: 8, two_pass: true, verbose: false };
        let (bytes, score, _) = train_docs(&docs, &docs, &cfg);
        assert!(score.f1() > 0.99, "F1 {}", score.f1());
        let w = model::from_bytes(&bytes, FEATURE_VERSION).unwrap();
        let again = evaluate(&w, &docs);
        assert!((again.f1() - score.f1()).abs() < 1e-9);
        // A model that learned nothing scores zero here: the test can fail.
        let empty = model::from_bytes(&model::to_bytes(&model::new_model(), None, FEATURE_VERSION), FEATURE_VERSION).unwrap();
        assert_eq!(evaluate(&empty, &docs).f1(), 0.0);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let docs = conll::parse(TINY);
        let cfg = TrainConfig { epochs: 2, two_pass: true, verbose: false };
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
