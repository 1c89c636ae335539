//! Questions to the database answered the same way for the CLI and the API: exports of stored
//! events, the race, control and relations. Each takes a store and resolved parameters and
//! returns values that serialize as the API sends them.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;
use sitrep::{Analysis, DocumentMeta, Extractor};
use sitrep_situation::control::ControlInterval;
use sitrep_situation::race::{RaceLine, RaceQuery, Racer};
use sitrep_situation::relations::Pair;
use sitrep_store::{EventFilter, Near, Store, StoredEvent};

use crate::resolve::{self, BadQuery};

/// Why a question could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// A parameter that cannot be used.
    #[error(transparent)]
    Bad(#[from] BadQuery),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
}

/// Places and actors of the store, to give the exporters what an analysis would.
pub struct ExportContext {
    places: HashMap<String, sitrep::Place>,
    actors: Vec<sitrep::Actor>,
}

impl ExportContext {
    /// Reads the store's places and actors.
    pub fn load(store: &mut dyn Store) -> Result<ExportContext, sitrep_store::Error> {
        use sitrep_lexicon::place::PlaceKind;
        let places = store
            .places(None)?
            .into_iter()
            .map(|p| {
                let place = sitrep::Place {
                    id: p.id.clone(),
                    name: p.name,
                    kind: PlaceKind::parse(&p.kind).unwrap_or(PlaceKind::Region),
                    feature: None,
                    country: p.country,
                    admin1: p.admin1,
                    lat: p.lat,
                    lon: p.lon,
                    geonameid: p.geonameid,
                    confidence: 1.0,
                    mentions: Vec::new(),
                    within: sitrep::gazetteer::container_of(&p.id).map(str::to_owned),
                };
                (p.id, place)
            })
            .collect();
        let actors = store
            .actors(None)?
            .into_iter()
            .map(|a| sitrep::Actor {
                id: a.id,
                name: a.name,
                wiki: None,
                kind: a.kind,
                country: a.country,
                mentions: Vec::new(),
                flags: Vec::new(),
            })
            .collect();
        Ok(ExportContext { places, actors })
    }

    /// A one-event analysis the exporters understand; the document id is the event's, so
    /// ACLED's `event_id_cnty` reads `sitrep-<id>-1`.
    pub fn analysis_of(&self, e: &StoredEvent) -> Analysis {
        let ev = &e.event;
        let mut ids: Vec<&str> = ev.assoc_actor1.iter().map(String::as_str).collect();
        ids.extend(ev.actor1.as_deref());
        ids.extend(ev.actor2.as_deref());
        Analysis {
            doc: DocumentMeta {
                id: Some(format!("sitrep-{}", e.id)),
                title: None,
                source: (!e.source_names.is_empty()).then(|| e.source_names.join("; ")),
                url: None,
                published: None,
                language: None,
            },
            published: None,
            places: ev.place.iter().filter_map(|p| self.places.get(&p.id).cloned()).collect(),
            actors: self.actors.iter().filter(|a| ids.contains(&a.id.as_str())).cloned().collect(),
            relations: Vec::new(),
            times: Vec::new(),
            sentences: Vec::new(),
            events: vec![ev.clone()],
            diagnostics: Vec::new(),
        }
    }
}

/// Stored events as one GeoJSON FeatureCollection (those with a place). Features carry only
/// the events' own fields, so the store's places and actors are not read.
pub fn geojson(
    extractor: &Extractor,
    events: &[StoredEvent],
) -> Result<serde_json::Value, sitrep_store::Error> {
    let context = ExportContext { places: HashMap::new(), actors: Vec::new() };
    let exporter = sitrep::export::Exporter::new(extractor);
    let mut features = Vec::new();
    for e in events {
        for mut f in exporter.geojson_features(&context.analysis_of(e)) {
            f["properties"]["id"] = e.id.into();
            f["properties"]["sources"] = e.sources.into();
            features.push(f);
        }
    }
    Ok(serde_json::json!({"type": "FeatureCollection", "features": features}))
}

/// What to race for, as given.
#[derive(Clone, Debug)]
pub struct RaceParams {
    /// The objective as written (a name or "LAT,LON").
    pub objective: String,
    /// Racers as written (ids or names); empty for every actor reported near.
    pub actors: Vec<String>,
    /// First day.
    pub since: Option<Date>,
    /// Last day.
    pub until: Option<Date>,
    /// Within this many km counts as reaching the objective.
    pub radius_km: f64,
    /// Positions farther than this from the objective are left out.
    pub region_km: f64,
}

/// The race, as answered.
#[derive(Clone, Debug, Serialize)]
pub struct RaceAnswer {
    /// The objective.
    pub objective: Objective,
    /// Within this many km counts as reaching it.
    pub radius_km: f64,
    /// First day.
    pub since: Option<Date>,
    /// Last day.
    pub until: Option<Date>,
    /// One line per racer: those that reached it in order, then the others by closeness.
    pub lines: Vec<RaceLine>,
}

/// A named point.
#[derive(Clone, Debug, Serialize)]
pub struct Objective {
    /// As given.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A racer for a dictionary record: the record and everything under it.
fn racer(extractor: &Extractor, record: u32) -> Racer {
    let dict = extractor.actors();
    let members = (0..dict.len() as u32)
        .filter(|&i| dict.is_within(i, record))
        .map(|i| dict.record(i).id.clone())
        .collect();
    let r = dict.record(record);
    Racer { id: r.id.clone(), name: r.name.clone(), members }
}

/// Runs the race: racers given, or every actor reported near the objective rolled up to its
/// army, state or coalition (those with two positions or more, at most ten; composites of
/// several actors left to their components).
pub fn race(
    store: &mut dyn Store,
    extractor: &Extractor,
    p: &RaceParams,
) -> Result<RaceAnswer, AnswerError> {
    let radius_km = resolve::radius("radius", p.radius_km)?;
    let region_km = resolve::radius("region", p.region_km)?;
    let (lat, lon) = match resolve::coordinates("objective", &p.objective)? {
        Some(point) => point,
        None => resolve::place(extractor.gazetteer(), "objective", &p.objective)?,
    };
    let dict = extractor.actors();
    let chosen: Vec<Racer> = p
        .actors
        .iter()
        .map(|a| resolve::actor_record(extractor, "actor", a).map(|r| racer(extractor, r)))
        .collect::<Result<_, _>>()?;
    let filter = EventFilter {
        near: Some(Near { lat, lon, km: region_km }),
        since: p.since,
        until: p.until,
        ..EventFilter::default()
    };
    let events = store.events(&filter)?;
    let kinds = store.place_kinds()?;
    let precise = |id: &str| {
        kinds
            .get(id)
            .is_some_and(|k| matches!(k.as_str(), "city" | "town" | "village" | "facility"))
    };
    // Air forces strike from afar: their targets are not their positions.
    let remote = |id: &str| {
        dict.by_id(id).is_some_and(|r| {
            let r = dict.record(r);
            let name = r.name.to_ascii_lowercase();
            r.kind == "armed forces branch" && (name.contains("air") || name.contains("aerospace"))
        })
    };
    let given = !chosen.is_empty();
    let racers = if given {
        chosen
    } else {
        let mut roots: Vec<String> = Vec::new();
        for e in &events {
            if let Some(a) = e.event.actor1.as_deref() {
                let root = sitrep_situation::roll_up(dict, a).to_string();
                if !roots.contains(&root) {
                    roots.push(root);
                }
            }
        }
        roots
            .into_iter()
            // A composite ("Syrian and Russian forces") races as its components already do.
            .filter(|id| dict.by_id(id).is_none_or(|r| dict.record(r).components.is_empty()))
            .map(|id| match dict.by_id(&id) {
                Some(r) => racer(extractor, r),
                // Actors the dictionary does not know race on their own.
                None => Racer { name: id.clone(), members: vec![id.clone()], id },
            })
            .collect()
    };
    let query = RaceQuery {
        objective: p.objective.clone(),
        lat,
        lon,
        radius_km,
        since: p.since,
        until: p.until,
        racers,
    };
    let mut lines = sitrep_situation::race::race(&events, &query, &precise, &remote);
    if !given {
        lines.retain(|l| l.positions.len() >= 2);
        lines.truncate(10);
    }
    Ok(RaceAnswer {
        objective: Objective { name: p.objective.clone(), lat, lon },
        radius_km,
        since: p.since,
        until: p.until,
        lines,
    })
}

/// Who held which place on a day, optionally near a point.
pub fn control(
    store: &mut dyn Store,
    at: Date,
    near: Option<Near>,
) -> Result<Vec<ControlInterval>, AnswerError> {
    let events = store.events(&EventFilter { near, until: Some(at), ..EventFilter::default() })?;
    Ok(sitrep_situation::control::at(&events, at))
}

/// Relations between actors (with `actor`, those of that actor), from the events of a period
/// and the relations documents of that period state.
pub fn relations(
    store: &mut dyn Store,
    actor: Option<&str>,
    since: Option<Date>,
    until: Option<Date>,
    limit: Option<usize>,
) -> Result<Vec<Pair>, AnswerError> {
    let mut filter = EventFilter { since, until, ..EventFilter::default() };
    if let Some(a) = actor {
        filter.actors = vec![a.to_string()];
    }
    let events = store.events(&filter)?;
    let stated: Vec<_> = store
        .stated_relations(actor)?
        .into_iter()
        .filter(|r| {
            since.is_none_or(|s| r.published.is_none_or(|p| p >= s))
                && until.is_none_or(|u| r.published.is_none_or(|p| p <= u))
        })
        .collect();
    let mut pairs = sitrep_situation::relations::relations(&events, &stated);
    if let Some(a) = actor {
        pairs.retain(|p| p.a == a || p.b == a);
    }
    if let Some(n) = limit {
        pairs.truncate(n);
    }
    Ok(pairs)
}
