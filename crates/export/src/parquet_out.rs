//! Parquet with the `parquet` crate's own column writers (no Arrow): every
//! column OPTIONAL (null where the value is missing), INT64, DOUBLE or UTF8
//! BYTE_ARRAY; uncompressed; row groups of `ROW_GROUP` rows.

use crate::tables::{Cell, Kind, Sink, Table};
use crate::{Result, ROW_GROUP};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

/// One column's buffered values of the current row group.
enum Values {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Text(Vec<ByteArray>),
}

struct Column {
    values: Values,
    /// 1 where the row has a value, 0 where it is null.
    defined: Vec<i16>,
}

pub(crate) struct Parquet<W: Write + Send> {
    writer: Option<SerializedFileWriter<W>>,
    columns: Vec<Column>,
    rows: usize,
}

impl<W: Write + Send> Parquet<W> {
    pub fn new(out: W, table: Table) -> Result<Parquet<W>> {
        let fields: Vec<String> = table
            .columns()
            .iter()
            .map(|(name, kind)| match kind {
                Kind::Int => format!("OPTIONAL INT64 {name};"),
                Kind::Float => format!("OPTIONAL DOUBLE {name};"),
                Kind::Text => format!("OPTIONAL BYTE_ARRAY {name} (UTF8);"),
            })
            .collect();
        let schema = parse_message_type(&format!("message {} {{ {} }}", table.name(), fields.join(" ")))?;
        let props = WriterProperties::builder()
            .set_created_by(format!("newsgraph {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
        let columns = table
            .columns()
            .iter()
            .map(|(_, kind)| Column {
                values: match kind {
                    Kind::Int => Values::Int(Vec::new()),
                    Kind::Float => Values::Float(Vec::new()),
                    Kind::Text => Values::Text(Vec::new()),
                },
                defined: Vec::new(),
            })
            .collect();
        Ok(Parquet { writer: Some(writer), columns, rows: 0 })
    }

    /// Write the buffered rows as one row group.
    fn flush_group(&mut self) -> Result<()> {
        let Some(writer) = self.writer.as_mut() else { return Ok(()) };
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = writer.next_row_group()?;
        for col in &mut self.columns {
            let Some(mut w) = group.next_column()? else { break };
            let def = Some(col.defined.as_slice());
            match &mut col.values {
                Values::Int(v) => {
                    w.typed::<Int64Type>().write_batch(v, def, None)?;
                    v.clear();
                }
                Values::Float(v) => {
                    w.typed::<DoubleType>().write_batch(v, def, None)?;
                    v.clear();
                }
                Values::Text(v) => {
                    w.typed::<ByteArrayType>().write_batch(v, def, None)?;
                    v.clear();
                }
            }
            col.defined.clear();
            w.close()?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }
}

impl<W: Write + Send> Sink for Parquet<W> {
    fn begin(&mut self, _columns: &'static [(&'static str, Kind)]) -> Result<()> {
        Ok(())
    }

    fn row(&mut self, cells: Vec<Cell>) -> Result<()> {
        for (col, cell) in self.columns.iter_mut().zip(cells) {
            let defined = match (&mut col.values, cell) {
                (Values::Int(v), Cell::Int(i)) => {
                    v.push(i);
                    1
                }
                (Values::Float(v), Cell::Float(f)) => {
                    v.push(f);
                    1
                }
                (Values::Float(v), Cell::Int(i)) => {
                    v.push(i as f64);
                    1
                }
                (Values::Text(v), Cell::Text(s)) => {
                    v.push(ByteArray::from(s.into_bytes()));
                    1
                }
                _ => 0,
            };
            col.defined.push(defined);
        }
        self.rows += 1;
        if self.rows == ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_group()?;
        if let Some(w) = self.writer.take() {
            w.close()?;
        }
        Ok(())
    }
}
