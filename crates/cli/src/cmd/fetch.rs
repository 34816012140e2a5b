//! `fetch` and `watch`: articles and feeds from the web (issue #8).
//!
//! HTTP is `newsgraph_fetch`'s (robots.txt, rate limit, retries,
//! conditional requests); what was fetched goes through `ingest` (HTML
//! extraction, feeds), the pipeline and the store like any input.

use crate::cmd::run::process_and_store;
use crate::exit;
use anyhow::Result;
use newsgraph_doc::Doc;
use newsgraph_fetch::{Client, Config, Outcome, Page, Validators};
use newsgraph_ingest::{feed, html};
use newsgraph_store::{crawl, Store};
use std::time::Duration;

/// How politely to fetch.
#[derive(clap::Args, Debug, Clone)]
pub struct NetArgs {
    /// Requests per second to one host, at most.
    #[arg(long, default_value_t = 1.0, value_parser = parse_rate)]
    pub rate: f64,
    /// The User-Agent header (robots.txt groups are matched on its first word).
    #[arg(long, default_value_t = newsgraph_fetch::default_user_agent())]
    pub user_agent: String,
    /// Timeout of one request (e.g. 30s, 2m).
    #[arg(long, default_value = "30s", value_parser = newsgraph_fetch::parse_interval)]
    pub timeout: Duration,
    /// Retries on network errors, 429 and 5xx (exponential backoff from 1 s,
    /// or the server's Retry-After, at most 60 s).
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
}

/// Download pages and feeds and store their articles.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph fetch https://example.org/news/story.html\n  newsgraph fetch https://example.org/rss.xml --db news.db\n  newsgraph fetch --rate 0.2 --user-agent 'mybot/1.0 (+https://me.example)' URL...\n\n\
A feed's items are stored; an item that carries only a summary has its page fetched.\n\
robots.txt is obeyed; a URL already stored is not downloaded again; a feed is asked for\n\
with the ETag and Last-Modified of the last fetch. Exit status 1 when a URL failed.")]
pub struct FetchArgs {
    /// URLs of pages or feeds (RSS or Atom; recognised by their content).
    #[arg(required = true)]
    pub urls: Vec<String>,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub db: crate::DbArg,
}

/// Poll feeds and store new items as they appear.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  newsgraph watch https://example.org/rss.xml --every 15m\n  newsgraph watch https://a.example/feed https://b.example/atom.xml --every 90s --db news.db\n  newsgraph watch https://example.org/rss.xml --polls 4 --every 1h\n\n\
Runs until interrupted (or --polls polls); what was stored before an interruption is kept.")]
pub struct WatchArgs {
    /// Feed URLs (RSS 2.0, RSS 1.0 or Atom).
    #[arg(required = true)]
    pub feeds: Vec<String>,
    /// Time between polls (e.g. 90s, 15m, 1h).
    #[arg(long, default_value = "15m", value_parser = newsgraph_fetch::parse_interval)]
    pub every: Duration,
    /// Stop after this many polls.
    #[arg(long)]
    pub polls: Option<u64>,
    #[command(flatten)]
    pub net: NetArgs,
    #[command(flatten)]
    pub db: crate::DbArg,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r > 0.0 && r.is_finite() => Ok(r),
        _ => Err(format!("{s:?} is not a positive number of requests per second")),
    }
}

fn client(net: &NetArgs) -> Client {
    let cfg = Config {
        user_agent: net.user_agent.clone(),
        per_host_interval: Duration::from_secs_f64(1.0 / net.rate),
        timeout: net.timeout,
        retries: net.retries,
        ..Config::default()
    };
    Client::new(cfg).with_log(|m| eprintln!("newsgraph: {m}"))
}

/// What one run did.
#[derive(Default)]
struct Tally {
    pages: usize,
    feeds: usize,
    stored: usize,
    not_modified: usize,
    disallowed: usize,
    known: usize,
    errors: usize,
}

impl Tally {
    fn line(&self) -> String {
        format!(
            "{} pages and {} feeds fetched, {} new documents, {} not modified, {} disallowed by robots.txt, {} already stored, {} errors",
            self.pages, self.feeds, self.stored, self.not_modified, self.disallowed, self.known, self.errors
        )
    }
}

struct Fetcher {
    client: Client,
    store: Store,
    tally: Tally,
}

fn validators(v: crawl::Validators) -> Validators {
    Validators { etag: v.etag, last_modified: v.last_modified }
}

fn remembered(p: &Page) -> crawl::Validators {
    crawl::Validators { etag: p.validators.etag.clone(), last_modified: p.validators.last_modified.clone() }
}

impl Fetcher {
    fn open(net: &NetArgs, db: &std::path::Path) -> Result<Fetcher> {
        Ok(Fetcher { client: client(net), store: Store::open(db)?, tally: Tally::default() })
    }

    fn error(&mut self, msg: impl std::fmt::Display) {
        eprintln!("newsgraph: error: {msg}");
        self.tally.errors += 1;
    }

    /// GET a URL with the validators remembered for it; `None` when there
    /// is nothing new (304, robots.txt, an error: reported).
    fn get(&mut self, url: &str) -> Result<Option<Page>> {
        let known = validators(self.store.validators(url)?);
        match self.client.get(url, &known) {
            Ok(Outcome::Fetched(p)) => Ok(Some(p)),
            Ok(Outcome::NotModified) => {
                eprintln!("newsgraph: {url}: not modified");
                self.tally.not_modified += 1;
                Ok(None)
            }
            Ok(Outcome::Disallowed) => {
                self.tally.disallowed += 1;
                Ok(None)
            }
            Err(e) => {
                self.error(e);
                Ok(None)
            }
        }
    }

    /// A page or a feed, told apart by its content.
    fn url(&mut self, url: &str, feed_only: bool) -> Result<()> {
        if !feed_only && self.store.has_url(url)? {
            eprintln!("newsgraph: {url}: already stored");
            self.tally.known += 1;
            return Ok(());
        }
        let Some(page) = self.get(url)? else { return Ok(()) };
        if feed::is_feed(&page.body[..page.body.len().min(4096)]) {
            self.tally.feeds += 1;
            return self.feed(page);
        }
        if feed_only {
            self.error(format!("{url}: not a feed (RSS or Atom)"));
            return Ok(());
        }
        self.tally.pages += 1;
        if let Some(doc) = self.page_doc(&page, None) {
            self.store_docs(vec![(doc, Some(page))])?;
        }
        Ok(())
    }

    /// A fetched HTML page as a document; `item` fills what the page lacks.
    fn page_doc(&mut self, page: &Page, item: Option<&feed::Item>) -> Option<Doc> {
        let mut doc = match html::extract(&page.body) {
            Ok(p) => p.into_doc(),
            Err(m) => {
                self.error(format!("{}: {m}", page.url));
                return None;
            }
        };
        if doc.url.is_none() {
            doc.url = Some(page.final_url.clone());
        }
        if let Some(it) = item {
            doc.title = doc.title.or_else(|| it.title.clone());
            doc.site = it.site.clone().or(doc.site);
            if doc.authors.is_empty() {
                doc.authors = it.authors.clone();
            }
            if doc.published.is_none() {
                if let Some(p) = &it.published {
                    doc.published = Some(p.clone());
                    doc.published_source = Some(newsgraph_doc::DateSource::Metadata);
                }
            }
        }
        Some(doc)
    }

    /// A feed: items with their text are stored as they are; the page of an
    /// item that only has a summary is fetched (the summary is stored when
    /// the page cannot be). Items whose link is stored are passed over.
    fn feed(&mut self, page: Page) -> Result<()> {
        let (items, err) = feed::parse(&page.body);
        if let Some(e) = err {
            self.error(format!("{} (byte {}): {e}", page.url, e.byte));
        }
        let mut docs = Vec::new();
        for item in items {
            if let Some(link) = &item.link {
                if self.store.has_url(link)? {
                    self.tally.known += 1;
                    continue;
                }
            }
            if let (Some(link), true) = (item.link.clone(), item.summary_only) {
                if let Some(p) = self.get(&link)? {
                    self.tally.pages += 1;
                    if let Some(doc) = self.page_doc(&p, Some(&item)) {
                        docs.push((doc, Some(p)));
                        continue;
                    }
                }
            }
            if let Some(doc) = item.into_doc() {
                docs.push((doc, None));
            }
        }
        self.store_docs(docs)?;
        // After the items: a feed cut short by a crash is asked for in full again.
        self.store.remember_fetch(&page.url, &remembered(&page), None)?;
        Ok(())
    }

    /// Run the pipeline on documents, store them, and remember the page of
    /// each (its validators and document).
    fn store_docs(&mut self, docs: Vec<(Doc, Option<Page>)>) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let mut batch = Vec::with_capacity(docs.len());
        let mut pages = Vec::new();
        for (doc, page) in docs {
            if self.store.contains(&doc.id)? {
                self.tally.known += 1;
            } else {
                if let Some(p) = page {
                    pages.push((p, doc.id.clone()));
                }
                batch.push(doc);
            }
        }
        self.tally.stored += process_and_store(&mut self.store, &mut batch)?;
        for (p, id) in pages {
            self.store.remember_fetch(&p.url, &remembered(&p), Some(&id))?;
        }
        Ok(())
    }
}

pub fn fetch(a: FetchArgs) -> Result<u8> {
    let mut f = Fetcher::open(&a.net, &a.db.db)?;
    for url in &a.urls {
        f.url(url, false)?;
    }
    eprintln!("newsgraph: {} into {}", f.tally.line(), a.db.db.display());
    Ok(if f.tally.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}

pub fn watch(a: WatchArgs) -> Result<u8> {
    let mut f = Fetcher::open(&a.net, &a.db.db)?;
    let mut poll = 0u64;
    loop {
        poll += 1;
        let before = f.tally.stored;
        for url in &a.feeds {
            f.url(url, true)?;
        }
        eprintln!("newsgraph: poll {poll}: {} new documents ({})", f.tally.stored - before, f.tally.line());
        if a.polls.is_some_and(|n| poll >= n) {
            break;
        }
        std::thread::sleep(a.every);
    }
    Ok(if f.tally.errors > 0 { exit::BAD_INPUT } else { exit::OK })
}
