//! Resolution: one place for each mention, from the candidates that share its name.
//!
//! Each candidate gets a score: a prior from its kind and population; a bonus when its country is
//! the document's (named countries and demonyms); when its first-level division is named in the
//! document; when it lies near the other places of the document; and when the words around the
//! mention ask for its kind ("the province of X" wants a province, "X crossing" a facility); and
//! when another name of the text may be the county it is the seat of ("Edgar County" and "Paris":
//! Paris, Illinois). Scores are computed again in later passes, which measure proximity to the pass
//! before's choices. The evidence a mention is scored on never comes from mentions of its own name:
//! "Alexandria" said twice is not twice the evidence for Egypt. A mention the text puts inside
//! another ("X village in Hama countryside") is read there or left out. A candidate set that stays
//! split between far-apart places with nothing to choose between them is left out and reported in
//! the diagnostics.

use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use serde::Serialize;
use sitrep_lexicon::generate::REGION;
use sitrep_lexicon::index::{Entry, FLAG_PRIMARY};
use sitrep_lexicon::place::{PlaceKind, PlaceRecord};

use super::recognize::{Cue, PlaceMention, Recognized};
use super::{Gazetteer, direction, distance_km};
use crate::diagnostic::Diagnostic;

/// A resolved place with all its mentions in the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    /// Stable id: `geonames:170794` or `sitrep:sy-tanf-crossing`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind: country, admin1, admin2, city, town, village, facility, region, road.
    pub kind: PlaceKind,
    /// What a facility or region of the curated gazetteer is: "air base", "border crossing",
    /// "desert", "river", "sea", ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// First-level division's name, if known.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id, where the place has one.
    pub geonameid: Option<u32>,
    /// How sure the resolution is, 0 to 1.
    pub confidence: f64,
    /// Where the text names it.
    pub mentions: Vec<PlaceMentionOut>,
    /// For a place the gazetteer lacks, located by the text inside a known one ("the village
    /// of Tamthil in eastern Homs"): the id of that place, whose point and division it takes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl Place {
    /// Whether the place is water (a sea, gulf, strait, lake or river): where ships sail and
    /// missiles are fired from, but a river or sea stands for a long stretch of its course or
    /// coast, so a town named beside it says better where an event was.
    pub fn is_water(&self) -> bool {
        self.feature.as_deref().is_some_and(|f| is_open_water(f) || matches!(f, "lake" | "river"))
    }

    /// Whether the place is a river.
    pub fn is_river(&self) -> bool {
        self.feature.as_deref() == Some("river")
    }
}

/// Whether a curated feature is open water, between or beyond states' land: a sea, a gulf, a
/// strait.
fn is_open_water(feature: &str) -> bool {
    matches!(feature, "sea" | "gulf" | "strait")
}

/// One mention of a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceMentionOut {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The text of the mention.
    pub text: String,
}

/// The kind and population prior of a record.
pub(crate) fn prior(r: &PlaceRecord) -> f64 {
    let kind = match r.kind {
        PlaceKind::Country => 7.0,
        // Divisions have no population in GeoNames; these priors weigh a first-level division
        // like a city of a million and a district like a town of 1,000.
        PlaceKind::Admin1 => 4.5,
        PlaceKind::Admin2 => 1.8,
        PlaceKind::City => match r.feature.as_str() {
            "PPLC" => 2.5,
            "PPLA" => 2.0,
            _ => 1.5,
        },
        PlaceKind::Town => 0.8,
        PlaceKind::Village => 0.3,
        // A self-governing region above provinces (the Kurdistan Region of Iraq) is weighed
        // like one: "Kurdistan" is Iraq's region before Iran's province.
        PlaceKind::Region if r.feature == "autonomous region" => 4.5,
        // So is a peninsula that names a theatre of war (the Sinai) before a town of its
        // name, and open waters before the divisions named after them (the Red Sea before
        // Egypt's and Sudan's Red Sea governorates, which a province cue still finds).
        PlaceKind::Region if r.feature == "peninsula" => 4.5,
        PlaceKind::Region if is_open_water(&r.feature) => 5.0,
        PlaceKind::Facility | PlaceKind::Region => 1.8,
        PlaceKind::Road => 1.2,
    };
    let curated = if r.slug.is_empty() { 0.0 } else { 0.5 };
    kind + curated + 0.4 * (f64::from(r.population) + 1.0).log10()
}

fn cue_score(cue: Cue, kind: PlaceKind) -> f64 {
    match (cue, kind) {
        (Cue::Province, PlaceKind::Admin1) => 5.0,
        (Cue::Province, PlaceKind::Admin2) => 3.0,
        (Cue::District, PlaceKind::Admin2) => 5.0,
        (Cue::District, PlaceKind::Admin1) => 2.0,
        (Cue::District, k) if k.is_populated() => -1.5,
        (Cue::Settlement | Cue::Village, k) if k.is_populated() => 3.0,
        (Cue::Facility, PlaceKind::Facility) => 5.0,
        (Cue::Settlement | Cue::Village | Cue::Facility, k) if k.is_admin() => -3.0,
        (Cue::Area, PlaceKind::Region) => 1.0,
        (Cue::Area, PlaceKind::Facility | PlaceKind::Country | PlaceKind::Admin1) => -4.0,
        _ => 0.0,
    }
}

/// How far from a country's nearest place (in degrees, about 55 km) a neighbour's town may lie
/// and still be read in a text about that country: the border towns the war reaches (Kilis,
/// Reyhanli, Arsal, Ramtha, al-Qaim) lie within 30 km of a Syrian place; Zetan in central
/// Israel does not.
const NEIGHBOUR_MARGIN_DEG: f32 = 0.5;

/// [`NEIGHBOUR_MARGIN_DEG`] between Syria and Iraq (about 30 km).
const WAR_ZONE_MARGIN_DEG: f32 = 0.3;

/// Whether two countries of [`REGION`] share a land border.
fn neighbours(a: &str, b: &str) -> bool {
    const BORDERS: &[(&str, &str)] = &[
        ("SY", "TR"),
        ("SY", "IQ"),
        ("SY", "JO"),
        ("SY", "LB"),
        ("SY", "IL"),
        ("IQ", "TR"),
        ("IQ", "IR"),
        ("IQ", "KW"),
        ("IQ", "SA"),
        ("IQ", "JO"),
        ("JO", "SA"),
        ("JO", "IL"),
        ("JO", "PS"),
        ("LB", "IL"),
        ("TR", "IR"),
        ("IL", "EG"),
        ("IL", "PS"),
        ("PS", "EG"),
        ("SA", "KW"),
    ];
    BORDERS.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

/// A country code packed into two bytes, for cheap comparisons in the scoring loops.
fn iso_key(iso: &str) -> u16 {
    let b = iso.as_bytes();
    match b {
        [a, c] => u16::from_be_bytes([*a, *c]),
        _ => 0,
    }
}

/// A point the text is known to be about, with the mentions that put it there.
struct Anchor {
    lat: f64,
    lon: f64,
    cos_lat: f64,
    /// The strongest prior among the places at this point.
    strength: f64,
    /// The name (see [`Context::name_of`]) of every mention resolved here, when they all share
    /// one: a point only a name's own mentions support is no evidence for that name.
    only_name: Option<u32>,
}

/// Distance in km by the equirectangular approximation: within a few per cent of the
/// great-circle distance up to a couple of thousand km, which is all the scoring thresholds need,
/// at a fraction of the trigonometry.
fn approx_km(lat: f64, lon: f64, a: &Anchor) -> f64 {
    let mut dlon = (lon - a.lon).abs();
    if dlon > 180.0 {
        dlon = 360.0 - dlon;
    }
    let x = dlon.to_radians() * a.cos_lat;
    let y = (lat - a.lat).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

struct Context {
    /// For each mention, its name: the index of the first mention with the same candidates.
    /// Evidence is never a name's own: two mentions of "Paris" do not make each other French.
    name_of: Vec<u32>,
    /// For each mention, the country it names outright, with its weight.
    named_by: Vec<Option<(u16, f64)>>,
    /// Countries the text refers to by demonyms, with weights (no mention of their own).
    demonyms: Vec<(u16, f64)>,
    /// What the text states of each country of [`REGION`]: the weights of its name and its
    /// demonyms (armed groups included), not of other places read in it.
    stated: Vec<(u16, f64)>,
    /// For each mention, the first-level division or country that qualifies it: "Dublin,
    /// Georgia", "Hit, Iraq" → (admin1 code or "", country).
    qualifier: Vec<Option<(String, String)>>,
    /// Country of each mention resolved with confidence in the first pass.
    resolved: Vec<Option<u16>>,
    /// Weight of each country over the whole text.
    totals: Vec<(u16, f64)>,
    /// What the mentions of each name (by [`Context::name_of`]) add to `totals`: by country,
    /// and over all.
    name_weights: FxHashMap<(u32, u16), f64>,
    name_totals: Vec<f64>,
    /// For each mention, the first-level division the pass before resolved it in, with a
    /// weight: a division named outright weighs more than one a town lies in.
    admin1_by: Vec<Option<(String, f64)>>,
    /// `admin1_by` summed by division, and over all; and likewise for the mentions of each
    /// name.
    admin1_totals: HashMap<String, f64>,
    admin1_all: f64,
    name_admin1: Vec<Vec<(String, f64)>>,
    /// Points of the places resolved with confidence in the first pass (not countries or
    /// continents).
    anchors: Vec<Anchor>,
    /// For each mention, the mention it is placed relative to: "X north of Y", "X near Y",
    /// "X, northeast Baqubah" → Y.
    relative_to: Vec<Option<usize>>,
    /// For each mention, the mention the text puts it inside: "X village in Hama countryside",
    /// "X area of Dar'a city", "X in northern Aleppo" → Y; and whether the words say so
    /// outright (a kind word or a compass adjective, not a bare "in").
    inside_of: Vec<Option<Inside>>,
    /// Each mention's reading in the pass before.
    chosen: Vec<Option<(u8, Entry)>>,
    /// Where the first pass put each mention (not countries, divisions or continents).
    position: Vec<Option<(f64, f64)>>,
    /// [`Context::nearest`]'s scans of the anchors, by (point, least strength): the two
    /// nearest anchors, the first by index. A long article names the same places dozens of
    /// times, and every mention of a name asks about the same candidate points; without this,
    /// resolution grows with mentions times anchors. Emptied whenever the anchors change.
    nearest_memo: RefCell<FxHashMap<(u64, u64, u64), NearestTwo>>,
    /// The second-level divisions and the towns among the readings of each name, by point:
    /// GeoNames puts a county or district at its seat, so a town standing on the point of a
    /// division another name of the text may be is that division's seat ("Laurel County" and
    /// "London": London, Kentucky), whatever the two names were read as so far.
    seats: FxHashMap<(u32, u32), Vec<SeatReading>>,
}

/// A reading of a name (see [`Context::name_of`]) standing on a division's point.
struct SeatReading {
    name: u32,
    role: SeatRole,
    layer: u8,
    record: usize,
}

/// What a reading standing on a division's point is: the division or a town (its seat).
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeatRole {
    Division,
    Town,
}

impl SeatRole {
    fn of(kind: PlaceKind) -> Option<SeatRole> {
        match kind {
            PlaceKind::Admin2 => Some(SeatRole::Division),
            k if k.is_populated() => Some(SeatRole::Town),
            _ => None,
        }
    }
}

/// A record's point, exactly: a division and its seat share it.
fn point_key(r: &PlaceRecord) -> (u32, u32) {
    (r.lat.to_bits(), r.lon.to_bits())
}

/// The nearest anchor to a point (its index and distance) and the distance to the next.
#[derive(Clone, Copy)]
struct NearestTwo {
    first: Option<usize>,
    d_first: f64,
    second: Option<usize>,
    d_second: f64,
}

/// Weight of a country in the text, or as one mention sees it.
const RESOLVED_WEIGHT: f64 = 0.3;

impl Context {
    fn new(name_of: Vec<u32>) -> Context {
        let mentions = name_of.len();
        Context {
            name_of,
            named_by: vec![None; mentions],
            demonyms: Vec::new(),
            stated: Vec::new(),
            qualifier: vec![None; mentions],
            resolved: vec![None; mentions],
            totals: Vec::new(),
            name_weights: FxHashMap::default(),
            name_totals: vec![0.0; mentions],
            admin1_by: vec![None; mentions],
            admin1_totals: HashMap::new(),
            admin1_all: 0.0,
            name_admin1: vec![Vec::new(); mentions],
            anchors: Vec::new(),
            relative_to: vec![None; mentions],
            inside_of: vec![None; mentions],
            chosen: vec![None; mentions],
            position: vec![None; mentions],
            nearest_memo: RefCell::default(),
            seats: FxHashMap::default(),
        }
    }

    /// Whether another name of the text may be the division reading `r` is the seat of, or a
    /// seat of division `r`. A division named after its seat ("Karak" and "Karak district")
    /// is one name said twice, no pair.
    fn seat_pair(&self, g: &Gazetteer, i: usize, r: &PlaceRecord) -> bool {
        let Some(role) = SeatRole::of(r.kind) else { return false };
        let name = self.name_of[i];
        self.seats.get(&point_key(r)).is_some_and(|on| {
            on.iter().any(|on| {
                let o = g.record(on.layer, on.record);
                let (town, division) = if role == SeatRole::Town { (r, o) } else { (o, r) };
                on.name != name && on.role != role && !division.name.starts_with(&town.name)
            })
        })
    }

    /// Sums the country weights once the named and resolved countries are known.
    fn total(&mut self) {
        let mut totals: Vec<(u16, f64)> = Vec::new();
        let mut add = |iso: u16, w: f64| match totals.iter_mut().find(|(c, _)| *c == iso) {
            Some((_, t)) => *t += w,
            None => totals.push((iso, w)),
        };
        for &(iso, w) in self.named_by.iter().flatten().chain(&self.demonyms) {
            add(iso, w);
        }
        // Places of a country count for it too, more weakly than naming it.
        for iso in self.resolved.iter().flatten() {
            add(*iso, RESOLVED_WEIGHT);
        }
        self.totals = totals;
        self.name_weights.clear();
        self.name_totals.fill(0.0);
        for (i, &name) in self.name_of.iter().enumerate() {
            let named = self.named_by[i];
            let resolved = self.resolved[i].map(|iso| (iso, RESOLVED_WEIGHT));
            for (iso, w) in named.into_iter().chain(resolved) {
                *self.name_weights.entry((name, iso)).or_default() += w;
                self.name_totals[name as usize] += w;
            }
        }
    }

    /// Sums the first-level divisions once the pass before has placed the mentions.
    fn total_admin1(&mut self) {
        self.admin1_totals.clear();
        self.name_admin1.iter_mut().for_each(Vec::clear);
        for (i, by) in self.admin1_by.iter().enumerate() {
            let Some((code, w)) = by else { continue };
            *self.admin1_totals.entry(code.clone()).or_default() += w;
            let own = &mut self.name_admin1[self.name_of[i] as usize];
            match own.iter_mut().find(|(c, _)| c == code) {
                Some((_, t)) => *t += w,
                None => own.push((code.clone(), *w)),
            }
        }
        self.admin1_all = self.admin1_by.iter().flatten().map(|a| a.1).sum();
    }

    /// What the mentions of mention `i`'s name add to the weight of first-level division
    /// `code` (or of all divisions, with `None`).
    fn own_admin1(&self, i: usize, code: Option<&str>) -> f64 {
        self.name_admin1[self.name_of[i] as usize]
            .iter()
            .filter(|(c, _)| code.is_none_or(|x| x == c))
            .map(|(_, w)| w)
            .sum()
    }

    /// What the mentions of mention `i`'s name contribute to a country's weight (or to all,
    /// with `None`): a name is no evidence for its own reading.
    fn own(&self, i: usize, iso: Option<u16>) -> f64 {
        let name = self.name_of[i];
        match iso {
            Some(iso) => self.name_weights.get(&(name, iso)).copied().unwrap_or(0.0),
            None => self.name_totals[name as usize],
        }
    }

    /// The share of a country in the text as mention `i` sees it.
    fn share(&self, i: usize, grand_total: f64, iso: u16) -> f64 {
        if grand_total <= 0.0 {
            return 0.0;
        }
        let t = self.totals.iter().find(|(c, _)| *c == iso).map_or(0.0, |t| t.1);
        ((t - self.own(i, Some(iso))) / grand_total).max(0.0)
    }

    /// Distance to the nearest anchor not standing on mention `i`'s name alone, among anchors
    /// at least as strong as `min_strength`.
    fn nearest(&self, i: usize, lat: f64, lon: f64, min_strength: f64) -> f64 {
        let key = (lat.to_bits(), lon.to_bits(), min_strength.to_bits());
        let two = *self.nearest_memo.borrow_mut().entry(key).or_insert_with(|| {
            let mut two = NearestTwo {
                first: None,
                d_first: f64::INFINITY,
                second: None,
                d_second: f64::INFINITY,
            };
            for (k, a) in
                self.anchors.iter().enumerate().filter(|(_, a)| a.strength >= min_strength)
            {
                let d = approx_km(lat, lon, a);
                if d < two.d_first {
                    two = NearestTwo {
                        first: Some(k),
                        d_first: d,
                        second: two.first,
                        d_second: two.d_first,
                    };
                } else if d < two.d_second {
                    two.second = Some(k);
                    two.d_second = d;
                }
            }
            two
        });
        let name = Some(self.name_of[i]);
        let own = |k: Option<usize>| k.is_some_and(|k| self.anchors[k].only_name == name);
        if !own(two.first) {
            return two.d_first;
        }
        if !own(two.second) {
            return two.d_second;
        }
        // The two nearest both stand on this name alone (its mentions read at two points):
        // look further.
        self.anchors
            .iter()
            .filter(|a| a.strength >= min_strength && a.only_name != name)
            .map(|a| approx_km(lat, lon, a))
            .fold(f64::INFINITY, f64::min)
    }

    /// How many anchors not standing on mention `i`'s name alone lie within `km` of a point.
    fn anchors_within(&self, i: usize, lat: f64, lon: f64, km: f64) -> usize {
        let name = Some(self.name_of[i]);
        self.anchors.iter().filter(|a| a.only_name != name && approx_km(lat, lon, a) < km).count()
    }

    /// The weight of first-level division `code` in the text, less what mention `i`'s name
    /// adds to it.
    fn admin1_weight(&self, i: usize, code: &str) -> f64 {
        self.admin1_totals.get(code).copied().unwrap_or(0.0) - self.own_admin1(i, Some(code))
    }
}

/// The most people a place the text calls a village may have: a village of Syria or Iraq has
/// some thousands, a town grown around a village's name some tens of thousands.
const VILLAGE_POPULATION: u64 = 100_000;

/// How far "X north of Y" or "X near Y" may put X from Y, in km.
const RELATIVE_KM: f64 = 120.0;

/// For each mention, the next mention when the words between them place the first relative to
/// the second: "north of", "20 km south of", "near", "on the outskirts of", "northeast"
/// ("Omar Mandan village, northeast Baqubah"), with "the", "city of", "town of" allowed before
/// the second; and, apart, the next mention when the words put the first inside it: "in",
/// "in northern", "village in", "area of", "in the city of".
fn relative_positions(
    text: &str,
    mentions: &[&PlaceMention],
    countries: &[bool],
) -> (Vec<Option<usize>>, Vec<Option<Inside>>) {
    let mut near = vec![None; mentions.len()];
    let mut inside = vec![None; mentions.len()];
    for i in 0..mentions.len().saturating_sub(1) {
        let separator = |c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')';
        let between = &text[mentions[i].byte_end..mentions[i + 1].byte_start];
        // Most mentions are sentences apart: count before copying the words in lower case.
        if between.split(separator).filter(|w| !w.is_empty()).nth(7).is_some() {
            continue;
        }
        // "Diyala's Nada Basin", "Baghdad's Karrada": the second inside the first. Not after a
        // country, whose possessive is as often an owner or an agent: "Turkey's Afrin
        // operation", "Russia's Hmeimim base".
        if matches!(between.trim_end(), "'s" | "’s")
            && between.len() > between.trim_end().len()
            && !countries[i]
        {
            inside[i + 1] = Some(Inside { of: i, outright: true, settlement: false });
            continue;
        }
        let between = between.to_lowercase();
        let mut words: Vec<&str> = between.split(separator).filter(|w| !w.is_empty()).collect();
        // Words that may follow the mention before the relation: "village", "area".
        let kind_word = |w: &&str| {
            matches!(
                *w,
                "village"
                    | "town"
                    | "area"
                    | "neighbourhood"
                    | "neighborhood"
                    | "district"
                    | "villages"
                    | "towns"
                    | "areas"
            )
        };
        // "X and Makhram towns in Y": a place the gazetteer lacks, named (capitalised; not
        // "Raqqa, and other areas in Aleppo"), shares the kind word.
        let names_between = || {
            let original = &text[mentions[i].byte_end..mentions[i + 1].byte_start];
            original
                .split(separator)
                .filter(|w| !w.is_empty())
                .skip(1)
                .take_while(|w| capitalised(w))
                .count()
        };
        if words.first() == Some(&"and")
            && let Some(k) = (2..words.len().min(4)).find(|&k| {
                matches!(words[k], "villages" | "towns" | "areas")
                    && words[1..k].iter().all(|w| w.chars().all(is_name_char))
            })
            && names_between() >= k - 1
        {
            words.drain(..k);
        }
        let after_kind = words.first().is_some_and(kind_word);
        while words.first().is_some_and(kind_word) {
            words.remove(0);
        }
        // "X in Y", "X village in northern Y", "X area of (northern) Y", "X in the city of Y".
        let within = match words.as_slice() {
            ["in"] | ["in", "the"] => Some(after_kind),
            // "X in northern Y", "X in rural Y", "X in southern rural Y".
            ["in", rest @ ..] | ["in", "the", rest @ ..]
                if !rest.is_empty()
                    && rest.len() <= 2
                    && rest
                        .iter()
                        .all(|a| *a == "rural" || super::COMPASS_ADJECTIVES.contains(a)) =>
            {
                Some(true)
            }
            ["in", "the", "city" | "town" | "village" | "province" | "countryside", "of"] => {
                Some(true)
            }
            ["of"] | ["of", "the"] if after_kind => Some(true),
            // "X area, Y district", "X village, Y province": ACLED's way of naming a place and
            // the division it is in.
            [] if after_kind
                && between.contains(',')
                && matches!(mentions[i + 1].cue, Cue::District | Cue::Province) =>
            {
                Some(true)
            }
            // "X area of northern Aleppo".
            ["of", a] | ["of", "the", a] if after_kind && super::COMPASS_ADJECTIVES.contains(a) => {
                Some(true)
            }
            _ => None,
        };
        if let Some(outright) = within {
            inside[i] = Some(Inside { of: i + 1, outright, settlement: after_kind });
            continue;
        }
        while words
            .last()
            .is_some_and(|w| matches!(*w, "the" | "of" | "city" | "town" | "village" | "al" | "in"))
        {
            // "north of the city of Y": keep "of" only as part of the relation, checked below.
            if words.len() >= 2
                && words[words.len() - 1] == "of"
                && (direction(words[words.len() - 2])
                    || matches!(words[words.len() - 2], "outskirts" | "vicinity" | "countryside"))
            {
                break;
            }
            words.pop();
        }
        let relation = match words.as_slice() {
            ["near"]
            | ["close", "to"]
            | ["outside"]
            | ["outskirts", "of"]
            | ["on", "the", "outskirts", "of"]
            | ["in", "the", "vicinity", "of"] => true,
            [n, "km", d, "of"] | [n, "kilometres", d, "of"] | [n, "kilometers", d, "of"] => {
                n.chars().all(|c| c.is_ascii_digit()) && direction(d)
            }
            [d] | [d, "of"] => direction(d),
            _ => false,
        };
        if relation {
            near[i] = Some(i + 1);
        }
    }
    // "X and Y villages in Z", "X, Y and W in Z" (Y perhaps a name the gazetteer lacks): what
    // holds the last of a list holds the others.
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let between = &text[mentions[i].byte_end..mentions[i + 1].byte_start];
        // (Most mentions are sentences apart: collect no more than a list's words.)
        let words: Vec<&str> = between
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(5)
            .collect();
        if words.len() == 5 {
            continue;
        }
        let listed = matches!(words.last(), Some(&("and" | "or"))) || between.trim() == ",";
        let names = words.len() <= 4
            && words.iter().all(|w| {
                matches!(*w, "and" | "or") || capitalised(w) && w.chars().all(is_name_char)
            });
        if inside[i].is_none() && listed && names {
            inside[i] = inside[i + 1];
        }
    }
    (near, inside)
}

/// Whether a word begins with a capital, as a name does.
fn capitalised(w: &str) -> bool {
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // An Arabic article before the capital: "al-Mohafza".
    upper(w)
        || w.split_once('-')
            .is_some_and(|(a, rest)| sitrep_lexicon::normalize::is_article(a) && upper(rest))
}

/// A letter, or a hyphen or apostrophe inside a name ("Al-Na'ema").
fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '\'' | '’')
}

/// The mention a text puts another inside, and whether it says so outright (a kind word or a
/// compass adjective: "X village in Y", "X in northern Y") rather than with a bare "in".
#[derive(Clone, Copy)]
struct Inside {
    of: usize,
    outright: bool,
    /// Called a town, village, area or quarter ("X and Y towns in Z", "X district of Aleppo
    /// City"), which no first-level division is.
    settlement: bool,
}

/// What a place, as resolved, can hold: a country, a first-level division, or the
/// surroundings of a town (within [`RELATIVE_KM`]).
struct Container<'g> {
    place: &'g PlaceRecord,
    area: Area,
}

enum Area {
    Country,
    Division,
    Around(f64, f64),
}

impl Container<'_> {
    fn of(r: &PlaceRecord) -> Option<Container<'_>> {
        let area = match r.kind {
            PlaceKind::Country => Area::Country,
            PlaceKind::Admin1 if !r.admin1_code.is_empty() => Area::Division,
            k if k.is_populated() || k == PlaceKind::Admin2 => {
                Area::Around(f64::from(r.lat), f64::from(r.lon))
            }
            _ => return None,
        };
        Some(Container { place: r, area })
    }

    /// Whether reading `r` lies in this place.
    fn holds(&self, r: &PlaceRecord) -> bool {
        if r.country != self.place.country || r.kind == PlaceKind::Country {
            return false;
        }
        match &self.area {
            Area::Country => true,
            Area::Division => {
                r.kind != PlaceKind::Admin1 && r.admin1_code == self.place.admin1_code
            }
            Area::Around(lat, lon) => {
                distance_km(*lat, *lon, f64::from(r.lat), f64::from(r.lon)) <= RELATIVE_KM
            }
        }
    }
}

/// Why a mention was left unresolved.
#[derive(Clone)]
enum Unresolved {
    /// Far-apart candidates with nothing to choose between them.
    Ambiguous(usize),
    /// No reading lies in the place the text puts the mention in (named here).
    Outside(String),
    /// No reading lies near the place the text puts the mention near or by (named here).
    Away(String),
    /// The only plausible reading lies outside every country and area the text is about.
    OutOfContext(String),
}

impl Gazetteer {
    /// Resolves recognised mentions to places. Returns the places (in order of first mention)
    /// and diagnostics for the mentions left out.
    pub fn resolve(&self, text: &str, recognized: &Recognized) -> (Vec<Place>, Vec<Diagnostic>) {
        let mentions: Vec<&PlaceMention> = recognized.mentions.iter().collect();
        let cands: Vec<Vec<(u8, Entry)>> =
            mentions.iter().map(|m| self.dedup(&m.candidates)).collect();

        // Country context: named countries (unambiguous) and demonyms.
        let mut names: FxHashMap<&[(u8, Entry)], u32> = FxHashMap::default();
        let name_of = (0..cands.len())
            .map(|i| *names.entry(cands[i].as_slice()).or_insert(i as u32))
            .collect();
        let mut ctx = Context::new(name_of);
        ctx.qualifier = self.qualifiers(text, &mentions, &cands);
        for (i, c) in cands.iter().enumerate() {
            let name = ctx.name_of[i];
            if name as usize != i {
                continue;
            }
            for &(l, e) in c {
                let r = self.record(l, e.id());
                if let Some(role) = SeatRole::of(r.kind) {
                    let reading = SeatReading { name, role, layer: l, record: e.id() };
                    ctx.seats.entry(point_key(r)).or_default().push(reading);
                }
            }
        }
        // Only points where a division and a town meet matter.
        ctx.seats.retain(|_, on| {
            on.iter().any(|a| a.role == SeatRole::Division)
                && on.iter().any(|a| a.role == SeatRole::Town)
        });
        // Whether each mention may name a country, for `relative_positions`.
        let mut reads_country = vec![false; cands.len()];
        for (i, c) in cands.iter().enumerate() {
            let records: Vec<&PlaceRecord> =
                c.iter().map(|&(l, e)| self.record(l, e.id())).collect();
            let countries: Vec<&&PlaceRecord> =
                records.iter().filter(|r| r.kind == PlaceKind::Country).collect();
            reads_country[i] = !countries.is_empty();
            // "Georgia" names a country or a US state: it sets no country context.
            let rival_division = records.iter().any(|r| r.kind == PlaceKind::Admin1);
            let m = mentions[i];
            let in_name = || {
                recognized.actor_names.iter().any(|&(s, e)| {
                    s <= m.byte_start && m.byte_end <= e && e - s > m.byte_end - m.byte_start
                })
            };
            if countries.len() == 1 && !rival_division && !in_name() {
                ctx.named_by[i] = Some((iso_key(&countries[0].country), 1.0));
            }
        }
        (ctx.relative_to, ctx.inside_of) = relative_positions(text, &mentions, &reads_country);
        for (iso, n) in &recognized.demonyms {
            ctx.demonyms.push((iso_key(iso), *n as f64));
        }
        ctx.stated = REGION
            .iter()
            .map(|c| {
                let iso = iso_key(c);
                let named = ctx.named_by.iter().flatten().chain(&ctx.demonyms);
                (iso, named.filter(|n| n.0 == iso).map(|n| n.1).sum())
            })
            .collect();

        let mut choice: Vec<Result<(usize, f64), Unresolved>> = Vec::new();
        // Pass 0 reads each mention alone; each later pass reads it among the places the pass
        // before chose. Three passes: a second reading can change a place that decided the
        // first ("Mansura" in Egypt, then in Syria once "near Raqqa" is read), and the places
        // that leaned on it must see the change.
        for pass in 0..3 {
            if pass >= 1 {
                // Positions stay from earlier passes unless replaced: a place another is read
                // relative to keeps anchoring it while its own reading wavers.
                ctx.resolved = vec![None; mentions.len()];
                ctx.anchors.clear();
                ctx.nearest_memo.get_mut().clear();
                ctx.admin1_by = vec![None; mentions.len()];
                ctx.chosen = vec![None; mentions.len()];
                for (i, ch) in choice.iter().enumerate() {
                    let Ok((k, conf)) = *ch else { continue };
                    let (l, e) = cands[i][k];
                    let r = self.record(l, e.id());
                    ctx.chosen[i] = Some((l, e));
                    // Countries and continents locate nothing.
                    if conf < 0.6 || r.kind == PlaceKind::Country || r.country.is_empty() {
                        continue;
                    }
                    // Nor does a place the text puts inside another where that other is not
                    // read, or read elsewhere: it would count against the very place that
                    // locates it ("al-Zidan area, Abu Ghraib district" is no Zahedan, in Iran,
                    // to make Abu Ghraib look far from the text).
                    let outside_its_container =
                        ctx.inside_of[i].is_some_and(|s| match choice[s.of] {
                            Ok((k, _)) => {
                                let (l, e) = cands[s.of][k];
                                Container::of(self.record(l, e.id())).is_some_and(|c| !c.holds(r))
                            }
                            Err(_) => true,
                        });
                    if outside_its_container {
                        continue;
                    }
                    ctx.resolved[i] = Some(iso_key(&r.country));
                    let (lat, lon) = (f64::from(r.lat), f64::from(r.lon));
                    if r.kind.is_populated() || matches!(r.kind, PlaceKind::Admin2) {
                        ctx.position[i] = Some((lat, lon));
                    }
                    let name = ctx.name_of[i];
                    match ctx.anchors.iter_mut().find(|a| a.lat == lat && a.lon == lon) {
                        Some(a) => {
                            a.only_name = a.only_name.filter(|&n| n == name);
                            a.strength = a.strength.max(prior(r));
                        }
                        None => ctx.anchors.push(Anchor {
                            lat,
                            lon,
                            cos_lat: lat.to_radians().cos(),
                            strength: prior(r),
                            only_name: Some(name),
                        }),
                    }
                    if !r.admin1_code.is_empty() {
                        let w = if r.kind == PlaceKind::Admin1 { 2.0 } else { 1.0 };
                        ctx.admin1_by[i] = Some((r.admin1_code.clone(), w));
                    }
                }
            }
            ctx.total();
            ctx.total_admin1();
            // A name said again with nothing of its own around it (no kind word, qualifier,
            // relative position or container, the same spelling and readings) reads as it
            // did: a long article names its main places dozens of times, and scoring their
            // readings was a tenth of extraction.
            let mut said: FxHashMap<(u32, Cue, u32, bool, bool), usize> = FxHashMap::default();
            let mut next: Vec<Result<(usize, f64), Unresolved>> =
                Vec::with_capacity(mentions.len());
            for (i, m) in mentions.iter().enumerate() {
                let plain = ctx.named_by[i].is_none()
                    && ctx.qualifier[i].is_none()
                    && ctx.relative_to[i].is_none()
                    && ctx.inside_of[i].is_none();
                let key = (ctx.name_of[i], m.cue, m.spelling, m.ordinary, m.latin);
                let before = said.get(&key).copied().filter(|&j| plain && cands[j] == cands[i]);
                next.push(match before {
                    Some(j) => next[j].clone(),
                    None => self.choose(i, m, &cands[i], &ctx),
                });
                if plain {
                    said.entry(key).or_insert(i);
                }
            }
            // A pass that read every mention as the pass before leaves nothing for another.
            let settled = pass >= 1
                && next.len() == choice.len()
                && next.iter().zip(&choice).all(|(a, b)| match (a, b) {
                    (Ok((x, _)), Ok((y, _))) => x == y,
                    (Err(_), Err(_)) => true,
                    _ => false,
                });
            choice = next;
            if settled {
                break;
            }
        }

        let mut places: Vec<Place> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut diagnostics = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let mention = PlaceMentionOut {
                start: m.start,
                end: m.end,
                text: text[m.byte_start..m.byte_end].to_owned(),
            };
            let (k, confidence) = match choice[i] {
                Ok(c) => c,
                Err(Unresolved::Ambiguous(n)) => {
                    diagnostics.push(Diagnostic::info(format!(
                        "place name {:?} at {}..{} left unresolved: {n} candidates far apart and nothing in the text to choose between them",
                        mention.text, m.start, m.end
                    )));
                    continue;
                }
                Err(Unresolved::Outside(ref container)) => {
                    diagnostics.push(Diagnostic::info(format!(
                        "place name {:?} at {}..{} left unresolved: the text puts it in {container}, where the gazetteer has no place of that name",
                        mention.text, m.start, m.end
                    )));
                    continue;
                }
                Err(Unresolved::Away(ref anchor)) => {
                    diagnostics.push(Diagnostic::info(format!(
                        "place name {:?} at {}..{} left unresolved: the text puts it near {anchor}, where the gazetteer has no place of that name",
                        mention.text, m.start, m.end
                    )));
                    continue;
                }
                Err(Unresolved::OutOfContext(ref name)) => {
                    diagnostics.push(Diagnostic::info(format!(
                        "place name {:?} at {}..{} left unresolved: its only plausible reading, {name}, lies outside the countries and area the text is about",
                        mention.text, m.start, m.end
                    )));
                    continue;
                }
            };
            let (l, e) = cands[i][k];
            let r = self.record(l, e.id());
            let id = r.id();
            match by_id.get(&id) {
                Some(&p) => {
                    places[p].confidence = places[p].confidence.max(confidence);
                    places[p].mentions.push(mention);
                }
                None => {
                    by_id.insert(id.clone(), places.len());
                    places.push(Place {
                        id,
                        name: r.name.clone(),
                        kind: r.kind,
                        feature: (!r.slug.is_empty() && !r.feature.is_empty())
                            .then(|| r.feature.clone()),
                        country: r.country.clone(),
                        admin1: (!r.admin1.is_empty()).then(|| r.admin1.clone()),
                        lat: round5(f64::from(r.lat)),
                        lon: round5(f64::from(r.lon)),
                        geonameid: (r.geonameid != 0).then_some(r.geonameid),
                        confidence,
                        mentions: vec![mention],
                        within: None,
                    });
                }
            }
        }
        (places, diagnostics)
    }

    /// "X, Y" where Y can only be a first-level division or a country: Y qualifies X
    /// ("Dublin, Georgia", "Hit, Iraq"), and X's reading must lie inside it.
    fn qualifiers(
        &self,
        text: &str,
        mentions: &[&PlaceMention],
        cands: &[Vec<(u8, Entry)>],
    ) -> Vec<Option<(String, String)>> {
        let mut out = vec![None; mentions.len()];
        for i in 0..mentions.len().saturating_sub(1) {
            let between = &text[mentions[i].byte_end..mentions[i + 1].byte_start];
            if !matches!(between, ", " | ",") {
                continue;
            }
            let outer: Vec<&PlaceRecord> = cands[i + 1]
                .iter()
                .map(|&(l, e)| self.record(l, e.id()))
                .filter(|r| matches!(r.kind, PlaceKind::Admin1 | PlaceKind::Country))
                .collect();
            // The qualifier must be a division or country that one of X's readings lies in.
            let fits = |o: &PlaceRecord| {
                cands[i].iter().any(|&(l, e)| {
                    let r = self.record(l, e.id());
                    r.kind != o.kind
                        && if o.kind == PlaceKind::Country {
                            r.country == o.country
                        } else {
                            r.admin1_code == o.admin1_code
                        }
                })
            };
            if let Some(o) = outer.iter().find(|o| fits(o)) {
                let admin1 = if o.kind == PlaceKind::Country {
                    String::new()
                } else {
                    o.admin1_code.clone()
                };
                out[i] = Some((admin1, o.country.clone()));
            }
        }
        out
    }

    /// Drops candidates that are the same GeoNames place in two layers (the first layer wins).
    fn dedup(&self, cands: &[(u8, Entry)]) -> Vec<(u8, Entry)> {
        let mut out: Vec<(u8, Entry)> = Vec::with_capacity(cands.len());
        for &(l, e) in cands {
            let r = self.record(l, e.id());
            let dup = out.iter().any(|&(l2, e2)| {
                (l2, e2.id()) == (l, e.id())
                    || (r.geonameid != 0 && self.record(l2, e2.id()).geonameid == r.geonameid)
            });
            if !dup {
                out.push((l, e));
            }
        }
        out
    }

    /// The best candidate of mention `i` and its confidence.
    fn choose(
        &self,
        i: usize,
        m: &PlaceMention,
        cands: &[(u8, Entry)],
        ctx: &Context,
    ) -> Result<(usize, f64), Unresolved> {
        let grand_total: f64 = ctx.totals.iter().map(|t| t.1).sum::<f64>() - ctx.own(i, None);
        let share_of = |iso: u16| ctx.share(i, grand_total, iso);
        let share = |iso: &str| share_of(iso_key(iso));
        let nearest_anchor: Vec<f64> = cands
            .iter()
            .map(|&(l, e)| {
                let r = self.record(l, e.id());
                ctx.nearest(i, f64::from(r.lat), f64::from(r.lon), f64::NEG_INFINITY)
            })
            .collect();
        // Whether each reading lies in the place the text puts the mention in. A country or
        // division "in" a place is there, not inside it ("the role of Iran in Iraq"); only
        // settlements, facilities and areas are put inside others.
        let unit = |&(l, e): &(u8, Entry)| {
            matches!(self.record(l, e.id()).kind, PlaceKind::Country | PlaceKind::Admin1)
        };
        // A name the text calls a town or village is one, whatever else bears it.
        let settlement = matches!(m.cue, Cue::Settlement | Cue::Village);
        let inside_of =
            ctx.inside_of[i].filter(|s| settlement || s.settlement || !cands.iter().any(unit));
        let container = inside_of
            .and_then(|s| ctx.chosen[s.of])
            .and_then(|(l, e)| Container::of(self.record(l, e.id())));
        let inside: Vec<bool> = match &container {
            Some(c) => cands.iter().map(|&(l, e)| c.holds(self.record(l, e.id()))).collect(),
            None => Vec::new(),
        };
        // A name none of whose readings lies there is a place the gazetteer lacks ("Mansura
        // village in Hama countryside" is not the city in Egypt, nor the town of Raqqa), unless
        // a well-known place follows a bare "in": it is there from elsewhere ("fighters from
        // Baghdad in Syria").
        // "near Ghaydah village" is no city of millions whose name folds alike (Jiddah): such a
        // reading is none.
        let city_called_village = |&(l, e): &(u8, Entry)| {
            m.cue == Cue::Village
                && u64::from(self.record(l, e.id()).population) >= VILLAGE_POPULATION
        };
        let lesser = |c: &(u8, Entry)| {
            let r = self.record(c.0, c.1.id());
            city_called_village(c) || r.feature != "PPLC" && r.population < 100_000
        };
        if let Some(c) = &container
            && !inside.contains(&true)
            && (inside_of.is_some_and(|s| s.outright) || cands.iter().all(lesser))
        {
            return Err(Unresolved::Outside(format!("{} ({})", c.place.name, c.place.country)));
        }
        // Likewise a name the text puts near another ("Shebaa on the outskirts of Damascus",
        // "Jafa, near Ras al-Ain") none of whose lesser readings lies anywhere near
        // it: three times the reach of such a relation, as the distance may be stated ("In
        // Sharqat, north of Baghdad": 250 km). (Not near a continent: "Northern Iraq,
        // Western Asia".)
        if let Some(j) = ctx.relative_to[i]
            && let Some((l, e)) = ctx.chosen[j]
            && let anchor = self.record(l, e.id())
            && !matches!(anchor.kind, PlaceKind::Country | PlaceKind::Admin1)
            && !anchor.country.is_empty()
            && let (lat, lon) =
                ctx.position[j].unwrap_or((f64::from(anchor.lat), f64::from(anchor.lon)))
            && cands.iter().all(lesser)
            && cands.iter().all(|&(l, e)| {
                let r = self.record(l, e.id());
                distance_km(lat, lon, f64::from(r.lat), f64::from(r.lon)) > 3.0 * RELATIVE_KM
            })
        {
            return Err(Unresolved::Away(format!("{} ({})", anchor.name, anchor.country)));
        }
        // A name a capital or a city of millions bears ("Vienna", "Paris") is read as a small
        // namesake abroad only with more support than a name no famous place bears.
        let famous = cands.iter().any(|&(l, e)| {
            let r = self.record(l, e.id());
            r.feature == "PPLC" || r.population >= 1_000_000
        });
        // A small place abroad is no reading at all unless the text backs it: it must not
        // outscore the region's own village of that name and then fall for want of support.
        let viable = |k: usize| {
            let (l, e) = cands[k];
            let r = self.record(l, e.id());
            !city_called_village(&cands[k])
                && (!below_world_cut(r)
                    || self.backs_small_place(i, m, r, nearest_anchor[k], famous, ctx))
        };
        let division_backed = cands.iter().any(|&(l, e)| {
            let r = self.record(l, e.id());
            r.kind == PlaceKind::Admin1 && share(&r.country) >= 0.3
        });
        let mut scored: Vec<(usize, f64)> = cands
            .iter()
            .enumerate()
            .filter(|&(k, _)| viable(k))
            .map(|(k, &(l, e))| {
                let r = self.record(l, e.id());
                let mut s = prior(r) + cue_score(m.cue, r.kind);
                // Without a cue, a bare name shared by a division and a town inside it is the
                // town: "Deir ez-Zor" is the city, "Deir ez-Zor province" the governorate.
                if m.cue == Cue::None && r.kind.is_admin() {
                    let town_inside = cands.iter().any(|&(l2, e2)| {
                        let o = self.record(l2, e2.id());
                        o.kind.is_populated() && o.admin1_code == r.admin1_code
                    });
                    if town_inside {
                        s -= if r.kind == PlaceKind::Admin1 { 3.0 } else { 2.0 };
                    }
                }
                if e.has(FLAG_PRIMARY) {
                    s += 0.3;
                }
                // Spelled exactly as the text spells it: "Columbia" is not Colombia.
                if r.spellings.binary_search(&m.spelling).is_ok() {
                    s += 1.0;
                }
                s += 3.0 * share(&r.country).sqrt();
                // A country nothing else in the text speaks for is the first-level division
                // of the country the text is about that bears its name: "Georgia" in a report
                // on Atlanta's schools.
                if r.kind == PlaceKind::Country && share(&r.country) == 0.0 && division_backed {
                    s -= 3.0;
                }
                if r.kind != PlaceKind::Admin1 && !r.admin1_code.is_empty() {
                    // The division the other places of the text lie in: among the Dublins of
                    // a text about Columbus and Franklin County, the one in Ohio.
                    // Totals were summed once per pass; the weight of the mention's name comes
                    // off.
                    let all = ctx.admin1_all - ctx.own_admin1(i, None);
                    let inside = ctx.admin1_weight(i, &r.admin1_code);
                    if all > 0.0 {
                        s += 2.0 * inside / all;
                    }
                }
                if let Some((admin1, country)) = &ctx.qualifier[i] {
                    let inside = if admin1.is_empty() {
                        &r.country == country
                    } else {
                        &r.admin1_code == admin1
                    };
                    s += if inside { 4.0 } else { -2.0 };
                }
                // "X north of Y": X lies near where Y was placed.
                if let Some((lat, lon)) = ctx.relative_to[i].and_then(|j| ctx.position[j]) {
                    let d = distance_km(lat, lon, f64::from(r.lat), f64::from(r.lon));
                    s += if d <= RELATIVE_KM { 4.0 } else { -3.0 };
                }
                // A county and its seat both named: each is read as the other's.
                if ctx.seat_pair(self, i, r) {
                    s += 2.0;
                }
                // "X village in Y countryside": X lies in Y.
                if let Some(&inside) = inside.get(k) {
                    s += if inside { 4.0 } else { -3.0 };
                }
                let nearest = nearest_anchor[k];
                s += if nearest < 50.0 {
                    2.0
                } else if nearest < 150.0 {
                    1.2
                } else if nearest < 400.0 {
                    0.5
                } else {
                    0.0
                };
                (k, s)
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let Some(&(best, best_score)) = scored.first() else {
            let Some(&(l, e)) = cands.first() else {
                return Err(Unresolved::Ambiguous(0));
            };
            let r = self.record(l, e.id());
            return Err(Unresolved::OutOfContext(format!("{} ({})", r.name, r.country)));
        };
        let (lb, eb) = cands[best];
        let rb = self.record(lb, eb.id());
        let confidence = match scored.get(1) {
            None => 0.9,
            Some(&(second, second_score)) => {
                let margin = best_score - second_score;
                let (ls, es) = cands[second];
                let rs = self.record(ls, es.id());
                let far = distance_km(
                    f64::from(rb.lat),
                    f64::from(rb.lon),
                    f64::from(rs.lat),
                    f64::from(rs.lon),
                ) > 161.0;
                if far && margin < 0.05 {
                    return Err(Unresolved::Ambiguous(cands.len()));
                }
                if far { 0.5 + 0.45 * (1.0 - (-margin).exp()) } else { 0.9 }
            }
        };
        let confidence = if m.ordinary { confidence * 0.8 } else { confidence };
        // A reading must be supported by the text: its country named (or its demonym used),
        // or other places of the text near it; or, inside the region the embedded gazetteer
        // covers in full, at least not far from the other places named. Otherwise it must be
        // self-evident: a country, a continent, a first-level division or a capital or big city
        // by its own name. An unsupported reading is more likely a word, a person or a village
        // the gazetteer lacks than a place across the world ("Zaka" in a note on Hama, "Hit"
        // in a note on Dar'a).
        // Support from the text itself: the reading's country named, or places of the text near it.
        // "Dawayah district, northeast Thi-Qar": a place put beside a province or district lies
        // in its country, not abroad (the Kuwaiti district of Ad Du'ayyah). (Beside a town, news
        // style allows any distance, "Amara, south of Baghdad", and a country may be beside
        // anything: "the border between Iraq and Syria northwest of Nineveh".)
        let fits_relation = |k: usize| {
            let Some(j) = ctx.relative_to[i] else { return true };
            let Some((lj, ej)) = ctx.chosen[j] else { return true };
            let (l, e) = cands[k];
            let (r, y) = (self.record(l, e.id()), self.record(lj, ej.id()));
            r.kind == PlaceKind::Country
                || !matches!(y.kind, PlaceKind::Admin1 | PlaceKind::Admin2)
                || r.country == y.country
        };
        let backed_by_text = |k: usize| {
            let (l, e) = cands[k];
            let r = self.record(l, e.id());
            fits_relation(k)
                && (share(&r.country) > 0.0
                    || nearest_anchor[k] < 300.0
                    || ctx.seat_pair(self, i, r))
        };
        // The region's town is not read in a text mostly about a country of the region that
        // does not border the town's: "a QSD position near Shafa" is no town in Saudi Arabia.
        // A neighbour's town near the border stays (armies and armed groups cross the
        // Syrian-Turkish border; not Alanya on the Mediterranean for "Alyeh" in a note on
        // regime helicopters), and so does a town of Syria or Iraq, where the region's states
        // and volunteers fight ("Iranian Revolutionary Guard positions in the vicinity of
        // Ashara", "Abu Jandal al-Kuwaiti, commander in Raqqa"). Only what the text states counts, not the readings
        // of other mentions, which may themselves be far-off namesakes.
        let across_the_region = |r: &PlaceRecord| {
            let own = iso_key(&r.country);
            // (The mention's own name states nothing about itself.)
            let stated =
                |iso: u16, w: f64| w - ctx.named_by[i].filter(|n| n.0 == iso).map_or(0.0, |n| n.1);
            let all: f64 = ctx.stated.iter().map(|&(iso, w)| stated(iso, w)).sum();
            // Between Syria and Iraq themselves, a town or village only near the border:
            // "regime forces shelled Hweijeh" is no town of Kirkuk, but IS fighters in a note
            // on Deir ez-Zor may be in al-Qaim. (Not their cities, bases and regions, which a
            // text names with less said of their country: "the Islamic State of Iraq and
            // al-Sham attacked the T-4 airbase".)
            let war_zone = |c: &str| matches!(c, "SY" | "IQ");
            let small = matches!(r.kind, PlaceKind::Town | PlaceKind::Village);
            // Near the border is a narrower band there: al-Qaim, Sinjar and Tal Afar are;
            // Hatra and Hawija are not.
            let margin = |a: &str, b: &str| {
                if war_zone(a) && war_zone(b) { WAR_ZONE_MARGIN_DEG } else { NEIGHBOUR_MARGIN_DEG }
            };
            all > 0.0
                && share_of(own) == 0.0
                && REGION.iter().zip(&ctx.stated).any(|(c, &(iso, w))| {
                    iso != own
                        && (!war_zone(&r.country) || small && war_zone(c))
                        && stated(iso, w) >= 0.5 * all
                        && !(neighbours(c, &r.country)
                            && self.near_country(c, r.lat, r.lon, margin(c, &r.country)))
                })
        };
        // Only places at least as well known as this one can veto it by being far away: a
        // village's reading must not drop a district seat named beside it.
        // A base or crossing of the region is where its states' and their allies' forces act
        // from, however far from the rest of the text: "jets based in Incirlik patrolling over
        // northern Iraq".
        let home = |r: &PlaceRecord| {
            let far_from_stronger = || {
                let d = ctx.nearest(i, f64::from(r.lat), f64::from(r.lon), prior(r));
                d.is_finite() && d >= 350.0
            };
            REGION.contains(&r.country.as_str())
                && (r.kind == PlaceKind::Facility || !far_from_stronger() && !across_the_region(r))
        };
        // A text that gives no context at all (no country named or implied, no place read
        // anywhere: a one-line wire report of a shooting in Yala) cannot contradict a reading,
        // so a town of some size or a district by its own name is taken.
        let no_context = grand_total <= 0.0 && nearest_anchor.iter().all(|d| !d.is_finite());
        let acceptable = |k: usize| {
            let (l, e) = cands[k];
            let r = self.record(l, e.id());
            if !fits_relation(k) {
                return false;
            }
            if backed_by_text(k) || (home(r) && !m.ordinary) {
                return true;
            }
            // Self-evident readings are spelled as the place spells its own name ("Ibbin" is
            // not Yibin, whose key it shares), or for a division, as one of its names with its
            // kind word ("Narathiwat province", GeoNames' "Narathiwat Province").
            let named_division =
                r.kind.is_admin() && matches!(m.cue, Cue::Province | Cue::District);
            let own_name = (e.has(FLAG_PRIMARY) || named_division)
                && r.spellings.binary_search(&m.spelling).is_ok();
            let self_evident = match r.kind {
                // Transliterations are the region's: a country abroad is spelled as one of its
                // names ("Jerry" is not Jersey, nor "Morris" Mauritius).
                PlaceKind::Country => {
                    !m.latin
                        || REGION.contains(&r.country.as_str())
                        || r.spellings.binary_search(&m.spelling).is_ok()
                }
                // A region named after its country ("northern Syria") names that country.
                PlaceKind::Region => r.country.is_empty() || self.names_its_country(r),
                // The divisions of a small country are named after saints and people
                // ("Michael" and "Patrick" on the Isle of Man, "Paul" in Cape Verde): one needs the
                // text's support.
                PlaceKind::Admin1 => own_name && self.country_people(&r.country) >= 1_000_000,
                PlaceKind::Admin2 => own_name && no_context,
                // Not a big city of the region where the text is stated to be about another
                // country of it, far from the city's: "QSD forces ... in Mansura" is not
                // al-Mansurah in Egypt. A capital stays ("talks in Cairo").
                k if k.is_populated() => {
                    own_name
                        && (r.feature == "PPLC"
                            || r.population >= 200_000
                                && !(REGION.contains(&r.country.as_str()) && across_the_region(r))
                            || (no_context && r.population >= 20_000))
                }
                _ => false,
            };
            // An ordinary word needs the text's support even when its reading is a big place;
            // a country named after a locative ("in eastern Chad") does not.
            self_evident && !(m.ordinary && r.kind != PlaceKind::Country)
        };
        if !acceptable(best) {
            // A lower reading the text supports is taken instead of none ("Bethlehem" beside
            // Hebron is not Belém, whose alias it is), else a lower reading in the region the
            // gazetteer covers in full ("Ain Issa" with no other place named is the Syrian
            // town, not Inisa in Nigeria).
            let lower = || scored.iter().skip(1).map(|&(k, _)| k);
            if let Some(k) = lower().find(|&k| backed_by_text(k)) {
                return Ok((k, 0.5));
            }
            // Not in a text mostly about other countries' places: "Mary" in a report from
            // Kansas is not Mari' in Syria. Their peoples do not count: a demonym says whose
            // forces act, not where ("Russian jets struck Palmyra" is Tadmur in Syria).
            let demonyms =
                |iso: u16| -> f64 { ctx.demonyms.iter().filter(|d| d.0 == iso).map(|d| d.1).sum() };
            let places_total = grand_total - ctx.demonyms.iter().map(|d| d.1).sum::<f64>();
            let elsewhere: f64 = if places_total > 0.0 {
                ctx.totals
                    .iter()
                    .filter(|&&(iso, _)| !REGION.iter().any(|c| iso_key(c) == iso))
                    .map(|&(iso, _)| (share_of(iso) * grand_total - demonyms(iso)).max(0.0))
                    .sum::<f64>()
                    / places_total
            } else {
                0.0
            };
            let in_region = |k: usize| {
                let (l, e) = cands[k];
                home(self.record(l, e.id()))
            };
            if !m.ordinary
                && elsewhere < 0.5
                && let Some(k) = lower().find(|&k| in_region(k))
            {
                return Ok((k, 0.5));
            }
            return Err(Unresolved::OutOfContext(format!("{} ({})", rb.name, rb.country)));
        }
        Ok((best, (confidence * 100.0).round() / 100.0))
    }

    /// Whether the text supports reading mention `i` as `r`, a place abroad below the world
    /// cut (see [`below_world_cut`]). The mention must be spelled as the place spells one of
    /// its names: transliteration variants are for the region's names ("Bill" is not Bell,
    /// "Sunny" not Shawnee, "Arrow" not Aarau). A division's seat ("Trenton", "Bismarck") needs
    /// no more. A town needs the text's support beyond its country named: the United States
    /// has towns called Moore, Taylor, Bell and Union, and a report from Texas names people
    /// and things by those words far more often than the towns. So the text must name the
    /// town's first-level division ("Moore, Oklahoma") or other places near it: one within
    /// 300 km, or two within 150 km when a famous place bears the name too (`famous`: Vienna,
    /// Virginia lies next to Washington, but "the Vienna talks" of a text on Syria and the
    /// United States are in Austria), or a county whose seat it is ("Laurel County" for London,
    /// Kentucky).
    fn backs_small_place(
        &self,
        i: usize,
        m: &PlaceMention,
        r: &PlaceRecord,
        nearest_anchor: f64,
        famous: bool,
        ctx: &Context,
    ) -> bool {
        if r.spellings.binary_search(&m.spelling).is_err() {
            return false;
        }
        if r.feature == "PPLA" {
            return true;
        }
        let qualified = ctx.qualifier[i]
            .as_ref()
            .is_some_and(|(admin1, _)| !admin1.is_empty() && *admin1 == r.admin1_code);
        let in_named_division =
            !r.admin1_code.is_empty() && ctx.admin1_weight(i, &r.admin1_code) > 0.0;
        let near = if famous {
            ctx.anchors_within(i, f64::from(r.lat), f64::from(r.lon), 150.0) >= 2
        } else {
            nearest_anchor < 300.0
        };
        qualified || in_named_division || near || ctx.seat_pair(self, i, r)
    }
}

/// A place of GeoNames outside the region the embedded gazetteer covers in full, other than a
/// capital, with fewer people than [`sitrep_lexicon::generate::WORLD_CITY_POPULATION`] marks
/// a city the world knows: the world's smaller towns, which share their names with people and
/// words far more than the cities do.
fn below_world_cut(r: &PlaceRecord) -> bool {
    r.kind.is_populated()
        && r.slug.is_empty()
        && u64::from(r.population) < sitrep_lexicon::generate::WORLD_CITY_POPULATION
        && r.feature != "PPLC"
        && !REGION.contains(&r.country.as_str())
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}
