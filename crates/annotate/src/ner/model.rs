//! The NER model file: the shared averaged perceptron ([`crate::learn`]) in
//! the shared container (kind "ner"), its payload starting with the feature
//! set version.

use crate::learn::{decode_file, encode_file, Perceptron, Reader, Writer};

/// Number of labels: O and B, I, L, U of four types.
pub const NC: usize = 17;
pub const KIND: &str = "ner";
/// Bits of the feature bucket index (2^21 buckets).
pub const BITS: u32 = 21;

pub fn new_model() -> Perceptron {
    Perceptron::new(NC, BITS)
}

/// A recognizer: a first pass and, optionally, a second pass that also sees
/// the first pass's labels over the whole document.
pub struct NerModel {
    pub first: Perceptron,
    pub second: Option<Perceptron>,
}

impl NerModel {
    /// Number of non-zero weight rows in all passes.
    pub fn rows(&self) -> usize {
        self.first.rows() + self.second.as_ref().map_or(0, |p| p.rows())
    }
}

/// The model file (passes averaged on a copy if still training), i16 weights.
pub fn to_bytes(first: &Perceptron, second: Option<&Perceptron>, feature_version: u32) -> Vec<u8> {
    let mut w = Writer::new();
    w.u32(feature_version);
    w.u8(1 + second.is_some() as u8);
    first.write(&mut w, true);
    if let Some(p) = second {
        p.write(&mut w, true);
    }
    encode_file(KIND, &w.buf)
}

pub fn from_bytes(b: &[u8], feature_version: u32) -> Result<NerModel, String> {
    let payload = decode_file(KIND, b).map_err(|e| e.to_string())?;
    let mut r = Reader::new(payload);
    let v = r.u32().map_err(|e| e.to_string())?;
    if v != feature_version {
        return Err(format!("NER model feature set {v} is not {feature_version}: retrain it"));
    }
    let passes = r.u8().map_err(|e| e.to_string())?;
    if !(1..=2).contains(&passes) {
        return Err(format!("NER model has {passes} passes"));
    }
    let mut read = || -> Result<Perceptron, String> {
        let p = Perceptron::read(&mut r).map_err(|e| e.to_string())?;
        if p.n_classes() != NC {
            return Err(format!("NER model has {} classes, not {NC}", p.n_classes()));
        }
        Ok(p)
    };
    let first = read()?;
    let second = if passes == 2 { Some(read()?) } else { None };
    if r.remaining() != 0 {
        return Err("NER model has trailing bytes".into());
    }
    Ok(NerModel { first, second })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_checks() {
        let mut t = new_model();
        let a = 1u64 << 63 | 5;
        let b = 3u64 << 60 | 9;
        for _ in 0..5 {
            t.update(&[a, b], 3, 0);
            t.update(&[b], 0, 3);
        }
        let bytes = to_bytes(&t, Some(&t), 7);
        let m = from_bytes(&bytes, 7).unwrap();
        assert!(m.second.is_some());
        let w = m.first;
        let (mut s1, mut s2) = ([0f32; NC], [0f32; NC]);
        t.averaged().score(&[a], &mut s1);
        w.score(&[a], &mut s2);
        assert!(s2[3] > s2[0]);
        for c in 0..NC {
            assert!((s1[c] - s2[c]).abs() < 1e-3, "{c}: {} vs {}", s1[c], s2[c]);
        }
        assert!(from_bytes(&bytes, 8).is_err());
        let mut bad = bytes.clone();
        bad[30] ^= 1;
        assert!(from_bytes(&bad, 7).is_err());
        assert!(from_bytes(b"junk", 7).is_err());
    }
}
