//! Gazetteer sources: GeoNames dumps, the project's own TSV extract and its curated TOML files,
//! read into [`SourcePlace`]s with errors that name the file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::place::{PlaceKind, PlaceRecord};

/// An error reading a source file, with where it happened.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line did not have the expected shape.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// A TOML file did not parse or did not fit the schema.
    #[error("{path}: {message}")]
    Toml {
        /// The file.
        path: PathBuf,
        /// The parser's message, with its own line and column.
        message: String,
    },
}

/// A place with all the names it may be written as.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcePlace {
    /// The record.
    pub record: PlaceRecord,
    /// Other names (the record's own name is always matched too).
    pub aliases: Vec<String>,
}

/// Reads a file as UTF-8, naming the file and the line of the first invalid byte on error.
pub fn read_to_string(path: &Path) -> Result<String, SourceError> {
    let bytes =
        std::fs::read(path).map_err(|source| SourceError::Io { path: path.to_owned(), source })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        SourceError::Line { path: path.to_owned(), line, message: "invalid UTF-8".into() }
    })
}

/// One row of a GeoNames dump (`cities500.txt`, `allCountries.txt`, `SY.txt`).
#[derive(Clone, Debug, PartialEq)]
pub struct GeonamesRow {
    /// geonameid.
    pub geonameid: u32,
    /// Name (UTF-8).
    pub name: String,
    /// Name in plain ASCII.
    pub asciiname: String,
    /// Alternate names.
    pub alternates: Vec<String>,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Feature class (P, A, S, ...).
    pub feature_class: String,
    /// Feature code (PPL, PPLA, ADM1, ...).
    pub feature_code: String,
    /// ISO country code.
    pub country: String,
    /// First-level admin code.
    pub admin1: String,
    /// Second-level admin code.
    pub admin2: String,
    /// Population.
    pub population: u64,
}

/// Parses a GeoNames dump: 19 tab-separated fields per line.
pub fn parse_geonames(path: &Path, text: &str) -> Result<Vec<GeonamesRow>, SourceError> {
    let mut rows = Vec::new();
    for_each_geonames_row(path, text, |row| rows.push(row))?;
    Ok(rows)
}

/// Parses a GeoNames dump row by row, so that a whole-world dump need not be held as rows.
pub fn for_each_geonames_row(
    path: &Path,
    text: &str,
    mut each: impl FnMut(GeonamesRow),
) -> Result<(), SourceError> {
    for (i, line) in text.lines().enumerate() {
        parse_geonames_line(path, i, line, &mut each)?;
    }
    Ok(())
}

/// Parses a GeoNames dump from a reader, line by line, so that `allCountries.txt` (gigabytes)
/// is never held in memory whole.
pub fn for_each_geonames_row_in(
    path: &Path,
    reader: impl std::io::BufRead,
    mut each: impl FnMut(GeonamesRow),
) -> Result<(), SourceError> {
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => SourceError::Line {
                path: path.to_owned(),
                line: i + 1,
                message: "invalid UTF-8".into(),
            },
            _ => SourceError::Io { path: path.to_owned(), source: e },
        })?;
        parse_geonames_line(path, i, &line, &mut each)?;
    }
    Ok(())
}

fn parse_geonames_line(
    path: &Path,
    i: usize,
    line: &str,
    each: &mut impl FnMut(GeonamesRow),
) -> Result<(), SourceError> {
    {
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let err =
            |message: String| SourceError::Line { path: path.to_owned(), line: i + 1, message };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 {
            return Err(err(format!("expected 19 tab-separated fields, found {}", f.len())));
        }
        let num = |idx: usize, what: &str| -> Result<f64, SourceError> {
            f[idx]
                .trim()
                .parse::<f64>()
                .map_err(|_| err(format!("{what} {:?} is not a number", f[idx])))
        };
        let geonameid = f[0]
            .parse::<u32>()
            .map_err(|_| err(format!("geonameid {:?} is not a number", f[0])))?;
        let lat = num(4, "latitude")?;
        let lon = num(5, "longitude")?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err(format!("coordinates {lat},{lon} out of range")));
        }
        let population = if f[14].is_empty() { 0 } else { num(14, "population")? as u64 };
        each(GeonamesRow {
            geonameid,
            name: f[1].to_owned(),
            asciiname: f[2].to_owned(),
            alternates: f[3].split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            lat: lat as f32,
            lon: lon as f32,
            feature_class: f[6].to_owned(),
            feature_code: f[7].to_owned(),
            country: f[8].to_owned(),
            admin1: f[10].to_owned(),
            admin2: f[11].to_owned(),
            population,
        });
    }
    Ok(())
}

/// The kind of a populated place from its feature code and population.
pub fn populated_kind(feature_code: &str, population: u64) -> PlaceKind {
    match feature_code {
        "PPLC" | "PPLA" => PlaceKind::City,
        _ if population >= 100_000 => PlaceKind::City,
        "PPLA2" | "PPLA3" | "PPLG" => PlaceKind::Town,
        _ if population >= 10_000 => PlaceKind::Town,
        _ => PlaceKind::Village,
    }
}

/// The columns of the project's TSV extract, in order.
pub const TSV_COLUMNS: &[&str] = &[
    "geonameid",
    "slug",
    "name",
    "kind",
    "feature",
    "country",
    "admin1_code",
    "admin1",
    "lat",
    "lon",
    "population",
    "aliases",
];

/// Writes places as the project's TSV extract (header line first, aliases `|`-separated).
pub fn write_tsv(places: &[SourcePlace]) -> String {
    let mut out = TSV_COLUMNS.join("\t");
    out.push('\n');
    for p in places {
        let r = &p.record;
        let clean = |s: &str| s.replace(['\t', '\n', '|'], " ");
        let aliases: Vec<String> = p.aliases.iter().map(|a| clean(a)).collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\n",
            r.geonameid,
            clean(&r.slug),
            clean(&r.name),
            r.kind.as_str(),
            clean(&r.feature),
            r.country,
            r.admin1_code,
            clean(&r.admin1),
            r.lat,
            r.lon,
            r.population,
            aliases.join("|")
        ));
    }
    out
}

/// Reads the project's TSV extract.
pub fn parse_tsv(path: &Path, text: &str) -> Result<Vec<SourcePlace>, SourceError> {
    let mut places = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err =
            |message: String| SourceError::Line { path: path.to_owned(), line: i + 1, message };
        let f: Vec<&str> = line.split('\t').collect();
        if i == 0 {
            if f != TSV_COLUMNS {
                return Err(err(format!("expected header {:?}", TSV_COLUMNS.join("\t"))));
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if f.len() != TSV_COLUMNS.len() {
            return Err(err(format!(
                "expected {} tab-separated fields, found {}",
                TSV_COLUMNS.len(),
                f.len()
            )));
        }
        let kind = PlaceKind::parse(f[3]).ok_or_else(|| err(format!("unknown kind {:?}", f[3])))?;
        let parse_f32 = |s: &str, what: &str| {
            s.parse::<f32>().map_err(|_| err(format!("{what} {s:?} is not a number")))
        };
        places.push(SourcePlace {
            record: PlaceRecord {
                geonameid: f[0]
                    .parse()
                    .map_err(|_| err(format!("geonameid {:?} is not a number", f[0])))?,
                slug: f[1].to_owned(),
                name: f[2].to_owned(),
                kind,
                feature: f[4].to_owned(),
                country: f[5].to_owned(),
                admin1_code: f[6].to_owned(),
                admin1: f[7].to_owned(),
                lat: parse_f32(f[8], "latitude")?,
                lon: parse_f32(f[9], "longitude")?,
                population: f[10]
                    .parse()
                    .map_err(|_| err(format!("population {:?} is not a number", f[10])))?,
                spellings: Vec::new(),
            },
            aliases: f[11].split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        });
    }
    Ok(places)
}

/// A record of `data/gazetteer/curated.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedPlace {
    /// Stable slug.
    pub id: String,
    /// English name.
    pub name: String,
    /// Kind (city, town, village, facility, region, road).
    pub kind: String,
    /// Finer feature ("border crossing", "air base").
    #[serde(default)]
    pub feature: String,
    /// ISO alpha-2.
    pub country: String,
    /// English name of the first-level division.
    #[serde(default)]
    pub admin1: String,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Rough population, where known.
    #[serde(default)]
    pub population: u32,
    /// GeoNames id, where certain.
    #[serde(default)]
    pub geonameid: u32,
    /// Other names, both scripts.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where a fact comes from.
    #[serde(default)]
    pub note: String,
}

/// Extra names for a GeoNames place, from `curated.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedAlias {
    /// The GeoNames place.
    pub geonameid: u32,
    /// Its extra names.
    pub aliases: Vec<String>,
    /// Why.
    #[serde(default)]
    pub note: String,
}

/// The whole of `curated.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedFile {
    /// Places GeoNames lacks.
    #[serde(default)]
    pub place: Vec<CuratedPlace>,
    /// Extra names for GeoNames places.
    #[serde(default)]
    pub alias: Vec<CuratedAlias>,
}

/// A record of `data/gazetteer/countries.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryFacts {
    /// ISO alpha-2.
    pub iso: String,
    /// Representative point.
    pub lat: Option<f32>,
    /// Representative point.
    pub lon: Option<f32>,
    /// English demonyms and adjectives.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Extra English names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Arabic names.
    #[serde(default)]
    pub arabic: Vec<String>,
    /// Arabic adjectives.
    #[serde(default)]
    pub arabic_demonyms: Vec<String>,
}

/// The whole of `countries.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesFile {
    /// One record per country.
    #[serde(default)]
    pub country: Vec<CountryFacts>,
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, SourceError> {
    toml::from_str(text)
        .map_err(|e| SourceError::Toml { path: path.to_owned(), message: e.to_string() })
}

/// Reads `curated.toml`, checking kinds, countries and coordinates.
pub fn parse_curated(path: &Path, text: &str) -> Result<CuratedFile, SourceError> {
    let file: CuratedFile = parse_toml(path, text)?;
    let mut seen = HashMap::new();
    for p in &file.place {
        let bad = |message: String| SourceError::Toml {
            path: path.to_owned(),
            message: format!("place {:?}: {message}", p.id),
        };
        if seen.insert(p.id.clone(), ()).is_some() {
            return Err(bad("duplicate id".into()));
        }
        let kind =
            PlaceKind::parse(&p.kind).ok_or_else(|| bad(format!("unknown kind {:?}", p.kind)))?;
        if matches!(kind, PlaceKind::Country) {
            return Err(bad("countries belong in countries.toml".into()));
        }
        // Continents and other regions beyond one country have no country code.
        let no_country = p.country.is_empty() && kind == PlaceKind::Region;
        if !no_country
            && (p.country.len() != 2 || !p.country.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(bad(format!("country {:?} is not an ISO alpha-2 code", p.country)));
        }
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            return Err(bad(format!("coordinates {},{} out of range", p.lat, p.lon)));
        }
    }
    Ok(file)
}

/// A record of `data/gazetteer/admin1-points.toml`: a representative point for a large
/// first-level division, replacing its seat.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DivisionPoint {
    /// The division's GeoNames id.
    pub geonameid: u32,
    /// Its name, for readers of the file.
    #[serde(default)]
    pub name: String,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
}

/// The whole of `admin1-points.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DivisionPointsFile {
    /// One record per division.
    #[serde(default)]
    pub point: Vec<DivisionPoint>,
}

/// Reads `admin1-points.toml`.
pub fn parse_division_points(path: &Path, text: &str) -> Result<DivisionPointsFile, SourceError> {
    let file: DivisionPointsFile = parse_toml(path, text)?;
    for p in &file.point {
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            return Err(SourceError::Toml {
                path: path.to_owned(),
                message: format!(
                    "point {} ({}): coordinates {},{} out of range",
                    p.geonameid, p.name, p.lat, p.lon
                ),
            });
        }
    }
    Ok(file)
}

/// Reads `countries.toml`.
pub fn parse_countries(path: &Path, text: &str) -> Result<CountriesFile, SourceError> {
    parse_toml(path, text)
}

impl CuratedPlace {
    /// The curated place as a source place (kind already validated by [`parse_curated`]).
    pub fn to_source(&self) -> SourcePlace {
        SourcePlace {
            record: PlaceRecord {
                geonameid: self.geonameid,
                slug: self.id.clone(),
                name: self.name.clone(),
                kind: PlaceKind::parse(&self.kind).unwrap_or(PlaceKind::Region),
                feature: self.feature.clone(),
                country: self.country.clone(),
                admin1_code: String::new(),
                admin1: self.admin1.clone(),
                lat: self.lat,
                lon: self.lon,
                population: self.population,
                spellings: Vec::new(),
            },
            aliases: self.aliases.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geonames_errors_name_the_line() {
        let text =
            "1\tA\tA\t\t1\t2\tP\tPPL\tSY\t\t01\t\t\t\t100\t\t\tAsia/Damascus\t2020-01-01\n2\tB\n";
        let err = parse_geonames(Path::new("x.txt"), text).unwrap_err().to_string();
        assert_eq!(err, "x.txt:2: expected 19 tab-separated fields, found 2");
    }

    #[test]
    fn tsv_round_trips() {
        let place = SourcePlace {
            record: PlaceRecord {
                geonameid: 170794,
                slug: String::new(),
                name: "Deir ez-Zor".into(),
                kind: PlaceKind::City,
                feature: "PPLA".into(),
                country: "SY".into(),
                admin1_code: "SY.07".into(),
                admin1: "Deir ez-Zor".into(),
                lat: 35.33588,
                lon: 40.14084,
                population: 242565,
                spellings: Vec::new(),
            },
            aliases: vec!["Deir al-Zour".into(), "دير الزور".into()],
        };
        let tsv = write_tsv(std::slice::from_ref(&place));
        let back = parse_tsv(Path::new("g.tsv"), &tsv).unwrap();
        assert_eq!(back, vec![place]);
    }
}
