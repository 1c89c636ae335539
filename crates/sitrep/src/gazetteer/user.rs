//! The user gazetteer: GeoNames dumps imported by `sitrep gazetteer import`, stored in one file
//! that extends the embedded gazetteer (`--gazetteer PATH`).
//!
//! The file keeps each place with its names, so a later import can add to it and recompile.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sitrep_lexicon::compile::{CompileInput, compile, parse_word_list};
use sitrep_lexicon::generate::{filter_alternates, populated_place};
use sitrep_lexicon::place::{GazetteerData, PlaceKind, PlaceRecord};
use sitrep_lexicon::source::{GeonamesRow, SourcePlace};

use super::{COMMON_WORDS, Error, Gazetteer, NEVER_PLACES};

const USER_FORMAT_VERSION: u32 = 2;

/// A user gazetteer file: the version, the compiled places that extraction loads, then the
/// source records and aliases that a later import merges into. The compiled data comes first
/// so that loading reads it and stops: the sources would add as much memory again (version 1
/// wrote them first).
#[derive(Serialize, Deserialize)]
struct UserFile {
    version: u32,
    data: GazetteerData,
    places: Vec<(PlaceRecord, Vec<String>)>,
}

/// Version 1 of [`UserFile`], still read.
#[derive(Deserialize)]
struct UserFileV1 {
    places: Vec<(PlaceRecord, Vec<String>)>,
    data: GazetteerData,
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io { path: path.display().to_string(), source })
}

fn load_error(path: &Path, source: postcard::Error) -> Error {
    Error::Load { path: path.display().to_string(), source: source.into() }
}

/// The version of a user gazetteer file, and the bytes after it.
fn version<'b>(path: &Path, bytes: &'b [u8]) -> Result<(u32, &'b [u8]), Error> {
    let (version, rest): (u32, &'b [u8]) =
        postcard::take_from_bytes(bytes).map_err(|e| load_error(path, e))?;
    if version == 1 || version == USER_FORMAT_VERSION {
        return Ok((version, rest));
    }
    Err(Error::Load {
        path: path.display().to_string(),
        source: sitrep_lexicon::place::LoadError::Version {
            found: version,
            expected: USER_FORMAT_VERSION,
        },
    })
}

/// The compiled places of a user gazetteer file, for extraction.
pub(super) fn read_user_data(path: &Path) -> Result<GazetteerData, Error> {
    let bytes = read_bytes(path)?;
    match version(path, &bytes)? {
        (1, rest) => {
            let old: UserFileV1 = postcard::from_bytes(rest).map_err(|e| load_error(path, e))?;
            Ok(old.data)
        }
        (_, rest) => {
            let (data, _sources): (GazetteerData, &[u8]) =
                postcard::take_from_bytes(rest).map_err(|e| load_error(path, e))?;
            Ok(data)
        }
    }
}

/// The source records and aliases of a user gazetteer file, for an import to merge into.
fn read_user_places(path: &Path) -> Result<Vec<(PlaceRecord, Vec<String>)>, Error> {
    let bytes = read_bytes(path)?;
    match version(path, &bytes)? {
        (1, rest) => {
            let old: UserFileV1 = postcard::from_bytes(rest).map_err(|e| load_error(path, e))?;
            Ok(old.places)
        }
        (_, rest) => {
            let (_, rest): (GazetteerData, &[u8]) =
                postcard::take_from_bytes(rest).map_err(|e| load_error(path, e))?;
            postcard::from_bytes(rest).map_err(|e| load_error(path, e))
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Rows read from the dumps.
    pub rows: usize,
    /// Places kept (feature classes sitrep uses).
    pub kept: usize,
    /// Places in the user gazetteer after the import.
    pub total: usize,
}

/// Feature codes of GeoNames' S (spot) class that are places of war reporting.
const FACILITY_CODES: &[&str] = &[
    "AIRB", "AIRF", "AIRP", "AIRH", "MILB", "INSM", "DAM", "DAMSB", "PSTB", "OILF", "GASF", "OILR",
    "OILJ", "PRN", "PO", "PRT", "BDG", "CMP", "CMPRF",
];

/// The sitrep place for a GeoNames row of any feature class, if it is one sitrep uses.
fn place_for_row(row: &GeonamesRow, admin1_names: &HashMap<String, String>) -> Option<SourcePlace> {
    let kind = match (row.feature_class.as_str(), row.feature_code.as_str()) {
        ("P", _) => return Some(populated_place(row, admin1_names)),
        ("A", "ADM1") => PlaceKind::Admin1,
        ("A", c) if c.starts_with("ADM") => PlaceKind::Admin2,
        ("A", c) if c.starts_with("PCL") => PlaceKind::Country,
        ("S", c) if FACILITY_CODES.contains(&c) => PlaceKind::Facility,
        ("T" | "L" | "H", _) => PlaceKind::Region,
        ("R", _) => PlaceKind::Road,
        _ => return None,
    };
    let mut place = populated_place(row, admin1_names);
    place.record.kind = kind;
    place.aliases = filter_alternates(row);
    Some(place)
}

/// Imports GeoNames dumps into the user gazetteer at `out`, adding to what it holds.
pub fn import(out: &Path, dumps: &[&Path]) -> Result<ImportSummary, Error> {
    let mut places: Vec<(PlaceRecord, Vec<String>)> =
        if out.exists() { read_user_places(out)? } else { Vec::new() };
    let embedded = Gazetteer::embedded();
    let admin1_names: HashMap<String, String> = embedded.layers[0]
        .records
        .iter()
        .filter(|r| r.kind == PlaceKind::Admin1)
        .map(|r| (r.admin1_code.clone(), r.name.clone()))
        .collect();
    let mut position: HashMap<u32, usize> =
        places.iter().enumerate().map(|(i, (r, _))| (r.geonameid, i)).collect();
    let mut summary = ImportSummary::default();
    for dump in dumps {
        let file = std::fs::File::open(dump)
            .map_err(|source| Error::Io { path: dump.display().to_string(), source })?;
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        sitrep_lexicon::source::for_each_geonames_row_in(dump, reader, |row| {
            summary.rows += 1;
            let Some(place) = place_for_row(&row, &admin1_names) else { return };
            summary.kept += 1;
            let entry = (place.record, place.aliases);
            match position.get(&row.geonameid) {
                Some(&i) => places[i] = entry,
                None => {
                    position.insert(row.geonameid, places.len());
                    places.push(entry);
                }
            }
        })?;
    }
    summary.total = places.len();
    let data = compile(CompileInput {
        places: places
            .iter()
            .map(|(r, a)| SourcePlace { record: r.clone(), aliases: a.clone() })
            .collect(),
        ordinary_words: parse_word_list(COMMON_WORDS),
        never_places: parse_word_list(NEVER_PLACES),
        ..CompileInput::default()
    });
    let file = UserFile { version: USER_FORMAT_VERSION, data, places };
    let bytes = postcard::to_stdvec(&file).expect("serialising to a Vec cannot fail");
    // Write beside the target and rename, so a failed write never leaves a broken file.
    let tmp = out.with_extension("tmp");
    let shown = out.display().to_string();
    std::fs::write(&tmp, bytes)
        .map_err(|source| Error::Io { path: tmp.display().to_string(), source })?;
    std::fs::rename(&tmp, out).map_err(|source| Error::Io { path: shown, source })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up village (its id is outside GeoNames' range) as a GeoNames dump row.
    fn row(id: u32, name: &str) -> String {
        format!(
            "{id}\t{name}\t{name}\t\t35.10000\t40.20000\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t200\t\
             Asia/Damascus\t2024-01-01\n"
        )
    }

    #[test]
    fn a_version_1_file_still_loads_and_an_import_adds_to_it() {
        let dir = std::env::temp_dir().join(format!("sitrep-user-gaz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (dump1, dump2) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&dump1, row(99_000_001, "Qaryat Sitrepiyah")).unwrap();
        std::fs::write(&dump2, row(99_000_002, "Tall Sitrepiyah")).unwrap();

        // Version 2, as written now: the compiled places load, the sources come back.
        let current = dir.join("current.gaz");
        import(&current, &[dump1.as_path()]).unwrap();
        let places = read_user_places(&current).unwrap();
        assert_eq!(places.len(), 1);
        let records = read_user_data(&current).unwrap().load().unwrap().records.len();

        // The same places in version 1's layout (sources before the compiled data).
        let old = dir.join("old.gaz");
        let data = read_user_data(&current).unwrap();
        std::fs::write(&old, postcard::to_stdvec(&(1u32, &places, &data)).unwrap()).unwrap();
        assert_eq!(read_user_data(&old).unwrap().load().unwrap().records.len(), records);

        // An import into the old file keeps its place and writes the current version.
        let summary = import(&old, &[dump2.as_path()]).unwrap();
        assert_eq!(summary.total, 2);
        assert_eq!(version(&old, &std::fs::read(&old).unwrap()).unwrap().0, USER_FORMAT_VERSION);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
