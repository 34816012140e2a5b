//! The JSON API under `/api/`. Every list takes `limit` (at most 500, 50 by
//! default) and `offset` and answers `{total, limit, offset, items}`; filter
//! parameters carry the names of the CLI's flags.

use crate::{App, IngestReport, DEFAULT_LIMIT, MAX_BODY_BYTES, MAX_LIMIT};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use newsgraph_store::views::Period;
use newsgraph_store::{EntityFilter, EventFilter, QuoteFilter};
use serde::Deserialize;
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

/// Query parameters, or a 400 naming what is wrong with them.
fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(v)| v).map_err(|e| ApiError::bad(format!("bad query parameters: {}", e.body_text())))
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct PageParams {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl PageParams {
    fn checked(self) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit > MAX_LIMIT {
            return Err(ApiError::bad(format!("limit {limit} is more than {MAX_LIMIT}")));
        }
        Ok((limit, self.offset.unwrap_or(0)))
    }
}

/// `{total, limit, offset, items}`.
fn page<T: serde::Serialize>(p: newsgraph_store::views::Page<T>, limit: usize, offset: usize) -> ApiResult {
    let body = json!({ "total": p.total, "limit": limit, "offset": offset, "items": p.items });
    Ok(json_ok(StatusCode::OK, body.to_string()))
}

/// An empty text parameter means "not given".
fn given(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A date parameter: YYYY, YYYY-MM or YYYY-MM-DD.
fn date(name: &str, s: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = given(s) else { return Ok(None) };
    let ok = v.len() >= 4
        && v.len() <= 10
        && v.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() })
        && !v.ends_with('-');
    if ok {
        Ok(Some(v))
    } else {
        Err(ApiError::bad(format!("{name} {v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")))
    }
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("no such page or route".into())
}

// ---- articles ----

async fn articles(State(app): State<Arc<App>>, q: Result<Query<PageParams>, QueryRejection>) -> ApiResult {
    let (limit, offset) = params(q)?.checked()?;
    let p = app
        .read(move |s| Ok(newsgraph_store::views::Page { total: s.article_count()?, items: s.articles(&Default::default(), newsgraph_store::Page { limit, offset })? }))
        .await?;
    page(p, limit, offset)
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityParams {
    name: Option<String>,
    country: Option<String>,
    r#type: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entities(State(app): State<Arc<App>>, q: Result<Query<EntityParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = PageParams { limit: p.limit, offset: p.offset }.checked()?;
    let f = EntityFilter { name: given(p.name), country: given(p.country), r#type: given(p.r#type), ..Default::default() };
    let p = app
        .read(move |s| Ok(newsgraph_store::views::Page { total: s.entity_count(&f)?, items: s.entities(&f, newsgraph_store::Page { limit, offset })? }))
        .await?;
    page(p, limit, offset)
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
            let Some((row, aliases, apps)) = s.entity(n)? else { return Ok(None) };
            Ok(Some((row, aliases, apps, s.entity_timeline(n, TIMELINE_MAX)?, s.entity_graph(n, GRAPH_MAX)?)))
        })
        .await?;
    let Some((row, aliases, apps, timeline, graph)) = found else {
        return Err(ApiError::not_found(format!("no entity {n}")));
    };
    let articles: Vec<Value> = apps
        .iter()
        .take(ARTICLES_MAX)
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteParams {
    speaker: Option<String>,
    via: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn quotes(State(app): State<Arc<App>>, q: Result<Query<QuoteParams>, QueryRejection>) -> ApiResult {
    let p = params(q)?;
    let (limit, offset) = PageParams { limit: p.limit, offset: p.offset }.checked()?;
    let f = QuoteFilter {
        speaker: given(p.speaker),
        via: given(p.via),
        since: date("since", p.since)?,
        until: date("until", p.until)?,
        ..Default::default()
    };
    let p = app.read(move |s| s.quote_page(&f, limit, offset)).await?;
    page(p, limit, offset)
}

// ---- events ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventParams {
    actor: Option<String>,
    recipient: Option<String>,
    r#type: Option<String>,
    place: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    /// Only for counts.
    by: Option<Period>,
}

impl EventParams {
    fn filter(&mut self) -> Result<EventFilter, ApiError> {
        Ok(EventFilter {
            actor: given(self.actor.take()),
            recipient: given(self.recipient.take()),
            r#type: given(self.r#type.take()),
            place: given(self.place.take()),
            since: date("since", self.since.take())?,
            until: date("until", self.until.take())?,
            ..Default::default()
        })
    }
}

async fn events(State(app): State<Arc<App>>, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult {
    let mut p = params(q)?;
    if p.by.is_some() {
        return Err(ApiError::bad("`by` belongs to /api/events/counts"));
    }
    let (limit, offset) = PageParams { limit: p.limit, offset: p.offset }.checked()?;
    let f = p.filter()?;
    let p = app.read(move |s| s.event_page(&f, limit, offset)).await?;
    page(p, limit, offset)
}

async fn event_counts(State(app): State<Arc<App>>, q: Result<Query<EventParams>, QueryRejection>) -> ApiResult {
    let mut p = params(q)?;
    if p.limit.is_some() || p.offset.is_some() {
        return Err(ApiError::bad("counts are not paginated: drop limit and offset"));
    }
    let by = p.by.unwrap_or(Period::Month);
    let f = p.filter()?;
    let buckets = app.read(move |s| s.event_counts(&f, by)).await?;
    let body = json!({ "by": by_name(by), "buckets": buckets });
    Ok(json_ok(StatusCode::OK, body.to_string()))
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
        ("GET", "/api/stats", get(stats)),
    ]
}
