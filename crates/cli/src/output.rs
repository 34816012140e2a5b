//! Data output in the formats every data command offers.

use clap::ValueEnum;
use serde_json::Value;
use std::io::{self, IsTerminal, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

impl Format {
    /// The given format, else a table on a terminal and JSONL elsewhere.
    pub fn or_default(f: Option<Format>) -> Format {
        f.unwrap_or(if io::stdout().is_terminal() { Format::Table } else { Format::Jsonl })
    }
}

/// Write rows (JSON objects) with the given columns.
pub fn write_rows(out: &mut dyn Write, format: Format, columns: &[&str], rows: &[Value]) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            writeln!(out, "{}", columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))?;
            for r in rows {
                let line: Vec<String> = columns.iter().map(|c| csv_field(&cell(r, c))).collect();
                writeln!(out, "{}", line.join(","))?;
            }
            Ok(())
        }
        Format::Table => {
            let cells: Vec<Vec<String>> =
                rows.iter().map(|r| columns.iter().map(|c| truncate(&cell(r, c), 60)).collect()).collect();
            let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |vals: Vec<&str>| {
                vals.iter().zip(&widths).map(|(v, w)| format!("{v:<w$}", w = *w)).collect::<Vec<_>>().join("  ")
            };
            writeln!(out, "{}", line(columns.to_vec()).trim_end())?;
            for row in &cells {
                writeln!(out, "{}", line(row.iter().map(String::as_str).collect()).trim_end())?;
            }
            Ok(())
        }
    }
}

fn cell(row: &Value, col: &str) -> String {
    match row.get(col) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
