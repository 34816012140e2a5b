//! One wire story on many sites is stored once, with every copy's URL.

mod common;
use common::*;

const STORY: &str = "The foreign ministers of the two countries met in the capital on Monday to discuss trade, energy \
and the reconstruction of roads and power plants damaged during the war. Officials said the talks lasted four hours \
and ended with an agreement to meet again next month in the other capital, where a larger delegation of business \
leaders is expected to join them for a second round of talks on investment.";

#[test]
fn copies_and_near_copies_are_stored_once_with_their_urls() {
    let dir = tempdir("dups");
    let db = dir.join("news.db");
    let line = |id: &str, site: &str, text: &str| {
        serde_json::json!({"id": id, "site": site, "url": format!("https://{site}/{id}"), "text": text}).to_string()
    };
    let other = "Heavy rain flooded the river valley overnight, forcing hundreds of families to leave their homes as \
                 rescue teams worked through the night to reach villages cut off by the water, while the weather service \
                 warned that more storms would follow later in the week across the whole northern region of the country.";
    let data = [
        line("wire-1", "wire.example", STORY),
        line("paper-7", "paper.example", &format!("{STORY}\n\nRead more on our website.")),
        line("blog-3", "blog.example", &STORY.replace("\n", " ")),
        line("flood-1", "wire.example", other),
    ]
    .join("\n");
    let f = dir.join("feed.jsonl");
    std::fs::write(&f, data).unwrap();
    let out = run(&["ingest", "--db", s(&db), s(&f)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("ingested 2 new documents") && stderr(&out).contains("2 copies of stored stories"), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let copies: Vec<(String, String, String, i64)> = conn
        .prepare("SELECT copy, original, url, distance FROM copies ORDER BY copy").unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap()
        .map(Result::unwrap).collect();
    assert_eq!(copies.len(), 2);
    assert_eq!((copies[0].0.as_str(), copies[0].1.as_str(), copies[0].3), ("blog-3", "wire-1", 0), "same words: exact copy");
    assert_eq!((copies[1].0.as_str(), copies[1].1.as_str(), copies[1].2.as_str()), ("paper-7", "wire-1", "https://paper.example/paper-7"));
    assert!(copies[1].3 > 0, "a near copy");
    // The copy's id shows the original; the article list counts the copies.
    let shown = run(&["show", "paper-7", "--db", s(&db)], None);
    assert!(stdout(&shown).contains("\"id\":\"wire-1\"") && stderr(&shown).contains("copy of wire-1"));
    let arts = stdout(&run(&["articles", "--db", s(&db), "--format", "json"], None));
    let v: serde_json::Value = serde_json::from_str(&arts).unwrap();
    let wire = v.as_array().unwrap().iter().find(|a| a["id"] == "wire-1").unwrap();
    assert_eq!(wire["copies"], 2);
    // Again: nothing new, nothing counted twice.
    let again = run(&["ingest", "--db", s(&db), s(&f)], None);
    assert!(stderr(&again).contains("ingested 0 new documents") && stderr(&again).contains("4 already stored"), "{}", stderr(&again));
}
