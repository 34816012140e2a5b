//! Learning code shared by every model of this crate: a fast averaged
//! perceptron over hashed features, a deterministic PRNG, feature hashing
//! helpers and a compact, versioned, checksummed model file container.
//!
//! # Features
//!
//! A feature is a `u64` hash. Build them with [`feat`] / [`FeatHasher`] from a
//! template id and strings or small integers; the hash is stable across runs
//! and platforms (no random state). The model keeps one row of `n_classes`
//! weights per feature bucket: the bucket is the top `bits` bits of the
//! (re-mixed) hash, so two features collide only if they share those bits.
//! Rows are allocated only when a feature first receives an update, so a big
//! `bits` (20 to 24) costs 4 bytes per bucket plus the rows actually used.
//!
//! # Training
//!
//! ```
//! use newsgraph_annotate::learn::{feat, Perceptron, Rng};
//! let mut p = Perceptron::new(2, 16);
//! let data = [(vec![feat(1, "cold")], 0usize), (vec![feat(1, "hot")], 1)];
//! let mut order: Vec<usize> = (0..data.len()).collect();
//! let mut rng = Rng::new(42);
//! let mut scores = [0f32; 2];
//! for _epoch in 0..5 {
//!     rng.shuffle(&mut order);
//!     for &i in &order {
//!         let (f, y) = &data[i];
//!         p.score(f, &mut scores);
//!         let guess = newsgraph_annotate::learn::argmax(&scores);
//!         p.update(f, *y, guess); // also advances the averaging clock
//!     }
//! }
//! p.average(); // final weights are the averaged weights
//! p.score(&data[1].0, &mut scores);
//! assert!(scores[1] > scores[0]);
//! ```
//!
//! # Files
//!
//! [`encode_file`] wraps a payload as
//! `magic "NGMODEL1" | version u32 | kind (u8 len + utf-8) | payload len u64 |
//! payload | FNV-1a 64 of everything before it`, all little-endian;
//! [`decode_file`] checks magic, version, kind, length and checksum. Build
//! payloads with [`Writer`] and read them with [`Reader`];
//! [`Perceptron::write`] / [`Perceptron::read`] store only non-zero rows,
//! delta-coded bucket ids and dense f32 rows or sparse rows of
//! (class, i16-quantized weight).

use std::fmt;

// ---------------------------------------------------------------------------
// Hashing

const K: u64 = 0x517c_c1b7_2722_0a95; // FxHash multiplier

#[inline]
fn fx(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Final avalanche (splitmix64 finalizer): spreads every input bit over the
/// high bits used for bucketing.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Stable hash of a byte string (FxHash over 8-byte little-endian chunks,
/// length-terminated).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = fx(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = fx(h, u64::from_le_bytes(buf));
    }
    fx(h, bytes.len() as u64)
}

/// Stable hash of a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Incremental feature hash: start with a template id, add parts.
#[derive(Clone, Copy, Debug)]
pub struct FeatHasher(u64);

impl FeatHasher {
    #[inline]
    pub fn new(template: u32) -> FeatHasher {
        FeatHasher(fx(0x9e37_79b9_7f4a_7c15, template as u64))
    }
    /// Add an integer part (a tag id, a precomputed word hash, a distance).
    #[inline]
    pub fn u(self, v: u64) -> FeatHasher {
        FeatHasher(fx(self.0, v))
    }
    /// Add a string part.
    #[inline]
    pub fn s(self, s: &str) -> FeatHasher {
        FeatHasher(fx(self.0, hash_str(s)))
    }
    /// The feature.
    #[inline]
    pub fn finish(self) -> u64 {
        mix64(self.0)
    }
}

/// Feature from a template id and one string.
#[inline]
pub fn feat(template: u32, s: &str) -> u64 {
    FeatHasher::new(template).s(s).finish()
}

/// Feature from a template id and up to a few integers.
#[inline]
pub fn feat_u(template: u32, parts: &[u64]) -> u64 {
    let mut h = FeatHasher::new(template);
    for &p in parts {
        h = h.u(p);
    }
    h.finish()
}

/// Index of the highest score (first one on ties); 0 for an empty slice.
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if s > bv {
            bv = s;
            best = i;
        }
    }
    best
}

/// Index of the highest score among classes where `allowed(i)`; `None` if
/// none is allowed.
#[inline]
pub fn argmax_where(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best = None;
    let mut bv = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && (best.is_none() || s > bv) {
            bv = s;
            best = Some(i);
        }
    }
    best
}

// ---------------------------------------------------------------------------
// PRNG

/// Small deterministic PRNG (splitmix64) for shuffling and exploration.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Perceptron

const NO_ROW: u32 = u32::MAX;
/// Integer scoring of quantized models (see [`Perceptron::score`]): up to
/// this many classes (a stack buffer) and features (2^24 / 32767 = 512).
const MAX_INT_CLASSES: usize = 64;
const MAX_INT_FEATURES: usize = 512;

/// A sparse model whose `2^bits` index takes this many bytes or more finds
/// its rows through a `(bucket, row)` table instead (see
/// `Perceptron::table`); a smaller index mostly stays in cache, and a
/// direct load beats probing (the NER passes, 8 MB each, were about 10%
/// slower with tables on a quiet machine).
const TABLE_FROM_BYTES: usize = 16 << 20;

/// A quantized sparse model gets sparse rows when its dense rows would take
/// this many bytes or more. Below, they mostly stay in cache, and adding
/// whole rows (no loop that depends on the row) is faster: with sparse
/// rows everywhere the NER passes (5 and 4 MB dense) took about 20% more
/// CPU time in `newsgraph bench`, while tagging and parsing (tagger 10 MB
/// a pass, labeler 14 MB) took about 8% less.
const SPARSE_FROM_BYTES: usize = 8 << 20;

/// Four weights of a sparse row (see `Perceptron::sparse`).
#[derive(Clone, Copy, Debug, Default)]
#[repr(align(16))]
struct Block([u32; 4]);

/// 64 buckets of a rank directory (see `Perceptron::ranks`).
#[derive(Clone, Copy, Debug, Default)]
#[repr(align(16))]
struct Rank {
    has: u64,
    before: u32,
}

/// The rank directory of `2^bits` buckets where the rows of `buckets`
/// (strictly increasing) are; `None` if they are not increasing.
fn build_ranks(buckets: &[usize], bits: u32) -> Option<Vec<Rank>> {
    let mut ranks = vec![Rank::default(); (1usize << bits).div_ceil(64)];
    let mut prev = None;
    for (row, &b) in buckets.iter().enumerate() {
        if prev.is_some_and(|p| p >= b) {
            return None;
        }
        prev = Some(b);
        let r = &mut ranks[b >> 6];
        if r.has == 0 {
            r.before = row as u32;
        }
        r.has |= 1 << (b & 63);
    }
    Some(ranks)
}

/// One entry of a model's bucket -> row table: `(bucket, row)`, or
/// `(NO_ROW, NO_ROW)` when free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot(u32, u32);

/// The `(bucket, row)` table of `index` (bucket -> row or `NO_ROW`):
/// a power of two at least twice the number of rows, linear probing.
fn build_table(index: &[u32]) -> Vec<Slot> {
    let rows = index.iter().filter(|&&r| r != NO_ROW).count();
    let size = (2 * rows).max(16).next_power_of_two();
    let mask = size - 1;
    let mut table = vec![Slot(NO_ROW, NO_ROW); size];
    for (b, &r) in index.iter().enumerate() {
        if r != NO_ROW {
            let mut i = b & mask;
            while table[i].0 != NO_ROW {
                i = (i + 1) & mask;
            }
            table[i] = Slot(b as u32, r);
        }
    }
    table
}

/// The row of `bucket` in a table from [`build_table`], `NO_ROW` if none.
#[inline]
fn probe(table: &[Slot], bucket: usize) -> u32 {
    let mask = table.len() - 1;
    let mut i = bucket & mask;
    loop {
        let s = table[i];
        if s.0 == bucket as u32 {
            return s.1;
        }
        if s.0 == NO_ROW {
            return NO_ROW;
        }
        i = (i + 1) & mask;
    }
}

/// Hint the CPU to load the cache line at `p` (no-op off x86-64).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetch never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Multiclass averaged perceptron over hashed features.
///
/// Scoring adds, for every feature, the weight row of its bucket to `out`.
/// Training state (sums for averaging, per-row timestamps) exists until
/// [`Perceptron::average`] is called or the model is read from a file.
#[derive(Clone)]
pub struct Perceptron {
    n_classes: usize,
    bits: u32,
    /// Bucket -> row, `NO_ROW` if the bucket has no weights; empty when
    /// `dense` (row = bucket: one memory access per feature, for models
    /// with few classes).
    index: Vec<u32>,
    /// A sparse model read from a file keeps its bucket -> row map here
    /// instead of `index`: open addressing (linear probing from the
    /// bucket's low bits) over `(bucket, row)` pairs, at most half full.
    /// A few MB that mostly stay in cache, where the `2^bits` array cost a
    /// cache miss per feature before the row's own.
    table: Vec<Slot>,
    /// A quantized sparse model whose rows are mostly zeros keeps them
    /// here instead of `qweights`: one `class << 16 | weight as u16` per
    /// non-zero weight, in blocks of four (padded with zero weights), and
    /// `table` maps a bucket to `first block << 4 | blocks - 1`. Most rows
    /// are one 16-byte block, so one cache line, and the loop over a block
    /// has no branch that depends on the row.
    sparse: Vec<Block>,
    /// A dense model read from a file keeps only its non-zero rows, in
    /// bucket order, and finds them through this rank directory (one entry
    /// per 64 buckets: which have a row, and how many rows come before):
    /// the parser's transitions take 8 MB of rows and a 1 MB directory
    /// instead of a 25 MB table that is mostly zeros.
    ranks: Vec<Rank>,
    dense: bool,
    /// Rows of `n_classes` weights (training, or a model read from an
    /// unquantized file).
    weights: Vec<f32>,
    /// Rows of i16 weights times `qscale` (a model read from a quantized
    /// file: half the memory); empty otherwise.
    qweights: Vec<i16>,
    qscale: f32,
    train: Option<TrainState>,
}

#[derive(Clone, Default)]
struct TrainState {
    /// Sum over time of each weight, up to `stamps[row]`.
    totals: Vec<f64>,
    /// Clock value when a row's `totals` were last brought up to date.
    stamps: Vec<u32>,
    /// Number of training instances seen (the averaging clock).
    clock: u32,
}

impl fmt::Debug for Perceptron {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Perceptron")
            .field("n_classes", &self.n_classes)
            .field("bits", &self.bits)
            .field("rows", &self.rows())
            .field("training", &self.train.is_some())
            .finish()
    }
}

impl Perceptron {
    /// An empty model with `n_classes` classes and `2^bits` feature buckets
    /// (`bits` in 1..=30).
    pub fn new(n_classes: usize, bits: u32) -> Perceptron {
        assert!(n_classes > 0 && (1..=30).contains(&bits));
        Perceptron {
            n_classes,
            bits,
            index: vec![NO_ROW; 1 << bits],
            table: Vec::new(),
            sparse: Vec::new(),
            ranks: Vec::new(),
            dense: false,
            weights: Vec::new(),
            qweights: Vec::new(),
            qscale: 1.0,
            train: Some(TrainState::default()),
        }
    }

    /// Like [`Perceptron::new`], but with one weight row per bucket
    /// allocated up front (`2^bits * n_classes` weights): faster scoring
    /// for models with few classes, more memory for many.
    pub fn new_dense(n_classes: usize, bits: u32) -> Perceptron {
        assert!(n_classes > 0 && (1..=30).contains(&bits));
        let rows = 1usize << bits;
        Perceptron {
            n_classes,
            bits,
            index: Vec::new(),
            table: Vec::new(),
            sparse: Vec::new(),
            ranks: Vec::new(),
            dense: true,
            weights: vec![0.0; rows * n_classes],
            qweights: Vec::new(),
            qscale: 1.0,
            train: Some(TrainState { totals: vec![0.0; rows * n_classes], stamps: vec![0; rows], clock: 0 }),
        }
    }

    #[inline]
    fn row_of(&self, bucket: usize) -> u32 {
        if !self.ranks.is_empty() {
            let r = self.ranks[bucket >> 6];
            let bit = 1u64 << (bucket & 63);
            if r.has & bit == 0 {
                NO_ROW
            } else {
                r.before + (r.has & (bit - 1)).count_ones()
            }
        } else if self.dense {
            bucket as u32
        } else if !self.table.is_empty() {
            probe(&self.table, bucket)
        } else {
            self.index[bucket]
        }
    }

    /// Where the lookup of `bucket` starts: its `index` entry or its first
    /// table slot (for prefetching).
    #[inline]
    fn lookup_addr(&self, bucket: usize) -> *const u8 {
        if !self.ranks.is_empty() {
            self.ranks.as_ptr().wrapping_add(bucket >> 6) as *const u8
        } else if self.table.is_empty() {
            self.index.as_ptr().wrapping_add(bucket) as *const u8
        } else {
            self.table.as_ptr().wrapping_add(bucket & (self.table.len() - 1)) as *const u8
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of allocated weight rows.
    pub fn rows(&self) -> usize {
        if !self.sparse.is_empty() {
            return self.table.iter().filter(|s| s.1 != NO_ROW).count();
        }
        self.weights.len().max(self.qweights.len()) / self.n_classes
    }

    #[inline]
    fn bucket(&self, f: u64) -> usize {
        (f >> (64 - self.bits)) as usize
    }

    /// Add the weights of `features` to `out` (`out.len() == n_classes`);
    /// `out` is zeroed first. Memory loads are issued ahead (prefetch) so
    /// that lookups overlap.
    #[inline]
    pub fn score(&self, features: &[u64], out: &mut [f32]) {
        debug_assert_eq!(out.len(), self.n_classes);
        if !self.sparse.is_empty() {
            if self.n_classes <= MAX_INT_CLASSES && features.len() <= MAX_INT_FEATURES {
                // Exact integer sums, as below.
                let mut acc = [0i32; MAX_INT_CLASSES];
                self.score_sparse(features, &mut acc);
                let q = self.qscale;
                for (o, &a) in out.iter_mut().zip(&acc) {
                    *o = a as f32 * q;
                }
            } else {
                // The f32 sums of the dense rows (adding a zero weight
                // changes no sum that starts at +0).
                out.iter_mut().for_each(|x| *x = 0.0);
                self.score_sparse(features, out);
                let q = self.qscale;
                out.iter_mut().for_each(|x| *x *= q);
            }
        } else if self.qweights.is_empty() {
            out.iter_mut().for_each(|x| *x = 0.0);
            self.score_rows(&self.weights, features, out);
        } else if self.n_classes <= MAX_INT_CLASSES && features.len() <= MAX_INT_FEATURES {
            // Integer sums: every partial sum of at most MAX_INT_FEATURES
            // i16 weights is an integer below 2^24, which f32 holds
            // exactly, so this gives the very floats the f32 loop gave, in
            // any order.
            let mut acc = [0i32; MAX_INT_CLASSES];
            self.score_rows(&self.qweights, features, &mut acc[..self.n_classes]);
            let q = self.qscale;
            for (o, &a) in out.iter_mut().zip(&acc) {
                *o = a as f32 * q;
            }
        } else {
            out.iter_mut().for_each(|x| *x = 0.0);
            self.score_rows(&self.qweights, features, out);
            let q = self.qscale;
            out.iter_mut().for_each(|x| *x *= q);
        }
    }

    #[inline]
    fn score_rows<T: Copy, A: Copy + std::ops::AddAssign + From<T>>(&self, weights: &[T], features: &[u64], out: &mut [A]) {
        let c = self.n_classes;
        let per_line = 64 / std::mem::size_of::<T>();
        const CHUNK: usize = 32;
        let mut rows = [NO_ROW; CHUNK];
        for fs in features.chunks(CHUNK) {
            if !self.dense || !self.ranks.is_empty() {
                for &f in fs {
                    prefetch(self.lookup_addr(self.bucket(f)));
                }
            }
            for (k, &f) in fs.iter().enumerate() {
                let r = self.row_of(self.bucket(f));
                rows[k] = r;
                if r != NO_ROW {
                    let p = weights.as_ptr().wrapping_add(r as usize * c);
                    let mut k = 0;
                    while k < c {
                        prefetch(p.wrapping_add(k));
                        k += per_line;
                    }
                }
            }
            if c == 3 {
                // The parser's transitions: a fixed-size row.
                for &r in &rows[..fs.len()] {
                    if r != NO_ROW {
                        let row: &[T; 3] = weights[r as usize * 3..r as usize * 3 + 3].try_into().unwrap();
                        out[0] += A::from(row[0]);
                        out[1] += A::from(row[1]);
                        out[2] += A::from(row[2]);
                    }
                }
            } else {
                for &r in &rows[..fs.len()] {
                    if r != NO_ROW {
                        let row = &weights[r as usize * c..r as usize * c + c];
                        for (o, w) in out.iter_mut().zip(row) {
                            *o += A::from(*w);
                        }
                    }
                }
            }
        }
    }

    /// [`Perceptron::score_rows`] for rows in `sparse`. `out` has
    /// `n_classes` entries, or 64 (then a class is masked, not checked).
    #[inline]
    fn score_sparse<A: Copy + std::ops::AddAssign + From<i16>>(&self, features: &[u64], out: &mut [A]) {
        const CHUNK: usize = 32;
        let mut rows = [NO_ROW; CHUNK];
        let mask = if out.len() == MAX_INT_CLASSES { MAX_INT_CLASSES - 1 } else { usize::MAX };
        for fs in features.chunks(CHUNK) {
            for &f in fs {
                prefetch(self.lookup_addr(self.bucket(f)));
            }
            for (k, &f) in fs.iter().enumerate() {
                let r = probe(&self.table, self.bucket(f));
                rows[k] = r;
                if r != NO_ROW {
                    let p = self.sparse.as_ptr().wrapping_add((r >> 4) as usize);
                    prefetch(p);
                    prefetch(p.wrapping_add((r & 15) as usize));
                }
            }
            for &r in &rows[..fs.len()] {
                if r != NO_ROW {
                    let first = (r >> 4) as usize;
                    for b in &self.sparse[first..=first + (r & 15) as usize] {
                        for &e in &b.0 {
                            out[(e >> 16) as usize & mask] += A::from(e as u16 as i16);
                        }
                    }
                }
            }
        }
    }

    /// Advance the averaging clock by one instance and, if `guess != truth`,
    /// add 1 to `truth` and subtract 1 from `guess` for every feature.
    /// Call it once per training decision, right or wrong.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.update_by(features, truth, guess, 1.0)
    }

    /// [`Perceptron::update`] with a step size.
    pub fn update_by(&mut self, features: &[u64], truth: usize, guess: usize, step: f32) {
        let c = self.n_classes;
        assert!(truth < c && guess < c);
        self.tick();
        if truth == guess {
            return;
        }
        // The second call finds every row's average already brought up to
        // date, so this equals one pass that moves both classes.
        self.add(features, truth, step);
        self.add(features, guess, -step);
    }

    /// Advance the averaging clock by one instance without an update (for
    /// structured training, which calls [`Perceptron::add`] per decision
    /// and ticks once per sentence).
    pub fn tick(&mut self) {
        self.train.as_mut().expect("tick on a model without training state").clock += 1;
    }

    /// Add `step` to the weight of `class` for every feature, without
    /// advancing the averaging clock (structured perceptron updates: `+1`
    /// for the gold decisions, `-1` for the predicted ones).
    pub fn add(&mut self, features: &[u64], class: usize, step: f32) {
        let c = self.n_classes;
        assert!(class < c);
        let st = self.train.as_mut().expect("add on a model without training state");
        let now = st.clock;
        for &f in features {
            let b = (f >> (64 - self.bits)) as usize;
            let mut r = if self.dense { b as u32 } else { self.index[b] };
            if r == NO_ROW {
                r = (self.weights.len() / c) as u32;
                self.index[b] = r;
                self.weights.resize(self.weights.len() + c, 0.0);
                st.totals.resize(st.totals.len() + c, 0.0);
                st.stamps.push(now);
            }
            let r = r as usize;
            let dt = (now - st.stamps[r]) as f64;
            if dt > 0.0 {
                for j in 0..c {
                    st.totals[r * c + j] += dt * self.weights[r * c + j] as f64;
                }
                st.stamps[r] = now;
            }
            self.weights[r * c + class] += step;
        }
    }

    /// Replace the weights by their average over the training clock and drop
    /// the training state. Idempotent.
    pub fn average(&mut self) {
        let Some(st) = self.train.take() else { return };
        let c = self.n_classes;
        let now = st.clock.max(1) as f64;
        for r in 0..self.rows() {
            let dt = (st.clock - st.stamps[r]) as f64;
            for j in 0..c {
                let i = r * c + j;
                let total = st.totals[i] + dt * self.weights[i] as f64;
                self.weights[i] = (total / now) as f32;
            }
        }
    }

    /// A copy with averaged weights, leaving `self` trainable (for dev
    /// evaluation between epochs).
    pub fn averaged(&self) -> Perceptron {
        let mut p = self.clone();
        p.average();
        p
    }

    /// Serialize: header, then the non-zero rows. `quantize` stores i16
    /// weights with one scale (half the size, ~1e-4 relative error).
    /// Averages first if still training (on a copy).
    pub fn write(&self, w: &mut Writer, quantize: bool) {
        if self.train.is_some() {
            return self.averaged().write(w, quantize);
        }
        if !self.sparse.is_empty() {
            return self.unsparse().write(w, quantize);
        }
        if !self.qweights.is_empty() {
            let mut p = self.clone();
            p.weights = self.qweights.iter().map(|&q| q as f32 * self.qscale).collect();
            p.qweights = Vec::new();
            return p.write(w, quantize);
        }
        let c = self.n_classes;
        // Non-zero rows in bucket order.
        let max = self.weights.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |x: f32| (x / scale).round() as i32;
        let keep = |r: usize| {
            let row = &self.weights[r * c..r * c + c];
            if quantize {
                row.iter().any(|&x| q(x) != 0)
            } else {
                row.iter().any(|&x| x != 0.0)
            }
        };
        let mut buckets: Vec<(u32, u32)> = Vec::new();
        for b in 0..1usize << self.bits {
            let r = self.row_of(b);
            if r != NO_ROW && keep(r as usize) {
                buckets.push((b as u32, r));
            }
        }
        w.u32(c as u32);
        w.u32(self.bits);
        // Encoding: 0 = dense f32 rows, 2 = sparse rows of (class, i16).
        // Bit 0x80: dense layout.
        w.u8(if quantize { 2 } else { 0 } | if self.dense { 0x80 } else { 0 });
        w.f32(scale);
        w.u64(buckets.len() as u64);
        let mut prev = 0u32;
        for &(b, _) in &buckets {
            w.varint((b - prev) as u64);
            prev = b;
        }
        for &(_, r) in &buckets {
            let row = &self.weights[r as usize * c..r as usize * c + c];
            if quantize {
                let nz: Vec<(usize, i16)> = row
                    .iter()
                    .enumerate()
                    .map(|(j, &x)| (j, q(x).clamp(-32767, 32767) as i16))
                    .filter(|&(_, v)| v != 0)
                    .collect();
                w.varint(nz.len() as u64);
                for (j, v) in nz {
                    w.varint(j as u64);
                    w.i16(v);
                }
            } else {
                for &x in row {
                    w.f32(x);
                }
            }
        }
    }

    /// The same model with rows of `n_classes` weights instead of `sparse`.
    fn unsparse(&self) -> Perceptron {
        let c = self.n_classes;
        let mut p = self.clone();
        p.sparse = Vec::new();
        for slot in p.table.iter_mut().filter(|s| s.1 != NO_ROW) {
            let (first, last) = ((slot.1 >> 4) as usize, (slot.1 >> 4) as usize + (slot.1 & 15) as usize);
            slot.1 = (p.qweights.len() / c) as u32;
            let mut row = vec![0i16; c];
            for b in &self.sparse[first..=last] {
                for &e in &b.0 {
                    if e as u16 != 0 {
                        row[(e >> 16) as usize] = e as u16 as i16;
                    }
                }
            }
            p.qweights.extend_from_slice(&row);
        }
        p
    }

    /// Read a model written by [`Perceptron::write`] (no training state).
    pub fn read(r: &mut Reader) -> Result<Perceptron, FormatError> {
        Perceptron::read_laid_out(r, TABLE_FROM_BYTES, SPARSE_FROM_BYTES)
    }

    /// [`Perceptron::read`], with a `(bucket, row)` table for a sparse
    /// model whose index would take `table_from` bytes or more, and sparse
    /// rows (and a table) for a quantized sparse model whose dense rows
    /// would take `sparse_from` bytes or more.
    fn read_laid_out(r: &mut Reader, table_from: usize, sparse_from: usize) -> Result<Perceptron, FormatError> {
        let c = r.u32()? as usize;
        let bits = r.u32()?;
        if c == 0 || c > 1 << 16 || !(1..=30).contains(&bits) {
            return Err(FormatError::new("bad perceptron header"));
        }
        let encoding = r.u8()?;
        let dense = encoding & 0x80 != 0;
        let encoding = encoding & 0x7f;
        let scale = r.f32()?;
        let n = r.u64()? as usize;
        let min_row = if encoding == 2 { 1 } else { 4 * c };
        if encoding != 0 && encoding != 2 || n > 1 << bits || n.saturating_mul(min_row) > r.remaining() {
            return Err(FormatError::new("bad perceptron row count"));
        }
        let mut index = vec![NO_ROW; if dense { 0 } else { 1 << bits }];
        let mut order = Vec::with_capacity(if dense { n } else { 0 });
        let mut b = 0u64;
        for row in 0..n {
            b += r.varint()?;
            if b >= 1 << bits {
                return Err(FormatError::new("bucket out of range"));
            }
            if dense {
                order.push(b as usize);
            } else {
                index[b as usize] = row as u32;
            }
        }
        let mut weights = Vec::new();
        let mut qweights = Vec::new();
        if encoding == 2 {
            qweights = vec![0i16; n * c];
            for row in qweights.chunks_exact_mut(c) {
                let k = r.varint()? as usize;
                if k > c {
                    return Err(FormatError::new("bad sparse row"));
                }
                for _ in 0..k {
                    let j = r.varint()? as usize;
                    let v = r.take(2)?;
                    if j >= c {
                        return Err(FormatError::new("bad class in sparse row"));
                    }
                    row[j] = i16::from_le_bytes([v[0], v[1]]);
                }
            }
        } else {
            weights = vec![0f32; n * c];
            let bytes = r.take(n * c * 4)?;
            for (x, ch) in weights.iter_mut().zip(bytes.chunks_exact(4)) {
                *x = f32::from_le_bytes(ch.try_into().unwrap());
            }
        }
        let mut ranks = Vec::new();
        if dense {
            ranks = build_ranks(&order, bits).unwrap_or_default();
        }
        if dense && ranks.is_empty() {
            fn spread<T: Copy + Default>(v: &[T], order: &[usize], c: usize, bits: u32) -> Vec<T> {
                let mut full = vec![T::default(); (1usize << bits) * c];
                for (row, &b) in order.iter().enumerate() {
                    full[b * c..b * c + c].copy_from_slice(&v[row * c..row * c + c]);
                }
                full
            }
            if encoding == 2 {
                qweights = spread(&qweights, &order, c, bits);
            } else {
                weights = spread(&weights, &order, c, bits);
            }
        }
        // Sparse rows (below) need the table.
        let sparse_rows = encoding == 2 && 2 * n * c >= sparse_from;
        let mut table = if dense || (index.len() * 4 < table_from && !sparse_rows) { Vec::new() } else { build_table(&index) };
        if !table.is_empty() {
            index = Vec::new();
        }
        let mut sparse = Vec::new();
        if !table.is_empty() && encoding == 2 {
            let nonzero = qweights.iter().filter(|&&x| x != 0).count();
            // Sparse rows when they take less memory than dense ones and
            // the dense ones would not stay in cache (at most 16 blocks a
            // row, 2^28 blocks in all).
            let dense_bytes = 2 * n * c;
            if c <= 64 && sparse_rows && 16 * (n + nonzero / 4) < dense_bytes && n + nonzero / 4 < 1 << 27 {
                sparse.reserve(n + nonzero / 4);
                let mut start = vec![NO_ROW; n];
                for (row, ws) in qweights.chunks_exact(c).enumerate() {
                    let first = sparse.len();
                    let mut b = Block::default();
                    let mut k = 0;
                    for (j, &x) in ws.iter().enumerate() {
                        if x != 0 {
                            b.0[k] = (j as u32) << 16 | x as u16 as u32;
                            k += 1;
                            if k == 4 {
                                sparse.push(b);
                                b = Block::default();
                                k = 0;
                            }
                        }
                    }
                    if k > 0 || sparse.len() == first {
                        sparse.push(b);
                    }
                    start[row] = (first as u32) << 4 | (sparse.len() - first - 1) as u32;
                }
                for slot in table.iter_mut().filter(|s| s.1 != NO_ROW) {
                    slot.1 = start[slot.1 as usize];
                }
                qweights = Vec::new();
            }
        }
        Ok(Perceptron { n_classes: c, bits, index, table, sparse, ranks, dense, weights, qweights, qscale: scale, train: None })
    }
}

// ---------------------------------------------------------------------------
// Binary payloads

/// Little-endian payload builder.
#[derive(Default, Debug)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v)
    }
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes())
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes())
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes())
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes())
    }
    /// LEB128 unsigned varint.
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
    /// Length-prefixed (varint) UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// A list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.varint(v.len() as u64);
        for s in v {
            self.str(s.as_ref());
        }
    }
}

/// Bounds-checked little-endian payload reader.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, pos: 0 }
    }
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        if n > self.remaining() {
            return Err(FormatError::new("truncated model"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(FormatError::new("bad varint"))
    }
    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| FormatError::new("bad utf-8"))
    }
    pub fn strs(&mut self) -> Result<Vec<String>, FormatError> {
        let n = self.varint()? as usize;
        if n > self.remaining() {
            return Err(FormatError::new("bad list length"));
        }
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }
}

// ---------------------------------------------------------------------------
// File container

/// File magic.
pub const MAGIC: &[u8; 8] = b"NGMODEL1";
/// Container format version.
pub const VERSION: u32 = 1;

/// A malformed, truncated, corrupted or mismatched model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl FormatError {
    pub fn new(msg: &str) -> FormatError {
        FormatError(msg.to_string())
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model file: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// FNV-1a 64 checksum.
pub fn fnv1a64(data: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Wrap `payload` in the model file container for a model of `kind`
/// (e.g. "pos", "parse", "ner").
pub fn encode_file(kind: &str, payload: &[u8]) -> Vec<u8> {
    assert!(kind.len() < 256);
    let mut out = Vec::with_capacity(payload.len() + 40);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.push(kind.len() as u8);
    out.extend_from_slice(kind.as_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    let sum = fnv1a64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Check a model file of `kind` and return its payload.
pub fn decode_file<'a>(kind: &str, data: &'a [u8]) -> Result<&'a [u8], FormatError> {
    if data.len() < MAGIC.len() + 4 + 1 + 8 + 8 || &data[..8] != MAGIC {
        return Err(FormatError::new("not a newsgraph model (bad magic)"));
    }
    let (body, sum) = data.split_at(data.len() - 8);
    if fnv1a64(body) != u64::from_le_bytes(sum.try_into().unwrap()) {
        return Err(FormatError::new("checksum mismatch (corrupted file)"));
    }
    let mut r = Reader::new(&body[8..]);
    let version = r.u32()?;
    if version != VERSION {
        return Err(FormatError(format!("unsupported version {version}")));
    }
    let n = r.u8()? as usize;
    let k = r.take(n)?;
    if k != kind.as_bytes() {
        return Err(FormatError(format!(
            "expected a {kind} model, found {}",
            String::from_utf8_lossy(k)
        )));
    }
    let len = r.u64()? as usize;
    if len != r.remaining() {
        return Err(FormatError::new("payload length mismatch"));
    }
    r.take(len)
}

/// Write a model file.
pub fn save_file(path: &std::path::Path, kind: &str, payload: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, encode_file(kind, payload))
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Perceptron {
        // Class = which of three words is present; plus a noisy shared feature.
        let words = ["red", "green", "blue"];
        let mut data = Vec::new();
        for (y, w) in words.iter().enumerate() {
            for k in 0..5u64 {
                data.push((vec![feat(1, w), feat_u(2, &[k]), feat(0, "bias")], y));
            }
        }
        let mut p = Perceptron::new(3, 12);
        let mut rng = Rng::new(7);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut s = [0f32; 3];
        for _ in 0..10 {
            rng.shuffle(&mut order);
            for &i in &order {
                p.score(&data[i].0, &mut s);
                p.update(&data[i].0, data[i].1, argmax(&s));
            }
        }
        p.average();
        for (x, y) in &data {
            p.score(x, &mut s);
            assert_eq!(argmax(&s), *y);
        }
        p
    }

    #[test]
    fn learns_and_round_trips() {
        let p = toy();
        for quantize in [false, true] {
            let mut w = Writer::new();
            p.write(&mut w, quantize);
            let file = encode_file("toy", &w.buf);
            let payload = decode_file("toy", &file).unwrap();
            let q = Perceptron::read(&mut Reader::new(payload)).unwrap();
            let (mut a, mut b) = ([0f32; 3], [0f32; 3]);
            for word in ["red", "green", "blue"] {
                let f = [feat(1, word), feat(0, "bias")];
                p.score(&f, &mut a);
                q.score(&f, &mut b);
                for j in 0..3 {
                    assert!((a[j] - b[j]).abs() < 1e-3, "{a:?} {b:?}");
                }
                assert_eq!(argmax(&a), argmax(&b));
            }
        }
    }

    /// A loaded model's sparse rows and integer sums give exactly the
    /// floats of dense rows summed as f32, with few features and many.
    #[test]
    fn sparse_rows_score_like_dense_rows() {
        let c = 20;
        let mut p = Perceptron::new(c, 14);
        let mut rng = Rng::new(3);
        let mut s = vec![0f32; c];
        let example = |rng: &mut Rng, k: usize| -> (Vec<u64>, usize) {
            let y = rng.below(c);
            let f = (0..k).map(|i| feat_u(i as u32 % 7, &[rng.below(40) as u64, y as u64])).collect();
            (f, y)
        };
        for _ in 0..500 {
            let (f, y) = example(&mut rng, 30);
            p.score(&f, &mut s);
            p.update(&f, y, argmax(&s));
        }
        let mut w = Writer::new();
        p.write(&mut w, true);
        let q = Perceptron::read_laid_out(&mut Reader::new(&w.buf), 0, 0).unwrap();
        assert!(!q.sparse.is_empty() && !q.table.is_empty());
        let d = q.unsparse();
        assert!(d.sparse.is_empty() && !d.qweights.is_empty());
        let mut w2 = Writer::new();
        q.write(&mut w2, true);
        assert_eq!(w.buf, w2.buf);
        let reference = |f: &[u64]| -> Vec<f32> {
            // The plain loop: dense i16 rows added as f32 in feature order.
            let mut out = vec![0f32; c];
            for &x in f {
                let r = d.row_of(d.bucket(x));
                if r != NO_ROW {
                    for j in 0..c {
                        out[j] += d.qweights[r as usize * c + j] as f32;
                    }
                }
            }
            out.iter().map(|x| x * d.qscale).collect()
        };
        let mut t = vec![0f32; c];
        for k in [1, 30, 600] {
            for _ in 0..50 {
                let (f, _) = example(&mut rng, k);
                q.score(&f, &mut s);
                d.score(&f, &mut t);
                let want = reference(&f);
                assert_eq!(s.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), want.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
                assert_eq!(t.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), want.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn dense_round_trips() {
        let mut p = Perceptron::new_dense(2, 10);
        let mut s = [0f32; 2];
        for _ in 0..3 {
            for (w, y) in [("a", 0), ("b", 1)] {
                let f = [feat(1, w)];
                p.score(&f, &mut s);
                p.update(&f, y, argmax(&s));
            }
        }
        p.average();
        let mut w = Writer::new();
        p.write(&mut w, true);
        let q = Perceptron::read(&mut Reader::new(&w.buf)).unwrap();
        assert!(!q.ranks.is_empty());
        for (word, y) in [("a", 0), ("b", 1)] {
            q.score(&[feat(1, word)], &mut s);
            assert_eq!(argmax(&s), y);
        }
        // Every bucket finds its row through the directory.
        let mut w2 = Writer::new();
        q.write(&mut w2, true);
        assert_eq!(w.buf, w2.buf);
        for b in 0..1 << 10 {
            let r = q.row_of(b);
            assert_eq!(r != NO_ROW, p.weights[b * 2..b * 2 + 2].iter().any(|&x| (x / q.qscale).round() != 0.0), "{b}");
        }
    }

    #[test]
    fn deterministic() {
        let (mut a, mut b) = (Writer::new(), Writer::new());
        toy().write(&mut a, false);
        toy().write(&mut b, false);
        assert_eq!(a.buf, b.buf);
    }

    #[test]
    fn rejects_corruption() {
        let mut w = Writer::new();
        toy().write(&mut w, false);
        let mut file = encode_file("toy", &w.buf);
        assert!(decode_file("other", &file).is_err());
        let mid = file.len() / 2;
        file[mid] ^= 1;
        assert!(decode_file("toy", &file).unwrap_err().0.contains("checksum"));
        assert!(decode_file("toy", &file[..10]).is_err());
        assert!(decode_file("toy", b"").is_err());
    }

    #[test]
    fn stable_hashes() {
        assert_eq!(feat(3, "abc"), feat(3, "abc"));
        assert_ne!(feat(3, "abc"), feat(4, "abc"));
        assert_ne!(hash_str("a"), hash_str("a\0"));
        let mut r = Rng::new(1);
        let v: Vec<usize> = (0..100).map(|_| r.below(10)).collect();
        assert!(v.iter().all(|&x| x < 10));
    }
}
