//! Training on tiny hand-written CoNLL-U: the tagger and parser learn it,
//! training is deterministic, and files round-trip and reject corruption.

use newsgraph_annotate::conllu;
use newsgraph_annotate::lex::Lex;
use newsgraph_annotate::parse::Parser;
use newsgraph_annotate::pos::Tagger;

const TOY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\t_
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tdog\tdog\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tAnna\tAnna\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_
3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_
4\tParis\tParis\tPROPN\tNNP\t_\t2\tobl\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_
4\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\thouse\thouse\tNOUN\tNN\t_\t3\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";

fn train_both() -> (Tagger, Parser, Vec<conllu::Sentence>) {
    let sents = conllu::parse(TOY);
    assert_eq!(sents.len(), 4);
    let tagger = Tagger::train(&sents, &[], 10, 16, 2, &mut |_| {});
    let tags: Vec<Vec<u8>> = sents.iter().map(|s| s.upos.clone()).collect();
    let parser = Parser::train(&sents, &tags, &[], &[], &[], &[], 15, 10, 16, &mut |_| {});
    (tagger, parser, sents)
}

#[test]
fn learns_the_toy_treebank() {
    let (tagger, parser, sents) = train_both();
    assert_eq!(tagger.accuracy(&sents), 1.0);
    let tags: Vec<Vec<u8>> = sents.iter().map(|s| tagger.tag(&s.words())).collect();
    let sc = parser.evaluate(&sents, &tags, &[]);
    assert_eq!(sc.uas(), 1.0);
    assert_eq!(sc.las(), 1.0);
}

#[test]
fn deterministic_and_round_trips() {
    let (t1, p1, sents) = train_both();
    let (t2, p2, _) = train_both();
    assert_eq!(t1.to_bytes(), t2.to_bytes());
    assert_eq!(p1.to_bytes(), p2.to_bytes());

    let t3 = Tagger::from_bytes(&t1.to_bytes()).unwrap();
    let p3 = Parser::from_bytes(&p1.to_bytes()).unwrap();
    for s in &sents {
        let lex: Vec<Lex> = s.forms.iter().map(|w| Lex::new(w)).collect();
        assert_eq!(t1.tag(&s.words()), t3.tag(&s.words()));
        assert_eq!(p1.parse(&lex, &s.upos), p3.parse(&lex, &s.upos));
    }
}

#[test]
fn rejects_corrupted_files() {
    let (t, p, _) = train_both();
    let mut tb = t.to_bytes();
    let mut pb = p.to_bytes();
    assert!(Tagger::from_bytes(&pb).is_err(), "a parser file is not a tagger file");
    let k = tb.len() / 2;
    tb[k] ^= 0x10;
    assert!(Tagger::from_bytes(&tb).is_err());
    let k = pb.len() / 3;
    pb[k] ^= 0x01;
    assert!(Parser::from_bytes(&pb).is_err());
    assert!(Parser::from_bytes(&pb[..pb.len() - 1]).is_err());
    assert!(Parser::from_bytes(b"").is_err());
}

#[test]
fn long_sentence_is_linear() {
    let (t, p, _) = train_both();
    let words: Vec<String> = (0..5000).map(|i| ["the", "cat", "saw", "a", "dog", "in", "Paris", "."][i % 8].to_string()).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let start = std::time::Instant::now();
    let tags = t.tag(&refs);
    let lex: Vec<Lex> = refs.iter().map(|w| Lex::new(w)).collect();
    let tree = p.parse(&lex, &tags);
    assert_eq!(tree.heads.len(), 5000);
    assert_eq!(tree.heads.iter().filter(|&&h| h == u32::MAX).count(), 1);
    assert!(start.elapsed().as_secs() < 5);
    assert!(p.parse(&[], &[]).heads.is_empty());
}

/// The experiment `NEWSGRAPH_PARSE_BEAM`: transitions trained globally with
/// a beam (max-violation and early update) learn the toy treebank, decode
/// with the trained width, and keep it through the file.
#[test]
fn beam_training_learns_the_toy_treebank() {
    use newsgraph_annotate::parse::BeamTraining;
    let sents = conllu::parse(TOY);
    let tags: Vec<Vec<u8>> = sents.iter().map(|s| s.upos.clone()).collect();
    for (width, max_violation) in [(4, true), (2, false), (1, false)] {
        let g = BeamTraining { width, max_violation };
        let p = Parser::train_with(&sents, &tags, &[], &[], &[], &[], 15, 10, 16, Some(g), &mut |_| {});
        assert_eq!(p.beam(), width);
        let sc = p.evaluate(&sents, &tags, &[]);
        assert_eq!((sc.uas(), sc.las()), (1.0, 1.0), "beam {width}");
        let bytes = p.to_bytes();
        let p2 = Parser::from_bytes(&bytes).unwrap();
        assert_eq!(p2.beam(), width);
        assert_eq!(p2.to_bytes(), bytes);
        for s in &sents {
            let lex: Vec<Lex> = s.forms.iter().map(|w| Lex::new(w)).collect();
            let tree = p2.parse(&lex, &s.upos);
            assert_eq!(tree.heads, s.heads);
            assert_eq!(tree, p.parse(&lex, &s.upos));
        }
        let again = Parser::train_with(&sents, &tags, &[], &[], &[], &[], 15, 10, 16, Some(g), &mut |_| {});
        assert_eq!(again.to_bytes(), bytes, "deterministic");
    }
    // The default (greedy) model stores no width.
    let (_, p, _) = train_both();
    assert_eq!(p.beam(), 1);
    assert_eq!(Parser::from_bytes(&p.to_bytes()).unwrap().beam(), 1);
}
