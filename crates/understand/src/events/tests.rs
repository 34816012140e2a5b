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
