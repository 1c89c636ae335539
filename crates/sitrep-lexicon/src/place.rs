//! Place records and the compiled gazetteer they live in.

use serde::{Deserialize, Serialize};

use crate::index::{NameIndex, NameIndexData};

/// What kind of place a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign state or territory with an ISO code.
    Country,
    /// A first-level division: governorate, province, state.
    Admin1,
    /// A second-level division: district, county.
    Admin2,
    /// A capital, an admin seat of a first-level division, or a place of 100,000 people or more.
    City,
    /// A district seat or a place of 10,000 people or more.
    Town,
    /// Any smaller populated place.
    Village,
    /// A border crossing, air base, oil field, dam and the like.
    Facility,
    /// A desert, river valley, plain, mountain range or named area.
    Region,
    /// A road or highway.
    Road,
}

impl PlaceKind {
    /// The lower-case name used in output and data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Admin2 => "admin2",
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::Facility => "facility",
            PlaceKind::Region => "region",
            PlaceKind::Road => "road",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "admin1" => PlaceKind::Admin1,
            "admin2" => PlaceKind::Admin2,
            "city" => PlaceKind::City,
            "town" => PlaceKind::Town,
            "village" => PlaceKind::Village,
            "facility" => PlaceKind::Facility,
            "region" => PlaceKind::Region,
            "road" => PlaceKind::Road,
            _ => return None,
        })
    }

    /// Whether this is a populated place (city, town or village).
    pub fn is_populated(self) -> bool {
        matches!(self, PlaceKind::City | PlaceKind::Town | PlaceKind::Village)
    }

    /// Whether this is an administrative division below the country.
    pub fn is_admin(self) -> bool {
        matches!(self, PlaceKind::Admin1 | PlaceKind::Admin2)
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    /// GeoNames id, 0 when the place has none (curated additions).
    pub geonameid: u32,
    /// Stable slug of a curated record ("sy-tanf-crossing"); empty for GeoNames records.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Kind of place.
    pub kind: PlaceKind,
    /// GeoNames feature code (PPLA, ADM1, ...) or curated feature ("air base").
    pub feature: String,
    /// ISO 3166-1 alpha-2 country code, upper case; empty if unknown.
    pub country: String,
    /// GeoNames first-level admin key ("SY.07"); empty if unknown.
    pub admin1_code: String,
    /// English name of the first-level division; empty if unknown.
    pub admin1: String,
    /// Latitude, WGS84 degrees.
    pub lat: f32,
    /// Longitude, WGS84 degrees.
    pub lon: f32,
    /// Population where known, else 0.
    pub population: u32,
    /// Sorted [`crate::normalize::spelling_hash`]es of every name of the place, filled in by
    /// the compiler.
    #[serde(default)]
    pub spellings: Vec<u32>,
}

impl PlaceRecord {
    /// The stable id used in output: `geonames:170794` or `sitrep:sy-tanf-crossing`.
    pub fn id(&self) -> String {
        if self.geonameid != 0 {
            format!("geonames:{}", self.geonameid)
        } else {
            format!("sitrep:{}", self.slug)
        }
    }
}

/// The serialisable gazetteer: records, the name index over them and the demonym index.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GazetteerData {
    /// Format version; bumped when the layout changes.
    pub version: u32,
    /// All records; index entries point into this list.
    pub records: Vec<PlaceRecord>,
    /// Folded names → records.
    pub names: NameIndexData,
    /// Folded demonyms ("Syrian", "سوري") → index into `demonym_countries`.
    pub demonyms: NameIndexData,
    /// ISO codes the demonym index points to.
    pub demonym_countries: Vec<String>,
    /// [`crate::normalize::spelling_hash`]es of the Latin-script demonyms, sorted: the folded
    /// index lets transliterations meet, which demonyms must not ("The" folds like "Thai").
    pub demonym_spellings: Vec<u32>,
}

/// The current [`GazetteerData::version`].
pub const GAZETTEER_FORMAT_VERSION: u32 = 3;

/// Errors from loading a compiled gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not a gazetteer.
    #[error("not a sitrep gazetteer file: {0}")]
    Decode(#[from] postcard::Error),
    /// The gazetteer was written by another version.
    #[error("gazetteer format version {found}, this build reads version {expected}")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// An index inside is corrupt.
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
}

/// A loaded gazetteer, ready to search.
pub struct CompiledGazetteer {
    /// All records.
    pub records: Vec<PlaceRecord>,
    /// Names → records.
    pub names: NameIndex,
    /// Demonyms → countries.
    pub demonyms: NameIndex,
    /// ISO codes the demonym index points to.
    pub demonym_countries: Vec<String>,
    /// Spellings of the Latin-script demonyms (see [`GazetteerData::demonym_spellings`]).
    pub demonym_spellings: Vec<u32>,
}

impl GazetteerData {
    /// Serialises to bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("serialising to a Vec cannot fail")
    }

    /// Reads bytes written by [`GazetteerData::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<GazetteerData, LoadError> {
        let data: GazetteerData = postcard::from_bytes(bytes)?;
        if data.version != GAZETTEER_FORMAT_VERSION {
            return Err(LoadError::Version {
                found: data.version,
                expected: GAZETTEER_FORMAT_VERSION,
            });
        }
        Ok(data)
    }

    /// Turns the data into searchable indexes.
    pub fn load(self) -> Result<CompiledGazetteer, LoadError> {
        Ok(CompiledGazetteer {
            records: self.records,
            names: NameIndex::from_data(self.names)?,
            demonyms: NameIndex::from_data(self.demonyms)?,
            demonym_countries: self.demonym_countries,
            demonym_spellings: self.demonym_spellings,
        })
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}
