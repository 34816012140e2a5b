//! Time expressions: detection and normalization on short sentences of our
//! own, anchored on Thursday 16 October 2025.

use newsgraph_doc::{DateSource, Doc, Timex};
use newsgraph_understand::time;

fn run(text: &str, published: Option<&str>) -> Doc {
    let mut d = Doc::new(text);
    d.published = published.map(str::to_string);
    if published.is_some() {
        d.published_source = Some(DateSource::Metadata);
    }
    newsgraph_text::segment(&mut d);
    time::tag(&mut d);
    d
}

fn tx(text: &str) -> Vec<Timex> {
    run(text, Some("2025-10-16")).timexes
}

/// The (type, value) of the timex whose text is `span`.
fn val(text: &str, span: &str) -> (String, String) {
    let t = tx(text);
    let x = t
        .iter()
        .find(|x| x.text == span)
        .unwrap_or_else(|| panic!("no timex {span:?} in {text:?}: {t:?}"));
    assert_eq!(&text[x.start as usize..x.end as usize], span);
    (x.r#type.clone(), x.value.clone())
}

fn v(text: &str, span: &str) -> String {
    val(text, span).1
}

#[test]
fn issue_examples() {
    assert_eq!(v("The Kremlin confirmed on Thursday that the talks took place.", "Thursday"), "2025-10-16");
    assert_eq!(v("Sharaa travelled to Moscow, meeting Putin in person on Wednesday.", "Wednesday"), "2025-10-15");
    assert_eq!(v("He leads the government that the regime HTS toppled in December.", "December"), "2024-12");
    assert_eq!(v("Officials will meet again this week.", "this week"), "2025-W42");
    assert_eq!(v("The two men met at the United Nations General Assembly in September.", "September"), "2025-09");
}

#[test]
fn tense_decides_months_and_weekdays() {
    assert_eq!(v("The summit will take place in December.", "December"), "2025-12");
    assert_eq!(v("The ministers will meet on Wednesday.", "Wednesday"), "2025-10-22");
    assert_eq!(v("Talks resumed on Monday.", "Monday"), "2025-10-13");
    assert_eq!(v("Elections were held in March.", "March"), "2025-03");
    assert_eq!(v("The deal was signed on Oct. 15.", "Oct. 15"), "2025-10-15");
}

#[test]
fn relative_dates() {
    assert_eq!(v("Prices rose last week.", "last week"), "2025-W41");
    assert_eq!(v("The vote is due next month.", "next month"), "2025-11");
    assert_eq!(v("Sales fell last year.", "last year"), "2024");
    assert_eq!(v("He said this year would be hard.", "this year"), "2025");
    assert_eq!(v("He resigned two days ago.", "two days ago"), "2025-10-14");
    assert_eq!(v("She left three years ago.", "three years ago"), "2022");
    assert_eq!(v("He spoke yesterday.", "yesterday"), "2025-10-15");
    assert_eq!(v("They arrive tomorrow.", "tomorrow"), "2025-10-17");
    assert_eq!(v("Rates rose earlier this month.", "earlier this month"), "2025-10");
    assert_eq!(v("Growth slowed in mid-2024.", "mid-2024"), "2024");
    assert_eq!(v("He met them last Friday.", "last Friday"), "2025-10-10");
    assert_eq!(v("They meet next Tuesday.", "next Tuesday"), "2025-10-21");
    assert_eq!(v("Stocks fell today.", "today"), "2025-10-16");
}

#[test]
fn explicit_dates() {
    assert_eq!(v("It opened on 15 October 2025.", "15 October 2025"), "2025-10-15");
    assert_eq!(v("It opened on 2025-10-15.", "2025-10-15"), "2025-10-15");
    assert_eq!(v("It opened on October 15, 2025, in Rome.", "October 15, 2025"), "2025-10-15");
    assert_eq!(v("It opened in October 2024.", "October 2024"), "2024-10");
    assert_eq!(v("The war began in 2011.", "2011"), "2011");
    assert_eq!(v("Growth was strong in the 1990s.", "the 1990s"), "199");
    assert_eq!(v("Profit rose in the third quarter.", "the third quarter"), "2025-Q3");
    assert_eq!(v("Tourism boomed this summer.", "this summer"), "2025-SU");
}

#[test]
fn times_durations_sets_refs() {
    // A weekday with a part of day: the day, as TimeBank/AQUAINT mostly
    // annotate it; "this morning" keeps the part.
    assert_eq!(val("Fighting raged on Wednesday night.", "Wednesday night"), ("DATE".into(), "2025-10-15".into()));
    assert_eq!(val("Shells fell this morning.", "this morning"), ("TIME".into(), "2025-10-16TMO".into()));
    assert_eq!(val("The vote was at 2 p.m. on Wednesday.", "2 p.m. on Wednesday"), ("TIME".into(), "2025-10-15T14:00".into()));
    assert_eq!(val("The strike lasted three days.", "three days"), ("DURATION".into(), "P3D".into()));
    assert_eq!(val("They talked for two hours.", "two hours"), ("DURATION".into(), "PT2H".into()));
    assert_eq!(val("Prices doubled over the past decade.", "the past decade"), ("DURATION".into(), "P10Y".into()));
    assert_eq!(val("The paper is printed daily.", "daily"), ("SET".into(), "P1D".into()));
    assert_eq!(val("They meet every Monday.", "every Monday"), ("SET".into(), "XXXX-WXX-1".into()));
    assert_eq!(v("Rates are now higher.", "now"), "PRESENT_REF");
    assert_eq!(v("He recently moved.", "recently"), "PAST_REF");
    assert_eq!(v("It may change in the future.", "the future"), "FUTURE_REF");
    assert_eq!(v("They celebrated Christmas with family.", "Christmas"), "2024-12-25");
}

#[test]
fn narrative_anchor() {
    let text = "He moved to Idlib in 2019. Two years later he took power.";
    assert_eq!(v(text, "Two years later"), "2021");
    let text = "The plant closed on March 3, 2020. The next day, workers protested.";
    assert_eq!(v(text, "The next day"), "2020-03-04");
}

#[test]
fn ages_are_not_timexes() {
    assert!(tx("A 5-year-old boy and his 44-year-old father were hurt.").is_empty());
    assert!(tx("The man, 52 years old, was hurt.").is_empty());
}

#[test]
fn no_anchor_leaves_unknown_parts() {
    let d = run("The treaty was signed on Oct. 15 and talks resumed Wednesday. Christmas is quiet.", None);
    let get = |s: &str| d.timexes.iter().find(|t| t.text == s).map(|t| t.value.clone());
    assert_eq!(get("Oct. 15").as_deref(), Some("XXXX-10-15"));
    assert_eq!(get("Wednesday").as_deref(), Some("XXXX-WXX-3"));
    assert_eq!(get("Christmas").as_deref(), Some("XXXX-12-25"));
    assert!(d.published.is_none());
}

#[test]
fn publication_date_from_dateline_and_byline() {
    // A dateline without a year and nothing to anchor it: unknown.
    let d = run("MOSCOW, Oct 16 (Reuters) - The Kremlin said talks went well.", None);
    assert!(d.published.is_none());
    assert_eq!(d.timexes[0].value, "XXXX-10-16");
    // With a full date elsewhere in the text, the year follows it.
    let d = run("MOSCOW, Oct 16 (Reuters) - The Kremlin said the talks of 15 October 2025 went well.", None);
    assert_eq!(d.published.as_deref(), Some("2025-10-16"));
    assert_eq!(d.published_source, Some(DateSource::Dateline));
    assert_eq!(d.timexes[0].value, "2025-10-16");
    assert_eq!(d.timexes[1].value, "2025-10-15");
    // A dateline with a year.
    let d = run("WASHINGTON, October 16, 2025 /PRNewswire/ -- The company said on Wednesday it would expand.", None);
    assert_eq!(d.published.as_deref(), Some("2025-10-16"));
    assert_eq!(d.published_source, Some(DateSource::Dateline));
    assert!(d.timexes.iter().any(|t| t.text == "Wednesday" && t.value == "2025-10-15"));
    // A dated byline.
    let d = run("By Jane Doe | October 16, 2025\n\nThe Kremlin confirmed on Thursday that talks took place.", None);
    assert_eq!(d.published.as_deref(), Some("2025-10-16"));
    assert_eq!(d.published_source, Some(DateSource::Byline));
    assert!(d.timexes.iter().any(|t| t.text == "Thursday" && t.value == "2025-10-16"));
    // Metadata wins and is left alone.
    let d = run("MOSCOW, Oct 16 (Reuters) - Talks ended on Oct. 15, 2024.", Some("2025-10-16T09:00:00Z"));
    assert_eq!(d.published.as_deref(), Some("2025-10-16T09:00:00Z"));
    assert_eq!(d.published_source, Some(DateSource::Metadata));
}

#[test]
fn metadata_dates_in_other_formats() {
    for p in ["Thu, 16 Oct 2025 08:00:00 GMT", "October 16, 2025", "2025-10-16T08:00:00+02:00", "20251016"] {
        let d = run("The Kremlin confirmed on Thursday that talks took place.", Some(p));
        assert_eq!(d.timexes[0].value, "2025-10-16", "{p}");
        assert_eq!(d.published.as_deref(), Some(p));
    }
}

#[test]
fn offsets_are_bytes_on_char_boundaries() {
    let text = "“Café” 🙂 — talks resumed on Wednesday, Zoë said.";
    let t = tx(text);
    assert_eq!(t.len(), 1);
    assert_eq!(&text[t[0].start as usize..t[0].end as usize], "Wednesday");
    assert_eq!(t[0].value, "2025-10-15");
}

#[test]
fn a_dateline_outranks_a_crawl_date() {
    let mut doc = newsgraph_doc::Doc::new("MOSCOW, Oct 16, 2025 (Reuters) - Talks began on Thursday.");
    doc.published = Some("2025-10-18T09:00:00Z".into());
    doc.published_source = Some(newsgraph_doc::DateSource::Crawl);
    newsgraph_text::segment(&mut doc);
    newsgraph_understand::time::tag(&mut doc);
    assert_eq!(doc.published.as_deref(), Some("2025-10-16"));
    assert_eq!(doc.published_source, Some(newsgraph_doc::DateSource::Dateline));
}

#[test]
fn a_fall_of_a_regime_is_no_season_and_since_looks_back() {
    let mut doc = newsgraph_doc::Doc::new("Sharaa met Putin in Moscow, his first trip to Russia since the fall of Bashar al-Assad in December.");
    doc.published = Some("2025-10-16".into());
    newsgraph_text::segment(&mut doc);
    newsgraph_understand::time::tag(&mut doc);
    let got: Vec<(&str, &str)> = doc.timexes.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert_eq!(got, vec![("December", "2024-12")]);
}
