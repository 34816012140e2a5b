//! The JSON API under `/api/`. Every list takes `limit` (at most 500, 50 by
//! default) and `offset` and answers `{total, total_capped, limit, offset,
//! items}` (`total_capped`: more match than the count cap; `total` is then a
//! lower bound); filter parameters carry the names of the CLI's flags.

use crate::{App, IngestReport, DEFAULT_LIMIT, MAX_BODY_BYTES, MAX_LIMIT};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use newsgraph_store::views::Period;
use newsgraph_store::{applies, Filter, Scope};
use std::collections::HashMap;
use serde_json::{json, Value};
use std::sync::Arc;

/// An error answer: `{"error": message}` with its status.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
    pub(crate) fn internal(message: String) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn not_found(what: String) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, axum::Json(json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        res
    }
}

type ApiResult = Result<Response, ApiError>;

/// A JSON answer that is never cached.
fn json_ok(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")],
        body,
    )
        .into_response()
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::internal(e.to_string()))
}

/// The query string, pair by pair.
type Raw = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// What a list route reads from its query string: the filter (with the
/// meaning the CLI and `newsgraph_store::Filter` give it), the page, and the
/// route's own parameters.
struct Params {
    filter: Filter,
    page: newsgraph_store::Page,
    /// Whether `limit` or `offset` was given.
    paged: bool,
    own: HashMap<String, String>,
}

/// Parse a query string: `fields` are the filter fields the route takes (a
/// list of `newsgraph_store::applies`; `q` is `text`), `own` its other
/// parameters besides `limit` and `offset`. Unknown, repeated or malformed
/// parameters are a 400; an empty value means "not given".
fn params(raw: Raw, fields: &[&str], own: &[&str]) -> Result<Params, ApiError> {
    let Query(pairs) = raw.map_err(|e| ApiError::bad(format!("bad query parameters: {}", e.body_text())))?;
    let (mut limit, mut offset) = (DEFAULT_LIMIT, 0);
    let mut filter = serde_json::Map::new();
    let mut mine = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for (k, v) in pairs {
        let field = if k == "q" { "text" } else { k.as_str() };
        if !seen.insert(field.to_string()) {
            return Err(ApiError::bad(format!("parameter {k:?} is given twice")));
        }
        let number = |v: &str| v.trim().parse::<usize>().map_err(|_| ApiError::bad(format!("{k} {v:?} is not a whole number")));
        let v = v.trim().to_string();
        match field {
            "limit" => limit = number(&v)?,
            "offset" => offset = number(&v)?,
            _ if own.contains(&field) => {
                mine.insert(k, v);
            }
            _ if fields.contains(&field) => {
                if !v.is_empty() {
                    filter.insert(field.to_string(), Value::String(v));
                }
            }
            _ => {
                let mut takes: Vec<&str> = fields.iter().chain(own).copied().collect();
                takes.extend(["limit", "offset"]);
                return Err(ApiError::bad(format!("unknown parameter {k:?} (this route takes {})", takes.join(", "))));
            }
        }
    }
    if limit > MAX_LIMIT {
        return Err(ApiError::bad(format!("limit {limit} is more than {MAX_LIMIT}")));
    }
    let filter: Filter = serde_json::from_value(Value::Object(filter)).map_err(|e| ApiError::bad(e.to_string()))?;
    filter.check().map_err(ApiError::bad)?;
    let paged = seen.contains("limit") || seen.contains("offset");
    Ok(Params { filter, page: newsgraph_store::Page { limit, offset }, paged, own: mine })
}

/// `{total, total_capped, limit, offset, items}`: when `total_capped`,
/// more rows match than were counted and `total` is a lower bound.
fn page<T: serde::Serialize>(p: newsgraph_store::views::Page<T>, at: newsgraph_store::Page) -> ApiResult {
    let body = json!({ "total": p.total, "total_capped": p.capped, "limit": at.limit, "offset": at.offset, "items": p.items });
    Ok(json_ok(StatusCode::OK, body.to_string()))
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("no such page or route".into())
}

// ---- articles ----

async fn articles(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let p = params(q, applies::ARTICLES, &[])?;
    let at = p.page;
    page(app.read(move |s| s.article_page(&p.filter, at)).await?, at)
}

async fn article(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let key = id.clone();
    let Some(v) = app.read(move |s| s.article_view(&key)).await? else {
        return Err(ApiError::not_found(format!("no article with id {id:?}")));
    };
    let map = |pairs: &[(String, i64)]| -> serde_json::Map<String, Value> {
        pairs.iter().map(|(k, v)| (k.clone(), json!(v))).collect()
    };
    // The record is spliced in as stored, not parsed and printed again.
    let body = format!(
        "{{\"article\":{},\"copy\":{},\"entities\":{},\"events\":{},\"record\":{}}}",
        to_json(&v.article)?,
        to_json(&v.copy)?,
        Value::Object(map(&v.entities)),
        Value::Object(map(&v.events)),
        v.record
    );
    Ok(json_ok(StatusCode::OK, body))
}

/// Constant-time comparison of the token given with the one expected.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn post_articles(State(app): State<Arc<App>>, headers: HeaderMap, body: axum::body::Body) -> ApiResult {
    let (Some(token), Some(ingest)) = (&app.token, &app.ingest) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start the server with --token or NEWSGRAPH_TOKEN to accept articles",
        ));
    };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| same(g.trim().as_bytes(), token.as_bytes())) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "a valid 'Authorization: Bearer <token>' header is required"));
    }
    let too_large = || {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the body is larger than {MAX_BODY_BYTES} bytes"))
    };
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| too_large())?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad("the body is empty: send one article as JSON, or JSONL"));
    }
    let ingest = Arc::clone(ingest);
    let report: IngestReport = tokio::task::spawn_blocking(move || ingest(&bytes))
        .await
        .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")))?
        .map_err(ApiError::internal)?;
    let status = if report.errors.is_empty() {
        if report.stored.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        }
    } else if report.stored.is_empty() && report.skipped.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok(json_ok(status, to_json(&report)?))
}

// ---- entities ----

async fn entities(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let p = params(q, applies::ENTITIES, &[])?;
    let at = p.page;
    let p = app
        .read(move |s| {
            Ok(newsgraph_store::views::Page { total: s.entity_count(&p.filter)?, capped: false, items: s.entities(&p.filter, at)? })
        })
        .await?;
    page(p, at)
}

/// How many entries of a timeline, neighbours of a graph and articles an
/// entity page lists.
const TIMELINE_MAX: usize = 200;
const GRAPH_MAX: usize = 40;
const ARTICLES_MAX: usize = 50;

async fn entity(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let Ok(n) = id.parse::<i64>() else {
        return Err(ApiError::bad(format!("entity id {id:?} is not a number")));
    };
    let found = app
        .read(move |s| {
            let Some((row, aliases, apps)) = s.entity_with(n, ARTICLES_MAX)? else { return Ok(None) };
            Ok(Some((row, aliases, apps, s.entity_timeline(n, TIMELINE_MAX)?, s.entity_graph(n, GRAPH_MAX)?)))
        })
        .await?;
    let Some((row, aliases, apps, timeline, graph)) = found else {
        return Err(ApiError::not_found(format!("no entity {n}")));
    };
    let articles: Vec<Value> = apps
        .iter()
        .map(|a| {
            json!({
                "document": a.document, "published": a.published, "title": a.title, "local_id": a.local_id, "name": a.name,
                "mentions": serde_json::from_str::<Value>(&a.mentions).unwrap_or(Value::Null),
                "roles": serde_json::from_str::<Value>(&a.roles).unwrap_or(Value::Null),
            })
        })
        .collect();
    let body = json!({ "entity": row, "aliases": aliases, "articles": articles, "timeline": timeline, "graph": graph });
    Ok(json_ok(StatusCode::OK, body.to_string()))
}

// ---- statements ----

async fn quotes(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let p = params(q, applies::STATEMENTS, &[])?;
    let at = p.page;
    page(app.read(move |s| s.quote_page(&p.filter, at)).await?, at)
}

// ---- events ----

async fn events(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let p = params(q, applies::EVENTS, &[])?;
    let at = p.page;
    page(app.read(move |s| s.event_page(&p.filter, at)).await?, at)
}

async fn event_counts(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let p = params(q, applies::EVENTS, &["by"])?;
    if p.paged {
        return Err(ApiError::bad("counts are not paginated: drop limit and offset"));
    }
    let by = match p.own.get("by").map(String::as_str) {
        None | Some("") | Some("month") => Period::Month,
        Some("day") => Period::Day,
        Some("year") => Period::Year,
        Some(other) => return Err(ApiError::bad(format!("by {other:?} is not day, month or year"))),
    };
    let buckets = app.read(move |s| s.event_counts(&p.filter, by)).await?;
    let body = json!({ "by": by_name(by), "buckets": buckets });
    Ok(json_ok(StatusCode::OK, body.to_string()))
}

// ---- search ----

/// Full-text search: `q` (FTS5 syntax) over articles, statements or both
/// (`in`), best first, with the filters that apply to each kind.
async fn search(State(app): State<Arc<App>>, q: Raw) -> ApiResult {
    let mut p = params(q, applies::SEARCH, &["in"])?;
    if p.filter.text.is_none() {
        return Err(ApiError::bad("q, the words to search for, is missing"));
    }
    p.filter.scope = match p.own.get("in").map(String::as_str) {
        None | Some("") | Some("all") => Scope::All,
        Some("articles") => Scope::Articles,
        Some("statements") => Scope::Statements,
        Some(other) => return Err(ApiError::bad(format!("in {other:?} is not articles, statements or all"))),
    };
    let at = p.page;
    page(app.read(move |s| s.search_page(&p.filter, at)).await?, at)
}

fn by_name(p: Period) -> &'static str {
    match p {
        Period::Year => "year",
        Period::Month => "month",
        Period::Day => "day",
    }
}

async fn event(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult {
    let Ok(n) = id.parse::<i64>() else {
        return Err(ApiError::bad(format!("event id {id:?} is not a number")));
    };
    match app.read(move |s| s.event_view(n)).await? {
        Some(v) => Ok(json_ok(StatusCode::OK, to_json(&v)?)),
        None => Err(ApiError::not_found(format!("no event {n}"))),
    }
}

// ---- stats ----

async fn stats(State(app): State<Arc<App>>) -> ApiResult {
    let s = app.read(|s| s.stats()).await?;
    Ok(json_ok(StatusCode::OK, to_json(&s)?))
}

pub(crate) fn routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<App>>)> {
    vec![
        ("GET", "/api/articles", get(articles)),
        ("POST", "/api/articles", post(post_articles)),
        ("GET", "/api/articles/{id}", get(article)),
        ("GET", "/api/entities", get(entities)),
        ("GET", "/api/entities/{id}", get(entity)),
        ("GET", "/api/quotes", get(quotes)),
        ("GET", "/api/events", get(events)),
        ("GET", "/api/events/counts", get(event_counts)),
        ("GET", "/api/events/{id}", get(event)),
        ("GET", "/api/search", get(search)),
        ("GET", "/api/stats", get(stats)),
    ]
}
