//! Greedy left-to-right averaged-perceptron part-of-speech tagger (UPOS).
//!
//! Features after Honnibal's tagger: the word, its affixes and shape, the
//! two previous predicted tags, and the words and affixes two to the left and
//! right. Frequent unambiguous words are tagged from a tag dictionary.

use crate::conllu::Sentence;
use crate::learn::{argmax, decode_file, encode_file, FeatHasher, FormatError, Perceptron, Reader, Rng, Writer};
use crate::lex::{Lex, F_ALLCAPS, F_CAP, F_DIGIT, F_HYPHEN};
use newsgraph_doc::UPOS;
use std::collections::HashMap;

const N_TAGS: usize = UPOS.len();
const NO_TAG: u64 = 99;

/// A trained tagger: a first greedy pass, then a second pass that also sees
/// the first pass's tags to the right.
pub struct Tagger {
    model: Perceptron,
    model2: Perceptron,
    /// Exact form hash -> tag, for frequent unambiguous words.
    tagdict: HashMap<u64, u8>,
}

fn h(t: u32) -> FeatHasher {
    FeatHasher::new(t)
}

/// Features of word `i`; `p1`, `p2` are the previous two predicted tags.
/// `right`: first-pass tags of words i+1 and i+2 (second pass only).
fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, right: Option<(u64, u64)>, out: &mut Vec<u64>) {
    out.clear();
    let none = Lex::none();
    let at = |k: isize| -> &Lex {
        if k < 0 || k as usize >= lex.len() {
            &none
        } else {
            &lex[k as usize]
        }
    };
    let i_ = i as isize;
    let w = at(i_);
    let wm1 = at(i_ - 1);
    let wm2 = at(i_ - 2);
    let wp1 = at(i_ + 1);
    let wp2 = at(i_ + 2);
    let first = (i == 0) as u64;
    out.push(h(0).finish());
    out.push(h(1).u(w.lower).finish());
    out.push(h(2).u(w.form).finish());
    out.push(h(3).u(w.suf1).finish());
    out.push(h(4).u(w.suf2).finish());
    out.push(h(5).u(w.suf3).finish());
    out.push(h(6).u(w.suf4).finish());
    out.push(h(7).u(w.pre1).finish());
    out.push(h(8).u(w.pre2).finish());
    out.push(h(9).u(w.pre3).finish());
    out.push(h(10).u(w.shape).finish());
    out.push(h(11).u((w.flags & (F_CAP | F_ALLCAPS | F_DIGIT | F_HYPHEN)) as u64).u(first).finish());
    out.push(h(12).u(p1).finish());
    out.push(h(13).u(p2).finish());
    out.push(h(14).u(p1).u(p2).finish());
    out.push(h(15).u(p1).u(w.lower).finish());
    out.push(h(16).u(wm1.lower).finish());
    out.push(h(17).u(wm1.suf3).finish());
    out.push(h(18).u(wm2.lower).finish());
    out.push(h(19).u(wp1.lower).finish());
    out.push(h(20).u(wp1.suf3).finish());
    out.push(h(21).u(wp2.lower).finish());
    out.push(h(22).u(wp1.shape).finish());
    out.push(h(23).u(w.lower).u(wp1.lower).finish());
    out.push(h(24).u(wm1.lower).u(w.lower).finish());
    out.push(h(25).u(p1).u(w.suf3).finish());
    out.push(h(26).u(w.shape).u(first).u(p1).finish());
    out.push(h(27).u(wm1.shape).u(w.shape).u(wp1.shape).finish());
    out.push(h(28).u(p1).u(wp1.lower).finish());
    out.push(h(29).u(wp2.suf3).finish());
    out.push(h(30).u(wm1.form).u(w.form).finish());
    out.push(h(31).u(w.form).u(wp1.form).finish());
    out.push(h(32).u(wp1.suf2).u(wp1.flags as u64).finish());
    out.push(h(33).u(wm1.lower).u(w.lower).u(wp1.lower).finish());
    out.push(h(34).u(wm1.shape).u(p1).finish());
    out.push(h(35).u(w.pre2).u(w.suf2).finish());
    out.push(h(36).u(p2).u(p1).u(w.suf3).finish());
    out.push(h(37).u(wm1.suf3).u(w.suf3).finish());
    out.push(h(38).u(w.suf3).u(wp1.suf3).finish());
    out.push(h(39).u(w.lower).u(wp2.lower).finish());
    // Word clusters (back-off for rare words).
    let c = |l: &Lex, k: usize| l.cl[k] as u64;
    out.push(h(47).u(c(w, 2)).finish());
    out.push(h(48).u(c(w, 1)).finish());
    out.push(h(49).u(c(w, 0)).u(p1).finish());
    out.push(h(50).u(c(wm1, 2)).finish());
    out.push(h(51).u(c(wp1, 2)).finish());
    out.push(h(52).u(c(w, 1)).u(c(wp1, 1)).finish());
    out.push(h(53).u(c(wm1, 1)).u(c(w, 1)).finish());
    out.push(h(54).u(c(w, 2)).u(w.suf3).finish());
    if let Some((n1, n2)) = right {
        out.push(h(40).u(n1).finish());
        out.push(h(41).u(n1).u(n2).finish());
        out.push(h(42).u(p1).u(n1).finish());
        out.push(h(43).u(n1).u(w.lower).finish());
        out.push(h(44).u(n1).u(w.suf3).finish());
        out.push(h(45).u(p1).u(n1).u(w.suf2).finish());
        out.push(h(46).u(n1).u(wp1.lower).finish());
    }
}

/// One greedy pass; `first` gives first-pass tags for right context.
fn greedy(model: &Perceptron, tagdict: &HashMap<u64, u8>, lex: &[Lex], first: Option<&[u8]>) -> Vec<u8> {
    greedy_alt(model, tagdict, lex, first, None)
}

/// No runner-up tag: the tagger was confident (or used its dictionary).
pub const NO_ALT: u8 = 255;

/// The runner-up tag and how close it came: `tag * 4 + closeness` with
/// closeness 0 (almost a tie) to 2, or [`NO_ALT`].
fn runner_up(scores: &[f32; N_TAGS], best: usize) -> u8 {
    let mut second = usize::MAX;
    for (j, &v) in scores.iter().enumerate() {
        if j != best && (second == usize::MAX || v > scores[second]) {
            second = j;
        }
    }
    let margin = scores[best] - scores[second];
    let rel = margin / (scores[best].abs() + scores[second].abs() + 1e-6);
    let bucket = if rel < 0.05 {
        0
    } else if rel < 0.15 {
        1
    } else if rel < 0.3 {
        2
    } else {
        return NO_ALT;
    };
    (second * 4 + bucket) as u8
}

fn greedy_alt(
    model: &Perceptron,
    tagdict: &HashMap<u64, u8>,
    lex: &[Lex],
    first: Option<&[u8]>,
    mut alts: Option<&mut Vec<u8>>,
) -> Vec<u8> {
    let mut tags = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(64);
    let mut scores = [0f32; N_TAGS];
    let (mut p1, mut p2) = (NO_TAG, NO_TAG);
    for i in 0..lex.len() {
        let t = match tagdict.get(&lex[i].form) {
            Some(&t) => t,
            None => {
                features(lex, i, p1, p2, first.map(|f| right_of(f, i)), &mut feats);
                model.score(&feats, &mut scores);
                let b = argmax(&scores);
                if let Some(a) = alts.as_deref_mut() {
                    a.push(runner_up(&scores, b));
                }
                b as u8
            }
        };
        if let Some(a) = alts.as_deref_mut() {
            if a.len() < tags.len() + 1 {
                a.push(NO_ALT);
            }
        }
        tags.push(t);
        p2 = p1;
        p1 = t as u64;
    }
    tags
}

fn right_of(first: &[u8], i: usize) -> (u64, u64) {
    let g = |k: usize| first.get(k).map(|&t| t as u64).unwrap_or(NO_TAG);
    (g(i + 1), g(i + 2))
}

/// Train one pass over `train` (with `first`-pass tags if given).
#[allow(clippy::too_many_arguments)]
fn train_pass(
    train: &[Sentence],
    lexes: &[Vec<Lex>],
    first: Option<&[Vec<u8>]>,
    tagdict: &HashMap<u64, u8>,
    epochs: usize,
    bits: u32,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Perceptron {
    let mut model = Perceptron::new(N_TAGS, bits);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::new();
    let mut scores = [0f32; N_TAGS];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &train[si];
            let lex = &lexes[si];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..lex.len() {
                let gold = s.upos[i];
                let guess = match tagdict.get(&lex[i].form) {
                    Some(&t) => t,
                    None => {
                        features(lex, i, p1, p2, first.map(|f| right_of(&f[si], i)), &mut feats);
                        model.score(&feats, &mut scores);
                        let g = argmax(&scores);
                        if (gold as usize) < N_TAGS {
                            model.update(&feats, gold as usize, g);
                        }
                        g as u8
                    }
                };
                right += (guess == gold) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
        }
        log(format!(
            "pos pass {} epoch {}: train {:.4} rows {}",
            if first.is_some() { 2 } else { 1 },
            epoch + 1,
            right as f64 / total.max(1) as f64,
            model.rows()
        ));
    }
    model.average();
    model
}

impl Tagger {
    /// UPOS ids for `words`.
    pub fn tag(&self, words: &[&str]) -> Vec<u8> {
        let lex: Vec<Lex> = words.iter().map(|w| Lex::new(w)).collect();
        self.tag_lex(&lex)
    }

    /// UPOS ids for precomputed [`Lex`] entries.
    pub fn tag_lex(&self, lex: &[Lex]) -> Vec<u8> {
        let first = greedy(&self.model, &self.tagdict, lex, None);
        greedy(&self.model2, &self.tagdict, lex, Some(&first))
    }

    /// Tags and, for each word, the runner-up tag when the tagger was
    /// unsure (see [`NO_ALT`]); the parser uses both.
    pub fn tag_lex_alt(&self, lex: &[Lex]) -> (Vec<u8>, Vec<u8>) {
        let first = greedy(&self.model, &self.tagdict, lex, None);
        let mut alts = Vec::with_capacity(lex.len());
        let tags = greedy_alt(&self.model2, &self.tagdict, lex, Some(&first), Some(&mut alts));
        (tags, alts)
    }

    /// [`Tagger::tag_lex_alt`] on strings.
    pub fn tag_alt(&self, words: &[&str]) -> (Vec<u8>, Vec<u8>) {
        let lex: Vec<Lex> = words.iter().map(|w| Lex::new(w)).collect();
        self.tag_lex_alt(&lex)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        let mut dict: Vec<(u64, u8)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.strs(&UPOS);
        w.u64(dict.len() as u64);
        for (k, v) in dict {
            w.u64(k);
            w.u8(v);
        }
        self.model.write(&mut w, true);
        self.model2.write(&mut w, true);
        encode_file("pos", &w.buf)
    }

    pub fn from_bytes(data: &[u8]) -> Result<Tagger, FormatError> {
        let mut r = Reader::new(decode_file("pos", data)?);
        let tags = r.strs()?;
        if tags.len() != N_TAGS || tags.iter().zip(UPOS).any(|(a, b)| a != b) {
            return Err(FormatError::new("tag set mismatch"));
        }
        let n = r.u64()? as usize;
        if n > r.remaining() / 9 {
            return Err(FormatError::new("bad tag dictionary"));
        }
        let mut tagdict = HashMap::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u8()?;
            if v as usize >= N_TAGS {
                return Err(FormatError::new("bad tag"));
            }
            tagdict.insert(k, v);
        }
        let model = Perceptron::read(&mut r)?;
        let model2 = Perceptron::read(&mut r)?;
        if model.n_classes() != N_TAGS || model2.n_classes() != N_TAGS {
            return Err(FormatError::new("class count mismatch"));
        }
        Ok(Tagger { model, model2, tagdict })
    }

    /// Train on `train` for `epochs` epochs; `log` receives progress lines.
    /// The second pass learns from jackknifed (`folds`-fold) first-pass tags.
    pub fn train(
        train: &[Sentence],
        dev: &[Sentence],
        epochs: usize,
        bits: u32,
        folds: usize,
        log: &mut dyn FnMut(String),
    ) -> Tagger {
        let tagdict = make_tagdict(train);
        let lexes: Vec<Vec<Lex>> = train.iter().map(|s| s.forms.iter().map(|w| Lex::new(w)).collect()).collect();
        let model = train_pass(train, &lexes, None, &tagdict, epochs, bits, 0x5eed_0001, log);
        let mut first: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
        if folds >= 2 {
            for fold in 0..folds {
                let (held, rest): (Vec<usize>, Vec<usize>) = (0..train.len()).partition(|i| i % folds == fold);
                let part: Vec<Sentence> = rest.iter().map(|&i| train[i].clone()).collect();
                let plex: Vec<Vec<Lex>> = rest.iter().map(|&i| lexes[i].clone()).collect();
                let m = train_pass(&part, &plex, None, &make_tagdict(&part), epochs, bits, 0x5eed_0001 + fold as u64, &mut |_| {});
                let td = make_tagdict(&part);
                for i in held {
                    first[i] = greedy(&m, &td, &lexes[i], None);
                }
            }
        } else {
            for i in 0..train.len() {
                first[i] = greedy(&model, &tagdict, &lexes[i], None);
            }
        }
        let model2 = train_pass(train, &lexes, Some(&first), &tagdict, epochs, bits, 0x5eed_0003, log);
        let tagger = Tagger { model, model2, tagdict };
        if !dev.is_empty() {
            log(format!("pos dev accuracy {:.4}", tagger.accuracy(dev)));
        }
        tagger
    }

    /// UPOS accuracy on gold sentences.
    pub fn accuracy(&self, sents: &[Sentence]) -> f64 {
        let (mut right, mut total) = (0usize, 0usize);
        for s in sents {
            let tags = self.tag(&s.words());
            for (t, g) in tags.iter().zip(&s.upos) {
                right += (t == g) as usize;
                total += 1;
            }
        }
        right as f64 / total.max(1) as f64
    }
}

fn make_tagdict(train: &[Sentence]) -> HashMap<u64, u8> {
    let mut counts: HashMap<u64, [u32; N_TAGS]> = HashMap::new();
    for s in train {
        for (w, &t) in s.forms.iter().zip(&s.upos) {
            if (t as usize) < N_TAGS {
                counts.entry(crate::learn::hash_str(w)).or_insert([0; N_TAGS])[t as usize] += 1;
            }
        }
    }
    let mut dict = HashMap::new();
    for (w, c) in counts {
        let n: u32 = c.iter().sum();
        let (best, &m) = c.iter().enumerate().max_by_key(|&(_, &v)| v).unwrap();
        if n >= 20 && m as f64 / n as f64 >= 0.99 {
            dict.insert(w, best as u8);
        }
    }
    dict
}
