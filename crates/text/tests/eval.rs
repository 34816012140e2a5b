//! `eval_conllu` on a tiny CoNLL-U file of our own.

use newsgraph_text::{eval_conllu, read_conllu};

const CONLLU: &str = "# newdoc id = d1
# newpar id = p1
# sent_id = 1
# text = Mr. Lee didn't go.
1	Mr.	Mr.	PROPN	NNP	_	2	flat	_	_
2	Lee	Lee	PROPN	NNP	_	4	nsubj	_	_
3-4	didn't	_	_	_	_	_	_	_	_
3	did	do	AUX	VBD	_	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	go	go	VERB	VB	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_

# sent_id = 2
# text = She went home.
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	went	go	VERB	VBD	_	0	root	_	_
3	home	home	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

# newpar id = p2
# sent_id = 3
# text = Rain fell
1	Rain	rain	NOUN	NN	_	2	nsubj	_	_
2	fell	fall	VERB	VBD	_	0	root	_	_

# newdoc id = d2
# sent_id = 4
1	It	it	PRON	PRP	_	2	nsubj	_	_
2	ended	end	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

";

#[test]
fn rebuilds_text_and_gold_offsets() {
    let (docs, lost) = read_conllu(CONLLU);
    assert_eq!(lost, 0);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Mr. Lee didn't go. She went home.\n\nRain fell");
    // The multiword token counts as its words.
    let toks: Vec<&str> = docs[0].tokens.iter().map(|&(s, e)| &docs[0].text[s as usize..e as usize]).collect();
    assert_eq!(toks, ["Mr.", "Lee", "did", "n't", "go", ".", "She", "went", "home", ".", "Rain", "fell"]);
    assert_eq!(docs[0].sentences, [(0, 18), (19, 33), (35, 44)]);
    assert_eq!(docs[0].paragraph_ends, [33, 44]);
    // A sentence without `# text` is rebuilt from its forms.
    assert_eq!(docs[1].text, "It ended.");
}

#[test]
fn scores_a_perfect_segmentation() {
    let path = std::env::temp_dir().join(format!("newsgraph-text-eval-{}.conllu", std::process::id()));
    std::fs::write(&path, CONLLU).unwrap();
    let table = eval_conllu(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(table.columns, ["measure", "precision", "recall", "f1", "gold", "predicted", "correct"]);
    let row = |name: &str| table.rows.iter().find(|r| r["measure"] == name).unwrap().clone();
    assert_eq!(row("tokens")["f1"], 1.0);
    assert_eq!(row("tokens")["gold"], 15);
    assert_eq!(row("sentence_ends")["f1"], 1.0);
    assert_eq!(row("sentence_spans")["gold"], 4);
}

#[test]
fn missing_file_is_an_error() {
    assert!(eval_conllu(std::path::Path::new("/nonexistent/file.conllu")).is_err());
}
