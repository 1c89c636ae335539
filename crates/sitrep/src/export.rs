//! Exports of events in the formats analysts already use: ACLED's CSV columns, POLECAT-style
//! PLOVER JSON Lines, and a GeoJSON FeatureCollection. One record or feature per event; one ACLED
//! row per event and site ([`Event::sites`]), as ACLED codes an act in two towns twice.
//!
//! Actor names in the ACLED export are ACLED's own names where the dictionary knows them
//! ("QSD: Syrian Democratic Forces"), else the dictionary's name; `inter` codes come from the
//! actor's kind. The PLOVER → ACLED and PLOVER → CAMEO mappings are per trigger, in
//! `data/events/triggers.toml` (summarised in `docs/plover-mappings.md`).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::events::Event;
use crate::time::Precision;
use crate::{Analysis, Extractor};

/// ACLED's columns, in order.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// What exports need beyond an analysis: names of countries and ACLED names of actors.
pub struct Exporter<'a> {
    extractor: &'a Extractor,
    countries: HashMap<String, String>,
}

/// One ACLED row.
#[derive(Serialize)]
struct AcledRow<'a> {
    event_id_cnty: String,
    event_date: String,
    year: String,
    time_precision: String,
    event_type: &'a str,
    sub_event_type: String,
    actor1: String,
    assoc_actor_1: String,
    inter1: String,
    actor2: String,
    assoc_actor_2: String,
    inter2: String,
    interaction: String,
    iso: String,
    country: String,
    admin1: String,
    admin2: String,
    location: String,
    latitude: String,
    longitude: String,
    geo_precision: String,
    source: String,
    notes: &'a str,
    fatalities: String,
}

impl<'a> Exporter<'a> {
    /// An exporter over the extractor's gazetteer and actor dictionary.
    pub fn new(extractor: &'a Extractor) -> Exporter<'a> {
        Exporter { extractor, countries: extractor.gazetteer().country_names() }
    }

    /// The ACLED name of an actor id (the one for the event's country where ACLED has one per
    /// country: "Islamic State (Syria)"), else its dictionary or text name.
    fn actor_name(&self, analysis: &Analysis, id: &str, iso: &str) -> String {
        let dict = self.extractor.actors();
        if let Some(r) = dict.by_id(id).map(|k| dict.record(k)) {
            let country = self.countries.get(iso).map(|c| format!("({c})"));
            let local = country.and_then(|c| r.acled.iter().find(|a| a.ends_with(&c)));
            if let Some(a) = local.or(r.acled.first()) {
                return a.clone();
            }
        }
        analysis
            .actors
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }

    /// The ACLED inter code of an actor: 1 state forces, 2 rebel groups, 3 political
    /// militias, 8 external/other forces; empty when the kind says nothing.
    fn inter(&self, analysis: &Analysis, id: &str) -> String {
        let kind = analysis.actors.iter().find(|a| a.id == id).map_or("", |a| a.kind.as_str());
        match kind {
            k if sitrep_lexicon::actor::is_state_kind(k) => "1",
            "rebel group" | "jihadist group" => "2",
            "militia" => "3",
            "coalition" | "international organisation" => "8",
            _ => "",
        }
        .to_string()
    }

    /// The ACLED sub-event type an event is exported with: the trigger's, refined by its
    /// actor 1 where the trigger leaves it to the actor (territory taken).
    pub fn acled_sub_event_type(&self, analysis: &Analysis, e: &Event) -> String {
        let inter1 = e.actor1.as_deref().map(|a| self.inter(analysis, a)).unwrap_or_default();
        sub_event_type(e, &inter1)
    }

    /// Writes the analysis's events as ACLED rows (no header; see [`ACLED_COLUMNS`]).
    pub fn write_acled<W: std::io::Write>(
        &self,
        out: &mut csv::Writer<W>,
        analysis: &Analysis,
    ) -> csv::Result<()> {
        // One row per site, as ACLED codes an act in two towns as two events, and divides its
        // dead between them.
        let rows = analysis.events.iter().flat_map(|e| {
            let sites = e.sites(&analysis.places);
            let n = sites.len() as u32;
            let dead = fatalities(e);
            let share = move |k: u32| dead.map(|d| d / n + u32::from(k < d % n));
            sites.into_iter().zip(0..).map(move |(site, k)| (e, site, share(k)))
        });
        for (n, (e, place, dead)) in rows.enumerate() {
            let (date, year, precision) = match e.date {
                Some(d) => (
                    d.start.to_string(),
                    d.start.year().to_string(),
                    match d.precision {
                        Precision::Day => "1",
                        Precision::Week => "2",
                        _ => "3",
                    }
                    .to_string(),
                ),
                None => Default::default(),
            };
            let full = place.and_then(|p| analysis.places.iter().find(|q| q.id == p.id));
            let iso = full.map(|p| p.country.clone()).unwrap_or_default();
            let name = |id: &Option<String>| {
                id.as_deref().map(|a| self.actor_name(analysis, a, &iso)).unwrap_or_default()
            };
            let inter = |id: &Option<String>| {
                id.as_deref().map(|a| self.inter(analysis, a)).unwrap_or_default()
            };
            let (inter1, inter2) = (inter(&e.actor1), inter(&e.actor2));
            let mut codes: Vec<String> =
                [&inter1, &inter2].into_iter().filter(|c| !c.is_empty()).cloned().collect();
            codes.sort_unstable();
            let row = AcledRow {
                event_id_cnty: format!("{}-{}", analysis.doc.id.as_deref().unwrap_or("doc"), n + 1),
                event_date: date,
                year,
                time_precision: precision,
                event_type: &e.acled.event_type,
                sub_event_type: sub_event_type(e, &inter1),
                actor1: name(&e.actor1),
                assoc_actor_1: e
                    .assoc_actor1
                    .iter()
                    .map(|a| self.actor_name(analysis, a, &iso))
                    .collect::<Vec<_>>()
                    .join("; "),
                inter1,
                actor2: name(&e.actor2),
                assoc_actor_2: String::new(),
                inter2,
                interaction: codes.concat(),
                country: self.countries.get(&iso).cloned().unwrap_or_else(|| iso.clone()),
                iso,
                admin1: full.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                admin2: String::new(),
                location: place.map(|p| p.name.clone()).unwrap_or_default(),
                latitude: place.map(|p| format!("{:.4}", p.lat)).unwrap_or_default(),
                longitude: place.map(|p| format!("{:.4}", p.lon)).unwrap_or_default(),
                // A place located by the one it lies in is ACLED's "near a town / part of a
                // region": 2.
                geo_precision: full
                    .map(
                        |p| if p.within.is_some() { "2".to_owned() } else { geo_precision(p.kind) },
                    )
                    .unwrap_or_default(),
                source: analysis.doc.source.clone().unwrap_or_default(),
                notes: &e.evidence.text,
                fatalities: dead.map(|n| n.to_string()).unwrap_or_default(),
            };
            out.serialize(row)?;
        }
        Ok(())
    }

    /// The analysis's events as POLECAT-style PLOVER records.
    pub fn plover(&self, analysis: &Analysis) -> Vec<Value> {
        let doc = analysis.doc.id.as_deref().unwrap_or("doc");
        analysis
            .events
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let actor = |id: &Option<String>| {
                    id.as_deref().map(|a| {
                        let full = analysis.actors.iter().find(|x| x.id == a);
                        json!({"id": a, "name": full.map(|x| x.name.as_str()),
                               "country": full.and_then(|x| x.country.as_deref())})
                    })
                };
                json!({
                    "event_id": format!("{doc}-{}", n + 1),
                    "story_id": doc,
                    "story_date": analysis.published.as_ref().map(|p| p.date.to_string()),
                    "event_date": e.date.map(|d| d.start.to_string()),
                    "event_date_end": e.date.map(|d| d.end.to_string()),
                    "date_precision": e.date.map(|d| d.precision),
                    "event_type": e.kind,
                    "mode": e.mode,
                    "actor": actor(&e.actor1),
                    "recipient": actor(&e.actor2),
                    "location": e.place.as_ref().map(|p| json!({"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon})),
                    "status": e.status,
                    "reported_by": e.reported_by,
                    "cameo_root": e.cameo,
                    "event_text": e.evidence.text,
                })
            })
            .collect()
    }

    /// The analysis's placed events as GeoJSON features.
    pub fn geojson_features(&self, analysis: &Analysis) -> Vec<Value> {
        analysis
            .events
            .iter()
            .filter_map(|e| {
                let p = e.place.as_ref()?;
                Some(json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                    "properties": {
                        "document": analysis.doc.id,
                        "type": e.kind, "mode": e.mode,
                        "actor1": e.actor1, "actor2": e.actor2,
                        "place": p.name, "place_id": p.id,
                        "start": e.date.map(|d| d.start.to_string()),
                        "end": e.date.map(|d| d.end.to_string()),
                        "status": e.status,
                        "evidence": e.evidence.text,
                    }
                }))
            })
            .collect()
    }
}

/// ACLED's sub-event type, refined where the trigger leaves it to the actor: territory taken
/// by state forces is "Government regains territory", by others "Non-state actor overtakes
/// territory".
fn sub_event_type(e: &Event, inter1: &str) -> String {
    let s = e.acled.sub_event_type.as_str();
    if matches!(s, "Government regains territory" | "Non-state actor overtakes territory") {
        return if inter1 == "1" {
            "Government regains territory"
        } else {
            "Non-state actor overtakes territory"
        }
        .to_string();
    }
    s.to_string()
}

/// ACLED's geo_precision from the kind of place: 1 a town, 2 part of a region, 3 a region.
fn geo_precision(kind: sitrep_lexicon::place::PlaceKind) -> String {
    use sitrep_lexicon::place::PlaceKind as K;
    match kind {
        K::City | K::Town | K::Village | K::Facility => "1",
        K::Admin2 | K::Road => "2",
        K::Admin1 | K::Region | K::Country => "3",
    }
    .to_string()
}

/// The number of dead the evidence sentence states: "killed 12", "at least 9 civilians were
/// killed", "three dead".
fn fatalities(e: &Event) -> Option<u32> {
    if e.kind != "ASSAULT" {
        return None;
    }
    const NUMBERS: &[(&str, u32)] = &[
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("dozens", 24),
    ];
    let words: Vec<&str> =
        e.evidence.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let value = |w: &str| -> Option<u32> {
        w.parse::<u32>().ok().filter(|&n| n < 100_000).or_else(|| {
            NUMBERS.iter().find(|(name, _)| name.eq_ignore_ascii_case(w)).map(|&(_, n)| n)
        })
    };
    let dead = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "killed" | "dead" | "died" | "killing" | "fatalities"
        )
    };
    for (i, w) in words.iter().enumerate() {
        if !dead(w) {
            continue;
        }
        // A number within four words before ("9 civilians were killed") or two after
        // ("killing 12"), past a qualifier ("killed at least 11 people").
        let before = words[i.saturating_sub(5)..i].iter().rev().find_map(|w| value(w));
        let lower = |k: usize| words.get(k).map(|w| w.to_ascii_lowercase()).unwrap_or_default();
        let mut k = i + 1;
        if matches!(
            (lower(k).as_str(), lower(k + 1).as_str()),
            ("at", "least") | ("more", "than") | ("up", "to")
        ) {
            k += 2;
        } else if matches!(
            lower(k).as_str(),
            "some" | "about" | "around" | "nearly" | "almost" | "over"
        ) {
            k += 1;
        }
        let after =
            words.get(k..(k + 2).min(words.len())).and_then(|ws| ws.iter().find_map(|w| value(w)));
        if let Some(n) = before.or(after) {
            return Some(n);
        }
    }
    None
}
