//! Greedy arc-hybrid dependency parser trained with a dynamic oracle
//! (Goldberg and Nivre 2012/2013) and rich Zhang and Nivre (2011) style
//! features, plus a second-stage labeler that assigns UD relations with the
//! whole unlabeled tree in view.
//!
//! The root is an extra token at the end of the buffer; a LEFT move onto it
//! is allowed only when it is the last item on the stack, so every output
//! has exactly one root. Time is linear: at most `2n` transitions, each with
//! a fixed number of features.

use crate::conllu::Sentence;
use crate::learn::{
    argmax_where, decode_file, encode_file, FeatHasher, FormatError, Perceptron, Reader, Rng,
    Writer,
};
use crate::lex::Lex;
use std::collections::HashMap;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const N_MOVES: usize = 3;
/// Dynamic-oracle exploration: from this epoch on (0-based), follow the
/// model's own wrong move with probability `EXPLORE_P`.
const EXPLORE_FROM: usize = 2;
const EXPLORE_P: f64 = 0.9;
const NIL: u32 = u32::MAX;
/// Tag id of the virtual root and of positions outside the sentence.
const T_ROOT: u64 = 40;
const T_NONE: u64 = 41;
const W_ROOT: u64 = 0x524f_4f54;
const W_NONE: u64 = 0x4e4f_4e45;

/// A trained parser: transition model, labeler and label set.
pub struct Parser {
    moves: Perceptron,
    labeler: Perceptron,
    labels: Vec<&'static str>,
    root_label: usize,
    /// Beam width at decoding: 1 (greedy) for the shipped model; a model
    /// trained with `NEWSGRAPH_PARSE_BEAM` (global training) stores its
    /// width at the end of the file.
    beam: usize,
}

/// Experiment switch: global (beam) training of the transitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeamTraining {
    /// Beam width (1 is a globally trained greedy parser).
    pub width: usize,
    /// Max-violation update (Huang et al. 2012) instead of early update
    /// (Collins and Roark 2004; Zhang and Nivre 2011).
    pub max_violation: bool,
}

/// The parse of one sentence: heads (`u32::MAX` for the root) and labels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub heads: Vec<u32>,
    pub labels: Vec<&'static str>,
}

struct Ctx<'a> {
    lex: &'a [Lex],
    tags: &'a [u8],
    /// Runner-up tags from the tagger (`pos::NO_ALT` when sure); may be
    /// empty.
    alts: &'a [u8],
}

impl Ctx<'_> {
    #[inline]
    fn n(&self) -> usize {
        self.lex.len()
    }
    #[inline]
    fn w(&self, i: u32) -> u64 {
        if i == NIL {
            W_NONE
        } else if i as usize >= self.n() {
            W_ROOT
        } else {
            self.lex[i as usize].lower
        }
    }
    #[inline]
    fn alt(&self, i: u32) -> u64 {
        match self.alts.get(i as usize) {
            Some(&a) if i != NIL => a as u64,
            _ => 255,
        }
    }
    /// Cluster id at granularity `k` (0: 64, 1: 256, 2: 1,024 clusters).
    #[inline]
    fn c(&self, i: u32, k: usize) -> u64 {
        if i == NIL {
            0xffff_0001
        } else if i as usize >= self.n() {
            0xffff_0002
        } else {
            self.lex[i as usize].cl[k] as u64
        }
    }
    #[inline]
    fn t(&self, i: u32) -> u64 {
        if i == NIL {
            T_NONE
        } else if i as usize >= self.n() {
            T_ROOT
        } else {
            self.tags[i as usize] as u64
        }
    }
}

struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
    heads: Vec<u32>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl Clone for State {
    fn clone(&self) -> State {
        State {
            n: self.n,
            stack: self.stack.clone(),
            b: self.b,
            heads: self.heads.clone(),
            l1: self.l1.clone(),
            l2: self.l2.clone(),
            r1: self.r1.clone(),
            r2: self.r2.clone(),
            nl: self.nl.clone(),
            nr: self.nr.clone(),
        }
    }
    /// Copy reusing this state's buffers (the beam's inner loop).
    fn clone_from(&mut self, o: &State) {
        self.n = o.n;
        self.stack.clone_from(&o.stack);
        self.b = o.b;
        self.heads.clone_from(&o.heads);
        self.l1.clone_from(&o.l1);
        self.l2.clone_from(&o.l2);
        self.r1.clone_from(&o.r1);
        self.r2.clone_from(&o.r2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
    }
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(16),
            b: 0,
            heads: vec![NIL; n],
            l1: vec![NIL; n + 1],
            l2: vec![NIL; n + 1],
            r1: vec![NIL; n + 1],
            r2: vec![NIL; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
        }
    }
    fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }
    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }
    fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NIL
        }
    }
    fn add_arc(&mut self, h: usize, d: u32) {
        self.heads[d as usize] = h as u32;
        if (d as usize) < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d;
            self.nl[h] = self.nl[h].saturating_add(1);
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d;
            self.nr[h] = self.nr[h].saturating_add(1);
        }
    }
    fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            LEFT => {
                let d = self.stack.pop().unwrap();
                self.add_arc(self.b, d);
            }
            _ => {
                let d = self.stack.pop().unwrap();
                let h = *self.stack.last().unwrap() as usize;
                self.add_arc(h, d);
            }
        }
    }

    /// Number of gold arcs made unreachable by each move (`gold[i]` is the
    /// head of word i, `n` for the root).
    fn costs(&self, gold: &[u32]) -> [u32; N_MOVES] {
        let n = self.n as u32;
        let b = self.b as u32;
        let mut c = [u32::MAX; N_MOVES];
        let s0 = self.s(0);
        // Dependents of s0 still in the buffer (b..n).
        let s0_deps_in_buffer = |s0: u32| (self.b..self.n).filter(|&d| gold[d] == s0).count() as u32;
        if self.valid(SHIFT) {
            let mut cost = 0;
            let gh = gold[self.b];
            for (k, &x) in self.stack.iter().enumerate() {
                let is_s0 = k + 1 == self.stack.len();
                if gh == x && !is_s0 {
                    cost += 1;
                }
                if gold[x as usize] == b {
                    cost += 1;
                }
            }
            c[SHIFT] = cost;
        }
        if self.valid(LEFT) {
            let gh = gold[s0 as usize];
            let s1 = self.s(1);
            let mut cost = s0_deps_in_buffer(s0);
            if gh != b && ((s1 != NIL && gh == s1) || (gh > b && gh <= n)) {
                cost += 1;
            }
            c[LEFT] = cost;
        }
        if self.valid(RIGHT) {
            let gh = gold[s0 as usize];
            let mut cost = s0_deps_in_buffer(s0);
            if gh >= b && gh <= n {
                cost += 1;
            }
            c[RIGHT] = cost;
        }
        c
    }
}

#[inline]
fn h(t: u32) -> FeatHasher {
    FeatHasher::new(t)
}

fn move_features(cx: &Ctx, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let n0 = st.b as u32;
    let n1 = if st.b < n { st.b as u32 + 1 } else { NIL };
    let n2 = if st.b + 1 < n { st.b as u32 + 2 } else { NIL };
    let kid = |v: &Vec<u32>, i: u32| if i == NIL { NIL } else { v[i as usize] };
    let s0l1 = kid(&st.l1, s0);
    let s0l2 = kid(&st.l2, s0);
    let s0r1 = kid(&st.r1, s0);
    let s0r2 = kid(&st.r2, s0);
    let n0l1 = kid(&st.l1, n0);
    let n0l2 = kid(&st.l2, n0);
    let s1r1 = kid(&st.r1, s1);
    let s1l1 = kid(&st.l1, s1);
    let (w, t) = (|i| cx.w(i), |i| cx.t(i));
    let (s0w, s0t, n0w, n0t) = (w(s0), t(s0), w(n0), t(n0));
    let (n1w, n1t, n2w, n2t) = (w(n1), t(n1), w(n2), t(n2));
    let (s1w, s1t, s2t) = (w(s1), t(s1), t(s2));
    let d = if s0 == NIL { 0 } else { (n0 - s0).min(6) as u64 };
    let d1 = if s1 == NIL { 0 } else { (s0 - s1).min(6) as u64 };
    let vl = |i: u32| if i == NIL { 9 } else { st.nl[i as usize].min(4) as u64 };
    let vr = |i: u32| if i == NIL { 9 } else { st.nr[i as usize].min(4) as u64 };
    let (s0vl, s0vr, n0vl) = (vl(s0), vr(s0), vl(n0));
    let mut p = |f: FeatHasher| out.push(f.finish());
    p(h(0));
    p(h(1).u(s0w));
    p(h(2).u(s0t));
    p(h(3).u(s0w).u(s0t));
    p(h(4).u(n0w));
    p(h(5).u(n0t));
    p(h(6).u(n0w).u(n0t));
    p(h(7).u(n1w));
    p(h(8).u(n1t));
    p(h(9).u(n1w).u(n1t));
    p(h(10).u(n2w));
    p(h(11).u(n2t));
    p(h(12).u(n2w).u(n2t));
    p(h(13).u(s1w));
    p(h(14).u(s1t));
    p(h(15).u(s1w).u(s1t));
    p(h(16).u(s2t));
    p(h(17).u(w(s2)));
    p(h(18).u(w(s0l1)));
    p(h(19).u(t(s0l1)));
    p(h(20).u(w(s0r1)));
    p(h(21).u(t(s0r1)));
    p(h(22).u(w(n0l1)));
    p(h(23).u(t(n0l1)));
    p(h(24).u(t(s0l2)));
    p(h(25).u(t(s0r2)));
    p(h(26).u(t(n0l2)));
    p(h(27).u(t(s1r1)));
    p(h(28).u(t(s1l1)));
    p(h(29).u(w(s1r1)));
    p(h(30).u(s0w).u(s0t).u(n0w).u(n0t));
    p(h(31).u(s0w).u(s0t).u(n0w));
    p(h(32).u(s0w).u(n0w).u(n0t));
    p(h(33).u(s0w).u(s0t).u(n0t));
    p(h(34).u(s0t).u(n0w).u(n0t));
    p(h(35).u(s0w).u(n0w));
    p(h(36).u(s0t).u(n0t));
    p(h(37).u(n0t).u(n1t));
    p(h(38).u(s1t).u(s0t));
    p(h(39).u(s1w).u(s0w));
    p(h(40).u(s1t).u(n0t));
    p(h(41).u(s1w).u(n0w));
    p(h(42).u(s1w).u(s0t));
    p(h(43).u(n0t).u(n1t).u(n2t));
    p(h(44).u(s0t).u(n0t).u(n1t));
    p(h(45).u(s1t).u(s0t).u(n0t));
    p(h(46).u(s0t).u(t(s0l1)).u(n0t));
    p(h(47).u(s0t).u(t(s0r1)).u(n0t));
    p(h(48).u(s0t).u(n0t).u(t(n0l1)));
    p(h(49).u(s0t).u(t(s0l1)).u(t(s0l2)));
    p(h(50).u(s0t).u(t(s0r1)).u(t(s0r2)));
    p(h(51).u(n0t).u(t(n0l1)).u(t(n0l2)));
    p(h(52).u(s2t).u(s1t).u(s0t));
    p(h(53).u(s1t).u(t(s1r1)).u(s0t));
    p(h(54).u(s1t).u(t(s1l1)).u(s0t));
    p(h(55).u(s0w).u(n0t).u(n1t));
    p(h(56).u(s0t).u(n0w).u(n1t));
    p(h(57).u(s0w).u(d));
    p(h(58).u(s0t).u(d));
    p(h(59).u(n0w).u(d));
    p(h(60).u(n0t).u(d));
    p(h(61).u(s0w).u(n0w).u(d));
    p(h(62).u(s0t).u(n0t).u(d));
    p(h(63).u(s1t).u(s0t).u(d1));
    p(h(64).u(s0w).u(s0vr));
    p(h(65).u(s0t).u(s0vr));
    p(h(66).u(s0w).u(s0vl));
    p(h(67).u(s0t).u(s0vl));
    p(h(68).u(n0w).u(n0vl));
    p(h(69).u(n0t).u(n0vl));
    p(h(70).u(s1t).u(vr(s1)).u(s0t));
    p(h(71).u(st.stack.len().min(3) as u64).u((st.b >= n) as u64).u(s0t));
    p(h(72).u(s1t).u(s0t).u(n0t).u(n1t));
    p(h(73).u(s0w).u(s0t).u(t(s0l1)).u(t(s0r1)));
    p(h(74).u(s1w).u(s1t).u(s0w).u(s0t));
    p(h(75).u(s1t).u(s0t).u(d1).u(n0t));
    let suf = |i: u32| if i == NIL || i as usize >= n { W_NONE } else { cx.lex[i as usize].suf3 };
    let shape = |i: u32| if i == NIL || i as usize >= n { W_NONE } else { cx.lex[i as usize].shape };
    p(h(76).u(suf(s0)).u(s0t));
    p(h(77).u(suf(n0)).u(n0t));
    p(h(78).u(suf(s0)).u(suf(n0)));
    p(h(79).u(shape(s0)).u(shape(n0)).u(d));
    p(h(80).u(n0w).u(n1w));
    p(h(81).u(s0w).u(w(s0r1)).u(n0t));
    p(h(82).u(s0t).u(w(n0l1)).u(n0w));
    p(h(83).u(suf(n1)).u(n1t).u(n0t));
    let (s0a, n0a) = (cx.alt(s0), cx.alt(n0));
    p(h(84).u(s0a).u(s0t));
    p(h(85).u(n0a).u(n0t));
    p(h(86).u(cx.alt(n1)).u(n1t));
    p(h(87).u(s0a).u(n0a).u(s0t).u(n0t));
    p(h(88).u(n0a).u(n0t).u(s0t));
    p(h(89).u(s0a).u(s0t).u(n0t));
    // Word clusters as back-off for words (Koo et al. 2008).
    let c = |i: u32, k: usize| cx.c(i, k);
    let (s0c, n0c, n1c, s1c) = (c(s0, 2), c(n0, 2), c(n1, 2), c(s1, 2));
    p(h(90).u(s0c));
    p(h(91).u(n0c));
    p(h(92).u(n1c));
    p(h(93).u(s1c));
    p(h(94).u(s0c).u(n0c));
    p(h(95).u(c(s0, 1)).u(c(n0, 1)).u(d));
    p(h(96).u(s0c).u(n0t));
    p(h(97).u(s0t).u(n0c));
    p(h(98).u(c(s0, 0)).u(c(n0, 0)).u(c(n1, 0)));
    p(h(99).u(c(s1, 1)).u(c(s0, 1)));
    p(h(100).u(c(s1, 1)).u(c(s0, 1)).u(c(n0, 1)));
    p(h(101).u(n0c).u(c(n1, 1)));
    p(h(102).u(s0t).u(c(s0l1, 1)).u(c(s0r1, 1)));
    p(h(103).u(n0t).u(c(n0l1, 1)));
    p(h(104).u(s1c).u(s0t).u(n0t));
    // Third order: the leftmost child of the leftmost child, and so on.
    p(h(105).u(s0t).u(t(s0l1)).u(t(kid(&st.l1, s0l1))));
    p(h(106).u(n0t).u(t(n0l1)).u(t(kid(&st.l1, n0l1))));
    p(h(107).u(s0t).u(t(s0r1)).u(t(kid(&st.r1, s0r1))));
    p(h(108).u(s1t).u(t(s1r1)).u(t(kid(&st.r1, s1r1))));
}

/// Children of each token, in order, as one flat list with offsets.
struct Kids {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Kids {
    fn new(heads: &[u32]) -> Kids {
        let n = heads.len();
        let mut start = vec![0u32; n + 1];
        for &hd in heads {
            if (hd as usize) < n {
                start[hd as usize + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; start[n] as usize];
        for (d, &hd) in heads.iter().enumerate() {
            if (hd as usize) < n {
                list[fill[hd as usize] as usize] = d as u32;
                fill[hd as usize] += 1;
            }
        }
        Kids { start, list }
    }
    fn of(&self, i: usize) -> &[u32] {
        &self.list[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

fn is_function(tag: u64) -> bool {
    // ADP AUX CCONJ DET PART PRON SCONJ PUNCT
    matches!(tag, 1 | 3 | 4 | 5 | 9 | 10 | 13 | 12)
}

/// Features for labeling the arc into `d`.
fn label_features(cx: &Ctx, heads: &[u32], kids: &Kids, d: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = cx.n();
    let hd = heads[d];
    let dd = d as u32;
    let (dw, dt, hw, ht) = (cx.w(dd), cx.t(dd), cx.w(hd), cx.t(hd));
    let dir = (hd != NIL && hd > dd) as u64;
    let dist = if hd == NIL { 0 } else { (hd as i64 - dd as i64).unsigned_abs().min(8) };
    let gh = if hd == NIL { NIL } else { heads[hd as usize] };
    let prev = if d > 0 { dd - 1 } else { NIL };
    let next = if d + 1 < n { dd + 1 } else { NIL };
    let dl = &cx.lex[d];
    let mut p = |f: FeatHasher| out.push(f.finish());
    p(h(0));
    p(h(1).u(dw));
    p(h(2).u(dt));
    p(h(3).u(hw));
    p(h(4).u(ht));
    p(h(5).u(dt).u(ht).u(dir));
    p(h(6).u(dw).u(ht).u(dir));
    p(h(7).u(dt).u(hw).u(dir));
    p(h(8).u(dw).u(hw));
    p(h(9).u(dt).u(ht).u(dir).u(dist));
    p(h(10).u(dir).u(dist));
    p(h(11).u(dl.suf3).u(dt));
    p(h(12).u(ht).u(cx.t(gh)));
    p(h(13).u(dt).u(ht).u(cx.t(gh)));
    p(h(14).u(cx.t(prev)).u(dt).u(cx.t(next)));
    p(h(15).u(dl.form).u(dt));
    p(h(16).u(dt).u(kids.of(d).len().min(4) as u64));
    p(h(17).u(dt).u(ht).u(cx.w(prev)));
    p(h(18).u(dl.flags as u64).u(dt).u(ht));
    p(h(19).u(cx.alt(dd)).u(dt).u(ht).u(dir));
    p(h(26).u(cx.alt(hd)).u(ht).u(dt));
    p(h(27).u(cx.c(dd, 2)).u(ht).u(dir));
    p(h(28).u(dt).u(cx.c(hd, 2)).u(dir));
    p(h(29).u(cx.c(dd, 1)).u(cx.c(hd, 1)).u(dir));
    for &c in kids.of(d).iter().take(8) {
        let ct = cx.t(c);
        let cw = if is_function(ct) { cx.w(c) } else { 0 };
        let cdir = (c > dd) as u64;
        p(h(20).u(ct).u(cw).u(cdir));
        p(h(21).u(ct).u(cw).u(dt).u(ht));
        p(h(22).u(ct).u(dt).u(dir));
    }
    if hd != NIL && (hd as usize) < n {
        let sibs = kids.of(hd as usize);
        // The nearest siblings: three on each side of d.
        let at = sibs.partition_point(|&c| c < dd);
        let lo = at.saturating_sub(3);
        let hi = (at + 4).min(sibs.len());
        for &c in &sibs[lo..hi] {
            if c == dd {
                continue;
            }
            let ct = cx.t(c);
            let cw = if is_function(ct) { cx.w(c) } else { 0 };
            let side = (c > dd) as u64;
            p(h(23).u(ct).u(cw).u(side).u(dt));
            p(h(24).u(ct).u(side).u(dt).u(ht));
        }
    } else {
        p(h(25).u(dt));
    }
}

/// Two subjects of one verb, the first a lone modifier right before the
/// second's phrase: "Ukrainian" in "Ukrainian Foreign Minister Andrii Sybiha
/// said", which the greedy parser leaves on the verb when the title in
/// between makes the phrase look finished. The modifier belongs to the
/// subject: `amod` of its head (an adjective) or `compound` (a noun). The
/// tree stays a tree (the moved word has no dependents) and projective (it
/// is next to its new head's phrase).
fn one_subject(tags: &[u8], heads: &mut [u32], labels: &mut [&'static str]) {
    const ADJ: u8 = 0;
    const NOUN: u8 = 7;
    const PROPN: u8 = 11;
    let n = heads.len();
    let subj = |l: &str| l == "nsubj" || l == "nsubj:pass";
    let under = |heads: &[u32], mut k: u32, top: u32| {
        for _ in 0..n {
            if k == top {
                return true;
            }
            match heads[k as usize] {
                NIL => return false,
                h => k = h,
            }
        }
        false
    };
    for d in 0..n {
        let v = heads[d];
        if v == NIL || !subj(labels[d]) || !matches!(tags.get(d), Some(&(ADJ | NOUN | PROPN))) {
            continue;
        }
        if heads.contains(&(d as u32)) {
            continue;
        }
        // The next subject of the same verb, with only its own phrase between.
        let Some(s) = (d + 1..n).find(|&k| heads[k] == v && subj(labels[k])) else { continue };
        if (d + 1..s).all(|k| under(heads, k as u32, s as u32)) && (v as usize) > s {
            heads[d] = s as u32;
            labels[d] = if tags[d] == ADJ { "amod" } else { "compound" };
        }
    }
}

/// Keep the `k` best candidates `(score, parent, move)`, best first (ties
/// by parent, then move: deterministic).
fn top_k(c: &mut Vec<(f32, u32, u8)>, k: usize) {
    c.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    c.truncate(k);
}

/// The final state of the best of `k` transition sequences (the sum of
/// move scores), by beam search.
fn beam_decode(moves: &Perceptron, cx: &Ctx, k: usize) -> State {
    let n = cx.n();
    let mut cur = vec![State::new(n)];
    let mut cur_s = vec![0f32];
    let mut next: Vec<State> = Vec::with_capacity(k);
    let mut next_s: Vec<f32> = Vec::with_capacity(k);
    let mut cands = Vec::with_capacity(N_MOVES * k);
    let mut feats = Vec::with_capacity(112);
    let mut scores = [0f32; N_MOVES];
    while !cur[0].done() {
        cands.clear();
        for (i, st) in cur.iter().enumerate() {
            move_features(cx, st, &mut feats);
            moves.score(&feats, &mut scores);
            for (m, &sc) in scores.iter().enumerate() {
                if st.valid(m) {
                    cands.push((cur_s[i] + sc, i as u32, m as u8));
                }
            }
        }
        top_k(&mut cands, k);
        next_s.clear();
        for (j, &(sc, i, m)) in cands.iter().enumerate() {
            if j < next.len() {
                next[j].clone_from(&cur[i as usize]);
            } else {
                next.push(cur[i as usize].clone());
            }
            next[j].apply(m as usize);
            next_s.push(sc);
        }
        next.truncate(cands.len());
        std::mem::swap(&mut cur, &mut next);
        std::mem::swap(&mut cur_s, &mut next_s);
    }
    cur.swap_remove(0)
}

/// The static oracle's move sequence for a gold tree (`gold[i]` the head of
/// word i, `n` for the root): the first zero-cost move in the order LEFT,
/// RIGHT, SHIFT (reduce as soon as a word has all its dependents). `None`
/// when it does not rebuild the tree (non-projective).
fn gold_moves(gold: &[u32]) -> Option<Vec<u8>> {
    let n = gold.len();
    let mut st = State::new(n);
    let mut seq = Vec::with_capacity(2 * n);
    while !st.done() {
        let c = st.costs(gold);
        let m = [LEFT, RIGHT, SHIFT].into_iter().find(|&m| c[m] == 0)?;
        st.apply(m);
        seq.push(m as u8);
    }
    (st.heads == gold).then_some(seq)
}

/// A hypothesis of the training beam.
struct Hyp {
    st: State,
    score: f32,
    /// Every move so far is the gold sequence's.
    gold: bool,
    hist: Vec<u8>,
}

/// Global training of the transitions: beam search over each projective
/// training tree with the structured perceptron, updating the gold prefix
/// against the beam's best at the first step where gold falls off the beam
/// (early update) or at the step of the largest violation (max-violation).
/// The averaging clock ticks once per sentence.
#[allow(clippy::too_many_arguments)]
fn train_global(
    moves: &mut Perceptron,
    train: &[Sentence],
    lexes: &[Vec<Lex>],
    tags: &[Vec<u8>],
    alts: &[Vec<u8>],
    trees: &[usize],
    epochs: usize,
    g: BeamTraining,
    rng: &mut Rng,
    log: &mut dyn FnMut(String),
    dev_uas: &mut dyn FnMut(&Perceptron) -> f64,
) {
    let golds: Vec<(usize, Vec<u8>)> = trees
        .iter()
        .filter_map(|&si| {
            let n = train[si].len();
            let gold: Vec<u32> = train[si].heads.iter().map(|&hd| if hd == NIL { n as u32 } else { hd }).collect();
            gold_moves(&gold).map(|seq| (si, seq))
        })
        .collect();
    let k = g.width.max(1);
    log(format!(
        "global training: beam {k}, {} update, {} of {} trees projective",
        if g.max_violation { "max-violation" } else { "early" },
        golds.len(),
        trees.len()
    ));
    let mut feats = Vec::with_capacity(112);
    let mut scores = [0f32; N_MOVES];
    let mut cands: Vec<(f32, u32, u8)> = Vec::with_capacity(N_MOVES * k);
    let mut order: Vec<usize> = (0..golds.len()).collect();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut updates, mut early) = (0usize, 0usize);
        for &gi in &order {
            let (si, ref gseq) = golds[gi];
            let n = train[si].len();
            let cx = Ctx { lex: &lexes[si], tags: &tags[si], alts: alts.get(si).map(|a| a.as_slice()).unwrap_or(&[]) };
            let mut beam = vec![Hyp { st: State::new(n), score: 0.0, gold: true, hist: Vec::new() }];
            let mut gst = State::new(n);
            let mut gscore = 0f32;
            // (violation, steps, predicted moves) of the update to make.
            let mut best: Option<(f32, usize, Vec<u8>)> = None;
            for (t, &gm) in gseq.iter().enumerate() {
                cands.clear();
                for (i, hy) in beam.iter().enumerate() {
                    move_features(&cx, &hy.st, &mut feats);
                    moves.score(&feats, &mut scores);
                    for (m, &sc) in scores.iter().enumerate() {
                        if hy.st.valid(m) {
                            cands.push((hy.score + sc, i as u32, m as u8));
                        }
                    }
                }
                top_k(&mut cands, k);
                beam = cands
                    .iter()
                    .map(|&(sc, i, m)| {
                        let p = &beam[i as usize];
                        let mut st = p.st.clone();
                        st.apply(m as usize);
                        let mut hist = Vec::with_capacity(gseq.len());
                        hist.extend_from_slice(&p.hist);
                        hist.push(m);
                        Hyp { st, score: sc, gold: p.gold && m == gm, hist }
                    })
                    .collect();
                let top = &beam[0];
                if g.max_violation {
                    move_features(&cx, &gst, &mut feats);
                    moves.score(&feats, &mut scores);
                    gscore += scores[gm as usize];
                    gst.apply(gm as usize);
                    let v = top.score - gscore;
                    if !top.gold && v >= 0.0 && best.as_ref().is_none_or(|b| v > b.0) {
                        best = Some((v, t + 1, top.hist.clone()));
                    }
                } else if !beam.iter().any(|h| h.gold) {
                    best = Some((0.0, t + 1, top.hist.clone()));
                    early += 1;
                    break;
                } else if t + 1 == gseq.len() && !top.gold {
                    best = Some((0.0, t + 1, top.hist.clone()));
                }
            }
            if let Some((_, len, pred)) = best {
                updates += 1;
                // Before the sequences part, the two updates cancel.
                let split = (0..len).find(|&j| pred[j] != gseq[j]).unwrap_or(len);
                let mut a = State::new(n);
                for &m in &gseq[..split] {
                    a.apply(m as usize);
                }
                let mut b = a.clone();
                for &m in &gseq[split..len] {
                    move_features(&cx, &a, &mut feats);
                    moves.add(&feats, m as usize, 1.0);
                    a.apply(m as usize);
                }
                for &m in &pred[split..len] {
                    move_features(&cx, &b, &mut feats);
                    moves.add(&feats, m as usize, -1.0);
                    b.apply(m as usize);
                }
            }
            moves.tick();
        }
        let dev = dev_uas(moves);
        log(format!(
            "parse epoch {} (beam {k}): updates {updates} of {} sentences ({early} early) dev uas {dev:.4} rows {}",
            epoch + 1,
            golds.len(),
            moves.rows()
        ));
    }
}

impl Parser {
    /// Parse one sentence given its tokens' [`Lex`] and UPOS ids.
    pub fn parse(&self, lex: &[Lex], tags: &[u8]) -> Tree {
        self.parse_alt(lex, tags, &[])
    }

    /// Parse with the tagger's runner-up tags ([`crate::pos::Tagger::tag_lex_alt`]).
    pub fn parse_alt(&self, lex: &[Lex], tags: &[u8], alts: &[u8]) -> Tree {
        let n = lex.len();
        if n == 0 {
            return Tree::default();
        }
        let cx = Ctx { lex, tags, alts };
        let st = if self.beam > 1 {
            beam_decode(&self.moves, &cx, self.beam)
        } else {
            let mut st = State::new(n);
            let mut feats = Vec::with_capacity(112);
            let mut scores = [0f32; N_MOVES];
            while !st.done() {
                move_features(&cx, &st, &mut feats);
                self.moves.score(&feats, &mut scores);
                let m = argmax_where(&scores, |m| st.valid(m)).expect("a valid move");
                st.apply(m);
            }
            st
        };
        let mut heads: Vec<u32> = st.heads.iter().map(|&hd| if hd as usize >= n { NIL } else { hd }).collect();
        let mut labels = self.label(&cx, &heads);
        one_subject(tags, &mut heads, &mut labels);
        Tree { heads, labels }
    }

    fn label(&self, cx: &Ctx, heads: &[u32]) -> Vec<&'static str> {
        let kids = Kids::new(heads);
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; self.labels.len()];
        (0..heads.len())
            .map(|d| {
                if heads[d] == NIL {
                    return self.labels[self.root_label];
                }
                label_features(cx, heads, &kids, d, &mut feats);
                self.labeler.score(&feats, &mut scores);
                let l = argmax_where(&scores, |l| l != self.root_label).unwrap_or(0);
                self.labels[l]
            })
            .collect()
    }

    /// This parser with the transition model of `other` (for experiments
    /// on the labeler alone, see `NEWSGRAPH_MOVES_FROM`).
    pub fn with_moves_of(self, other: Parser) -> Parser {
        Parser { moves: other.moves, beam: other.beam, ..self }
    }

    /// This parser decoding with a beam of `width` (1: greedy).
    pub fn with_beam(self, width: usize) -> Parser {
        Parser { beam: width.max(1), ..self }
    }

    /// Beam width at decoding.
    pub fn beam(&self) -> usize {
        self.beam
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.strs(&self.labels);
        w.u32(self.root_label as u32);
        self.moves.write(&mut w, true);
        self.labeler.write(&mut w, true);
        if self.beam > 1 {
            // Only globally trained (experimental) models carry a width.
            w.u32(self.beam as u32);
        }
        encode_file("parse", &w.buf)
    }

    pub fn from_bytes(data: &[u8]) -> Result<Parser, FormatError> {
        let mut r = Reader::new(decode_file("parse", data)?);
        let labels = r.strs()?;
        let root_label = r.u32()? as usize;
        if labels.is_empty() || root_label >= labels.len() {
            return Err(FormatError::new("bad label set"));
        }
        let moves = Perceptron::read(&mut r)?;
        let labeler = Perceptron::read(&mut r)?;
        if moves.n_classes() != N_MOVES || labeler.n_classes() != labels.len() {
            return Err(FormatError::new("class count mismatch"));
        }
        let beam = if r.remaining() > 0 { r.u32()?.clamp(1, 64) as usize } else { 1 };
        if r.remaining() > 0 {
            return Err(FormatError::new("trailing bytes"));
        }
        let labels = labels.into_iter().map(intern).collect();
        Ok(Parser { moves, labeler, labels, root_label, beam })
    }

    /// Train on gold trees. `tags[i]` are the UPOS ids to use for sentence i
    /// (ideally predicted, jackknifed); `dev_tags` likewise for `dev`.
    #[allow(clippy::too_many_arguments)]
    pub fn train(
        train: &[Sentence],
        tags: &[Vec<u8>],
        alts: &[Vec<u8>],
        dev: &[Sentence],
        dev_tags: &[Vec<u8>],
        dev_alts: &[Vec<u8>],
        epochs: usize,
        label_epochs: usize,
        bits: u32,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        Parser::train_with(train, tags, alts, dev, dev_tags, dev_alts, epochs, label_epochs, bits, None, log)
    }

    /// [`Parser::train`], with global beam training of the transitions
    /// when `global` is given (the experiment `NEWSGRAPH_PARSE_BEAM`).
    #[allow(clippy::too_many_arguments)]
    pub fn train_with(
        train: &[Sentence],
        tags: &[Vec<u8>],
        alts: &[Vec<u8>],
        dev: &[Sentence],
        dev_tags: &[Vec<u8>],
        dev_alts: &[Vec<u8>],
        epochs: usize,
        label_epochs: usize,
        bits: u32,
        global: Option<BeamTraining>,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        let mut label_counts: HashMap<&str, usize> = HashMap::new();
        for s in train {
            for l in &s.deprels {
                *label_counts.entry(l.as_str()).or_default() += 1;
            }
        }
        let mut labels: Vec<&str> = label_counts.keys().copied().collect();
        if !labels.contains(&"root") {
            labels.push("root");
        }
        labels.sort_unstable();
        let root_label = labels.iter().position(|&l| l == "root").unwrap();
        let label_id: HashMap<&str, usize> = labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
        let labels: Vec<&'static str> = labels.into_iter().map(|l| intern(l.to_string())).collect();

        let lexes: Vec<Vec<Lex>> = train.iter().map(|s| s.forms.iter().map(|w| Lex::new(w)).collect()).collect();
        let trees: Vec<usize> = (0..train.len()).filter(|&i| train[i].is_tree()).collect();
        let mut moves = Perceptron::new_dense(N_MOVES, bits);
        let mut labeler = Perceptron::new(labels.len(), bits.saturating_sub(1).max(16));
        let mut rng = Rng::new(0x5eed_0002);
        let mut feats = Vec::with_capacity(112);
        let mut scores = [0f32; N_MOVES];
        let mut order = trees.clone();
        let beam = global.map_or(1, |g| g.width.max(1));
        if let Some(g) = global {
            train_global(&mut moves, train, &lexes, tags, alts, &trees, epochs, g, &mut rng, log, &mut |m: &Perceptron| {
                if dev.is_empty() {
                    return 0.0;
                }
                let tmp = Parser { moves: m.averaged(), labeler: labeler.clone(), labels: labels.clone(), root_label, beam };
                tmp.evaluate(dev, dev_tags, dev_alts).uas()
            });
        }
        let epochs = if global.is_some() { 0 } else { epochs };
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &train[si];
                let n = s.len();
                let gold: Vec<u32> = s.heads.iter().map(|&hd| if hd == NIL { n as u32 } else { hd }).collect();
                let cx = Ctx { lex: &lexes[si], tags: &tags[si], alts: alts.get(si).map(|a| a.as_slice()).unwrap_or(&[]) };
                let mut st = State::new(n);
                while !st.done() {
                    move_features(&cx, &st, &mut feats);
                    moves.score(&feats, &mut scores);
                    let guess = argmax_where(&scores, |m| st.valid(m)).unwrap();
                    let costs = st.costs(&gold);
                    let best = *costs.iter().min().unwrap();
                    let truth = argmax_where(&scores, |m| costs[m] == best).unwrap();
                    moves.update(&feats, truth, guess);
                    let follow = if epoch >= EXPLORE_FROM && costs[guess] > best && rng.unit() < EXPLORE_P { guess } else { truth };
                    st.apply(if costs[guess] == best { guess } else { follow });
                }
                for i in 0..n {
                    let ph = if st.heads[i] as usize >= n { NIL } else { st.heads[i] };
                    right += (ph == s.heads[i]) as usize;
                    total += 1;
                }
            }
            let dev_uas = if dev.is_empty() {
                0.0
            } else {
                let tmp = Parser { moves: moves.averaged(), labeler: labeler.clone(), labels: labels.clone(), root_label, beam: 1 };
                tmp.evaluate(dev, dev_tags, dev_alts).uas()
            };
            log(format!(
                "parse epoch {}: train uas {:.4} dev uas {:.4} rows {}",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                dev_uas,
                moves.rows()
            ));
        }
        moves.average();

        // Labeler on gold trees.
        let mut lscores = vec![0f32; labels.len()];
        let mut order: Vec<usize> = (0..train.len()).collect();
        for epoch in 0..label_epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &train[si];
                let cx = Ctx { lex: &lexes[si], tags: &tags[si], alts: alts.get(si).map(|a| a.as_slice()).unwrap_or(&[]) };
                let heads: Vec<u32> = s.heads.iter().map(|&hd| if hd as usize >= s.len() { NIL } else { hd }).collect();
                let kids = Kids::new(&heads);
                for d in 0..s.len() {
                    if heads[d] == NIL {
                        continue;
                    }
                    let Some(&truth) = label_id.get(s.deprels[d].as_str()) else { continue };
                    label_features(&cx, &heads, &kids, d, &mut feats);
                    labeler.score(&feats, &mut lscores);
                    let guess = argmax_where(&lscores, |l| l != root_label).unwrap();
                    labeler.update(&feats, truth, guess);
                    right += (guess == truth) as usize;
                    total += 1;
                }
            }
            log(format!("label epoch {}: train acc {:.4} rows {}", epoch + 1, right as f64 / total.max(1) as f64, labeler.rows()));
        }
        labeler.average();
        let parser = Parser { moves, labeler, labels, root_label, beam };
        if !dev.is_empty() {
            let sc = parser.evaluate(dev, dev_tags, dev_alts);
            log(format!("dev: uas {:.4} las {:.4}", sc.uas(), sc.las()));
        }
        parser
    }

    /// Attachment scores with the given tags.
    pub fn evaluate(&self, sents: &[Sentence], tags: &[Vec<u8>], alts: &[Vec<u8>]) -> Scores {
        let mut sc = Scores::default();
        for (i, (s, t)) in sents.iter().zip(tags).enumerate() {
            let lex: Vec<Lex> = s.forms.iter().map(|w| Lex::new(w)).collect();
            let tree = self.parse_alt(&lex, t, alts.get(i).map(|a| a.as_slice()).unwrap_or(&[]));
            sc.add(s, t, &tree);
        }
        sc
    }
}

/// Counts for UPOS accuracy, UAS and LAS (LAS on universal relations, as the
/// CoNLL 2018 scorer; `las_full` with subtypes).
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    pub uas: usize,
    pub las: usize,
    pub las_full: usize,
}

impl Scores {
    pub fn add(&mut self, gold: &Sentence, tags: &[u8], tree: &Tree) {
        #[allow(clippy::needless_range_loop)]
        for i in 0..gold.len() {
            self.words += 1;
            self.upos += (tags[i] == gold.upos[i]) as usize;
            if tree.heads[i] == gold.heads[i] {
                self.uas += 1;
                let univ = |l: &str| l.split(':').next().unwrap_or("").to_string();
                self.las += (univ(tree.labels[i]) == univ(&gold.deprels[i])) as usize;
                self.las_full += (tree.labels[i] == gold.deprels[i]) as usize;
            }
        }
    }
    fn r(&self, x: usize) -> f64 {
        x as f64 / self.words.max(1) as f64
    }
    pub fn upos(&self) -> f64 {
        self.r(self.upos)
    }
    pub fn uas(&self) -> f64 {
        self.r(self.uas)
    }
    pub fn las(&self) -> f64 {
        self.r(self.las)
    }
    pub fn las_full(&self) -> f64 {
        self.r(self.las_full)
    }
}

/// Per-relation label scores (universal relations, as [`Scores::las`]
/// counts them): which relations lose the most LAS.
#[derive(Clone, Debug, Default)]
pub struct RelationScores {
    /// Relation -> [gold, predicted, gold with the right head, right head and relation].
    counts: HashMap<String, [usize; 4]>,
}

impl RelationScores {
    pub fn add(&mut self, gold: &Sentence, tree: &Tree) {
        let univ = |l: &str| l.split(':').next().unwrap_or("").to_string();
        for i in 0..gold.len().min(tree.heads.len()) {
            let (g, p) = (univ(&gold.deprels[i]), univ(tree.labels[i]));
            let attached = tree.heads[i] == gold.heads[i];
            self.counts.entry(p.clone()).or_default()[1] += 1;
            let c = self.counts.entry(g.clone()).or_default();
            c[0] += 1;
            c[2] += attached as usize;
            c[3] += (attached && g == p) as usize;
        }
    }

    /// One row a relation, the most LAS errors (gold words not attached
    /// with the right head and relation) first: relation, gold, predicted,
    /// errors, head accuracy, label precision, recall and F1.
    pub fn table(&self) -> newsgraph_doc::Table {
        let mut rows: Vec<(&String, &[usize; 4])> = self.counts.iter().collect();
        rows.sort_by(|a, b| (b.1[0] - b.1[3]).cmp(&(a.1[0] - a.1[3])).then(a.0.cmp(b.0)));
        let mut t = newsgraph_doc::Table::new(&["deprel", "gold", "predicted", "errors", "head_accuracy", "precision", "recall", "f1"]);
        let r = |x: usize, y: usize| if y == 0 { 0.0 } else { (x as f64 / y as f64 * 10000.0).round() / 10000.0 };
        for (l, c) in rows {
            let (p, rc) = (r(c[3], c[1]), r(c[3], c[0]));
            let f = if p + rc > 0.0 { (2.0 * p * rc / (p + rc) * 10000.0).round() / 10000.0 } else { 0.0 };
            t.push(vec![l.as_str().into(), c[0].into(), c[1].into(), (c[0] - c[3]).into(), r(c[2], c[0]).into(), p.into(), rc.into(), f.into()]);
        }
        t
    }
}

/// A `'static` copy of a label, shared across loads.
fn intern(s: String) -> &'static str {
    use std::sync::Mutex;
    static SEEN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&l) = seen.iter().find(|&&l| l == s) {
        return l;
    }
    let l: &'static str = Box::leak(s.into_boxed_str());
    seen.push(l);
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projective(heads: &[u32]) -> bool {
        let n = heads.len();
        for d in 0..n {
            let hd = if heads[d] == NIL { n } else { heads[d] as usize };
            let (a, b) = if d < hd { (d, hd) } else { (hd, d) };
            for k in a + 1..b {
                // every word between must be dominated by hd
                let mut x = k;
                let mut steps = 0;
                while x != hd && x < n && steps <= n {
                    x = if heads[x] == NIL { n } else { heads[x] as usize };
                    steps += 1;
                }
                if x != hd {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn relation_scores_rank_the_costliest_relation_first() {
        let gold = crate::conllu::parse(
            "1\tThe\t_\tDET\t_\t_\t2\tdet\t_\t_\n2\tcat\t_\tNOUN\t_\t_\t3\tnsubj\t_\t_\n3\tsat\t_\tVERB\t_\t_\t0\troot\t_\t_\n4\tdown\t_\tADV\t_\t_\t3\tadvmod\t_\t_\n5\tquietly\t_\tADV\t_\t_\t3\tadvmod\t_\t_\n",
        );
        // det right; nsubj attached but labeled obj; one advmod on the wrong head.
        let tree = Tree { heads: vec![1, 2, NIL, 1, 2], labels: vec!["det", "obj", "root", "advmod", "advmod:x"] };
        let mut rs = RelationScores::default();
        rs.add(&gold[0], &tree);
        let t = rs.table();
        let row = |name: &str| t.rows.iter().find(|r| r["deprel"] == name).unwrap().clone();
        assert_eq!(t.rows[0]["deprel"], "advmod");
        let advmod = row("advmod");
        assert_eq!((advmod["gold"].clone(), advmod["predicted"].clone()), (2.into(), 2.into())); // subtype dropped
        assert_eq!(advmod["errors"], 1);
        assert_eq!(advmod["head_accuracy"], 0.5);
        assert_eq!(advmod["recall"], 0.5);
        assert_eq!(row("nsubj")["errors"], 1);
        assert_eq!(row("nsubj")["head_accuracy"], 1.0);
        assert_eq!(row("nsubj")["f1"], 0.0);
        assert_eq!((row("obj")["gold"].clone(), row("obj")["predicted"].clone()), (0.into(), 1.into()));
        assert_eq!(row("det")["errors"], 0);
        assert_eq!(row("det")["f1"], 1.0);
        assert_eq!(t.rows.last().unwrap()["deprel"], "root");
    }

    /// The static oracle of global training: 2n moves that rebuild a
    /// projective tree, none for a crossing one.
    #[test]
    fn gold_moves_rebuild_projective_trees_only() {
        // 0 <- 1 -> root, 2 <- 3, 3 -> 1: projective (root is 4).
        let gold = [1, 4, 3, 1];
        let seq = gold_moves(&gold).unwrap();
        assert_eq!(seq.len(), 8);
        let mut st = State::new(4);
        for &m in &seq {
            assert!(st.valid(m as usize));
            st.apply(m as usize);
        }
        assert_eq!(st.heads, gold);
        // Arcs 2 -> 0 and 1 -> 3 cross.
        assert_eq!(gold_moves(&[2, 4, 1, 1]), None);
        // Two roots.
        assert_eq!(gold_moves(&[4, 4, 0, 1]), None);
    }

    /// Following zero-cost moves rebuilds every projective gold tree.
    #[test]
    fn oracle_reaches_gold() {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ud/en_ewt-ud-dev.conllu"));
        let sents = if path.exists() {
            crate::conllu::read(path).unwrap()
        } else {
            crate::conllu::parse(
                "1\tA\t_\tX\t_\t_\t2\tdep\t_\t_\n2\tB\t_\tX\t_\t_\t0\troot\t_\t_\n3\tC\t_\tX\t_\t_\t2\tdep\t_\t_\n4\tD\t_\tX\t_\t_\t3\tdep\t_\t_\n",
            )
        };
        let mut checked = 0;
        for s in sents.iter().filter(|s| s.is_tree() && projective(&s.heads)) {
            let n = s.len();
            let gold: Vec<u32> = s.heads.iter().map(|&h| if h == NIL { n as u32 } else { h }).collect();
            let mut st = State::new(n);
            while !st.done() {
                let c = st.costs(&gold);
                let m = (0..N_MOVES).find(|&m| c[m] == 0).expect("a zero-cost move");
                st.apply(m);
            }
            let got: Vec<u32> = st.heads.iter().map(|&h| if h as usize >= n { NIL } else { h }).collect();
            assert_eq!(got, s.heads);
            checked += 1;
        }
        assert!(checked > 0);
    }
}
