//! ACLED rows: each row's `notes` is a document published on its `event_date`; the best place
//! sitrep finds in it is compared with the row's coordinates, split by `geo_precision` (1: the
//! town itself, 2: near a town, 3: only a region known).
//!
//! The rows carry no event type (the March 2018 export left the column empty), so the type
//! each row's main event is exported with (`--format acled-csv`) is scored against sub-event
//! types labelled by hand from the notes of a sample of rows ([`SubEventLabels`], `crates/sitrep/tests/data/acled/sub-event-labels.tsv`).

use std::path::Path;

use serde::Serialize;

use super::{Error, ratio, read};
use crate::events::lexicon::is_acled_type;
use crate::gazetteer::distance_km;
use crate::{Document, Extractor};

/// Figures for one `geo_precision` value (or "all").
#[derive(Clone, Debug, Serialize)]
pub struct PrecisionRow {
    /// "1", "2", "3" or "all".
    pub geo_precision: String,
    /// Rows.
    pub rows: usize,
    /// Share of rows where no place was found.
    pub no_place: f64,
    /// Share of rows whose best place lies within 25 km of the row's coordinates.
    pub within_25km: f64,
    /// Share within 161 km.
    pub within_161km: f64,
}

/// Scores on an ACLED file.
#[derive(Clone, Debug, Serialize)]
pub struct AcledReport {
    /// The file.
    pub path: String,
    /// Rows read.
    pub rows: usize,
    /// Per geo_precision, then all rows.
    pub by_precision: Vec<PrecisionRow>,
    /// The first rows whose best place is missing or more than 161 km off: notes, the place
    /// found and the distance.
    pub failures: Vec<String>,
    /// The first rows with a named coded actor not found: the actor, the actors found and the
    /// notes.
    pub actor_failures: Vec<String>,
    /// The first rows whose main event's actor1 is not the coded actor1: the coded actor, the
    /// event (type, actor1, actor2) and the notes.
    pub actor1_failures: Vec<String>,
    /// Actors: how often the coded named actors are among the actors found in the notes.
    pub actors: ActorCoverage,
    /// Events: the main event of each row's notes against the row.
    pub events: EventScores,
    /// Event types against the labelled sample, when labels were given.
    pub types: Option<TypeScores>,
}

/// The main event found in each row's notes (the most complete one, the first among equals)
/// against the row's coding.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventScores {
    /// Share of rows with at least one event.
    pub rows_with_event: f64,
    /// Share of rows whose main event's place is within 25 km of the row's point.
    pub place_within_25km: f64,
    /// Within 161 km.
    pub place_within_161km: f64,
    /// Rows whose coded actor1 the dictionary knows.
    pub actor1_rows: usize,
    /// Share of those whose main event's actor1 is that actor (or part of it, or what it is
    /// part of).
    pub actor1_right: f64,
    /// Share of those whose main event has it as actor2 instead: roles swapped.
    pub actor1_as_actor2: f64,
}

/// ACLED event and sub-event types labelled by hand from the notes of a sample of rows, by the
/// rows' `event_id_cnty`: a tab-separated file of `event_id_cnty`, `event_type`,
/// `sub_event_type` and `confidence` ("high" or "low"), with a header line and `#` comments.
#[derive(Clone, Debug, Default)]
pub struct SubEventLabels {
    by_row: std::collections::HashMap<String, SubEventLabel>,
}

/// One labelled row.
#[derive(Clone, Debug)]
struct SubEventLabel {
    event_type: String,
    sub_event_type: String,
    sure: bool,
}

impl SubEventLabels {
    /// Reads a label file, checking each type against ACLED's.
    pub fn read(path: &Path) -> Result<SubEventLabels, Error> {
        let text = read(path)?;
        let shown = path.display();
        let mut by_row = std::collections::HashMap::new();
        let lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty());
        for (n, line) in lines.skip(1) {
            let at = || format!("{shown}: line {}", n + 1);
            let [id, event_type, sub_event_type, confidence] =
                line.split('\t').collect::<Vec<_>>()[..]
            else {
                return Err(Error::Format {
                    path: at(),
                    message: "expected 4 tab-separated fields: event_id_cnty, event_type, \
                              sub_event_type, confidence"
                        .into(),
                });
            };
            if !is_acled_type(event_type, sub_event_type) {
                return Err(Error::Format {
                    path: at(),
                    message: format!(
                        "{sub_event_type:?} is no ACLED sub-event type of {event_type:?}"
                    ),
                });
            }
            let label = SubEventLabel {
                event_type: event_type.to_owned(),
                sub_event_type: sub_event_type.to_owned(),
                sure: confidence != "low",
            };
            by_row.insert(id.to_owned(), label);
        }
        Ok(SubEventLabels { by_row })
    }

    /// How many rows are labelled.
    pub fn len(&self) -> usize {
        self.by_row.len()
    }

    /// Whether no row is labelled.
    pub fn is_empty(&self) -> bool {
        self.by_row.is_empty()
    }
}

/// The types of the main events of the labelled rows against the labels.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScores {
    /// Labelled rows found in the file evaluated.
    pub rows: usize,
    /// Share whose main event has the labelled event type.
    pub event_type_right: f64,
    /// Share whose main event has the labelled sub-event type.
    pub sub_event_type_right: f64,
    /// Rows labelled with high confidence.
    pub sure_rows: usize,
    /// Share of those with the labelled sub-event type.
    pub sure_sub_event_type_right: f64,
    /// The most frequent disagreements: (labelled sub-event type, the main event's, rows).
    pub confusions: Vec<(String, String, usize)>,
}

/// How often ACLED's coded actors are found in the notes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ActorCoverage {
    /// Rows with at least one named coded actor (not "Unidentified ...", "Civilians ...",
    /// "Protesters ..." or another class of people).
    pub rows: usize,
    /// Share of those rows all of whose named actors were found.
    pub rows_all_found: f64,
    /// Named actor slots (actor1, assoc_actor_1, actor2, assoc_actor_2).
    pub slots: usize,
    /// Share of slots found.
    pub slots_found: f64,
    /// Share of slots whose ACLED name the dictionary maps to no actor.
    pub slots_unmapped: f64,
    /// The ACLED names most often not found, with counts.
    pub frequent_misses: Vec<(String, usize)>,
}

/// How many failing rows each verbose list keeps.
const LISTED: usize = 400;

/// ACLED actor names that are classes of people, not actors.
const UNNAMED: &[&str] = &[
    "Unidentified",
    "Civilians",
    "Protesters",
    "Rioters",
    "Refugees",
    "Prisoners",
    "Journalists",
    "Health Workers",
    "Teachers",
    "Students",
    "Farmers",
    "Labour",
    "Labor",
    "Lawyers",
];

fn named(actor: &str) -> bool {
    !actor.trim().is_empty() && !UNNAMED.iter().any(|u| actor.starts_with(u))
}

/// One ACLED row, with the columns sitrep reads.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AcledRow {
    /// "31 March 2018".
    pub event_date: String,
    /// 1, 2 or 3.
    pub geo_precision: String,
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
    /// The event description.
    pub notes: String,
    /// Primary actor.
    #[serde(default)]
    pub actor1: String,
    /// Target actor.
    #[serde(default)]
    pub actor2: String,
    /// Country.
    #[serde(default)]
    pub country: String,
    /// Associated actor of actor1.
    #[serde(default)]
    pub assoc_actor_1: String,
    /// Associated actor of actor2.
    #[serde(default)]
    pub assoc_actor_2: String,
    /// The row's id ("SYR12345").
    #[serde(default)]
    pub event_id_cnty: String,
}

/// Reads the rows of an ACLED CSV export.
pub fn read_rows(path: &Path) -> Result<Vec<AcledRow>, Error> {
    let shown = path.display().to_string();
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| Error::Format { path: shown.clone(), message: e.to_string() })?;
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize::<AcledRow>().enumerate() {
        rows.push(row.map_err(|e| Error::Format {
            path: format!("{shown}: record {}", i + 1),
            message: e.to_string(),
        })?);
    }
    Ok(rows)
}

/// "31 March 2018" → "2018-03-31".
pub fn acled_date(s: &str) -> Option<String> {
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.to_ascii_lowercase().as_str() {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    };
    let year: u32 = parts.next()?.parse().ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Scores extraction on an ACLED file.
/// Scores extraction on an ACLED CSV file; `labels` (possibly empty) are hand-labelled types of
/// some of its rows.
pub fn evaluate(
    extractor: &Extractor,
    path: &Path,
    labels: &SubEventLabels,
) -> Result<AcledReport, Error> {
    let rows = read_rows(path)?;
    // (label, the main event's (event type, sub-event type)) per labelled row.
    let mut typed: Vec<(&SubEventLabel, Option<(String, String)>)> = Vec::new();
    let exporter = crate::export::Exporter::new(extractor);
    // (precision, found, within 25, within 161) per row.
    let mut results: Vec<(String, bool, bool, bool)> = Vec::with_capacity(rows.len());
    let mut failures = Vec::new();
    let mut actor_failures = Vec::new();
    let mut actor1_failures = Vec::new();
    let dict = extractor.actors();
    let (mut actor_rows, mut rows_all, mut slots, mut slots_found, mut unmapped) = (0, 0, 0, 0, 0);
    let mut misses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut with_event, mut ev25, mut ev161) = (0, 0, 0);
    let (mut a1_rows, mut a1_right, mut a1_swapped) = (0, 0, 0);
    for row in &rows {
        let doc = Document {
            text: row.notes.clone(),
            published: acled_date(&row.event_date),
            ..Document::default()
        };
        let analysis = extractor.extract(&doc);
        let found: Vec<u32> = analysis.actors.iter().filter_map(|a| dict.by_id(&a.id)).collect();
        let coded: Vec<&str> = [&row.actor1, &row.assoc_actor_1, &row.actor2, &row.assoc_actor_2]
            .into_iter()
            .flat_map(|a| a.split(';'))
            .map(str::trim)
            .filter(|a| named(a))
            .collect();
        if !coded.is_empty() {
            actor_rows += 1;
            let mut all = true;
            for name in &coded {
                slots += 1;
                let mapped = dict.by_acled_name(name);
                if mapped.is_empty() {
                    unmapped += 1;
                }
                // Found: the coded actor, or a part of it (Russian warplanes for the Russian
                // military), or what it is part of.
                let hit = mapped
                    .iter()
                    .any(|&m| found.iter().any(|&f| dict.is_within(f, m) || dict.is_within(m, f)));
                if hit {
                    slots_found += 1;
                } else {
                    all = false;
                    *misses.entry((*name).to_owned()).or_default() += 1;
                    if actor_failures.len() < LISTED {
                        let ids: Vec<&str> =
                            analysis.actors.iter().map(|a| a.id.as_str()).collect();
                        actor_failures.push(format!(
                            "{name} [found {}] ← {}",
                            ids.join(", "),
                            row.notes
                        ));
                    }
                }
            }
            rows_all += usize::from(all);
        }
        // The main event: the most complete, the first among equals.
        let main =
            analysis.events.iter().fold(
                None,
                |best: Option<&crate::events::Event>, e| match best {
                    Some(b) if b.confidence >= e.confidence => Some(b),
                    _ => Some(e),
                },
            );
        if let Some(label) = labels.by_row.get(&row.event_id_cnty) {
            let found = main
                .map(|e| (e.acled.event_type.clone(), exporter.acled_sub_event_type(&analysis, e)));
            typed.push((label, found));
        }
        if let Some(e) = main {
            with_event += 1;
            if let Some(p) = &e.place {
                let d = distance_km(p.lat, p.lon, row.latitude, row.longitude);
                ev25 += usize::from(d <= 25.0);
                ev161 += usize::from(d <= 161.0);
            }
        }
        let coded1 = dict.by_acled_name(row.actor1.trim());
        if named(&row.actor1) && !coded1.is_empty() {
            a1_rows += 1;
            let is = |id: &Option<String>| {
                id.as_deref().and_then(|a| dict.by_id(a)).is_some_and(|f| {
                    coded1.iter().any(|&m| dict.is_within(f, m) || dict.is_within(m, f))
                })
            };
            let right = main.is_some_and(|e| is(&e.actor1));
            a1_right += usize::from(right);
            if !right && actor1_failures.len() < LISTED {
                let event = main.map_or("no event".to_owned(), |e| {
                    format!(
                        "{} {} -> {} ({:?})",
                        e.kind,
                        e.actor1.as_deref().unwrap_or("-"),
                        e.actor2.as_deref().unwrap_or("-"),
                        e.evidence.text.chars().take(60).collect::<String>()
                    )
                });
                actor1_failures.push(format!("{} [{event}] ← {}", row.actor1.trim(), row.notes));
            }
            a1_swapped += usize::from(main.is_some_and(|e| !is(&e.actor1) && is(&e.actor2)));
        }
        let best = analysis.best_place();
        let d = best.map(|p| distance_km(p.lat, p.lon, row.latitude, row.longitude));
        if d.is_none_or(|d| d > 161.0) && failures.len() < LISTED {
            let found = best.map_or("nothing".to_owned(), |p| {
                format!("{} ({} {}) {:.0} km", p.name, p.kind.as_str(), p.country, d.unwrap_or(0.0))
            });
            failures.push(format!("{found} ← {}", row.notes));
        }
        results.push((
            row.geo_precision.clone(),
            d.is_some(),
            d.is_some_and(|d| d <= 25.0),
            d.is_some_and(|d| d <= 161.0),
        ));
    }
    let mut precisions: Vec<String> = results.iter().map(|r| r.0.clone()).collect();
    precisions.sort();
    precisions.dedup();
    precisions.push("all".into());
    let by_precision = precisions
        .into_iter()
        .map(|p| {
            let sel: Vec<_> = results.iter().filter(|r| p == "all" || r.0 == p).collect();
            let n = sel.len();
            PrecisionRow {
                rows: n,
                no_place: ratio(sel.iter().filter(|r| !r.1).count(), n),
                within_25km: ratio(sel.iter().filter(|r| r.2).count(), n),
                within_161km: ratio(sel.iter().filter(|r| r.3).count(), n),
                geo_precision: p,
            }
        })
        .collect();
    let mut frequent_misses: Vec<(String, usize)> = misses.into_iter().collect();
    frequent_misses.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    frequent_misses.truncate(15);
    let actors = ActorCoverage {
        rows: actor_rows,
        rows_all_found: ratio(rows_all, actor_rows),
        slots,
        slots_found: ratio(slots_found, slots),
        slots_unmapped: ratio(unmapped, slots),
        frequent_misses,
    };
    let events = EventScores {
        rows_with_event: ratio(with_event, rows.len()),
        place_within_25km: ratio(ev25, rows.len()),
        place_within_161km: ratio(ev161, rows.len()),
        actor1_rows: a1_rows,
        actor1_right: ratio(a1_right, a1_rows),
        actor1_as_actor2: ratio(a1_swapped, a1_rows),
    };
    Ok(AcledReport {
        path: path.display().to_string(),
        rows: rows.len(),
        by_precision,
        failures,
        actor_failures,
        actor1_failures,
        actors,
        events,
        types: (!labels.is_empty()).then(|| type_scores(&typed)),
    })
}

fn type_scores(typed: &[(&SubEventLabel, Option<(String, String)>)]) -> TypeScores {
    let sub_right = |l: &SubEventLabel, f: &Option<(String, String)>| {
        f.as_ref().is_some_and(|(_, sub)| *sub == l.sub_event_type)
    };
    let sure: Vec<_> = typed.iter().filter(|(l, _)| l.sure).collect();
    let mut confusions: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for (l, f) in typed.iter().filter(|(l, f)| !sub_right(l, f)) {
        let found = f.as_ref().map_or("no event".to_owned(), |(_, sub)| sub.clone());
        *confusions.entry((l.sub_event_type.clone(), found)).or_default() += 1;
    }
    let mut confusions: Vec<(String, String, usize)> =
        confusions.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    confusions.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    confusions.truncate(10);
    TypeScores {
        rows: typed.len(),
        event_type_right: ratio(
            typed
                .iter()
                .filter(|(l, f)| f.as_ref().is_some_and(|(t, _)| *t == l.event_type))
                .count(),
            typed.len(),
        ),
        sub_event_type_right: ratio(
            typed.iter().filter(|(l, f)| sub_right(l, f)).count(),
            typed.len(),
        ),
        sure_rows: sure.len(),
        sure_sub_event_type_right: ratio(
            sure.iter().filter(|(l, f)| sub_right(l, f)).count(),
            sure.len(),
        ),
        confusions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_and_checked_against_acleds_types() {
        let dir = std::env::temp_dir().join(format!("sitrep-labels-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.tsv");
        std::fs::write(
            &good,
            "# hand-labelled\nevent_id_cnty\tevent_type\tsub_event_type\tconfidence\n\
             SYR1\tBattles\tArmed clash\thigh\nIRQ2\tExplosions/Remote violence\tAir/drone strike\tlow\n",
        )
        .unwrap();
        let labels = SubEventLabels::read(&good).unwrap();
        assert_eq!(labels.len(), 2);
        assert!(!labels.by_row["IRQ2"].sure);
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, "header\nSYR1\tBattles\tAir/drone strike\thigh\n").unwrap();
        let e = SubEventLabels::read(&bad).unwrap_err().to_string();
        assert!(e.contains("bad.tsv: line 2") && e.contains("no ACLED sub-event type"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dates() {
        assert_eq!(acled_date("31 March 2018").as_deref(), Some("2018-03-31"));
        assert_eq!(acled_date("1 Foo 2018"), None);
    }
}
