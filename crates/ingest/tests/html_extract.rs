//! HTML pages: main text, metadata, charsets, inputs. Every page here is
//! written for the test.

use newsgraph_doc::DateSource;
use newsgraph_ingest::html::{extract, extract_str};
use newsgraph_ingest::{expand, Defaults, Input, MAX_DOC_BYTES};
use std::io::{BufRead, Read, Write};

const STORY: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Harbour bridge reopens after repairs | The Coastal Courier</title>
  <meta property="og:title" content="Harbour bridge reopens after repairs">
  <meta property="og:site_name" content="The Coastal Courier">
  <link rel="canonical" href="https://courier.example/news/2024/03/05/harbour-bridge">
  <script type="application/ld+json">
  {"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour bridge reopens",
   "datePublished":"2024-03-05T08:15:00+01:00",
   "author":[{"@type":"Person","name":"Mira Holm"},{"@type":"Person","name":"Tobias Ek"}],
   "publisher":{"@type":"Organization","name":"Coastal Courier Ltd"}}
  </script>
  <style>.x { color: red }</style>
  <script>var tracking = "<p>not text</p>";</script>
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
  <main>
    <article class="story">
      <h1>Harbour bridge reopens after repairs</h1>
      <div class="byline">By Mira Holm and Tobias Ek</div>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
      <div class="story-body">
        <p>The harbour bridge reopened on Tuesday morning after six weeks of repairs, the city council said, and the first buses crossed it shortly after seven.</p>
        <figure><img src="bridge.jpg" alt=""><figcaption>The bridge at dawn. Photo: Courier staff</figcaption></figure>
        <p>Engineers replaced the worn expansion joints and repainted the steel deck, work that had been planned for years but was delayed by a dispute over costs.</p>
        <h2>Traffic returns</h2>
        <p>Commuters said the detour through the old town had added half an hour to their journeys, and shopkeepers near the bridge reported fewer customers during the closure.</p>
        <p>“We are glad to have it back,” said Anna Berg, who runs a bakery at the northern end. “March has been very quiet.”</p>
        <div class="related-links"><h3>Related</h3><ul><li><a href="/a">Council approves budget for roads and bridges</a></li><li><a href="/b">Ferry timetable changes this spring</a></li></ul></div>
        <p>The council expects the remaining lane closures to end by the weekend, weather permitting.</p>
      </div>
    </article>
    <section id="comments"><h3>12 comments</h3><p>Finally! It took them long enough to fix that bridge, the detour was a nightmare every single day.</p></section>
  </main>
  <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Storm warning for the coast tonight</a></li></ol></aside>
  <footer><p>© 2024 The Coastal Courier. All rights reserved.</p></footer>
</body>
</html>"##;

#[test]
fn main_text_leaves_out_the_boilerplate() {
    let page = extract_str(STORY);
    let paras: Vec<&str> = page.text.split("\n\n").collect();
    assert_eq!(
        paras,
        vec![
            "The harbour bridge reopened on Tuesday morning after six weeks of repairs, the city council said, and the first buses crossed it shortly after seven.",
            "Engineers replaced the worn expansion joints and repainted the steel deck, work that had been planned for years but was delayed by a dispute over costs.",
            "Traffic returns",
            "Commuters said the detour through the old town had added half an hour to their journeys, and shopkeepers near the bridge reported fewer customers during the closure.",
            "“We are glad to have it back,” said Anna Berg, who runs a bakery at the northern end. “March has been very quiet.”",
            "The council expects the remaining lane closures to end by the weekend, weather permitting.",
        ],
        "{}",
        page.text
    );
}

#[test]
fn metadata_from_meta_tags_and_json_ld() {
    let m = extract_str(STORY).meta;
    assert_eq!(m.title.as_deref(), Some("Harbour bridge reopens after repairs"));
    assert_eq!(m.authors, vec!["Mira Holm", "Tobias Ek"]);
    assert_eq!(m.published.as_deref(), Some("2024-03-05T08:15:00+01:00"));
    assert_eq!(m.site.as_deref(), Some("The Coastal Courier"));
    assert_eq!(m.url.as_deref(), Some("https://courier.example/news/2024/03/05/harbour-bridge"));
    assert_eq!(m.language.as_deref(), Some("en"));
}

#[test]
fn metadata_fallbacks_time_byline_and_url() {
    let html = r#"<html><head><title>Quiet night at the observatory</title>
        <meta name="author" content="Lena Park">
        <meta property="og:url" content="https://stars.example/2023/11/02/quiet-night"></head>
        <body><article><h1>Quiet night at the observatory</h1>
        <time datetime="2023-11-02T21:00:00Z">2 November</time>
        <p>The telescope dome stayed closed for most of the night because of low cloud, the staff said on Thursday morning.</p>
        </article></body></html>"#;
    let m = extract_str(html).meta;
    assert_eq!(m.title.as_deref(), Some("Quiet night at the observatory"));
    assert_eq!(m.authors, vec!["Lena Park"]);
    assert_eq!(m.published.as_deref(), Some("2023-11-02T21:00:00Z"));
    assert_eq!(m.site.as_deref(), Some("stars.example"));

    let bare = r#"<html><head><link rel="canonical" href="https://stars.example/blog/2022/07/14/comet/"></head>
        <body><p>A faint comet was seen low in the western sky after sunset, visible with binoculars for about an hour.</p></body></html>"#;
    let m = extract_str(bare).meta;
    assert_eq!(m.published.as_deref(), Some("2022-07-14"));
    assert_eq!(m.title, None);
    assert_eq!(m.language, None);
}

#[test]
fn dates_are_normalized() {
    let html = |d: &str| {
        format!(
            r#"<html><head><meta property="article:published_time" content="{d}"></head>
            <body><p>Some article text that is long enough to be taken as the main text of the page.</p></body></html>"#
        )
    };
    let p = |d: &str| extract_str(&html(d)).meta.published;
    assert_eq!(p("2021-05-06T07:08:09+0200").as_deref(), Some("2021-05-06T07:08:09+02:00"));
    assert_eq!(p("2021-05-06T07:08-04:00").as_deref(), Some("2021-05-06T07:08:00-04:00"));
    assert_eq!(p("2021-05-06").as_deref(), Some("2021-05-06"));
    assert_eq!(p("2021-05-06T07:08:09").as_deref(), Some("2021-05-06"));
    assert_eq!(p("May 6, 2021").as_deref(), Some("2021-05-06"));
    assert_eq!(p("0001-01-01T00:00:00Z"), None);
    assert_eq!(p("someday"), None);
}

#[test]
fn paragraphs_and_line_breaks() {
    let html = "<body><div class=\"post-content\"><p>First line of a poem that goes on for a while,<br>second line of the same poem, also long enough.</p>\
        <ul><li>A list item that is part of the article text and not a link.</li><li>Another list item, also plain text in the article.</li></ul>\
        <p>Last paragraph &amp; an entity, with\n   odd   spacing that is squeezed.</p></div></body>";
    let t = extract_str(html).text;
    assert_eq!(
        t,
        "First line of a poem that goes on for a while,\nsecond line of the same poem, also long enough.\n\n\
         A list item that is part of the article text and not a link.\n\n\
         Another list item, also plain text in the article.\n\n\
         Last paragraph & an entity, with odd spacing that is squeezed."
    );
}

#[test]
fn wrong_and_missing_charsets() {
    // Declared UTF-8, written in Windows-1252.
    let mut page = b"<html><head><meta charset=\"utf-8\"></head><body><p>Le caf\xe9 de la gare a rouvert ses portes apr\xe8s des travaux, \x93enfin\x94 disent les habitu\xe9s du quartier.</p></body></html>".to_vec();
    let t = extract(&page).unwrap().text;
    assert!(t.contains("Le café de la gare") && t.contains("“enfin”"), "{t}");
    // Declared Latin-2.
    page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\"><p>Pozna\xf1 i \xa3\xf3d\xbc to miasta w Polsce, kt\xf3re odwiedza wielu turyst\xf3w ka\xbfdego roku.</p>".to_vec();
    let t = extract(&page).unwrap().text;
    assert!(t.starts_with("Poznań i Łódź"), "{t}");
    // A byte order mark and no declaration.
    let t = extract("\u{feff}<p>Grüße aus Köln, wo es heute den ganzen Tag geregnet hat und niemand draußen war.</p>".as_bytes()).unwrap().text;
    assert!(t.starts_with("Grüße aus Köln"), "{t}");
    // UTF-16 with a BOM.
    let mut u16page = vec![0xff, 0xfe];
    for u in "<p>Zürich im Schnee, ein langer Satz über das Wetter in der Stadt am See.</p>".encode_utf16() {
        u16page.extend_from_slice(&u.to_le_bytes());
    }
    assert!(extract(&u16page).unwrap().text.starts_with("Zürich im Schnee"));
}

#[test]
fn pages_without_text_and_binary_data_are_errors() {
    assert!(extract(b"").unwrap_err().contains("no main text"));
    assert!(extract(b"<html><head><title>x</title></head><body><script>1</script></body></html>").is_err());
    assert!(extract(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0").unwrap_err().contains("binary"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut html = String::new();
    for _ in 0..10_000 {
        html.push_str("<div>");
    }
    html.push_str("<p>Deep inside many boxes there is still a sentence that counts as the text.</p>");
    let t = extract_str(&html).text;
    assert!(t.contains("Deep inside many boxes"));
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("newsgraph-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn html_files_are_inputs_and_a_bad_one_does_not_stop_the_rest() {
    let dir = temp_dir("inputs");
    std::fs::write(dir.join("a.html"), STORY).unwrap();
    std::fs::write(dir.join("b.htm"), b"\0\0\0\0binary\0\0\0\0\0\0\0\0\0").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(STORY.replace("harbour bridge reopened", "old harbour bridge reopened").as_bytes()).unwrap();
    std::fs::write(dir.join("c.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(dir.join("d.css"), "p{}").unwrap();
    let (files, errors) = expand(std::slice::from_ref(&dir));
    assert!(errors.is_empty());
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["a.html", "b.htm", "c.html.gz"]);
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for f in &files {
        for r in Input::open(f, &Defaults::default()).unwrap() {
            match r {
                Ok(d) => docs.push(d),
                Err(e) => errs.push(e),
            }
        }
    }
    assert_eq!(docs.len(), 2);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].path.ends_with("b.htm") && errs[0].message.contains("binary"), "{}", errs[0]);
    let d = &docs[0];
    assert!(d.text.starts_with("The harbour bridge reopened"));
    assert_eq!(d.title.as_deref(), Some("Harbour bridge reopens after repairs"));
    assert_eq!(d.authors, vec!["Mira Holm", "Tobias Ek"]);
    assert_eq!(d.published.as_deref(), Some("2024-03-05T08:15:00+01:00"));
    assert_eq!(d.published_source, Some(DateSource::Metadata));
    assert_eq!(d.site.as_deref(), Some("The Coastal Courier"));
    assert!(d.text.contains("\n\nEngineers replaced"));
    assert!(docs[1].text.starts_with("The old harbour bridge reopened"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn enormous_pages_are_an_error_naming_the_file() {
    let big = std::io::repeat(b'a').take(MAX_DOC_BYTES as u64 + 10);
    let r: Box<dyn BufRead + Send> = Box::new(std::io::BufReader::new(big));
    let out: Vec<_> = Input::html_from_reader("huge.html".into(), r, &Defaults::default()).collect();
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert!(e.to_string().starts_with("huge.html: HTML page is"), "{e}");
}

#[test]
fn a_gzipped_page_over_the_limit_is_not_inflated_to_the_end() {
    let dir = temp_dir("bomb");
    let path = dir.join("bomb.html.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..(MAX_DOC_BYTES >> 20) + 2 {
        gz.write_all(&chunk).unwrap();
    }
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let input = Input::open(&path, &Defaults::default()).unwrap();
    let counter = input.counter();
    let out: Vec<_> = input.collect();
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert!(e.path.ends_with("bomb.html.gz") && e.message.contains("limit"), "{e}");
    // Progress counts compressed bytes read, at most the file.
    assert!(counter.get() <= std::fs::metadata(&path).unwrap().len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_article_body_named_like_boilerplate_is_kept() {
    let p = "<p>The library will stay open late on Thursdays from next month, the town said, after a survey of readers.</p>";
    let html = format!(
        "<body><div class=\"article-body has-sidebar\">{p}{p}{p}</div>\
         <div class=\"sidebar\"><p>Other news from the town, with a long sentence that is not part of the article.</p></div></body>"
    );
    let t = extract_str(&html).text;
    assert_eq!(t.matches("The library will stay open").count(), 3, "{t}");
    assert!(!t.contains("Other news"), "{t}");
}

#[test]
fn stock_lines_are_left_out() {
    let p = "<p>The harbour festival drew more visitors than ever this year, organisers said on Sunday evening.</p>";
    let html = format!(
        "<body><div class=\"post-content\">{p}<p>Advertisement</p><p>November 4, 2024</p>{p}\
         <p>Read more: Festival guide</p><p>— A reader (@reader) November 4, 2024</p>{p}\
         <p>Follow us on Twitter and Facebook for more news.</p><p>Sign up for our newsletter to get the news in your inbox.</p></div></body>"
    );
    let t = extract_str(&html).text;
    let paras: Vec<&str> = t.split("\n\n").collect();
    assert_eq!(paras.len(), 4, "{t}");
    assert_eq!(paras[2], "— A reader (@reader) November 4, 2024");
}
