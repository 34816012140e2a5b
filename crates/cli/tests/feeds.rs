//! Web feeds as inputs: RSS and Atom files, `.xml` files whose root is a
//! feed, and invalid feed XML that keeps the items before the damage.

mod common;
use common::*;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title>
<item>
  <title>Ferry strike ends</title><link>https://gazette.example/ferry</link>
  <pubDate>Thu, 16 Oct 2025 09:30:00 +0300</pubDate><author>desk@gazette.example (Mira Holt)</author>
  <content:encoded><![CDATA[<p>The ferry workers' union ended its strike on Thursday after ten hours of talks with the port authority.</p>]]></content:encoded>
</item>
<item>
  <title>Council approves bridge</title><link>https://gazette.example/bridge</link>
  <description>The city council approved the new bridge on Friday.</description>
</item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Radio</title>
<entry><title>Floods close roads</title><link href="https://radio.example/floods"/>
<published>2025-10-18T07:15:00+02:00</published><author><name>Kai Lund</name></author>
<content type="html">&lt;p&gt;Rising water closed three roads in the valley overnight, the police said.&lt;/p&gt;</content></entry>
</feed>"#;

fn records(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn rss_atom_and_xml_feeds_become_articles() {
    let dir = tempdir("feeds");
    std::fs::write(dir.join("gazette.rss"), RSS).unwrap();
    std::fs::write(dir.join("radio.xml"), ATOM).unwrap();
    // An .xml file that is not a feed is not an input when a directory is read.
    std::fs::write(dir.join("sitemap.xml"), "<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>").unwrap();
    let out = run(&["extract", s(&dir)], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["url"], "https://gazette.example/ferry");
    assert_eq!((recs[0]["site"].as_str(), recs[0]["published"].as_str()), (Some("Harbour Gazette"), Some("2025-10-16T09:30:00+03:00")));
    assert_eq!(recs[0]["authors"][0], "Mira Holt");
    assert!(recs[0].get("meta").is_none_or(|m| m.get("feed_summary_only").is_none()));
    assert_eq!(recs[1]["meta"]["feed_summary_only"], true, "a summary-only item is marked as a stub");
    assert_eq!((recs[2]["title"].as_str(), recs[2]["site"].as_str()), (Some("Floods close roads"), Some("Valley Radio")));
    assert_eq!(recs[2]["text"], "Rising water closed three roads in the valley overnight, the police said.");

    // Named explicitly, a non-feed .xml file is an error; the rest is read.
    let out = run(&["extract", s(&dir.join("sitemap.xml")), s(&dir.join("radio.xml"))], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    assert!(stderr(&out).contains("sitemap.xml: not a feed"), "{}", stderr(&out));

    // A feed from stdin is sniffed.
    let out = run(&["extract", "-"], Some(ATOM));
    assert_eq!((out.status.code(), records(&out).len()), (Some(0), 1), "{}", stderr(&out));
}

#[test]
fn invalid_feed_xml_names_file_item_and_byte_and_keeps_earlier_items() {
    let dir = tempdir("feeds-bad");
    let bad = RSS.replace("<title>Council approves bridge</title>", "<title>Council approves bridge</titl>");
    let f = dir.join("broken.rss");
    std::fs::write(&f, &bad).unwrap();
    let db = dir.join("news.db");
    let out = run(&["ingest", "--db", s(&db), s(&f)], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("broken.rss (byte ") && err.contains("item 2: invalid XML"), "{err}");
    assert!(err.contains("ingested 1 new documents"), "{err}");
}
