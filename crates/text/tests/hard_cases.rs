//! The hard cases of English news segmentation, each with a short sentence
//! of our own.

use newsgraph_doc::Doc;
use newsgraph_text::segment;

fn seg(text: &str) -> Doc {
    let mut d = Doc::new(text);
    segment(&mut d);
    d
}

fn toks(text: &str) -> Vec<String> {
    let d = seg(text);
    (0..d.tokens.len()).map(|i| d.token_text(i).to_string()).collect()
}

fn sents(text: &str) -> Vec<String> {
    let d = seg(text);
    d.sentences.iter().map(|s| d.text[s.start as usize..s.end as usize].to_string()).collect()
}

#[track_caller]
fn assert_toks(text: &str, want: &[&str]) {
    assert_eq!(toks(text), want, "tokens of {text:?}");
}

#[track_caller]
fn assert_sents(text: &str, want: &[&str]) {
    assert_eq!(sents(text), want, "sentences of {text:?}");
}

#[test]
fn titles_and_initials() {
    assert_sents(
        "Mr. Smith met Dr. Jones and Sen. Brown. Gov. Lee left early.",
        &["Mr. Smith met Dr. Jones and Sen. Brown.", "Gov. Lee left early."],
    );
    assert_toks("Lt. Gen. Ray Odom spoke.", &["Lt.", "Gen.", "Ray", "Odom", "spoke", "."]);
    assert_sents("Lt. Gen. Ray Odom spoke. He left.", &["Lt. Gen. Ray Odom spoke.", "He left."]);
    assert_toks("J. R. R. Tolkien wrote it.", &["J.", "R.", "R.", "Tolkien", "wrote", "it", "."]);
    assert_sents("J. R. R. Tolkien wrote it. Fans cheered.", &["J. R. R. Tolkien wrote it.", "Fans cheered."]);
    assert_sents("She voted for Plan B. The rest did not.", &["She voted for Plan B.", "The rest did not."]);
}

#[test]
fn initialisms() {
    assert_toks("U.S. and U.N. officials met.", &["U.S.", "and", "U.N.", "officials", "met", "."]);
    assert_sents("U.S. officials met U.N. envoys on Monday.", &["U.S. officials met U.N. envoys on Monday."]);
    // At the end of a sentence the period is a token of its own (as in EWT).
    assert_toks("He flew to the U.S. The trip was short.", &["He", "flew", "to", "the", "U.S", ".", "The", "trip", "was", "short", "."]);
    assert_sents("He flew to the U.S. The trip was short.", &["He flew to the U.S.", "The trip was short."]);
    assert_toks("Acme Inc., a maker of pipes.", &["Acme", "Inc.", ",", "a", "maker", "of", "pipes", "."]);
    assert_toks("e.g. this one", &["e.g.", "this", "one"]);
    assert_sents("He moved to St. Louis. The city grew.", &["He moved to St. Louis.", "The city grew."]);
    assert_sents("He lives on Main St. The house is old.", &["He lives on Main St.", "The house is old."]);
    assert_sents("It opened at 9 a.m. Monday and closed at 5 p.m. The crowd left.", &[
        "It opened at 9 a.m. Monday and closed at 5 p.m.",
        "The crowd left.",
    ]);
}

#[test]
fn dates_and_numbers() {
    assert_sents("The vote is on Jan. 5 in Ohio. It is close.", &["The vote is on Jan. 5 in Ohio.", "It is close."]);
    assert_toks("on Jan. 5", &["on", "Jan.", "5"]);
    assert_toks("He was No. 3 on the list.", &["He", "was", "No.", "3", "on", "the", "list", "."]);
    assert_sents("He was No. 3 on the list. She was first.", &["He was No. 3 on the list.", "She was first."]);
    assert_toks("It cost $1,000.50 or 3.5% more.", &["It", "cost", "$", "1,000.50", "or", "3.5", "%", "more", "."]);
    assert_toks("at 12:30 on 9/11", &["at", "12:30", "on", "9/11"]);
    assert_toks("the 1990-1995 period", &["the", "1990", "-", "1995", "period"]);
    assert_toks("call 555-1234", &["call", "555-1234"]);
    assert_toks("a 15-year term", &["a", "15", "-", "year", "term"]);
    assert_toks("in the '90s", &["in", "the", "'90s"]);
}

#[test]
fn quotes_and_brackets() {
    // Curly quotes.
    assert_sents("“We will win.” The crowd cheered.", &["“We will win.”", "The crowd cheered."]);
    assert_toks("“We will win.”", &["“", "We", "will", "win", ".", "”"]);
    // Straight quotes.
    assert_sents("\"We will win.\" The crowd cheered.", &["\"We will win.\"", "The crowd cheered."]);
    assert_toks("\"We will win.\"", &["\"", "We", "will", "win", ".", "\""]);
    // Mixed: a single-quoted quote inside a double-quoted one.
    assert_sents(
        "“He said ‘no.’” Then he left. 'Fine,' she said.",
        &["“He said ‘no.’”", "Then he left.", "'Fine,' she said."],
    );
    // A question inside a quote followed by the speaker does not end it.
    assert_sents("\"Why now?\" she asked. He shrugged.", &["\"Why now?\" she asked.", "He shrugged."]);
    assert_sents("“Stop!” he shouted.", &["“Stop!” he shouted."]);
    // Final punctuation inside brackets.
    assert_sents("He left. (He was tired.) She stayed.", &["He left.", "(He was tired.)", "She stayed."]);
    assert_toks("(He was tired.)", &["(", "He", "was", "tired", ".", ")"]);
    assert_toks("[sic]", &["[", "sic", "]"]);
}

#[test]
fn paragraphs_and_headlines() {
    // A blank line always ends a sentence, even without punctuation.
    assert_sents("Talks stall in Geneva\n\nDiplomats met again", &["Talks stall in Geneva", "Diplomats met again"]);
    assert_sents("Mr.\n\nSmith", &["Mr.", "Smith"]);
    // A single newline after a line without final punctuation: a headline.
    assert_sents(
        "Putin meets Sharaa in Moscow\nThe two leaders talked for hours.",
        &["Putin meets Sharaa in Moscow", "The two leaders talked for hours."],
    );
    // A wrapped line does not end a sentence.
    assert_sents("The two leaders talked\nfor hours.", &["The two leaders talked\nfor hours."]);
    assert_sents("The leaders of\nRussia and Syria met.", &["The leaders of\nRussia and Syria met."]);
}

#[test]
fn datelines() {
    let text = "MOSCOW, Oct 16 (Reuters) - Russia's president met Syria's leader on Thursday.";
    assert_eq!(
        sents(text),
        ["MOSCOW, Oct 16 (Reuters) -", "Russia's president met Syria's leader on Thursday."]
    );
    assert_toks(
        "MOSCOW, Oct 16 (Reuters) - Russia's",
        &["MOSCOW", ",", "Oct", "16", "(", "Reuters", ")", "-", "Russia", "'s"],
    );
    assert_sents(
        "Talks in Moscow\nMOSCOW (AP) — The talks ended. Both sides spoke.",
        &["Talks in Moscow", "MOSCOW (AP) —", "The talks ended.", "Both sides spoke."],
    );
    assert_sents(
        "NEW YORK, Oct. 16 (Reuters) - Stocks fell.",
        &["NEW YORK, Oct. 16 (Reuters) -", "Stocks fell."],
    );
}

#[test]
fn clitics() {
    assert_toks("I don't know.", &["I", "do", "n't", "know", "."]);
    assert_toks("They can't and won't.", &["They", "ca", "n't", "and", "wo", "n't", "."]);
    assert_toks("Putin's plan", &["Putin", "'s", "plan"]);
    assert_toks("Putin’s plan", &["Putin", "’s", "plan"]);
    assert_toks("we're here, they'll go, I've seen, she'd say, I'm in", &[
        "we", "'re", "here", ",", "they", "'ll", "go", ",", "I", "'ve", "seen", ",", "she", "'d", "say", ",", "I", "'m",
        "in",
    ]);
    assert_toks("isn’t", &["is", "n’t"]);
    assert_toks("the parents' votes", &["the", "parents'", "votes"]);
    assert_toks("O'Brien said", &["O'Brien", "said"]);
    assert_toks("I cannot go", &["I", "can", "not", "go"]);
    assert_toks("gonna win", &["gon", "na", "win"]);
}

#[test]
fn names() {
    assert_toks("Ahmed al-Sharaa spoke.", &["Ahmed", "al-Sharaa", "spoke", "."]);
    assert_toks("Mohammed bin Salman", &["Mohammed", "bin", "Salman"]);
    assert_toks("Juan de la Cruz", &["Juan", "de", "la", "Cruz"]);
    assert_toks("an e-mail about a non-profit", &["an", "e-mail", "about", "a", "non-profit"]);
    assert_toks("a well-known Russian-backed plan", &["a", "well", "-", "known", "Russian", "-", "backed", "plan"]);
    assert_toks("AT&T and PG&E", &["AT&T", "and", "PG&E"]);
}

#[test]
fn urls_and_emails() {
    assert_toks("See https://example.com/a?b=1.", &["See", "https://example.com/a?b=1", "."]);
    assert_toks("(www.example.org)", &["(", "www.example.org", ")"]);
    assert_toks("Write to jane.doe@example.com, please.", &["Write", "to", "jane.doe@example.com", ",", "please", "."]);
    assert_sents("Read it at www.example.org. Then reply.", &["Read it at www.example.org.", "Then reply."]);
}

#[test]
fn dashes_and_ellipses() {
    assert_toks("He left—quietly.", &["He", "left", "—", "quietly", "."]);
    assert_toks("He left -- quietly.", &["He", "left", "--", "quietly", "."]);
    assert_toks("Wait... what?", &["Wait", "...", "what", "?"]);
    assert_toks("Wait…", &["Wait", "…"]);
    assert_sents("Wait... what? No!", &["Wait... what?", "No!"]);
    assert_toks("Really?!", &["Really", "?!"]);
}

#[test]
fn offsets_are_bytes() {
    let d = seg("Über “naïve” café.");
    let spans: Vec<(u32, u32)> = d.tokens.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(0, 5), (6, 9), (9, 15), (15, 18), (19, 24), (24, 25)]);
    assert_eq!(d.token_text(2), "naïve");
}

#[test]
fn other_scripts_and_emoji() {
    assert_toks("Путин сказал: «Да».", &["Путин", "сказал", ":", "«", "Да", "»", "."]);
    assert_toks("Great 👍🏽 news", &["Great", "👍🏽", "news"]);
    assert_toks("news👍", &["news", "👍"]);
}
