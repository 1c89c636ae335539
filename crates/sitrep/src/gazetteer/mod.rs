//! Gazetteer: here is a text; which places does it name, and where are they?
//!
//! The embedded gazetteer is compiled by the build script from `data/gazetteer/` (GeoNames
//! extract, curated places, country facts); a user gazetteer made by `sitrep gazetteer import`
//! from any GeoNames dump extends it as a second layer. [`Gazetteer::recognize`] finds mentions,
//! [`Gazetteer::resolve`] picks one place for each.

mod recognize;
mod resolve;
mod unlisted;
mod user;

use std::path::Path;

pub use sitrep_lexicon::place::distance_km;
use sitrep_lexicon::place::{CompiledGazetteer, GazetteerData, LoadError, PlaceRecord};

pub use recognize::{Cue, PlaceMention, Recognized};
pub use resolve::{Place, PlaceMentionOut};
pub use unlisted::container_of;
pub use user::{ImportSummary, import};

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// English words that are also place names, for the user gazetteer's compiler.
pub(crate) const COMMON_WORDS: &str = include_str!("../../../../data/gazetteer/common-words.txt");
/// Names never taken as places, for the user gazetteer's compiler.
pub(crate) const NEVER_PLACES: &str = include_str!("../../../../data/gazetteer/never-places.txt");

/// Errors loading a gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What happened.
        source: std::io::Error,
    },
    /// The file is not a gazetteer this build can read.
    #[error("{path}: {source}")]
    Load {
        /// The file.
        path: String,
        /// What is wrong with it.
        source: LoadError,
    },
    /// A GeoNames dump could not be parsed.
    #[error(transparent)]
    Source(#[from] sitrep_lexicon::source::SourceError),
}

/// The places sitrep knows: the embedded layer, and optionally a user layer.
pub struct Gazetteer {
    pub(crate) layers: Vec<CompiledGazetteer>,
    /// What each country's populated places add up to, computed in one pass when first asked
    /// for ([`Gazetteer::country_people`], [`Gazetteer::near_country`]).
    countries: std::sync::OnceLock<std::collections::HashMap<String, CountryPlaces>>,
}

/// What a country's populated places add up to, and its name.
struct CountryPlaces {
    /// The country's own name ("Syria"), empty when the gazetteer has no record of it.
    name: String,
    /// The people who live in them.
    people: u64,
    /// The cells of a [`CELL_DEG`] grid that hold at least one of them.
    cells: rustc_hash::FxHashSet<(i16, i16)>,
}

/// The side of a cell of [`CountryPlaces::cells`], in degrees (about 28 km).
const CELL_DEG: f32 = 0.25;

/// The cell of [`CountryPlaces::cells`] a point lies in.
fn cell(lat: f32, lon: f32) -> (i16, i16) {
    ((lat / CELL_DEG).floor() as i16, (lon / CELL_DEG).floor() as i16)
}

impl Gazetteer {
    /// The gazetteer compiled into the binary.
    pub fn embedded() -> Gazetteer {
        let data = GazetteerData::from_bytes(EMBEDDED).and_then(GazetteerData::load);
        Gazetteer {
            layers: vec![
                data.expect("the embedded gazetteer was written by this build's compiler"),
            ],
            countries: std::sync::OnceLock::new(),
        }
    }

    /// The embedded gazetteer extended by a user gazetteer file.
    pub fn with_user_file(path: &Path) -> Result<Gazetteer, Error> {
        let mut g = Gazetteer::embedded();
        let data = user::read_user_data(path)?;
        g.layers.push(
            data.load()
                .map_err(|source| Error::Load { path: path.display().to_string(), source })?,
        );
        Ok(g)
    }

    /// A record by layer and index.
    pub fn record(&self, layer: u8, id: usize) -> &PlaceRecord {
        &self.layers[layer as usize].records[id]
    }

    /// Country names by ISO 3166-1 alpha-2 code.
    pub fn country_names(&self) -> std::collections::HashMap<String, String> {
        self.layers
            .iter()
            .flat_map(|l| l.records.iter())
            .filter(|r| r.kind == sitrep_lexicon::place::PlaceKind::Country)
            .map(|r| (r.country.clone(), r.name.clone()))
            .collect()
    }

    /// How many people live in a country's populated places the gazetteer holds: a rough size
    /// of the country, enough to tell a micro-state from a country the world knows.
    pub fn country_people(&self, iso: &str) -> u64 {
        self.countries().get(iso).map_or(0, |c| c.people)
    }

    /// Whether a place's own name holds the name of the country it lies in ("northern Syria",
    /// "Syria–Iraq border"): such a name says which country it is in as plainly as the
    /// country's name does.
    pub fn names_its_country(&self, r: &PlaceRecord) -> bool {
        self.countries()
            .get(&r.country)
            .is_some_and(|c| !c.name.is_empty() && r.name.contains(c.name.as_str()))
    }

    /// Whether a point lies within about `margin` degrees (to a cell of a quarter degree) of one
    /// of a country's populated places, north-south and east-west: near enough to it for its
    /// armies and armed groups to cross ("a QSD position near Kilis"), where a town of a
    /// neighbour far from the border is not ("Alanya"). The places themselves, not their
    /// extent: a box around Syria's reaches deep into Israel and Jordan.
    pub fn near_country(&self, iso: &str, lat: f32, lon: f32, margin: f32) -> bool {
        self.countries().get(iso).is_some_and(|c| {
            let reach = (margin / CELL_DEG).ceil() as i16;
            let (y, x) = cell(lat, lon);
            (y - reach..=y + reach)
                .any(|y| (x - reach..=x + reach).any(|x| c.cells.contains(&(y, x))))
        })
    }

    fn countries(&self) -> &std::collections::HashMap<String, CountryPlaces> {
        self.countries.get_or_init(|| {
            let mut countries: std::collections::HashMap<String, CountryPlaces> =
                std::collections::HashMap::new();
            for r in self.layers.iter().flat_map(|l| l.records.iter()) {
                if r.kind.is_populated() {
                    let c = countries.entry(r.country.clone()).or_insert(CountryPlaces {
                        name: String::new(),
                        people: 0,
                        cells: rustc_hash::FxHashSet::default(),
                    });
                    c.people += u64::from(r.population);
                    c.cells.insert(cell(r.lat, r.lon));
                }
            }
            for r in self.layers.iter().flat_map(|l| l.records.iter()) {
                if r.kind == sitrep_lexicon::place::PlaceKind::Country
                    && let Some(c) = countries.get_mut(&r.country)
                    && c.name.is_empty()
                {
                    c.name = r.name.clone();
                }
            }
            countries
        })
    }

    /// Number of records over all layers.
    pub fn len(&self) -> usize {
        self.layers.iter().map(|l| l.records.len()).sum()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every record whose name or alias folds to the same key as `name`, best known first.
    pub fn lookup(&self, name: &str) -> Vec<&PlaceRecord> {
        let Some(key) = sitrep_lexicon::normalize::name_key(name) else { return Vec::new() };
        let mut out: Vec<&PlaceRecord> = Vec::new();
        for (layer, g) in self.layers.iter().enumerate() {
            for &e in g.names.get(&key) {
                let r = self.record(layer as u8, sitrep_lexicon::index::Entry(e).id());
                if !out.iter().any(|o| o.geonameid != 0 && o.geonameid == r.geonameid) {
                    out.push(r);
                }
            }
        }
        out.sort_by(|a, b| resolve::prior(b).total_cmp(&resolve::prior(a)));
        out
    }
}

/// Compass words, in the spellings reports use ("north of", "north-east of", "northeast X").
pub(crate) const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
];

/// Compass adjectives: "X, northern Aleppo", "in eastern Chad".
pub(crate) const COMPASS_ADJECTIVES: &[&str] = &["northern", "southern", "eastern", "western"];

/// A compass word or adjective (read alike: "X, northern Aleppo").
pub(crate) fn direction(w: &str) -> bool {
    COMPASS.contains(&w) || COMPASS_ADJECTIVES.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_lexicon::place::PlaceKind;

    #[test]
    fn distance_between_damascus_and_baghdad() {
        let d = distance_km(33.5102, 36.29128, 33.34058, 44.40088);
        assert!((d - 754.0).abs() < 10.0, "{d}");
    }

    /// A curated place names its division in words; the compiler finds the division's code,
    /// without which "Zamalka in Rural Damascus" would lie outside it. See: #2
    #[test]
    fn curated_places_carry_their_divisions_code() {
        let g = Gazetteer::embedded();
        let curated: Vec<&PlaceRecord> =
            (0..g.len()).map(|i| g.record(0, i)).filter(|r| !r.slug.is_empty()).collect();
        assert!(curated.len() > 200, "{} curated places", curated.len());
        let uncoded: Vec<(&str, &str)> = curated
            .iter()
            .filter(|r| !r.admin1.is_empty() && r.admin1_code.is_empty())
            .map(|r| (r.name.as_str(), r.admin1.as_str()))
            .collect();
        assert!(uncoded.is_empty(), "divisions not found: {uncoded:?}");
        let zamalka = g.lookup("Zamalka");
        assert_eq!(zamalka[0].admin1, "Damascus Countryside");
    }

    /// The division list nests Iraq's Kurdistan governorates under a region of its own; they
    /// are first-level divisions all the same, and their towns name them. See: #2
    #[test]
    fn kurdistan_governorates_are_divisions() {
        let g = Gazetteer::embedded();
        for name in ["Erbil", "Duhok", "Sulaymaniyah"] {
            let found = g.lookup(name);
            let division = found.iter().find(|r| r.kind == PlaceKind::Admin1 && r.country == "IQ");
            assert!(division.is_some(), "{name}: {found:?}");
        }
        let erbil = g.lookup("Erbil");
        let city = erbil.iter().find(|r| r.kind == PlaceKind::City).expect("the city");
        assert_eq!(city.admin1, "Erbil");
    }

    #[test]
    fn transliterations_meet_at_one_place() {
        let g = Gazetteer::embedded();
        for group in [
            &["Deir al-Zour", "Deir ez-Zor", "Dayr az-Zawr", "Deir Ezzor", "دير الزور"][..],
            &["al-BoKamal", "Abu Kamal", "Albu Kamal", "البوكمال"],
            &["Mayadeen", "al-Mayadin", "الميادين"],
            &["al-Tanaf", "al-Tanf", "التنف"],
            &["Humimim", "Hmeimim", "Khmeimim", "حميميم"],
        ] {
            let ids: Vec<String> = group
                .iter()
                .map(|n| g.lookup(n).first().map(|r| r.id()).unwrap_or_default())
                .collect();
            assert!(!ids[0].is_empty(), "{} not found", group[0]);
            assert!(ids.iter().all(|id| id == &ids[0]), "{group:?} → {ids:?}");
        }
    }
}
