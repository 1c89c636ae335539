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

const USER_FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct UserFile {
    version: u32,
    places: Vec<(PlaceRecord, Vec<String>)>,
    pub(super) data: GazetteerData,
}

pub(super) fn read_user_file(path: &Path) -> Result<UserFile, Error> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: shown.clone(), source })?;
    let file: UserFile = postcard::from_bytes(&bytes)
        .map_err(|e| Error::Load { path: shown.clone(), source: e.into() })?;
    if file.version != USER_FORMAT_VERSION {
        return Err(Error::Load {
            path: shown,
            source: sitrep_lexicon::place::LoadError::Version {
                found: file.version,
                expected: USER_FORMAT_VERSION,
            },
        });
    }
    Ok(file)
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
        if out.exists() { read_user_file(out)?.places } else { Vec::new() };
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
    let file = UserFile { version: USER_FORMAT_VERSION, places, data };
    let bytes = postcard::to_stdvec(&file).expect("serialising to a Vec cannot fail");
    // Write beside the target and rename, so a failed write never leaves a broken file.
    let tmp = out.with_extension("tmp");
    let shown = out.display().to_string();
    std::fs::write(&tmp, bytes)
        .map_err(|source| Error::Io { path: tmp.display().to_string(), source })?;
    std::fs::rename(&tmp, out).map_err(|source| Error::Io { path: shown, source })?;
    Ok(summary)
}
