//! Copying a whole database between backends (`sitrep db copy --from A --to B`), verified by
//! row counts and a checksum per table computed on both sides.
//!
//! The stored tables are copied row by row in key order; the location indexes (SQLite's
//! R*-trees, PostgreSQL's grid cells) are rebuilt at the destination from the events. Ids are
//! kept, so an event or document has the same id in both databases.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::{Error, PgStore, Result, SqliteStore, is_postgres, merge};

/// A value in a stored row, as both backends hold it.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// What copying one table did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TableCopy {
    /// The table.
    pub table: &'static str,
    /// Rows read from the source.
    pub rows: u64,
    /// Rows found at the destination afterwards.
    pub rows_after: u64,
    /// SHA-256 of the source's rows in key order.
    pub checksum: String,
    /// The same over the destination's rows afterwards.
    pub checksum_after: String,
}

impl TableCopy {
    /// Whether the destination holds exactly what the source does.
    pub fn verified(&self) -> bool {
        self.rows == self.rows_after && self.checksum == self.checksum_after
    }
}

/// A table's copied columns and their types ('i' integer, 'r' real, 't' text), and its order.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, char)],
    order: &'static str,
}

impl Table {
    /// `INSERT INTO table (columns) VALUES (...)`, each value's placeholder written by `mark`
    /// from its 1-based position and the column's type.
    fn insert(&self, mark: impl Fn(usize, char) -> String) -> String {
        let columns: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
        let marks: Vec<String> =
            self.columns.iter().enumerate().map(|(i, c)| mark(i + 1, c.1)).collect();
        format!("INSERT INTO {} ({}) VALUES ({})", self.name, columns.join(", "), marks.join(", "))
    }
}

/// The tables, parents first. `relations` and `times` are ordered by their stored order
/// (SQLite's rowid, PostgreSQL's id), which is not itself copied.
const TABLES: &[Table] = &[
    Table {
        name: "documents",
        columns: &[
            ("id", 'i'),
            ("key", 't'),
            ("content_hash", 't'),
            ("ext_id", 't'),
            ("title", 't'),
            ("source", 't'),
            ("url", 't'),
            ("published", 't'),
            ("language", 't'),
            ("origin", 't'),
            ("text", 't'),
            ("ingested_at", 't'),
        ],
        order: "id",
    },
    Table {
        name: "places",
        columns: &[
            ("id", 't'),
            ("name", 't'),
            ("kind", 't'),
            ("country", 't'),
            ("admin1", 't'),
            ("lat", 'r'),
            ("lon", 'r'),
            ("geonameid", 'i'),
        ],
        order: "id",
    },
    Table {
        name: "actors",
        columns: &[("id", 't'), ("name", 't'), ("kind", 't'), ("country", 't')],
        order: "id",
    },
    Table {
        name: "mentions",
        columns: &[
            ("kind", 't'),
            ("target", 't'),
            ("document", 'i'),
            ("count", 'i'),
            ("spans", 't'),
        ],
        order: "kind, target, document",
    },
    Table {
        name: "relations",
        columns: &[
            ("document", 'i'),
            ("type", 't'),
            ("source", 't'),
            ("target", 't'),
            ("\"start\"", 'i'),
            ("\"end\"", 'i'),
            ("text", 't'),
        ],
        order: "ROWID",
    },
    Table {
        name: "times",
        columns: &[
            ("document", 'i'),
            ("text", 't'),
            ("\"start\"", 'i'),
            ("\"end\"", 'i'),
            ("date_start", 't'),
            ("date_end", 't'),
            ("precision", 't'),
        ],
        order: "ROWID",
    },
    Table {
        name: "events",
        columns: &[
            ("id", 'i'),
            ("type", 't'),
            ("actor1", 't'),
            ("actor2", 't'),
            ("place", 't'),
            ("lat", 'r'),
            ("lon", 'r'),
            ("date_start", 't'),
            ("date_end", 't'),
            ("status", 't'),
            ("reports", 'i'),
            ("documents", 'i'),
            ("sources", 'i'),
            ("first_report", 'i'),
            ("source_names", 't'),
        ],
        order: "id",
    },
    Table {
        name: "reports",
        columns: &[
            ("id", 'i'),
            ("document", 'i'),
            ("seq", 'i'),
            ("event", 'i'),
            ("source", 't'),
            ("json", 't'),
        ],
        order: "id",
    },
    Table { name: "settings", columns: &[("key", 't'), ("value", 't')], order: "key" },
];

/// One end of a copy.
enum End {
    Sqlite(Box<SqliteStore>),
    Pg(Box<PgStore>),
}

impl End {
    fn open(db: &str) -> Result<End> {
        Ok(if is_postgres(db) {
            End::Pg(Box::new(PgStore::connect(db)?))
        } else {
            End::Sqlite(Box::new(SqliteStore::open(std::path::Path::new(db))?))
        })
    }

    fn name(&self) -> String {
        match self {
            End::Sqlite(s) => s.path().to_string(),
            End::Pg(p) => p.url().to_string(),
        }
    }

    fn select(&self, table: &Table) -> String {
        let columns: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
        let order = match (self, table.order) {
            (End::Pg(_), "ROWID") => "id",
            (_, order) => order,
        };
        format!("SELECT {} FROM {} ORDER BY {order}", columns.join(", "), table.name)
    }

    /// Calls `f` with every row of `table` in key order.
    fn for_each_row(
        &mut self,
        table: &Table,
        mut f: impl FnMut(Vec<Cell>) -> Result<()>,
    ) -> Result<()> {
        let sql = self.select(table);
        match self {
            End::Sqlite(s) => {
                let path = s.path().to_string();
                let err = |e: rusqlite::Error| Error::Sqlite { path: path.clone(), source: e };
                let conn = s.connection();
                let mut st = conn.prepare(&sql).map_err(err)?;
                let mut rows = st.query([]).map_err(err)?;
                while let Some(r) = rows.next().map_err(err)? {
                    let mut row = Vec::with_capacity(table.columns.len());
                    for (i, &(_, kind)) in table.columns.iter().enumerate() {
                        use rusqlite::types::ValueRef;
                        row.push(match (r.get_ref(i).map_err(err)?, kind) {
                            (ValueRef::Null, _) => Cell::Null,
                            (ValueRef::Integer(n), 'r') => Cell::Real(n as f64),
                            (ValueRef::Integer(n), _) => Cell::Int(n),
                            (ValueRef::Real(x), _) => Cell::Real(x),
                            (ValueRef::Text(t), _) => {
                                Cell::Text(String::from_utf8_lossy(t).into_owned())
                            }
                            (ValueRef::Blob(b), _) => {
                                Cell::Text(String::from_utf8_lossy(b).into_owned())
                            }
                        });
                    }
                    f(row)?;
                }
            }
            End::Pg(p) => {
                let url = p.url().to_string();
                let err = |e| Error::Postgres { url: url.clone(), source: e };
                let client = p.client();
                let mut rows = client.query_raw(&sql, std::iter::empty::<i32>()).map_err(err)?;
                use postgres::fallible_iterator::FallibleIterator;
                while let Some(r) = rows.next().map_err(err)? {
                    let mut row = Vec::with_capacity(table.columns.len());
                    for (i, &(_, kind)) in table.columns.iter().enumerate() {
                        row.push(match kind {
                            'i' => {
                                let ty = r.columns()[i].type_();
                                let n: Option<i64> = if *ty == postgres::types::Type::INT4 {
                                    r.try_get::<_, Option<i32>>(i).map_err(err)?.map(i64::from)
                                } else {
                                    r.try_get(i).map_err(err)?
                                };
                                n.map_or(Cell::Null, Cell::Int)
                            }
                            'r' => r
                                .try_get::<_, Option<f64>>(i)
                                .map_err(err)?
                                .map_or(Cell::Null, Cell::Real),
                            _ => r
                                .try_get::<_, Option<String>>(i)
                                .map_err(err)?
                                .map_or(Cell::Null, Cell::Text),
                        });
                    }
                    f(row)?;
                }
            }
        }
        Ok(())
    }

    fn count_documents(&mut self) -> Result<u64> {
        use crate::Store;
        Ok(match self {
            End::Sqlite(s) => s.counts()?.documents,
            End::Pg(p) => p.counts()?.documents,
        })
    }
}

/// A running SHA-256 over rows, each cell tagged with its type so "1" and 1 differ.
struct Checksum {
    hash: Sha256,
    rows: u64,
    buf: String,
}

impl Checksum {
    fn new() -> Checksum {
        Checksum { hash: Sha256::new(), rows: 0, buf: String::new() }
    }

    fn add(&mut self, row: &[Cell]) {
        self.buf.clear();
        for c in row {
            let _ = match c {
                Cell::Null => write!(self.buf, "N;"),
                Cell::Int(n) => write!(self.buf, "I{n};"),
                Cell::Real(x) => write!(self.buf, "R{:016x};", x.to_bits()),
                Cell::Text(t) => write!(self.buf, "T{}:{t};", t.len()),
            };
        }
        self.buf.push('\n');
        self.hash.update(self.buf.as_bytes());
        self.rows += 1;
    }

    fn finish(self) -> (u64, String) {
        let digest = self.hash.finalize();
        let mut hex = String::with_capacity(64);
        for b in digest {
            let _ = write!(hex, "{b:02x}");
        }
        (self.rows, hex)
    }
}

/// Copies everything the database `from` holds into the empty database `to` (each an SQLite
/// path or a PostgreSQL URL), then reads the destination back and compares row counts and
/// checksums per table. `progress` hears each table's name as it starts.
pub fn copy(from: &str, to: &str, progress: &dyn Fn(&str)) -> Result<Vec<TableCopy>> {
    let mut source = End::open(from)?;
    let mut dest = End::open(to)?;
    let held = dest.count_documents()?;
    if held > 0 {
        return Err(Error::Corrupt {
            path: dest.name(),
            detail: format!("holds {held} documents already; copy into an empty database"),
        });
    }
    let mut out = Vec::new();
    match &mut dest {
        End::Sqlite(d) => {
            let path = d.path().to_string();
            let err = |e: rusqlite::Error| Error::Sqlite { path: path.clone(), source: e };
            let tx = d.connection().transaction().map_err(err)?;
            for table in TABLES {
                progress(table.name);
                let sql = table.insert(|i, _| format!("?{i}"));
                let mut insert = tx.prepare(&sql).map_err(err)?;
                let mut sum = Checksum::new();
                source.for_each_row(table, |row| {
                    sum.add(&row);
                    let values: Vec<rusqlite::types::Value> = row
                        .into_iter()
                        .map(|c| match c {
                            Cell::Null => rusqlite::types::Value::Null,
                            Cell::Int(n) => rusqlite::types::Value::Integer(n),
                            Cell::Real(x) => rusqlite::types::Value::Real(x),
                            Cell::Text(t) => rusqlite::types::Value::Text(t),
                        })
                        .collect();
                    insert.execute(rusqlite::params_from_iter(values)).map_err(err)?;
                    Ok(())
                })?;
                out.push((table, sum.finish()));
            }
            crate::sqlite::rebuild_locations(&tx).map_err(err)?;
            tx.commit().map_err(err)?;
        }
        End::Pg(d) => {
            let url = d.url().to_string();
            let err = |e| Error::Postgres { url: url.clone(), source: e };
            let mut tx = d.client().transaction().map_err(err)?;
            for table in TABLES {
                progress(table.name);
                // Integer columns are INTEGER or BIGINT; send BIGINT and let the server
                // narrow it.
                let sql = table.insert(|i, kind| match kind {
                    'i' => format!("${i}::bigint"),
                    'r' => format!("${i}::float8"),
                    _ => format!("${i}::text"),
                });
                let insert = tx.prepare(&sql).map_err(err)?;
                let mut sum = Checksum::new();
                source.for_each_row(table, |row| {
                    sum.add(&row);
                    let values: Vec<Box<dyn postgres::types::ToSql + Sync>> = row
                        .into_iter()
                        .zip(table.columns)
                        .map(|(c, &(_, kind))| -> Box<dyn postgres::types::ToSql + Sync> {
                            match (c, kind) {
                                (Cell::Null, 'i') => Box::new(None::<i64>),
                                (Cell::Null, 'r') => Box::new(None::<f64>),
                                (Cell::Null, _) => Box::new(None::<String>),
                                (Cell::Int(n), 'r') => Box::new(n as f64),
                                (Cell::Int(n), _) => Box::new(n),
                                (Cell::Real(x), _) => Box::new(x),
                                (Cell::Text(t), _) => Box::new(t),
                            }
                        })
                        .collect();
                    let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
                        values.iter().map(|v| v.as_ref()).collect();
                    tx.execute(&insert, &params).map_err(err)?;
                    Ok(())
                })?;
                out.push((table, sum.finish()));
            }
            crate::postgres::rebuild_locations(&mut tx).map_err(err)?;
            tx.commit().map_err(err)?;
        }
    }
    // Read the destination back.
    let mut reports = Vec::new();
    for (table, (rows, checksum)) in out {
        let mut sum = Checksum::new();
        dest.for_each_row(table, |row| {
            sum.add(&row);
            Ok(())
        })?;
        let (rows_after, checksum_after) = sum.finish();
        reports.push(TableCopy { table: table.name, rows, rows_after, checksum, checksum_after });
    }
    Ok(reports)
}

/// Whether a stored event may take more reports, from its first report and its place's kind.
pub(crate) fn mergeable(
    json: &str,
    place_kind: Option<&str>,
    settings: &merge::MergeSettings,
) -> bool {
    serde_json::from_str::<sitrep::events::Event>(json)
        .is_ok_and(|e| settings.enabled && merge::precise_enough(&e, place_kind))
}
