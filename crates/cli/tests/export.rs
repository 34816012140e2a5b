//! `export` through the binary over three short articles of our own
//! (tests/data/harbor.jsonl): GDELT rows and offsets, PLOVER records, the
//! plain tables, Parquet files.

mod common;
use common::*;
use serde_json::Value;

fn export(args: &[&str]) -> String {
    let out = run(args, None);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn lines_json(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn gdelt_events_and_mentions() {
    let (dir, db) = harbor_db("gdelt");
    let d = s(&db);
    let events = lines_json(&export(&["events", "--db", d, "--limit", "1000", "--format", "jsonl"]));
    let rows = export(&["export", "--db", d, "--format", "gdelt"]);
    let rows: Vec<Vec<&str>> = rows.lines().map(|l| l.split('\t').collect()).collect();
    // One row an actor member × recipient member (an empty side counts
    // once); the first pair keeps the event's id.
    let mut expected: Vec<(String, &Value, String, String)> = Vec::new();
    for e in &events {
        let side = |k: &str| -> Vec<String> {
            let v: Vec<String> = e[k].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap_or("").to_string()).collect();
            if v.is_empty() { vec![String::new()] } else { v }
        };
        let mut k = 0;
        for a in side("actors") {
            for r in side("recipients") {
                expected.push(((e["id"].as_i64().unwrap() + k * 1_000_000_000_000).to_string(), e, a.clone(), r));
                k += 1;
            }
        }
    }
    assert_eq!(rows.len(), expected.len());
    assert!(!rows.is_empty());
    for (r, (id, e, actor, recipient)) in rows.iter().zip(&expected) {
        assert_eq!(r.len(), 61, "{r:?}");
        assert_eq!(&r[0], id);
        assert_eq!((r[5], r[15]), (actor.as_str(), recipient.as_str()), "{r:?}");
        let day = r[1];
        assert!(day.len() == 8 && day.chars().all(|c| c.is_ascii_digit()), "{r:?}");
        let date = e["date"].as_str().unwrap();
        if date.len() == 10 {
            assert_eq!(day, date.replace('-', ""));
        }
        assert_eq!((r[2], r[3]), (&day[..6], &day[..4]));
        assert_eq!(r[26], e["cameo"].as_str().unwrap());
        assert!(e["cameo"].as_str().unwrap().starts_with(r[28]));
        assert_eq!(r[29], e["quad_class"].to_string());
        assert_eq!(r[31], e["mentions"].to_string());
        assert!(r[59].len() == 14, "DATEADDED {r:?}");
        assert!(r[60].starts_with("https://"), "SOURCEURL {r:?}");
        if actor.len() == 6 && actor.starts_with("GRC") {
            assert_eq!((r[7], r[12]), ("GRC", &actor[3..]));
        }
    }
    // Mentions: offsets point at the evidence in the stored record.
    let mentions = export(&["export", "--db", d, "--format", "gdelt", "--table", "mentions"]);
    let mut seen = 0;
    for line in mentions.lines() {
        let m: Vec<&str> = line.split('\t').collect();
        assert_eq!(m.len(), 16, "{m:?}");
        let doc = m[15].split("<DOCUMENT>").nth(1).unwrap().split("</DOCUMENT>").next().unwrap();
        let end: usize = m[15].split("<EVIDENCE_END>").nth(1).unwrap().split('<').next().unwrap().parse().unwrap();
        let record: Value = serde_json::from_str(&export(&["show", doc, "--db", d])).unwrap();
        let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
        let start: usize = m[9].parse().unwrap();
        let local = m[15].split("<EVENT>").nth(1).unwrap().split('<').next().unwrap();
        let ev = record["events"].as_array().unwrap().iter().find(|e| e["id"] == local).unwrap();
        assert_eq!((start, end), (ev["evidence"]["start"].as_u64().unwrap() as usize, ev["evidence"]["end"].as_u64().unwrap() as usize));
        assert!(!text[start..end].iter().collect::<String>().trim().is_empty());
        assert_eq!(m[12], text.len().to_string(), "MentionDocLen in code points");
        assert_eq!(m[6], (ev["sentence"].as_u64().unwrap() + 1).to_string());
        let a1: i64 = m[7].parse().unwrap();
        if a1 >= 0 {
            // A mention of one of the actor's members (the row's).
            let members: Vec<&str> = ev["actor"].as_array().unwrap().iter().filter_map(|a| a["entity"].as_str()).collect();
            let named = record["entities"].as_array().unwrap().iter().filter(|x| members.contains(&x["id"].as_str().unwrap()));
            assert!(named.flat_map(|e| e["mentions"].as_array().unwrap()).any(|x| x["start"].as_i64() == Some(a1)), "{line}");
        }
        seen += 1;
    }
    assert!(seen >= rows.len(), "every event has a mention");
    // Filters apply; a flag for no table written is a usage error.
    let harbor = export(&["export", "--db", d, "--format", "gdelt", "--outlet", "harbor", "--since", "2025-10"]);
    assert!(harbor.lines().count() < rows.len() && harbor.lines().count() > 0);
    let bad = run(&["export", "--db", d, "--format", "gdelt", "--country", "GRC"], None);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plover_records_and_plain_tables() {
    let (dir, db) = harbor_db("plover");
    let d = s(&db);
    let recs = lines_json(&export(&["export", "--db", d, "--format", "plover"]));
    assert!(!recs.is_empty());
    for r in &recs {
        for field in ["id", "date", "actor", "event"] {
            assert!(!r[field].is_null(), "required {field}: {r}");
        }
        assert!(r["id"].as_str().unwrap().starts_with("newsgraph-"));
        assert_eq!(r["event"][0], r["event_type"]);
        let text = r["text"].as_str().unwrap();
        let ti = &r["text_info"];
        assert!(ti["end"].as_u64() > ti["start"].as_u64());
        assert!(text.contains(r["event_text"][0].as_str().unwrap()), "{r}");
    }
    let statements = lines_json(&export(&["export", "--db", d, "--format", "jsonl", "--table", "statements", "--speaker", "sybiha"]));
    assert_eq!(statements.len(), 2);
    let csv = export(&["export", "--db", d, "--format", "csv", "--table", "articles"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("id,published,title,site,url,"));
    assert_eq!(lines.count(), 3);
    let out = dir.join("all/");
    export(&["export", "--db", d, "--format", "jsonl", "--out", s(&out)]);
    for t in ["events", "mentions", "statements", "entities", "articles"] {
        assert!(out.join(format!("{t}.jsonl")).exists(), "{t}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Row count from a Parquet footer: the file ends with the footer, its length
/// (4 bytes, little-endian) and "PAR1"; the FileMetaData's num_rows is field
/// 3, an i64 in Thrift's compact protocol (zigzag varint).
fn parquet_rows(bytes: &[u8]) -> i64 {
    let n = bytes.len();
    let len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().unwrap()) as usize;
    let meta = &bytes[n - 8 - len..n - 8];
    // Field 1 (version, i32), field 2 (schema, list of structs), field 3 (num_rows, i64).
    let mut i = 0;
    let varint = |i: &mut usize| -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = meta[*i];
            *i += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    };
    fn skip(meta: &[u8], i: &mut usize, ty: u8, varint: &dyn Fn(&mut usize) -> u64) {
        match ty {
            1 | 2 => {}
            3 => *i += 1,
            4 | 5 | 6 => {
                varint(i);
            }
            7 => *i += 8,
            8 => {
                let l = varint(i) as usize;
                *i += l;
            }
            9 | 10 => {
                let h = meta[*i];
                *i += 1;
                let (mut size, et) = ((h >> 4) as usize, h & 0x0f);
                if size == 15 {
                    size = varint(i) as usize;
                }
                for _ in 0..size {
                    skip(meta, i, et, varint);
                }
            }
            12 => loop {
                let h = meta[*i];
                *i += 1;
                if h == 0 {
                    break;
                }
                if h >> 4 == 0 {
                    varint(i);
                }
                skip(meta, i, h & 0x0f, varint);
            },
            _ => panic!("thrift type {ty}"),
        }
    }
    let mut field = 0i16;
    loop {
        let h = meta[i];
        i += 1;
        assert_ne!(h, 0, "no num_rows");
        field += (h >> 4) as i16;
        let ty = h & 0x0f;
        if field == 3 {
            assert_eq!(ty, 6, "num_rows is an i64");
            let z = varint(&mut i);
            return ((z >> 1) as i64) ^ -((z & 1) as i64);
        }
        skip(meta, &mut i, ty, &varint);
    }
}

#[test]
fn parquet_files_are_parquet_with_every_row() {
    let (dir, db) = harbor_db("parquet");
    let d = s(&db);
    let out = dir.join("pq/");
    export(&["export", "--db", d, "--format", "parquet", "--out", s(&out)]);
    let counts = [
        ("events", lines_json(&export(&["export", "--db", d, "--format", "jsonl"])).len()),
        ("articles", 3),
        ("statements", lines_json(&export(&["export", "--db", d, "--format", "jsonl", "--table", "statements"])).len()),
    ];
    for (t, n) in counts {
        let bytes = std::fs::read(out.join(format!("{t}.parquet"))).unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
        assert_eq!(parquet_rows(&bytes), n as i64, "{t}");
    }
    let none = run(&["export", "--db", d, "--format", "parquet"], None);
    assert_eq!(none.status.code(), Some(2), "parquet needs --out");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A record of our own whose one event has two actors and one recipient:
/// "Russia and Syria signed a deal with Turkey".
fn compound_record() -> String {
    let text = "Russia and Syria signed a grain deal with Turkey in Ankara on Monday.";
    let at = |w: &str| {
        let b = text.find(w).unwrap();
        (text[..b].chars().count(), text[..b].chars().count() + w.chars().count())
    };
    let ent = |id: &str, name: &str, code: &str| {
        let (s, e) = at(name);
        serde_json::json!({"id": id, "name": name, "type": "LOC", "mentions": [{"start": s, "end": e, "text": name}],
                           "aliases": [], "country": code, "sector": null, "roles": []})
    };
    let (es, ee) = at("signed");
    let n = text.chars().count();
    serde_json::json!({
        "format": "newsgraph/1", "id": "compound", "url": "https://example.org/compound", "site": "Example Wire",
        "title": "Grain deal", "authors": [], "published": "2025-10-20", "published_source": "metadata", "language": "en",
        "text": text, "sentences": [{"start": 0, "end": n}],
        "entities": [ent("e1", "Russia", "RUS"), ent("e2", "Syria", "SYR"), ent("e3", "Turkey", "TUR")],
        "quotes": [], "timexes": [],
        "events": [{"id": "v1", "type": "AGREE", "mode": null, "cameo": "057",
                    "actor": [{"entity": "e1", "code": "RUS"}, {"entity": "e2", "code": "SYR"}],
                    "recipient": [{"entity": "e3", "code": "TUR"}],
                    "date": "2025-10-20", "place": null, "modality": "asserted", "source": null, "quote": null,
                    "evidence": {"start": es, "end": ee}, "sentence": 0}]
    })
    .to_string()
}

#[test]
fn an_event_of_several_actors_is_a_row_per_actor_and_recipient_pair() {
    let dir = tempdir("export-compound");
    let shard = dir.join("compound.jsonl");
    std::fs::write(&shard, compound_record() + "\n").unwrap();
    let db = dir.join("news.db");
    export(&["load", "--db", s(&db), s(&shard)]);
    let d = s(&db);
    let id = lines_json(&export(&["events", "--db", d, "--format", "jsonl"]))[0]["id"].as_i64().unwrap();

    let rows = export(&["export", "--db", d, "--format", "gdelt"]);
    let rows: Vec<Vec<&str>> = rows.lines().map(|l| l.split('\t').collect()).collect();
    let got: Vec<(String, &str, &str, &str)> = rows.iter().map(|r| (r[0].to_string(), r[5], r[6], r[15])).collect();
    let second = (id + 1_000_000_000_000).to_string();
    assert_eq!(got, vec![(id.to_string(), "RUS", "Russia", "TUR"), (second.clone(), "SYR", "Syria", "TUR")]);
    assert!(rows.iter().all(|r| r[16] == "Turkey" && r[26] == "057"), "{rows:?}");

    // Each row's reports, with the offsets of its own actor and recipient.
    let mentions = export(&["export", "--db", d, "--format", "gdelt", "--table", "mentions"]);
    let m: Vec<(String, String, String)> =
        mentions.lines().map(|l| l.split('\t').collect::<Vec<_>>()).map(|c| (c[0].to_string(), c[7].to_string(), c[8].to_string())).collect();
    assert_eq!(m, vec![(id.to_string(), "0".into(), "42".into()), (second, "11".into(), "42".into())]);

    // PLOVER lists both actors; the plain table names every member.
    let plover = lines_json(&export(&["export", "--db", d, "--format", "plover"]));
    let actors: Vec<&str> = plover[0]["actor"].as_array().unwrap().iter().map(|a| a["entity_text"].as_str().unwrap()).collect();
    assert_eq!(actors, vec!["Russia", "Syria"]);
    assert_eq!(plover[0]["recipient"][0]["code"], "TUR");
    let table = lines_json(&export(&["export", "--db", d, "--format", "jsonl", "--table", "events"]));
    assert_eq!(table[0]["actors"], "Russia (RUS) + Syria (SYR)");
    assert_eq!(table[0]["recipients"], "Turkey (TUR)");
    assert_eq!(table[0]["actor"], "Russia");
    std::fs::remove_dir_all(&dir).unwrap();
}
