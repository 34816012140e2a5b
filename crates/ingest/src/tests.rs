use super::*;
use proptest::prelude::*;
use std::io::Cursor;

fn read_jsonl(data: &[u8]) -> Vec<Result<Doc, InputError>> {
    let r: Box<dyn BufRead + Send> = Box::new(Cursor::new(data.to_vec()));
    Input::from_reader("t.jsonl".into(), r, true, &Defaults::default()).collect()
}

#[test]
fn a_bad_line_does_not_lose_the_others() {
    let data = b"{\"id\":\"a\",\"text\":\"One.\"}\n{not json}\n\n{\"text\":\"Two.\",\"x\":1}\n\xff\xfe\n{\"text\":\"Three.\"}";
    let out = read_jsonl(data);
    assert_eq!(out.len(), 5);
    assert_eq!(out[0].as_ref().unwrap().id, "a");
    let e = out[1].as_ref().unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.to_string().starts_with("t.jsonl:2: malformed JSON"), "{e}");
    let two = out[2].as_ref().unwrap();
    assert_eq!(two.text, "Two.");
    assert_eq!(two.meta["x"], 1);
    let e = out[3].as_ref().unwrap_err();
    assert_eq!((e.line, e.byte), (Some(5), Some(0)));
    assert!(e.message.contains("UTF-8"));
    assert_eq!(out[4].as_ref().unwrap().text, "Three.");
}

#[test]
fn field_errors_name_the_field() {
    let out = read_jsonl(b"{\"text\": 3}\n{\"title\":\"x\"}\n{\"text\":\"a\",\"published\":\"soon\"}\n[1]\n");
    let msgs: Vec<String> = out.into_iter().map(|r| r.unwrap_err().message).collect();
    assert!(msgs[0].contains("\"text\" must be a string"));
    assert!(msgs[1].contains("missing field \"text\""));
    assert!(msgs[2].contains("\"published\""));
    assert!(msgs[3].contains("JSON object"));
}

#[test]
fn over_long_lines_are_skipped_not_buffered() {
    let mut data = Vec::new();
    let mut r = Cursor::new(b"abcdefghij\nok\n".to_vec());
    let (n, over) = read_line_bounded(&mut r, &mut data, 4).unwrap();
    assert_eq!((n, over), (11, true));
    data.clear();
    let (n, over) = read_line_bounded(&mut r, &mut data, 4).unwrap();
    assert_eq!((n, over, &data[..]), (3, false, &b"ok"[..]));
}

#[test]
fn text_files_binary_empty_and_invalid() {
    let dir = std::env::temp_dir().join(format!("ng-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        ("bin.txt", b"abc\0def", "binary"),
        ("empty.txt", b"  \n", "empty"),
        ("bad.txt", b"caf\xe9 au lait", "invalid UTF-8"),
    ];
    for (name, bytes, want) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out: Vec<_> = Input::open(&p, &Defaults::default()).unwrap().collect();
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err();
        assert!(e.message.contains(want), "{name}: {e}");
        assert!(e.path.ends_with(name));
    }
    assert_eq!(
        Input::open(&dir.join("bad.txt"), &Defaults::default()).unwrap().next().unwrap().unwrap_err().byte,
        Some(3)
    );
    let p = dir.join("ok.txt");
    std::fs::write(&p, "Body text.\r\n").unwrap();
    let d = Defaults { published: Some("2025-10-16".into()), title: Some("T".into()), ..Defaults::default() };
    let doc = Input::open(&p, &d).unwrap().next().unwrap().unwrap();
    assert_eq!((doc.text.as_str(), doc.published.as_deref(), doc.title.as_deref()), ("Body text.\n", Some("2025-10-16"), Some("T")));
    let (files, errs) = expand(&[dir.clone(), dir.join("missing.txt")]);
    assert_eq!(files.len(), 4);
    assert!(errs[0].message.contains("no such file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn jsonl_reader_never_panics(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        let out = read_jsonl(&data);
        let lines = data.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        prop_assert!(out.len() <= lines);
    }

    #[test]
    fn jsonl_reader_keeps_every_good_line(texts in proptest::collection::vec("[a-zA-Z é“”🙂.]{1,30}", 1..8)) {
        let mut data = String::new();
        for (i, t) in texts.iter().enumerate() {
            data.push_str(&serde_json::json!({"id": i.to_string(), "text": t}).to_string());
            data.push_str("\n{broken\n");
        }
        let out = read_jsonl(data.as_bytes());
        let good: Vec<_> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        let want = texts.iter().filter(|t| !t.trim().is_empty()).count();
        prop_assert_eq!(good.len(), want);
    }
}
