//! The gazetteer generator: GeoNames dumps → the places sitrep embeds.
//!
//! Selection: every country; every populated place of the region sitrep is built for (see
//! [`REGION`]); every other place with 5,000 people or more and every capital; every
//! administrative division of `admin-subdivisions.tsv`, located at its seat (the PPLA/PPLA2 town)
//! because that file has no coordinates.

use std::collections::HashMap;
use std::path::Path;

use crate::normalize::name_key;
use crate::place::{PlaceKind, PlaceRecord};
use crate::source::{
    CountriesFile, GeonamesRow, SourceError, SourcePlace, parse_geonames, populated_kind,
    read_to_string,
};

/// Countries whose every populated place is embedded.
pub const REGION: &[&str] = &["SY", "IQ", "JO", "LB", "TR", "IL", "PS", "IR", "SA", "KW", "EG"];

/// Population above which a place anywhere in the world is embedded: GeoNames' own cut for
/// its `cities5000` extract, some 52,000 places of the world outside the region. English news
/// names small towns by the dozen, and a town the gazetteer lacks is read as a namesake
/// (London, Kentucky as London). The `cities1000` cut doubles the gazetteer again and its
/// start-up time past 50 ms for a point more of accuracy on the geoparsing corpora.
pub const WORLD_TOWN_POPULATION: u64 = 5_000;

/// Population above which a place abroad is a city the world knows by name. Below it, the
/// resolver wants the text to back a reading (see `gazetteer::resolve` in the `sitrep` crate).
pub const WORLD_CITY_POPULATION: u64 = 100_000;

/// Suffixes that name the kind of a division rather than the division itself.
const DIVISION_WORDS: &[&str] =
    &[" Governorate", " Province", " City", " District", " Region", " Muhafazat", " Municipality"];

/// Reads the three GeoNames files of a folder (`cities500.txt`, `admin-subdivisions.tsv`,
/// `countries.tsv`) and selects the embedded places.
pub fn generate(
    geonames_dir: &Path,
    countries: &CountriesFile,
) -> Result<Vec<SourcePlace>, SourceError> {
    let cities_path = geonames_dir.join("cities500.txt");
    let rows = parse_geonames(&cities_path, &read_to_string(&cities_path)?)?;
    let admin_path = geonames_dir.join("admin-subdivisions.tsv");
    let admins = parse_subdivisions(&admin_path, &read_to_string(&admin_path)?)?;
    let countries_path = geonames_dir.join("countries.tsv");
    let country_rows = parse_country_rows(&countries_path, &read_to_string(&countries_path)?)?;

    let admin1_names: HashMap<String, String> = admins
        .iter()
        .filter(|a| a.level == 1)
        .map(|a| (a.code.clone(), english_division_name(a)))
        .collect();

    let mut out = Vec::new();
    out.extend(country_places(&country_rows, countries, &rows));
    out.extend(admin_places(&admins, &rows, &admin1_names));
    for row in &rows {
        if row.feature_class != "P" {
            continue;
        }
        let wanted = REGION.contains(&row.country.as_str())
            || row.population >= WORLD_TOWN_POPULATION
            || row.feature_code == "PPLC";
        if wanted {
            out.push(populated_place(row, &admin1_names));
        }
    }
    Ok(out)
}

/// A GeoNames populated place as a source place, with its aliases filtered.
pub fn populated_place(row: &GeonamesRow, admin1_names: &HashMap<String, String>) -> SourcePlace {
    let admin1_code = if row.admin1.is_empty() {
        String::new()
    } else {
        format!("{}.{}", row.country, row.admin1)
    };
    SourcePlace {
        record: PlaceRecord {
            geonameid: row.geonameid,
            slug: String::new(),
            name: row.name.clone(),
            kind: populated_kind(&row.feature_code, row.population),
            feature: row.feature_code.clone(),
            country: row.country.clone(),
            admin1: admin1_names.get(&admin1_code).cloned().unwrap_or_default(),
            admin1_code,
            lat: row.lat,
            lon: row.lon,
            population: row.population.min(u32::MAX as u64) as u32,
            spellings: Vec::new(),
        },
        aliases: filter_alternates(row),
    }
}

/// Keeps the alternate names worth matching: Arabic-script names, and Latin names close to the
/// place's own name (transliteration variants). Drops other scripts, airport codes and Latin
/// names far from the main one, which in GeoNames are mostly other languages' exonyms and old
/// names that collide with ordinary words and people ("Sam", "Cham" for Damascus).
pub fn filter_alternates(row: &GeonamesRow) -> Vec<String> {
    let own: Vec<String> =
        [&row.name, &row.asciiname].into_iter().filter_map(|n| name_key(n)).collect();
    let mut out: Vec<String> = Vec::new();
    if row.asciiname != row.name && !row.asciiname.is_empty() {
        out.push(row.asciiname.clone());
    }
    for alt in &row.alternates {
        if alt.chars().any(|c| matches!(c as u32, 0x0600..=0x06FF)) {
            out.push(alt.clone());
            continue;
        }
        let latin = alt.chars().all(|c| {
            c.is_ascii()
                || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
                || c == '‘'
                || c == '’'
                || c == 'ʿ'
                || c == 'ʾ'
        });
        if !latin {
            continue;
        }
        // Airport and other codes: short and all capitals.
        if alt.chars().count() <= 4 && alt.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // Romanised-script junk such as "dyr alzwr" is lower case throughout.
        if !alt.chars().any(char::is_uppercase) {
            continue;
        }
        let Some(key) = name_key(alt) else { continue };
        // Exonyms of well-known places are kept whole ("Palmyra" for Tadmur, "Cologne" for
        // Köln): a big city's other names are what foreign reporting calls it.
        let well_known = row.population >= 1_000_000
            || (REGION.contains(&row.country.as_str())
                && (row.population >= 50_000
                    || matches!(row.feature_code.as_str(), "PPLA" | "PPLC")));
        if own.iter().any(|o| similar(o, &key)) || (well_known && key.len() >= 5) {
            out.push(alt.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether two keys are close enough to be spellings of one name: an edit distance of at most
/// 40% of the longer key, or one contains the other as a prefix after an article.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let longer = a.len().max(b.len());
    levenshtein(a, b) * 10 <= longer * 4
}

/// Edit distance over bytes. Written here because keys are short ASCII and this is ten lines;
/// a crate would add a dependency for one generator-time call.
fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// One row of `admin-subdivisions.tsv`.
#[derive(Clone, Debug)]
pub struct Subdivision {
    name: String,
    /// GeoNames admin key: `SY.07` (level 1) or `SY.07.170793` (level 2).
    code: String,
    geonameid: u32,
    aliases: Vec<String>,
    level: u8,
    /// 0-based row index of the parent.
    parent: Option<usize>,
}

fn parse_subdivisions(path: &Path, text: &str) -> Result<Vec<Subdivision>, SourceError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err =
            |message: String| SourceError::Line { path: path.to_owned(), line: i + 1, message };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 9 {
            return Err(err(format!("expected 9 tab-separated fields, found {}", f.len())));
        }
        let level: u8 =
            f[6].parse().map_err(|_| err(format!("admin level {:?} is not a number", f[6])))?;
        // The packaging nests a few of GeoNames' first-level divisions under a region of its
        // own (Iraq's Erbil, Dahuk and Sulaymaniyah under the Kurdistan Region, which has no
        // code): a code of two parts ("IQ.11") is GeoNames' first level, whatever the nesting.
        let level = if f[2].split('.').count() == 2 { 1 } else { level };
        out.push(Subdivision {
            name: f[0].to_owned(),
            code: f[2].to_owned(),
            geonameid: f[3].parse().unwrap_or(0),
            aliases: f[5].split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            level,
            parent: f[7].parse::<usize>().ok().and_then(|p| p.checked_sub(1)),
        });
    }
    Ok(out)
}

/// The English name of a division: its GeoNames name when that is plain ASCII ("Texas",
/// "Dayr az Zawr"), else its first plain-ASCII alias without a "Governorate"-like suffix
/// ("Ḩimş" → "Homs"), passing over aliases in another language's words for a division
/// (Kandahār's Uzbek "Qandahor viloyati"), else the GeoNames name as it is.
fn english_division_name(a: &Subdivision) -> String {
    if a.name.is_ascii() {
        return a.name.clone();
    }
    let strip = |s: &str| {
        let mut s = s.to_owned();
        for w in DIVISION_WORDS {
            if let Some(stripped) = s.strip_suffix(w) {
                s = stripped.to_owned();
            }
        }
        s
    };
    let foreign = |s: &str| {
        s.rsplit(' ')
            .next()
            .is_some_and(|w| FOREIGN_DIVISION_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    };
    a.aliases
        .iter()
        .find(|s| s.is_ascii() && !s.is_empty() && !foreign(s))
        .map(|s| strip(s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| a.name.clone())
}

/// Words for a division in languages whose names GeoNames lists in Latin letters (Uzbek,
/// Turkish, Persian, Kazakh), which make an alias a foreign name rather than the English one.
/// Not "Oblast" or "Rayon", which English names keep ("Gomel Oblast").
const FOREIGN_DIVISION_WORDS: &[&str] =
    &["viloyati", "viloyat", "tumani", "ili", "vilayeti", "ostan", "ostani", "oblysy"];

struct CountryRow {
    name: String,
    iso: String,
    geonameid: u32,
    names: Vec<String>,
}

fn parse_country_rows(path: &Path, text: &str) -> Result<Vec<CountryRow>, SourceError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            return Err(SourceError::Line {
                path: path.to_owned(),
                line: i + 1,
                message: format!("expected at least 7 tab-separated fields, found {}", f.len()),
            });
        }
        if f[1].len() != 2 {
            continue;
        }
        let common = if f[5].is_empty() { f[0] } else { f[5] };
        let mut names: Vec<String> =
            [f[0], f[4], f[5]].iter().filter(|s| !s.is_empty()).map(|s| s.to_string()).collect();
        names.extend(f[6].split('|').filter(|s| !s.is_empty()).map(str::to_owned));
        out.push(CountryRow {
            name: common.to_owned(),
            iso: f[1].to_owned(),
            geonameid: f[3].parse().unwrap_or(0),
            names,
        });
    }
    Ok(out)
}

fn country_places(
    rows: &[CountryRow],
    facts: &CountriesFile,
    cities: &[GeonamesRow],
) -> Vec<SourcePlace> {
    let facts: HashMap<&str, _> = facts.country.iter().map(|c| (c.iso.as_str(), c)).collect();
    let capitals: HashMap<&str, &GeonamesRow> = cities
        .iter()
        .filter(|r| r.feature_code == "PPLC")
        .map(|r| (r.country.as_str(), r))
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let fact = facts.get(row.iso.as_str());
        // The representative point: the curated country point, else the capital.
        let point = fact
            .and_then(|f| f.lat.zip(f.lon))
            .or_else(|| capitals.get(row.iso.as_str()).map(|c| (c.lat, c.lon)));
        let Some((lat, lon)) = point else { continue };
        let mut aliases = row.names.clone();
        if let Some(f) = fact {
            aliases.extend(f.aliases.iter().cloned());
            aliases.extend(f.arabic.iter().cloned());
        }
        aliases.retain(|a| a != &row.name);
        aliases.sort();
        aliases.dedup();
        out.push(SourcePlace {
            record: PlaceRecord {
                geonameid: row.geonameid,
                slug: String::new(),
                name: row.name.clone(),
                kind: PlaceKind::Country,
                feature: "PCLI".into(),
                country: row.iso.clone(),
                admin1_code: String::new(),
                admin1: String::new(),
                lat,
                lon,
                population: 0,
                spellings: Vec::new(),
            },
            aliases,
        });
    }
    out
}

fn admin_places(
    admins: &[Subdivision],
    rows: &[GeonamesRow],
    admin1_names: &HashMap<String, String>,
) -> Vec<SourcePlace> {
    // Seats and members of each division, from the populated places.
    let mut seat1: HashMap<String, &GeonamesRow> = HashMap::new();
    let mut seat2: HashMap<String, &GeonamesRow> = HashMap::new();
    let mut members1: HashMap<String, Vec<&GeonamesRow>> = HashMap::new();
    let mut members2: HashMap<String, Vec<&GeonamesRow>> = HashMap::new();
    for r in rows.iter().filter(|r| r.feature_class == "P") {
        let k1 = format!("{}.{}", r.country, r.admin1);
        let k2 = format!("{k1}.{}", r.admin2);
        let better = |old: Option<&&GeonamesRow>| old.is_none_or(|o| o.population < r.population);
        if matches!(r.feature_code.as_str(), "PPLA" | "PPLC") && better(seat1.get(&k1)) {
            seat1.insert(k1.clone(), r);
        }
        if r.feature_code == "PPLA2" && !r.admin2.is_empty() && better(seat2.get(&k2)) {
            seat2.insert(k2.clone(), r);
        }
        members1.entry(k1).or_default().push(r);
        if !r.admin2.is_empty() {
            members2.entry(k2).or_default().push(r);
        }
    }
    let mean = |members: &[&GeonamesRow]| {
        let n = members.len() as f32;
        (
            members.iter().map(|r| r.lat).sum::<f32>() / n,
            members.iter().map(|r| r.lon).sum::<f32>() / n,
        )
    };

    let mut located: Vec<Option<(f32, f32, String)>> = Vec::with_capacity(admins.len());
    for a in admins {
        let parts: Vec<&str> = a.code.split('.').collect();
        let point = match (a.level, parts.as_slice()) {
            (1, [_, _]) => {
                seat1.get(&a.code).map(|r| (r.lat, r.lon, "ADM1".to_owned())).or_else(|| {
                    members1.get(&a.code).map(|m| {
                        let (la, lo) = mean(m);
                        (la, lo, "ADM1".to_owned())
                    })
                })
            }
            (_, [c, a1, _]) => {
                let k1 = format!("{c}.{a1}");
                seat2
                    .get(&a.code)
                    .copied()
                    .or_else(|| {
                        seat_by_name(a, members1.get(&k1).map(Vec::as_slice).unwrap_or(&[]))
                    })
                    .map(|r| (r.lat, r.lon, "ADM2".to_owned()))
                    .or_else(|| {
                        members2.get(&a.code).map(|m| {
                            let (la, lo) = mean(m);
                            (la, lo, "ADM2".to_owned())
                        })
                    })
            }
            _ => None,
        };
        located.push(point);
    }
    let mut out = Vec::new();
    for (i, a) in admins.iter().enumerate() {
        // Divisions with no seat and no member fall back to their parent's point.
        let point = located[i].clone().or_else(|| {
            a.parent
                .and_then(|p| located.get(p).cloned().flatten())
                .map(|(la, lo, _)| (la, lo, "ADM2".to_owned()))
        });
        let Some((lat, lon, feature)) = point else { continue };
        let country = a.code.split('.').next().unwrap_or_default().to_owned();
        let admin1_code = a.code.split('.').take(2).collect::<Vec<_>>().join(".");
        let kind = if a.level == 1 { PlaceKind::Admin1 } else { PlaceKind::Admin2 };
        let name = if a.level == 1 { english_division_name(a) } else { a.name.clone() };
        let mut aliases: Vec<String> = a.aliases.clone();
        aliases.push(a.name.clone());
        // Outside the region, a district is matched only by a name that says it is one
        // ("Rapides Parish", "Dyer County"): the world's bare district names ("Zaka", "Abau")
        // are mostly also towns, words or people, and rarely what news means.
        if kind == PlaceKind::Admin2 && !REGION.contains(&country.as_str()) {
            if !names_division(&name) {
                continue;
            }
            aliases.retain(|x| names_division(x));
        }
        aliases.retain(|x| x != &name);
        aliases.sort();
        aliases.dedup();
        out.push(SourcePlace {
            record: PlaceRecord {
                geonameid: a.geonameid,
                slug: String::new(),
                name,
                kind,
                feature,
                country,
                admin1: admin1_names.get(&admin1_code).cloned().unwrap_or_default(),
                admin1_code,
                lat,
                lon,
                population: 0,
                spellings: Vec::new(),
            },
            aliases,
        });
    }
    out
}

/// Whether a name carries a word for an administrative division.
fn names_division(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "county",
        "parish",
        "district",
        "borough",
        "municipality",
        "department",
        "prefecture",
        "province",
        "region",
        "township",
        "census",
        "shire",
        "city",
        "regency",
        "governorate",
        "canton",
        "oblast",
        "raion",
        "rayon",
        "okrug",
        "krai",
        "kreis",
        "landkreis",
    ];
    name.split([' ', '-']).any(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

/// The seat of a district named after its main town ("Mayadin District" → Al Mayadin): a
/// populated place of the same first-level division whose name has the same key as the
/// district's name without its suffix. GeoNames gives no second-level codes for some countries
/// (Syria among them), so this is the only way to place their districts.
fn seat_by_name<'a>(a: &Subdivision, members: &[&'a GeonamesRow]) -> Option<&'a GeonamesRow> {
    let mut base = a.name.as_str();
    for w in DIVISION_WORDS {
        if let Some(s) = base.strip_suffix(w) {
            base = s;
        }
    }
    let key = name_key(base)?;
    members
        .iter()
        .filter(|r| {
            name_key(&r.name).as_deref() == Some(&key)
                || name_key(&r.asciiname).as_deref() == Some(&key)
        })
        .max_by_key(|r| r.population)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisions_are_named_in_english_not_in_another_language() {
        let division = |name: &str, aliases: &[&str]| Subdivision {
            name: name.to_owned(),
            code: String::new(),
            geonameid: 0,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            level: 1,
            parent: None,
        };
        let homs = division("Ḩimş", &["Homs", "Homs Governorate", "حمص"]);
        assert_eq!(english_division_name(&homs), "Homs");
        let rif = division("Rīf Dimashq", &["Damascus Countryside", "Rif-dimashq Governorate"]);
        assert_eq!(english_division_name(&rif), "Damascus Countryside");
        // The only Latin-letter alias is Uzbek: the GeoNames name stays.
        let kandahar = division("Kandahār", &["Qandahor viloyati", "ولایت قندهار"]);
        assert_eq!(english_division_name(&kandahar), "Kandahār");
        let texas = division("Texas", &["Tejas"]);
        assert_eq!(english_division_name(&texas), "Texas");
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(levenshtein(b"", b"abc"), 3);
    }

    #[test]
    fn alternates_keep_spellings_and_drop_exonyms() {
        let row = GeonamesRow {
            geonameid: 170654,
            name: "Damascus".into(),
            asciiname: "Damascus".into(),
            alternates: ["Cham", "DAM", "Damaskus", "Sam", "دمشق", "Дамаск", "dmshq"]
                .map(String::from)
                .to_vec(),
            lat: 33.5,
            lon: 36.3,
            feature_class: "P".into(),
            feature_code: "PPLC".into(),
            country: "SY".into(),
            admin1: "13".into(),
            admin2: String::new(),
            population: 1_569_394,
        };
        assert_eq!(filter_alternates(&row), vec!["Damaskus".to_owned(), "دمشق".to_owned()]);
    }
}
