//! Compiles source places and word lists into a [`GazetteerData`]: records plus the name and
//! demonym indexes.

use std::collections::HashMap;

use crate::index::{FLAG_CAPS_ONLY, FLAG_ORDINARY_WORD, FLAG_PRIMARY, ID_MASK, NameIndexBuilder};
use crate::normalize::{is_all_caps, name_key, spelling_hash};
use crate::place::{GAZETTEER_FORMAT_VERSION, GazetteerData, PlaceKind, PlaceRecord};
use crate::source::{CountriesFile, CuratedFile, DivisionPointsFile, SourcePlace};

/// Everything the compiler reads.
#[derive(Default)]
pub struct CompileInput {
    /// GeoNames-derived places (the TSV extract, or an imported dump).
    pub places: Vec<SourcePlace>,
    /// Curated places and extra aliases.
    pub curated: CuratedFile,
    /// Country facts (demonyms).
    pub countries: CountriesFile,
    /// Ordinary English words: names equal to one of these need more evidence in text.
    pub ordinary_words: Vec<String>,
    /// Names that are never places in this domain (people, organisations): dropped.
    pub never_places: Vec<String>,
    /// Representative points of first-level divisions, replacing their seats.
    pub division_points: DivisionPointsFile,
}

/// Shortest Latin key a name may have, unless it is an abbreviation written in capitals.
const MIN_KEY_LEN: usize = 3;

/// Compiles the input. Records keep the input order: places first, then curated places.
pub fn compile(input: CompileInput) -> GazetteerData {
    let mut places = input.places;
    // Curated aliases for GeoNames places.
    let by_id: HashMap<u32, usize> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.record.geonameid != 0)
        .map(|(i, p)| (p.record.geonameid, i))
        .collect();
    for extra in &input.curated.alias {
        if let Some(&i) = by_id.get(&extra.geonameid) {
            places[i].aliases.extend(extra.aliases.iter().cloned());
        }
    }
    for p in &input.division_points.point {
        if let Some(&i) = by_id.get(&p.geonameid)
            && places[i].record.kind == PlaceKind::Admin1
        {
            places[i].record.lat = p.lat;
            places[i].record.lon = p.lon;
        }
    }
    for c in &input.curated.place {
        let source = c.to_source();
        // A curated place that carries the id of a place already present adds its names to it.
        match by_id.get(&c.geonameid).filter(|_| c.geonameid != 0) {
            Some(&i) => {
                places[i].aliases.push(source.record.name.clone());
                places[i].aliases.extend(source.aliases);
            }
            None => places.push(source),
        }
    }
    assign_admin1_codes(&mut places);

    let mut names = NameIndexBuilder::new();
    for (id, place) in places.iter().enumerate() {
        assert!(id as u32 <= ID_MASK, "more than 16 million places");
        let country = place.record.kind == PlaceKind::Country;
        let forms = std::iter::once((&place.record.name, FLAG_PRIMARY))
            .chain(place.aliases.iter().map(|a| (a, 0)));
        for (form, flag) in forms {
            let Some(key) = name_key(form) else { continue };
            // Abbreviations ("US", "UK", "KSA") are kept for countries, case-sensitively.
            let letters = form.chars().filter(|c| c.is_alphabetic()).count();
            let caps = is_all_caps(form) && letters <= 4 && form.is_ascii();
            if caps && !country {
                continue;
            }
            if key.chars().count() < MIN_KEY_LEN && !caps {
                continue;
            }
            let mut entry = id as u32 | flag;
            if caps {
                entry |= FLAG_CAPS_ONLY;
            }
            names.insert(&key, entry);
        }
    }
    for word in &input.never_places {
        if let Some(key) = name_key(word) {
            names.remove_key(&key);
        }
    }
    for word in &input.ordinary_words {
        if let Some(key) = name_key(word) {
            names.flag_key(&key, FLAG_ORDINARY_WORD);
        }
    }

    let mut demonyms = NameIndexBuilder::new();
    let mut demonym_countries = Vec::new();
    let mut demonym_spellings = Vec::new();
    for c in &input.countries.country {
        demonym_spellings.extend(c.demonyms.iter().map(|d| spelling_hash(d)));
        let idx = demonym_countries.len() as u32;
        demonym_countries.push(c.iso.clone());
        for d in c.demonyms.iter().chain(&c.arabic_demonyms) {
            if let Some(key) = name_key(d) {
                demonyms.insert(&key, idx);
            }
        }
    }

    let records = places
        .into_iter()
        .map(|p| {
            let mut record = p.record;
            let mut spellings: Vec<u32> =
                std::iter::once(&record.name).chain(&p.aliases).map(|n| spelling_hash(n)).collect();
            spellings.sort_unstable();
            spellings.dedup();
            record.spellings = spellings;
            record
        })
        .collect();
    demonym_spellings.sort_unstable();
    demonym_spellings.dedup();
    GazetteerData {
        version: GAZETTEER_FORMAT_VERSION,
        records,
        names: names.build(),
        demonyms: demonyms.build(),
        demonym_countries,
        demonym_spellings,
    }
}

/// Gives each place that names its first-level division only in words (the curated places:
/// `admin1 = "Rif Dimashq"`) that division's code and GeoNames name, found among the
/// divisions of its country by any of their names ("Rif Dimashq" is an alias of "Damascus
/// Countryside"). Without the code, a text that puts the place in its division ("Zamalka in
/// Rural Damascus") would find it outside. Where no division of the country bears the name
/// (the division list has no record for Iraq's three Kurdistan governorates, whose towns
/// carry codes but no division name), the code is that of the nearest place with one, within
/// [`NEAREST_DIVISION_KM`].
fn assign_admin1_codes(places: &mut [SourcePlace]) {
    let mut divisions: HashMap<(String, String), (String, String)> = HashMap::new();
    for p in places.iter().filter(|p| p.record.kind == PlaceKind::Admin1) {
        let r = &p.record;
        for name in std::iter::once(&r.name).chain(&p.aliases) {
            if let Some(key) = name_key(name) {
                divisions
                    .entry((r.country.clone(), key))
                    .or_insert_with(|| (r.admin1_code.clone(), r.name.clone()));
            }
        }
    }
    // A place naming its division in words only.
    let uncoded = |r: &PlaceRecord| {
        r.admin1_code.is_empty() && !r.admin1.is_empty() && r.kind != PlaceKind::Admin1
    };
    for p in places.iter_mut().filter(|p| uncoded(&p.record)) {
        let r = &mut p.record;
        // ("Damascus" is the governorate's "Damascus Governorate": the bare name is the city's.)
        let found = [String::new(), " Governorate".into(), " Province".into()]
            .iter()
            .filter_map(|kind| name_key(&format!("{}{kind}", r.admin1)))
            .find_map(|key| divisions.get(&(r.country.clone(), key)));
        if let Some((code, name)) = found {
            r.admin1_code = code.clone();
            r.admin1 = name.clone();
        }
    }
    // (A scan of the coded places per uncoded one: a few dozen curated places, at build time.)
    let coded: Vec<PlaceRecord> = places
        .iter()
        .map(|p| &p.record)
        .filter(|r| !r.admin1_code.is_empty() && r.kind != PlaceKind::Admin1)
        .cloned()
        .collect();
    for p in places.iter_mut().filter(|p| uncoded(&p.record)) {
        let r = &mut p.record;
        let km = |c: &PlaceRecord| {
            crate::place::distance_km(
                f64::from(r.lat),
                f64::from(r.lon),
                f64::from(c.lat),
                f64::from(c.lon),
            )
        };
        let nearest = coded
            .iter()
            .filter(|c| c.country == r.country)
            .map(|c| (km(c), c))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((km, c)) = nearest
            && km <= NEAREST_DIVISION_KM
        {
            r.admin1_code = c.admin1_code.clone();
            // (GeoNames names no division for some codes: Iraq's Kurdistan governorates.)
            if !c.admin1.is_empty() {
                r.admin1 = c.admin1.clone();
            }
        }
    }
}

/// How far the nearest coded place may lie for an uncoded place to take its division.
const NEAREST_DIVISION_KM: f64 = 25.0;

/// Reads a word list: one word per line, `#` comments and blank lines skipped.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
