//! Polite HTTP(S) fetching: one GET at a time with a clear User-Agent,
//! robots.txt fetched once per host and obeyed, at most one request per
//! host per interval, retries with exponential backoff on network errors,
//! 429 and 5xx (honouring `Retry-After`, capped), conditional requests
//! (`If-None-Match`, `If-Modified-Since`) and redirects followed hop by hop
//! (each hop is checked against robots.txt and the rate limit).
//!
//! Knows nothing of articles or databases: callers pass the validators they
//! remember and get back the new ones.

pub mod robots;

pub use robots::Robots;

use std::collections::HashMap;
use std::io::Read;
use std::time::{Duration, Instant};

/// The User-Agent sent unless the caller sets another.
pub fn default_user_agent() -> String {
    format!("newsgraph/{} (+https://github.com/newsgraph)", env!("CARGO_PKG_VERSION"))
}

/// How to fetch.
#[derive(Clone, Debug)]
pub struct Config {
    pub user_agent: String,
    /// Least time between two requests to one host.
    pub per_host_interval: Duration,
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// Retries after the first attempt on network errors, 429 and 5xx.
    pub retries: u32,
    /// First backoff; doubled on each retry.
    pub backoff: Duration,
    /// Longest wait for a retry, whatever `Retry-After` says.
    pub max_wait: Duration,
    /// Largest body read; a larger one is an error.
    pub max_bytes: u64,
    pub obey_robots: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: default_user_agent(),
            per_host_interval: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
            max_bytes: 32 << 20,
            obey_robots: true,
        }
    }
}

/// What a server said a resource's version is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A 2xx response.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered, after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub validators: Validators,
}

/// What a GET came to.
#[derive(Clone, Debug)]
pub enum Outcome {
    Fetched(Page),
    /// 304: the version remembered is current.
    NotModified,
    /// robots.txt disallows the URL (or a redirect target); nothing was asked.
    Disallowed,
}

/// A URL that could not be fetched.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{url}: {message}")]
pub struct FetchError {
    pub url: String,
    pub message: String,
    /// The last HTTP status, when there was an answer.
    pub status: Option<u16>,
}

/// Counts for a summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// HTTP requests sent, robots.txt included.
    pub requests: usize,
    pub retries: usize,
    pub robots_fetched: usize,
}

/// A polite client. Keeps robots.txt rules and the time of the last request
/// of each host for its lifetime.
pub struct Client {
    agent: ureq::Agent,
    cfg: Config,
    last: HashMap<String, Instant>,
    robots: HashMap<String, Robots>,
    counts: Counts,
    /// Where progress lines go (stderr in the command line).
    log: Box<dyn FnMut(&str) + Send>,
}

const MAX_REDIRECTS: usize = 5;

enum Attempt {
    Done(Outcome),
    Redirect(String),
}

impl Client {
    pub fn new(cfg: Config) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(cfg.timeout))
            .user_agent(cfg.user_agent.as_str())
            .build()
            .into();
        Client { agent, cfg, last: HashMap::new(), robots: HashMap::new(), counts: Counts::default(), log: Box::new(|_| {}) }
    }

    /// Report retries and robots.txt decisions through `log`.
    pub fn with_log(mut self, log: impl FnMut(&str) + Send + 'static) -> Client {
        self.log = Box::new(log);
        self
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// GET `url`, conditionally when `known` holds validators.
    pub fn get(&mut self, url: &str, known: &Validators) -> Result<Outcome, FetchError> {
        let mut current = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let parsed = parse_url(&current)?;
            if self.cfg.obey_robots && !self.robots_for(&parsed).allowed(&path_and_query(&parsed)) {
                (self.log)(&format!("{current}: disallowed by robots.txt; not fetched"));
                return Ok(Outcome::Disallowed);
            }
            // Validators belong to the URL asked for, not to redirect targets.
            let v = if current == url { known } else { &Validators::default() };
            match self.attempt(&parsed, v, self.cfg.max_bytes)? {
                Attempt::Done(Outcome::Fetched(mut p)) => {
                    p.url = url.to_string();
                    return Ok(Outcome::Fetched(p));
                }
                Attempt::Done(o) => return Ok(o),
                Attempt::Redirect(to) => current = to,
            }
        }
        Err(FetchError { url: url.into(), message: format!("more than {MAX_REDIRECTS} redirects"), status: None })
    }

    /// The robots.txt rules of a URL's host, fetched on first use: 2xx is
    /// parsed, 4xx allows everything, 5xx or no answer disallows everything.
    fn robots_for(&mut self, u: &url::Url) -> &Robots {
        let key = host_key(u);
        if !self.robots.contains_key(&key) {
            let robots_url = format!("{}://{}/robots.txt", u.scheme(), host_port(u));
            self.counts.robots_fetched += 1;
            let rules = match parse_url(&robots_url).and_then(|ru| self.attempt(&ru, &Validators::default(), 512 << 10)) {
                Ok(Attempt::Done(Outcome::Fetched(p))) => Robots::parse(&String::from_utf8_lossy(&p.body), &self.cfg.user_agent),
                // A redirect (to a login page, say) or a 4xx: no rules.
                Ok(_) => Robots::allow_all(),
                Err(e) if e.status.is_some_and(|s| (400..500).contains(&s)) => Robots::allow_all(),
                Err(e) => {
                    (self.log)(&format!("{robots_url}: unavailable ({}); nothing is fetched from {key}", e.message));
                    Robots::disallow_all()
                }
            };
            self.robots.insert(key.clone(), rules);
        }
        &self.robots[&key]
    }

    /// One request with its retries; a 3xx with a Location is handed back.
    fn attempt(&mut self, u: &url::Url, known: &Validators, max_bytes: u64) -> Result<Attempt, FetchError> {
        let url = u.as_str().to_string();
        let mut tries = 0u32;
        loop {
            self.wait_turn(u);
            self.counts.requests += 1;
            let mut req = self.agent.get(&url);
            if let Some(e) = &known.etag {
                req = req.header("If-None-Match", e.as_str());
            }
            if let Some(m) = &known.last_modified {
                req = req.header("If-Modified-Since", m.as_str());
            }
            let (retry, wait, err) = match req.call() {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
                    match status {
                        200..=299 => {
                            let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
                            let content_type = header("content-type");
                            let mut body = Vec::new();
                            let read = resp.body_mut().as_reader().take(max_bytes + 1).read_to_end(&mut body);
                            match read {
                                Ok(n) if n as u64 > max_bytes => {
                                    return Err(FetchError { url, message: format!("body is over the {max_bytes}-byte limit"), status: Some(status) })
                                }
                                Ok(_) => {
                                    return Ok(Attempt::Done(Outcome::Fetched(Page {
                                        url: url.clone(),
                                        final_url: url,
                                        status,
                                        content_type,
                                        body,
                                        validators,
                                    })))
                                }
                                Err(e) => (true, None, FetchError { url: url.clone(), message: format!("reading the body: {e}"), status: Some(status) }),
                            }
                        }
                        304 => return Ok(Attempt::Done(Outcome::NotModified)),
                        301 | 302 | 303 | 307 | 308 => {
                            let Some(loc) = header("location") else {
                                return Err(FetchError { url, message: format!("HTTP {status} without a Location"), status: Some(status) });
                            };
                            let to = u.join(&loc).map_err(|e| FetchError { url: url.clone(), message: format!("bad redirect {loc:?}: {e}"), status: Some(status) })?;
                            return Ok(Attempt::Redirect(to.to_string()));
                        }
                        429 | 500..=599 => {
                            let wait = header("retry-after").and_then(|v| retry_after(&v));
                            (true, wait, FetchError { url: url.clone(), message: format!("HTTP {status}"), status: Some(status) })
                        }
                        _ => return Err(FetchError { url, message: format!("HTTP {status}"), status: Some(status) }),
                    }
                }
                Err(e) => (true, None, FetchError { url: url.clone(), message: e.to_string(), status: None }),
            };
            if !retry || tries >= self.cfg.retries {
                let message = if tries > 0 { format!("{} (after {} retries)", err.message, tries) } else { err.message };
                return Err(FetchError { message, ..err });
            }
            let backoff = self.cfg.backoff.saturating_mul(1 << tries.min(16));
            let wait = wait.unwrap_or(backoff).min(self.cfg.max_wait);
            (self.log)(&format!("{url}: {}; retrying in {:.1} s", err.message, wait.as_secs_f64()));
            std::thread::sleep(wait);
            tries += 1;
            self.counts.retries += 1;
        }
    }

    /// Sleep until the host's interval since its last request has passed.
    fn wait_turn(&mut self, u: &url::Url) {
        let key = host_key(u);
        if let Some(t) = self.last.get(&key) {
            let next = *t + self.cfg.per_host_interval;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        self.last.insert(key, Instant::now());
    }
}

fn parse_url(s: &str) -> Result<url::Url, FetchError> {
    let u = url::Url::parse(s.trim()).map_err(|e| FetchError { url: s.into(), message: format!("not a URL: {e}"), status: None })?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(FetchError { url: s.into(), message: "only http and https URLs are fetched".into(), status: None });
    }
    if u.host_str().is_none() {
        return Err(FetchError { url: s.into(), message: "no host".into(), status: None });
    }
    Ok(u)
}

fn host_port(u: &url::Url) -> String {
    match u.port() {
        Some(p) => format!("{}:{p}", u.host_str().unwrap_or("")),
        None => u.host_str().unwrap_or("").to_string(),
    }
}

/// Rate limits and robots.txt are per scheme, host and port.
fn host_key(u: &url::Url) -> String {
    format!("{}://{}", u.scheme(), host_port(u))
}

fn path_and_query(u: &url::Url) -> String {
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// `90s`, `15m`, `1h`, `2d` (a bare number is seconds) as a duration.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len()));
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not an interval (e.g. 90s, 15m, 1h)"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => return Err(format!("{s:?} is not an interval (e.g. 90s, 15m, 1h)")),
    };
    if !(secs.is_finite() && secs >= 0.0) {
        return Err(format!("{s:?} is not an interval (e.g. 90s, 15m, 1h)"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_and_retry_after() {
        assert_eq!(parse_interval("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_interval("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_interval("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_interval("soon").is_err() && parse_interval("5 weeks").is_err() && parse_interval("").is_err());
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(retry_after("later"), None);
    }

    #[test]
    fn urls_are_checked() {
        assert!(parse_url("ftp://example.org/x").unwrap_err().message.contains("http"));
        assert!(parse_url("not a url").is_err());
        let u = parse_url("https://example.org:8443/a/b?c=1").unwrap();
        assert_eq!((host_key(&u), path_and_query(&u)), ("https://example.org:8443".to_string(), "/a/b?c=1".to_string()));
    }
}
