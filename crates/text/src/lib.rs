//! Segmentation of English news into tokens and sentences with exact byte
//! offsets.
//!
//! Reads `Doc::text`; writes `Doc::tokens` and `Doc::sentences`. Tokens never
//! overlap, never contain whitespace, and every sentence covers whole tokens;
//! sentences are contiguous token ranges covering every token.
//!
//! Tokens follow UD English EWT (the tagger and parser are trained on it),
//! with one deliberate difference: names with an Arabic article keep their
//! hyphen (`al-Sharaa` is one token; EWT splits `al - Sharaa`). See
//! [`tokenize`](tokenize::tokenize) and [`split_sentences`] for the rules.

mod abbrev;
mod eval;
mod sentences;
mod tokenize;

pub use abbrev::{classify as classify_abbreviation, Abbrev};
pub use eval::{evaluate, read_conllu, GoldDoc};
pub use sentences::split_sentences;
pub use tokenize::tokenize;

use newsgraph_doc::Doc;

/// Fill `doc.tokens` and `doc.sentences`.
pub fn segment(doc: &mut Doc) {
    doc.tokens.clear();
    doc.sentences.clear();
    tokenize(&doc.text, &mut doc.tokens);
    split_sentences(&doc.text, &doc.tokens, &mut doc.sentences);
}

/// Score the segmenter against a CoNLL-U file with gold tokens and
/// sentences: token precision, recall and F1 (exact span match) and
/// sentence P/R/F1 by end offset and by span. See [`evaluate`] for how the
/// text is rebuilt and multiword tokens are scored.
pub fn eval_conllu(path: &std::path::Path) -> Result<newsgraph_doc::Table, newsgraph_doc::BoxError> {
    evaluate(path, None)
}
