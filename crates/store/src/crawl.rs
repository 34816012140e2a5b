//! What `fetch` and `watch` remember between runs: validators (ETag,
//! Last-Modified) and the URLs already stored (issue #8).
