//! The document-level gold format: one JSON file per document with the places, countries,
//! actors and events it names. Sections a file lacks are skipped. Events are scored by recall
//! only: a gold file lists the events that matter, not every one.
//!
//! Scoring: a predicted non-country place matches a gold place within the gold tolerance, one
//! to one, nearest pairs first; countries match by ISO code. Optional gold items never count
//! against: they are not missed when absent, and a prediction they match is not spurious.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sitrep_lexicon::place::PlaceKind;

use super::{Counts, Error, read};
use crate::events::{Event, EventPlace, Status};
use crate::gazetteer::distance_km;
use crate::{Document, Extractor};

/// A gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldDocument {
    /// Document id.
    pub id: String,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// Language.
    #[serde(default)]
    pub language: Option<String>,
    /// The text, or
    #[serde(default)]
    pub text: Option<String>,
    /// a path to it, relative to the gold file's folder.
    #[serde(default)]
    pub text_path: Option<String>,
    /// Places other than countries.
    #[serde(default)]
    pub places: Option<Vec<GoldPlace>>,
    /// Countries named, ISO alpha-2.
    #[serde(default)]
    pub countries: Option<Vec<String>>,
    /// Countries that may or may not be counted.
    #[serde(default)]
    pub countries_optional: Vec<String>,
    /// Actors named.
    #[serde(default)]
    pub actors: Option<Vec<GoldActor>>,
    /// Events the text tells (not necessarily every one).
    #[serde(default)]
    pub events: Option<Vec<GoldEvent>>,
}

/// A gold event.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who acts: an English Wikipedia title of the actor (or of what it is part of).
    pub actor1: String,
    /// On whom, likewise (not scored).
    #[serde(default)]
    pub actor2: Option<String>,
    /// Where, with a tolerance.
    #[serde(default)]
    pub place: Option<GoldEventPlace>,
    /// When: "2017-05", "2017-05-18" or "2017-04-20/2017-04-30".
    #[serde(default)]
    pub date: Option<String>,
    /// What the text says, for people.
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a gold event happened.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEventPlace {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How far the event's place may be, km.
    pub tolerance_km: f64,
}

/// A gold actor.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldActor {
    /// Name as written or canonical.
    pub name: String,
    /// Accepted English Wikipedia titles.
    #[serde(default)]
    pub wiki: Vec<String>,
    /// Never counts against.
    #[serde(default)]
    pub optional: bool,
}

/// A gold place.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldPlace {
    /// Name as written.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How far a prediction may be, km.
    pub tolerance_km: f64,
    /// Kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// GeoNames id.
    #[serde(default)]
    pub geonameid: Option<u32>,
    /// Never counts against.
    #[serde(default)]
    pub optional: bool,
}

/// Scores of one gold document.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentScore {
    /// Document id.
    pub id: String,
    /// Places.
    pub places: Counts,
    /// Countries.
    pub countries: Counts,
    /// Actors.
    pub actors: Counts,
    /// Gold events found (true positives) and missed (false negatives): same type, actor1 the
    /// gold actor or part of it, place within tolerance, dates overlapping. The gold lists the
    /// events that matter, not every one, so other predicted events are not counted against.
    pub events: Counts,
    /// Gold items not found.
    pub missed: Vec<String>,
    /// Predictions not in the gold.
    pub spurious: Vec<String>,
}

/// Scores of a set of gold files.
#[derive(Clone, Debug, Serialize)]
pub struct GoldReport {
    /// File or folder.
    pub path: String,
    /// Places over all documents.
    pub places: Counts,
    /// Countries over all documents.
    pub countries: Counts,
    /// Actors over all documents.
    pub actors: Counts,
    /// Events over all documents.
    pub events: Counts,
    /// Per document.
    pub documents: Vec<DocumentScore>,
}

/// Reads a gold file and the text it refers to.
pub fn read_gold(path: &Path) -> Result<(GoldDocument, String), Error> {
    let shown = path.display().to_string();
    let gold: GoldDocument = serde_json::from_str(&read(path)?)
        .map_err(|e| Error::Format { path: shown.clone(), message: e.to_string() })?;
    let text = match (&gold.text, &gold.text_path) {
        (Some(t), _) => t.clone(),
        (None, Some(rel)) => read(&path.parent().unwrap_or(Path::new(".")).join(rel))?,
        (None, None) => {
            return Err(Error::Format {
                path: shown,
                message: "needs \"text\" or \"text_path\"".into(),
            });
        }
    };
    Ok((gold, text))
}

/// Scores extraction on a gold file or on every `.json` file of a folder.
pub fn evaluate(extractor: &Extractor, path: &Path) -> Result<GoldReport, Error> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|source| Error::Io { path: path.display().to_string(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_owned()]
    };
    let mut report = GoldReport {
        path: path.display().to_string(),
        places: Counts::default(),
        countries: Counts::default(),
        actors: Counts::default(),
        events: Counts::default(),
        documents: Vec::new(),
    };
    for file in files {
        let (gold, text) = read_gold(&file)?;
        let doc = Document {
            id: Some(gold.id.clone()),
            published: gold.published.clone(),
            language: gold.language.clone(),
            text,
            ..Document::default()
        };
        let score = score_document(extractor, &gold, &doc);
        report.places.add(score.places);
        report.countries.add(score.countries);
        report.actors.add(score.actors);
        report.events.add(score.events);
        report.documents.push(score);
    }
    Ok(report)
}

/// Kuhn's augmenting path for bipartite matching: tries to give prediction `i` a gold place,
/// moving earlier assignments along. Sizes are tens of items, so the simple algorithm serves.
fn augment(
    i: usize,
    fits: &[Vec<usize>],
    allowed: &[bool],
    seen: &mut [bool],
    gold_of: &mut [Option<usize>],
    pred_of: &mut [Option<usize>],
) -> bool {
    for &j in &fits[i] {
        if seen[j] || !allowed[j] {
            continue;
        }
        seen[j] = true;
        if pred_of[j].is_none_or(|other| augment(other, fits, allowed, seen, gold_of, pred_of)) {
            pred_of[j] = Some(i);
            gold_of[i] = Some(j);
            return true;
        }
    }
    false
}

fn score_document(extractor: &Extractor, gold: &GoldDocument, doc: &Document) -> DocumentScore {
    let analysis = extractor.extract(doc);
    let mut score = DocumentScore {
        id: gold.id.clone(),
        places: Counts::default(),
        countries: Counts::default(),
        actors: Counts::default(),
        events: Counts::default(),
        missed: Vec::new(),
        spurious: Vec::new(),
    };
    if let Some(gold_places) = &gold.places {
        let predicted: Vec<_> =
            analysis.places.iter().filter(|p| p.kind != PlaceKind::Country).collect();
        // Which gold places each prediction may stand for (within tolerance).
        let fits: Vec<Vec<usize>> = predicted
            .iter()
            .map(|p| {
                (0..gold_places.len())
                    .filter(|&j| {
                        distance_km(p.lat, p.lon, gold_places[j].lat, gold_places[j].lon)
                            <= gold_places[j].tolerance_km
                    })
                    .collect()
            })
            .collect();
        // The largest one-to-one matching with required gold places, then optional ones take
        // what predictions are left, so they never count against.
        let required: Vec<bool> = gold_places.iter().map(|g| !g.optional).collect();
        let mut gold_of = vec![None; predicted.len()];
        let mut pred_of = vec![None; gold_places.len()];
        for pass_required in [true, false] {
            for i in 0..predicted.len() {
                if gold_of[i].is_none() {
                    let mut seen = vec![false; gold_places.len()];
                    // The second pass may re-route through required places; it can add no new
                    // required match, since the first pass found the largest matching.
                    let allowed: Vec<bool> =
                        required.iter().map(|&r| r || !pass_required).collect();
                    augment(i, &fits, &allowed, &mut seen, &mut gold_of, &mut pred_of);
                }
            }
        }
        let pred_used: Vec<bool> = gold_of.iter().map(Option::is_some).collect();
        let gold_used: Vec<bool> = pred_of.iter().map(Option::is_some).collect();
        score.places.true_positives =
            (0..gold_places.len()).filter(|&j| gold_used[j] && required[j]).count();
        for (j, g) in gold_places.iter().enumerate() {
            if !gold_used[j] && !g.optional {
                score.places.false_negatives += 1;
                score.missed.push(format!(
                    "place {} ({})",
                    g.name,
                    g.kind.as_deref().unwrap_or("?")
                ));
            }
        }
        for (i, p) in predicted.iter().enumerate() {
            if !pred_used[i] {
                score.places.false_positives += 1;
                let m = p.mentions.first().map_or("", |m| m.text.as_str());
                score.spurious.push(format!(
                    "place {} ({}, {}) from {m:?}",
                    p.name,
                    p.kind.as_str(),
                    p.country
                ));
            }
        }
    }
    if let Some(gold_countries) = &gold.countries {
        let predicted: Vec<&str> = analysis
            .places
            .iter()
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| p.country.as_str())
            .collect();
        for c in gold_countries {
            if predicted.contains(&c.as_str()) {
                score.countries.true_positives += 1;
            } else {
                score.countries.false_negatives += 1;
                score.missed.push(format!("country {c}"));
            }
        }
        for p in predicted {
            if !gold_countries.iter().any(|c| c == p)
                && !gold.countries_optional.iter().any(|c| c == p)
            {
                score.countries.false_positives += 1;
                score.spurious.push(format!("country {p}"));
            }
        }
    }
    if let Some(gold_actors) = &gold.actors {
        score_actors(&analysis.actors, gold_actors, &mut score);
    }
    if let Some(gold_events) = &gold.events {
        let gold_actors = gold.actors.as_deref().unwrap_or_default();
        score_events(extractor, &analysis, gold_events, gold_actors, &mut score);
    }
    score
}

/// The days a gold date covers: a day, a month ("2017-05") or a range ("A/B").
fn gold_days(date: &str) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    let one = |d: &str| -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        if d.len() == 7 {
            let first: jiff::civil::Date = format!("{d}-01").parse().ok()?;
            Some((first, first.last_of_month()))
        } else {
            let day: jiff::civil::Date = d.parse().ok()?;
            Some((day, day))
        }
    };
    match date.split_once('/') {
        Some((a, b)) => Some((one(a)?.0, one(b)?.1)),
        None => one(date),
    }
}

/// Matches gold events one to one with predicted ones.
fn score_events(
    extractor: &Extractor,
    analysis: &crate::Analysis,
    gold: &[GoldEvent],
    gold_actors: &[GoldActor],
    score: &mut DocumentScore,
) {
    let dict = extractor.actors();
    // The dictionary records each gold actor 1 names: those with it as their Wikipedia title,
    // else those the dictionary reads the name as ("Syrian Arab Army", an alias of the
    // Syrian Armed Forces, which has no record of its own).
    let titled = |title: &str| -> Vec<u32> {
        let by_title: Vec<u32> =
            (0..dict.len() as u32).filter(|&i| dict.record(i).wiki == title).collect();
        if !by_title.is_empty() {
            return by_title;
        }
        let read = extractor.extract(&crate::Document { text: title.into(), ..Default::default() });
        read.actors.iter().filter_map(|a| dict.by_id(&a.id)).collect()
    };
    let gold_ids: Vec<Vec<u32>> = gold.iter().map(|g| titled(&g.actor1)).collect();
    // An actor the dictionary does not know ("Iraqi militias", read from the words) stands for
    // the gold actor whose written forms in this document include one of its mentions.
    // (Each gold actor's written forms are read once, as score_actors does.)
    let forms: Vec<Vec<String>> = gold_actors.iter().map(gold_forms).collect();
    let written_as = |actor: &str, title: &str| {
        let Some(a) = analysis.actors.iter().find(|a| a.id == actor) else { return false };
        gold_actors
            .iter()
            .zip(&forms)
            .filter(|(g, _)| g.wiki.iter().any(|w| w == title))
            .any(|(_, keys)| names_actor(keys, a))
    };
    // Each event once per site: an act in two towns is two gold events, as in ACLED.
    let units: Vec<(&Event, Option<&EventPlace>)> = analysis
        .events
        .iter()
        .flat_map(|e| e.sites(&analysis.places).into_iter().map(move |site| (e, site)))
        .collect();
    let fits: Vec<Vec<usize>> = units
        .iter()
        .map(|&(e, site)| {
            let actor = e.actor1.as_deref().and_then(|a| dict.by_id(a));
            (0..gold.len())
                .filter(|&j| {
                    let g = &gold[j];
                    let actor_ok = match (actor, e.actor1.as_deref()) {
                        (Some(a), _) => gold_ids[j]
                            .iter()
                            .any(|&t| dict.is_within(a, t) || dict.is_within(t, a)),
                        (None, Some(id)) => written_as(id, &g.actor1),
                        (None, None) => false,
                    };
                    let place_ok = match (&g.place, site) {
                        (None, _) => true,
                        (Some(gp), Some(p)) => {
                            distance_km(p.lat, p.lon, gp.lat, gp.lon) <= gp.tolerance_km
                        }
                        (Some(_), None) => false,
                    };
                    let date_ok = match (g.date.as_deref().and_then(gold_days), e.date) {
                        (None, _) => true,
                        (Some((a, b)), Some(d)) => d.start <= b && a <= d.end,
                        (Some(_), None) => false,
                    };
                    // A force that says it will attack threatens: sitrep writes that as the
                    // attack with status planned or threatened, PLOVER as THREATEN.
                    let threat = g.kind == "THREATEN"
                        && matches!(e.kind.as_str(), "ASSAULT" | "COERCE")
                        && matches!(e.status, Status::Planned | Status::Threatened);
                    (e.kind == g.kind || threat) && actor_ok && place_ok && date_ok
                })
                .collect()
        })
        .collect();
    let mut gold_of = vec![None; units.len()];
    let mut pred_of = vec![None; gold.len()];
    let allowed = vec![true; gold.len()];
    for i in 0..units.len() {
        let mut seen = vec![false; gold.len()];
        augment(i, &fits, &allowed, &mut seen, &mut gold_of, &mut pred_of);
    }
    for (j, g) in gold.iter().enumerate() {
        if pred_of[j].is_some() {
            score.events.true_positives += 1;
        } else {
            score.events.false_negatives += 1;
            score.missed.push(format!(
                "event {} {} {}",
                g.kind,
                g.actor1,
                g.date.as_deref().unwrap_or("")
            ));
        }
    }
}

/// A predicted actor matches a gold actor with one of its Wikipedia titles, or whose name (or
/// one of the actor's mentions) folds to the gold name: persons and pattern-only actors have
/// no title.
/// The keys of a gold actor's names: its name, and the written forms it carries in quotes
/// ('Syrian government ("Assad regime", "Syrian regime")') or, in Arabic, in parentheses
/// separated by "،" ('Iran (إيران، الميليشيات الإيرانية)'), up to a remark after ";" or ":".
fn gold_forms(g: &GoldActor) -> Vec<String> {
    use sitrep_lexicon::normalize::name_key;
    let main = g.name.split('(').next().unwrap_or("").trim().to_owned();
    let quoted = g.name.split('"').skip(1).step_by(2).map(str::to_owned);
    let arabic = g
        .name
        .split_once('(')
        .map(|(_, rest)| rest.split([')', ';', ':']).next().unwrap_or(""))
        .into_iter()
        .flat_map(|forms| forms.split('،'))
        .filter(|f| f.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .map(|f| f.trim().to_owned());
    std::iter::once(main)
        .chain(quoted)
        .chain(arabic)
        .map(|n| n.strip_prefix("the ").map(str::to_owned).unwrap_or(n))
        .filter_map(|n| name_key(&n))
        .collect()
}

/// Whether a predicted actor's name or one of its mentions is one of `keys`.
fn names_actor(keys: &[String], p: &crate::Actor) -> bool {
    use sitrep_lexicon::normalize::name_key;
    keys.iter().any(|k| {
        name_key(&p.name).as_deref() == Some(k.as_str())
            || p.mentions.iter().any(|m| name_key(&m.text).as_deref() == Some(k.as_str()))
    })
}

fn score_actors(predicted: &[crate::Actor], gold: &[GoldActor], score: &mut DocumentScore) {
    let keys: Vec<Vec<String>> = gold.iter().map(gold_forms).collect();
    let fits = |p: &crate::Actor, j: usize| {
        p.wiki.as_ref().is_some_and(|w| gold[j].wiki.iter().any(|gw| gw == w))
            || names_actor(&keys[j], p)
    };
    let mut gold_used = vec![false; gold.len()];
    for p in predicted {
        // Required gold actors first.
        let j = (0..gold.len())
            .filter(|&j| !gold_used[j] && fits(p, j))
            .min_by_key(|&j| gold[j].optional);
        match j {
            Some(j) => {
                gold_used[j] = true;
                if !gold[j].optional {
                    score.actors.true_positives += 1;
                }
            }
            // A second reading of an actor already matched (the YPG and "YPG militia") is not
            // spurious.
            None if (0..gold.len()).any(|j| fits(p, j)) => {}
            None => {
                score.actors.false_positives += 1;
                score
                    .spurious
                    .push(format!("actor {} ({}) from {:?}", p.name, p.kind, p.mentions[0].text));
            }
        }
    }
    for (j, g) in gold.iter().enumerate() {
        if !gold_used[j] && !g.optional {
            score.actors.false_negatives += 1;
            score.missed.push(format!("actor {}", g.name));
        }
    }
}
