use super::*;

#[test]
fn codes_and_scores() {
    assert_eq!(quad_class("040"), Some(1));
    assert_eq!(quad_class("0874"), Some(2));
    assert_eq!(quad_class("1123"), Some(3));
    assert_eq!(quad_class("190"), Some(4));
    // A made-up table in the CAMEO table's layout.
    let t = parse_goldstein("CAMEOEVENTCODE\tGOLDSTEINSCALE\n021\t3.5\n190\t-9.5\n");
    assert_eq!(goldstein_in(&t, "190"), Some(-9.5));
    assert_eq!(goldstein_in(&t, "0213"), Some(3.5), "a sub-code takes its parent's score");
    assert_eq!(goldstein_in(&t, "042"), None);
    assert_eq!(type_quad_class("CONSULT"), Some(1));
}

#[test]
fn inflections_reach_the_dictionary() {
    let d = lexicon::dict();
    for w in ["met", "meets", "held", "fled", "toppled", "vowed", "banned", "talks", "imposed", "withdrew"] {
        assert!(d.forms.contains_key(w), "{w}");
    }
}

#[test]
fn cameo_to_plover_contexts() {
    // Made-up lines in the CAMEO→PLOVER table's layout.
    let t = parse_cameo2plover("# header\n03: AGREE\n031: AGREE,  , diplomatic # a name\n0312: AGREE,  ,   military; legal # another\n040: CONSULT,  ,  # none\n");
    assert_eq!(t.get("0312").map(Vec::as_slice), Some(&["military".to_string(), "legal".to_string()][..]));
    assert_eq!(t.get("031").map(Vec::as_slice), Some(&["diplomatic".to_string()][..]));
    assert!(!t.contains_key("03") && !t.contains_key("040"), "lines without contexts are passed over");
    assert_eq!(lexicon::parent_lookup(&t, "0315").map(Vec::len), Some(1), "a sub-code takes its parent's contexts");
    assert_eq!(lexicon::parent_lookup(&t, "é1"), None);
}
