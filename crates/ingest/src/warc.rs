//! WARC files (ISO 28500; WARC/1.0 and 1.1), plain or gzipped, read record
//! by record: memory holds one record at a time, whatever the file's size.
//!
//! Only `response` records with an HTML payload become articles: the HTTP
//! status line and headers are parsed, a chunked body is de-chunked and a
//! gzip or deflate content encoding is undone. `WARC-Target-URI` becomes the
//! article's URL and `WARC-Date` its fallback publication date.

use std::io::{self, BufRead, Read};

/// Largest record block read into memory; larger records are skipped.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// One WARC record's header fields of interest and its block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// 1-based position in the file.
    pub number: u64,
    pub record_type: String,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub content_type: Option<String>,
    pub block: Vec<u8>,
}

/// A problem with one record: its number and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcError {
    pub record: u64,
    pub message: String,
    /// Whether reading can go on with the next record.
    pub recoverable: bool,
}

/// Reads records in order. After garbage between records, or a header
/// without a valid Content-Length, it skips to the next line that starts a
/// record; after an I/O or decompression error it stops.
pub struct Reader<R: BufRead> {
    r: R,
    number: u64,
    done: bool,
    line: Vec<u8>,
    /// A record read after garbage, returned after the garbage's error.
    pending: Option<Record>,
    /// Skip lines up to the next version line (after a bad header).
    resync: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(r: R) -> Self {
        Reader { r, number: 0, done: false, line: Vec::new(), pending: None, resync: false }
    }

    fn read_line(&mut self) -> io::Result<usize> {
        self.line.clear();
        let n = (&mut self.r).take(64 << 10).read_until(b'\n', &mut self.line)?;
        Ok(n)
    }

    fn fail(&mut self, message: String, recoverable: bool) -> Option<Result<Record, WarcError>> {
        if !recoverable {
            self.done = true;
        }
        Some(Err(WarcError { record: self.number, message, recoverable }))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(rec) = self.pending.take() {
            return Some(Ok(rec));
        }
        if self.done {
            return None;
        }
        // Find the version line, skipping blank lines between records.
        loop {
            match self.read_line() {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => return self.fail(format!("read error: {e}"), false),
            }
            let l = trim_eol(&self.line);
            if self.resync {
                // The block of a record whose length is unknown: pass it over.
                if l.starts_with(b"WARC/") {
                    self.resync = false;
                    self.number += 1;
                    break;
                }
                continue;
            }
            if l.is_empty() {
                continue;
            }
            self.number += 1;
            if l.starts_with(b"WARC/") {
                break;
            }
            // Resynchronize: skip lines until the next record starts.
            let msg = format!("expected a WARC version line, found {:?}", String::from_utf8_lossy(&l[..l.len().min(40)]));
            loop {
                match self.read_line() {
                    Ok(0) => {
                        self.done = true;
                        break;
                    }
                    Ok(_) if self.line.starts_with(b"WARC/") => {
                        // Put the record back together: parse it on the next call.
                        return Some(self.parse_after_version(Some(msg)));
                    }
                    Ok(_) => {}
                    Err(e) => return self.fail(format!("read error: {e}"), false),
                }
            }
            return self.fail(msg, false);
        }
        Some(self.parse_after_version(None))
    }
}

impl<R: BufRead> Reader<R> {
    /// Parse header fields and block after a version line. `skipped` reports
    /// garbage found before this record: the record is still read, and the
    /// garbage is reported as an error first.
    fn parse_after_version(&mut self, skipped: Option<String>) -> Result<Record, WarcError> {
        let number = self.number;
        let mut rec = Record { number, ..Record::default() };
        let mut length: Option<u64> = None;
        loop {
            match self.read_line() {
                Ok(0) => return Err(WarcError { record: number, message: "truncated header".into(), recoverable: false }),
                Ok(_) => {}
                Err(e) => return Err(WarcError { record: number, message: format!("read error: {e}"), recoverable: false }),
            }
            let l = trim_eol(&self.line);
            if l.is_empty() {
                break;
            }
            let Some(colon) = l.iter().position(|&b| b == b':') else { continue };
            let name = String::from_utf8_lossy(&l[..colon]).trim().to_ascii_lowercase();
            let value = String::from_utf8_lossy(&l[colon + 1..]).trim().to_string();
            match name.as_str() {
                "warc-type" => rec.record_type = value,
                "warc-target-uri" => rec.target_uri = Some(value.trim_matches(|c| c == '<' || c == '>').to_string()),
                "warc-date" => rec.date = Some(value),
                "content-type" => rec.content_type = Some(value),
                "content-length" => length = value.parse().ok(),
                _ => {}
            }
        }
        let Some(len) = length else {
            self.resync = true;
            return Err(WarcError { record: number, message: "no valid Content-Length; skipped to the next record".into(), recoverable: true });
        };
        if len > MAX_RECORD_BYTES {
            let skipped = io::copy(&mut (&mut self.r).take(len), &mut io::sink()).unwrap_or(0);
            return Err(WarcError {
                record: number,
                message: format!("record of {len} bytes is over the {MAX_RECORD_BYTES}-byte limit; skipped"),
                recoverable: skipped == len,
            });
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut self.r).take(len).read_to_end(&mut block) {
            Ok(n) if n as u64 == len => {}
            Ok(n) => {
                return Err(WarcError { record: number, message: format!("truncated: {n} of {len} bytes"), recoverable: false })
            }
            Err(e) => return Err(WarcError { record: number, message: format!("read error: {e}"), recoverable: false }),
        }
        rec.block = block;
        if let Some(msg) = skipped {
            self.pending = Some(rec);
            return Err(WarcError { record: number, message: msg, recoverable: true });
        }
        Ok(rec)
    }
}

fn trim_eol(l: &[u8]) -> &[u8] {
    let mut e = l.len();
    while e > 0 && (l[e - 1] == b'\n' || l[e - 1] == b'\r') {
        e -= 1;
    }
    &l[..e]
}

/// The HTML body of an HTTP response block, or why there is none (`None`:
/// not HTML, not a success, not a response).
pub fn html_body(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(end) = find(block, b"\r\n\r\n").map(|i| i + 4).or_else(|| find(block, b"\n\n").map(|i| i + 2)) else {
        return Err("no end of HTTP headers".into());
    };
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let (mut html, mut chunked, mut encoding) = (false, false, String::new());
    for l in lines {
        let Some((k, v)) = l.split_once(':') else { continue };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => html = v.contains("html"),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = v,
            _ => {}
        }
    }
    if !html {
        return Ok(None);
    }
    let mut body = block[end..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or("malformed chunked body")?;
    }
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let res = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..]).take(MAX_RECORD_BYTES).read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..]).take(MAX_RECORD_BYTES).read_to_end(&mut out)
        };
        res.map_err(|e| format!("content encoding {encoding}: {e}"))?;
        body = out;
    }
    Ok(Some(body))
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = find(b, b"\r\n")?;
        let size_hex = std::str::from_utf8(&b[..nl]).ok()?.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        b = &b[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-10-16T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn records_in_order_with_resync_after_garbage() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>";
        let mut data = record("warcinfo", "", b"software: test");
        data.extend(record("response", "https://example.org/a", page));
        data.extend(b"garbage line\r\nmore\r\n");
        data.extend(record("response", "https://example.org/b", page));
        let out: Vec<_> = Reader::new(&data[..]).collect();
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].as_ref().unwrap().target_uri.as_deref(), Some("https://example.org/a"));
        let e = out[2].as_ref().unwrap_err();
        assert!(e.recoverable && e.message.contains("expected a WARC version line"), "{e:?}");
        assert_eq!(out[3].as_ref().unwrap().target_uri.as_deref(), Some("https://example.org/b"), "the record after the garbage is kept");
        assert_eq!(html_body(&out[1].as_ref().unwrap().block).unwrap().unwrap(), b"<p>Hello</p>");
    }

    #[test]
    fn bodies_chunked_gzipped_or_not_html() {
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n4\r\n</p>\r\n0\r\n\r\n";
        assert_eq!(html_body(chunked).unwrap().unwrap(), b"<p>Hi</p>");
        let mut gz = Vec::new();
        {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::fast());
            e.write_all(b"<p>Zipped</p>").unwrap();
        }
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz);
        assert_eq!(html_body(&block).unwrap().unwrap(), b"<p>Zipped</p>");
        assert_eq!(html_body(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nx").unwrap(), None);
        assert_eq!(html_body(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nx").unwrap(), None);
        assert!(html_body(b"no headers").is_err());
    }

    #[test]
    fn truncated_records_stop_the_file() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello</p>";
        let mut data = record("response", "https://example.org/a", page);
        let full = record("response", "https://example.org/b", page);
        data.extend(&full[..full.len() - 20]);
        let out: Vec<_> = Reader::new(&data[..]).collect();
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let e = out[1].as_ref().unwrap_err();
        assert!(!e.recoverable && e.message.contains("truncated"), "{e:?}");
    }
}
