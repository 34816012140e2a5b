use super::*;

#[test]
fn codes_and_scores() {
    assert_eq!(quad_class("040"), Some(1));
    assert_eq!(quad_class("0874"), Some(2));
    assert_eq!(quad_class("1123"), Some(3));
    assert_eq!(quad_class("190"), Some(4));
    assert_eq!(goldstein("190"), Some(-10.0));
    assert!(goldstein("0213").is_some());
    assert_eq!(type_quad_class("CONSULT"), Some(1));
}

#[test]
fn inflections_reach_the_dictionary() {
    let d = lexicon::dict();
    for w in ["met", "meets", "held", "fled", "toppled", "vowed", "banned", "talks", "imposed", "withdrew"] {
        assert!(d.forms.contains_key(w), "{w}");
    }
}
