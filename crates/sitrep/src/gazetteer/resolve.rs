//! Resolution: one place for each mention, from the candidates that share its name.
//!
//! Each candidate gets a score: a prior from its kind and population; a bonus when its country
//! is the document's (named countries and demonyms); when its first-level division is named in
//! the document; when it lies near the other places of the document; and when the words around
//! the mention ask for its kind ("the province of X" wants a province, "X crossing" a
//! facility). Scores are computed twice: the second pass measures proximity to the first pass's
//! choices. A candidate set that stays split between far-apart places with nothing to choose
//! between them is left out and reported in the diagnostics.

use std::collections::HashMap;

use serde::Serialize;
use sitrep_lexicon::index::{Entry, FLAG_PRIMARY};
use sitrep_lexicon::place::{PlaceKind, PlaceRecord};

use super::recognize::{Cue, PlaceMention, Recognized};
use super::{Gazetteer, distance_km};
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
        PlaceKind::Country => 8.0,
        // Divisions have no population in GeoNames; these priors weigh a first-level division
        // like a city of 100,000 and a district like a town of 1,000.
        PlaceKind::Admin1 => 3.5,
        PlaceKind::Admin2 => 1.8,
        PlaceKind::City => match r.feature.as_str() {
            "PPLC" => 2.5,
            "PPLA" => 2.0,
            _ => 1.5,
        },
        PlaceKind::Town => 0.8,
        PlaceKind::Village => 0.3,
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
        (Cue::Settlement, k) if k.is_populated() => 3.0,
        (Cue::Facility, PlaceKind::Facility) => 5.0,
        (Cue::Settlement | Cue::Facility, k) if k.is_admin() => -3.0,
        _ => 0.0,
    }
}

struct Context {
    countries: HashMap<String, f64>,
    admin1: HashMap<String, f64>,
    anchors: Vec<(usize, f64, f64)>,
}

impl Gazetteer {
    /// Resolves recognised mentions to places. Returns the places (in order of first mention)
    /// and diagnostics for the mentions left out.
    pub fn resolve(&self, text: &str, recognized: &Recognized) -> (Vec<Place>, Vec<Diagnostic>) {
        let mentions: Vec<&PlaceMention> = recognized.mentions.iter().collect();
        let cands: Vec<Vec<(u8, Entry)>> =
            mentions.iter().map(|m| self.dedup(&m.candidates)).collect();

        // Country context: named countries (unambiguous) and demonyms.
        let mut ctx =
            Context { countries: HashMap::new(), admin1: HashMap::new(), anchors: Vec::new() };
        for c in &cands {
            let records: Vec<&PlaceRecord> =
                c.iter().map(|&(l, e)| self.record(l, e.id())).collect();
            let countries: Vec<&&PlaceRecord> =
                records.iter().filter(|r| r.kind == PlaceKind::Country).collect();
            // "Georgia" names a country or a US state: it sets no country context.
            let rival_division = records.iter().any(|r| r.kind == PlaceKind::Admin1);
            if countries.len() == 1 && !rival_division {
                *ctx.countries.entry(countries[0].country.clone()).or_default() += 1.0;
            }
        }
        for (iso, n) in &recognized.demonyms {
            *ctx.countries.entry(iso.clone()).or_default() += *n as f64;
        }

        let mut choice: Vec<Option<(usize, f64)>> = vec![None; mentions.len()];
        for pass in 0..2 {
            if pass == 1 {
                ctx.anchors.clear();
                ctx.admin1.clear();
                for (i, ch) in choice.iter().enumerate() {
                    let Some((k, conf)) = *ch else { continue };
                    let (l, e) = cands[i][k];
                    let r = self.record(l, e.id());
                    if conf < 0.6
                        || matches!(
                            r.kind,
                            PlaceKind::Country | PlaceKind::Region | PlaceKind::Road
                        )
                    {
                        continue;
                    }
                    ctx.anchors.push((i, f64::from(r.lat), f64::from(r.lon)));
                    if r.kind == PlaceKind::Admin1 {
                        *ctx.admin1.entry(r.admin1_code.clone()).or_default() += 1.0;
                    }
                    // Places of a country count for it too, more weakly than naming it.
                    *ctx.countries.entry(r.country.clone()).or_default() += 0.3;
                }
            }
            for (i, m) in mentions.iter().enumerate() {
                choice[i] = self.choose(i, m, &cands[i], &ctx);
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
            let Some((k, confidence)) = choice[i] else {
                diagnostics.push(Diagnostic::info(format!(
                    "place name {:?} at {}..{} left unresolved: {} candidates far apart and nothing in the text to choose between them",
                    mention.text,
                    m.start,
                    m.end,
                    cands[i].len()
                )));
                continue;
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
                        country: r.country.clone(),
                        admin1: (!r.admin1.is_empty()).then(|| r.admin1.clone()),
                        lat: round5(f64::from(r.lat)),
                        lon: round5(f64::from(r.lon)),
                        geonameid: (r.geonameid != 0).then_some(r.geonameid),
                        confidence,
                        mentions: vec![mention],
                    });
                }
            }
        }
        (places, diagnostics)
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

    /// The best candidate of mention `i` and its confidence, or `None` when it is a toss-up.
    fn choose(
        &self,
        i: usize,
        m: &PlaceMention,
        cands: &[(u8, Entry)],
        ctx: &Context,
    ) -> Option<(usize, f64)> {
        let total_country: f64 = ctx.countries.values().sum();
        let mut scored: Vec<(usize, f64)> = cands
            .iter()
            .enumerate()
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
                if total_country > 0.0 {
                    let share =
                        ctx.countries.get(&r.country).copied().unwrap_or(0.0) / total_country;
                    s += 3.0 * share.sqrt();
                }
                if ctx.admin1.contains_key(&r.admin1_code) && r.kind != PlaceKind::Admin1 {
                    s += 1.5;
                }
                let (lat, lon) = (f64::from(r.lat), f64::from(r.lon));
                let nearest = ctx
                    .anchors
                    .iter()
                    .filter(|(j, _, _)| *j != i)
                    .map(|&(_, la, lo)| distance_km(lat, lon, la, lo))
                    .fold(f64::INFINITY, f64::min);
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
        let (best, best_score) = *scored.first()?;
        let confidence = match scored.get(1) {
            None => 0.9,
            Some(&(second, second_score)) => {
                let margin = best_score - second_score;
                let (lb, eb) = cands[best];
                let (ls, es) = cands[second];
                let (rb, rs) = (self.record(lb, eb.id()), self.record(ls, es.id()));
                let far = distance_km(
                    f64::from(rb.lat),
                    f64::from(rb.lon),
                    f64::from(rs.lat),
                    f64::from(rs.lon),
                ) > 161.0;
                if far && margin < 0.05 {
                    return None;
                }
                if far { 0.5 + 0.45 * (1.0 - (-margin).exp()) } else { 0.9 }
            }
        };
        let confidence = if m.ordinary { confidence * 0.8 } else { confidence };
        // A shaky choice in a country the document never mentions is more likely a word that
        // happens to be some place's name than a place.
        let (lb, eb) = cands[best];
        let in_context = ctx.countries.contains_key(&self.record(lb, eb.id()).country);
        if confidence < 0.5 && total_country >= 2.0 && !in_context {
            return None;
        }
        Some((best, (confidence * 100.0).round() / 100.0))
    }
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}
