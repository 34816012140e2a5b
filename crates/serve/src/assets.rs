//! The web interface: one HTML page for every view, one script, one style
//! sheet, embedded in the binary. Nothing is fetched from elsewhere.

use crate::App;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, MethodRouter};
use std::sync::Arc;

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/style.css");

async fn page() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], INDEX)
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], APP_JS)
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], STYLE)
}

pub(crate) fn routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<App>>)> {
    vec![
        ("GET", "/", get(page)),
        ("GET", "/article", get(page)),
        ("GET", "/entity", get(page)),
        ("GET", "/events", get(page)),
        ("GET", "/event", get(page)),
        ("GET", "/assets/app.js", get(script)),
        ("GET", "/assets/style.css", get(style)),
    ]
}
