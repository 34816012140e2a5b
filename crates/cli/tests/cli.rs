//! The command line itself: help, examples, exit codes.

mod common;
use common::*;

#[test]
fn every_command_has_help_with_an_example() {
    let top = stdout(&run(&["--help"], None));
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 8, "{commands:?}");
    for c in &commands {
        let out = run(&[c, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{c}");
        let help = stdout(&out);
        if c == "eval" {
            for sub in ["segment", "parse", "ner", "time", "extract", "entities", "quotes", "events"] {
                let h = stdout(&run(&["eval", sub, "--help"], None));
                assert!(h.contains("Example"), "eval {sub} --help has no example:\n{h}");
            }
        } else {
            assert!(help.contains("Example"), "{c} --help has no example:\n{help}");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["extract"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["no-such-command"], None);
    assert_eq!(out.status.code(), Some(2));
}
