//! ACLED rows: each row's `notes` is a document published on its `event_date`; the best place
//! sitrep finds in it is compared with the row's coordinates, split by `geo_precision` (1: the
//! town itself, 2: near a town, 3: only a region known).

use std::path::Path;

use serde::Serialize;

use super::{Error, ratio};
use crate::gazetteer::distance_km;
use crate::{Document, Extractor};

/// Figures for one `geo_precision` value (or "all").
#[derive(Clone, Debug, Serialize)]
pub struct PrecisionRow {
    /// "1", "2", "3" or "all".
    pub geo_precision: String,
    /// Rows.
    pub rows: usize,
    /// Share of rows where no place was found.
    pub no_place: f64,
    /// Share of rows whose best place lies within 25 km of the row's coordinates.
    pub within_25km: f64,
    /// Share within 161 km.
    pub within_161km: f64,
}

/// Scores on an ACLED file.
#[derive(Clone, Debug, Serialize)]
pub struct AcledReport {
    /// The file.
    pub path: String,
    /// Rows read.
    pub rows: usize,
    /// Per geo_precision, then all rows.
    pub by_precision: Vec<PrecisionRow>,
    /// The first rows whose best place is missing or more than 161 km off: notes, the place
    /// found and the distance.
    pub failures: Vec<String>,
}

/// One ACLED row, with the columns sitrep reads.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AcledRow {
    /// "31 March 2018".
    pub event_date: String,
    /// 1, 2 or 3.
    pub geo_precision: String,
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
    /// The event description.
    pub notes: String,
    /// Primary actor.
    #[serde(default)]
    pub actor1: String,
    /// Target actor.
    #[serde(default)]
    pub actor2: String,
    /// Country.
    #[serde(default)]
    pub country: String,
}

/// Reads the rows of an ACLED CSV export.
pub fn read_rows(path: &Path) -> Result<Vec<AcledRow>, Error> {
    let shown = path.display().to_string();
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| Error::Format { path: shown.clone(), message: e.to_string() })?;
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize::<AcledRow>().enumerate() {
        rows.push(row.map_err(|e| Error::Format {
            path: format!("{shown}: record {}", i + 1),
            message: e.to_string(),
        })?);
    }
    Ok(rows)
}

/// "31 March 2018" → "2018-03-31".
pub fn acled_date(s: &str) -> Option<String> {
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.to_ascii_lowercase().as_str() {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    };
    let year: u32 = parts.next()?.parse().ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Scores extraction on an ACLED file.
pub fn evaluate(extractor: &Extractor, path: &Path) -> Result<AcledReport, Error> {
    let rows = read_rows(path)?;
    // (precision, found, within 25, within 161) per row.
    let mut results: Vec<(String, bool, bool, bool)> = Vec::with_capacity(rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let doc = Document {
            text: row.notes.clone(),
            published: acled_date(&row.event_date),
            ..Document::default()
        };
        let analysis = extractor.extract(&doc);
        let best = analysis.best_place();
        let d = best.map(|p| distance_km(p.lat, p.lon, row.latitude, row.longitude));
        if d.is_none_or(|d| d > 161.0) && failures.len() < 400 {
            let found = best.map_or("nothing".to_owned(), |p| {
                format!("{} ({} {}) {:.0} km", p.name, p.kind.as_str(), p.country, d.unwrap_or(0.0))
            });
            failures.push(format!("{found} ← {}", row.notes));
        }
        results.push((
            row.geo_precision.clone(),
            d.is_some(),
            d.is_some_and(|d| d <= 25.0),
            d.is_some_and(|d| d <= 161.0),
        ));
    }
    let mut precisions: Vec<String> = results.iter().map(|r| r.0.clone()).collect();
    precisions.sort();
    precisions.dedup();
    precisions.push("all".into());
    let by_precision = precisions
        .into_iter()
        .map(|p| {
            let sel: Vec<_> = results.iter().filter(|r| p == "all" || r.0 == p).collect();
            let n = sel.len();
            PrecisionRow {
                rows: n,
                no_place: ratio(sel.iter().filter(|r| !r.1).count(), n),
                within_25km: ratio(sel.iter().filter(|r| r.2).count(), n),
                within_161km: ratio(sel.iter().filter(|r| r.3).count(), n),
                geo_precision: p,
            }
        })
        .collect();
    Ok(AcledReport { path: path.display().to_string(), rows: rows.len(), by_precision, failures })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(acled_date("31 March 2018").as_deref(), Some("2018-03-31"));
        assert_eq!(acled_date("1 Foo 2018"), None);
    }
}
