//! Evaluation: scores extraction against gold data and reports precision, recall, F1 and
//! location accuracy, one table per data set.
//!
//! Like `text`, this module reads files: the gold sets in `../shared/data` and the gold files of
//! this repository. It is a tool around the pipeline, not a stage of it; nothing in the pipeline
//! uses it.

pub mod acled;
pub mod event_location;
pub mod geoparsing;
pub mod gold;
pub mod petrarch;
pub mod re3d;
pub mod times;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Errors reading evaluation data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What happened.
        source: std::io::Error,
    },
    /// A file is not in the expected format.
    #[error("{path}: {message}")]
    Format {
        /// The file (and line or record, where known).
        path: String,
        /// What was expected.
        message: String,
    },
}

pub(crate) fn read(path: &std::path::Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|source| Error::Io { path: path.display().to_string(), source })
}

/// Counts of a precision/recall measurement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Predicted and in the gold.
    pub true_positives: usize,
    /// Predicted, not in the gold.
    pub false_positives: usize,
    /// In the gold, not predicted.
    pub false_negatives: usize,
}

impl Counts {
    /// Precision, 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }
    /// Recall, 0 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    /// Adds another measurement.
    pub fn add(&mut self, o: Counts) {
        self.true_positives += o.true_positives;
        self.false_positives += o.false_positives;
        self.false_negatives += o.false_negatives;
    }
    fn row(&self, name: &str) -> String {
        format!(
            "  {name:<24} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})\n",
            self.precision(),
            self.recall(),
            self.f1(),
            self.true_positives,
            self.false_positives,
            self.false_negatives
        )
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Distance errors of resolved toponyms.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ErrorStats {
    /// Toponyms scored.
    pub count: usize,
    /// Share within 161 km.
    pub accuracy_161km: f64,
    /// Mean error, km.
    pub mean_km: f64,
    /// Median error, km.
    pub median_km: f64,
    /// Area under the curve of log error (0 best, 1 worst), as in Gritta et al.
    pub auc: f64,
}

impl ErrorStats {
    /// Summarises a list of errors in km.
    pub fn from_errors(mut errors: Vec<f64>) -> ErrorStats {
        if errors.is_empty() {
            return ErrorStats::default();
        }
        errors.sort_by(f64::total_cmp);
        let n = errors.len();
        let max = (20_039.0f64 + 1.0).ln();
        ErrorStats {
            count: n,
            accuracy_161km: errors.iter().filter(|&&e| e <= 161.0).count() as f64 / n as f64,
            mean_km: errors.iter().sum::<f64>() / n as f64,
            median_km: if n % 2 == 1 {
                errors[n / 2]
            } else {
                (errors[n / 2 - 1] + errors[n / 2]) / 2.0
            },
            auc: errors.iter().map(|e| (e + 1.0).ln() / max).sum::<f64>() / n as f64,
        }
    }
}

/// Everything one `sitrep eval` run measured.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Gold-format files.
    pub gold: Vec<gold::GoldReport>,
    /// Geoparsing corpora.
    pub geoparsing: Vec<geoparsing::GeoparsingReport>,
    /// ACLED rows.
    pub acled: Vec<acled::AcledReport>,
    /// The re3d corpus.
    pub re3d: Vec<re3d::Re3dReport>,
    /// Time-expression tables.
    pub times: Vec<times::TimeTableReport>,
    /// Event-location linking records.
    pub event_location: Vec<event_location::EventLocationReport>,
    /// PETRARCH validation records (gold CAMEO codings).
    pub petrarch: Vec<petrarch::PetrarchReport>,
}

impl Report {
    /// The report as tables for people.
    /// With `verbose`, gold misses and spurious predictions, and frequent resolution errors.
    pub fn to_table(&self, verbose: bool) -> String {
        let mut s = String::new();
        for g in &self.gold {
            let _ = writeln!(s, "gold: {} ({} documents)", g.path, g.documents.len());
            s.push_str(&g.places.row("places"));
            s.push_str(&g.countries.row("countries"));
            s.push_str(&g.actors.row("actors"));
            if g.events.true_positives + g.events.false_negatives > 0 {
                let _ = writeln!(
                    s,
                    "  {:<24} R {:.3}   (found {} of {} gold events; the gold lists the events that matter, not all)",
                    "events",
                    g.events.recall(),
                    g.events.true_positives,
                    g.events.true_positives + g.events.false_negatives
                );
            }
            for d in &g.documents {
                let _ = writeln!(
                    s,
                    "    {:<32} places P {:.2} R {:.2}   countries P {:.2} R {:.2}   actors P {:.2} R {:.2}",
                    d.id,
                    d.places.precision(),
                    d.places.recall(),
                    d.countries.precision(),
                    d.countries.recall(),
                    d.actors.precision(),
                    d.actors.recall()
                );
                for m in d.missed.iter().filter(|_| verbose) {
                    let _ = writeln!(s, "      missed: {m}");
                }
                for m in d.spurious.iter().filter(|_| verbose) {
                    let _ = writeln!(s, "      spurious: {m}");
                }
            }
            s.push('\n');
        }
        for g in &self.geoparsing {
            let _ = writeln!(
                s,
                "geoparsing: {} ({} articles, {} gold toponyms)",
                g.path, g.articles, g.gold_toponyms
            );
            s.push_str(&g.recognition_exact.row("recognition (exact)"));
            s.push_str(&g.recognition_overlap.row("recognition (overlap)"));
            let r = &g.resolution;
            let _ = writeln!(
                s,
                "  {:<24} acc@161km {:.3}  mean {:.0} km  median {:.1} km  AUC {:.3}  (n {})",
                "resolution", r.accuracy_161km, r.mean_km, r.median_km, r.auc, r.count
            );
            if g.geonameid_accuracy.0 > 0 {
                let _ = writeln!(
                    s,
                    "  {:<24} {:.3} of {} toponyms with a gold GeoNames id",
                    "same GeoNames id", g.geonameid_accuracy.1, g.geonameid_accuracy.0
                );
                let _ = writeln!(
                    s,
                    "  {:<24} acc@161km {:.3}  (the gold's own GeoNames id is a hit at any \
                     distance: countries and divisions sit at other points)",
                    "right place, any point", g.accuracy_161km_same_id
                );
            }
            for (t, n, acc) in &g.by_confidence {
                let _ = writeln!(s, "    confidence >= {t:.1}: n {n:>5}  acc@161km {acc:.3}");
            }
            s.push('\n');
            if verbose {
                for (e, n) in &g.frequent_errors {
                    let _ = writeln!(s, "      {n:>4} × {e}");
                }
                s.push('\n');
            }
        }
        for r in &self.re3d {
            let _ = writeln!(s, "re3d: {} ({} documents)", r.path, r.documents);
            s.push_str(&r.location.row("Location"));
            s.push_str(&r.organisation.row("Organisation"));
            s.push_str(&r.person.row("Person"));
            s.push_str(&r.temporal.row("Temporal"));
            s.push_str(&r.temporal_exact.row("Temporal exact"));
            s.push('\n');
        }
        for p in &self.petrarch {
            let [root, source, target, full] = p.known_agreement();
            let _ = writeln!(
                s,
                "petrarch: {} ({} sentences, {} gold codings)\n  CAMEO root: recall {:.3}  precision {:.3} ({} events)  root + source + target countries: recall {:.3}\n  codings whose actors the dictionary knows: {}  root {:.3}  root + source {:.3}  root + target {:.3}  all three {:.3}\n",
                p.path,
                p.sentences,
                p.codings,
                p.root_recall(),
                p.root_precision(),
                p.events,
                p.full_recall(),
                p.known,
                root,
                source,
                target,
                full
            );
        }
        for e in &self.event_location {
            let _ = writeln!(s, "event-location: {}", e.path);
            for (name, c) in [("all", &e.all), ("RELABEL", &e.relabel)] {
                let _ = writeln!(
                    s,
                    "  {name:<8} records {:>5}  event found {:.3}  place right | found {:.3}  place right | all {:.3}",
                    c.records,
                    ratio(c.events_found, c.records),
                    c.accuracy_found(),
                    c.accuracy_all()
                );
            }
            s.push('\n');
        }
        for t in &self.times {
            let _ = writeln!(
                s,
                "time table: {} ({} cases, {} Arabic)\n  passed {:.3} ({}); Arabic {:.3}; exact spans among passed {:.3}",
                t.path,
                t.cases,
                t.arabic.0,
                t.pass_rate(),
                t.passed,
                ratio(t.arabic.1, t.arabic.0),
                ratio(t.exact_spans, t.passed)
            );
            for f in t.failures.iter().filter(|_| verbose) {
                let _ = writeln!(s, "      {f}");
            }
            s.push('\n');
        }
        for a in &self.acled {
            let _ = writeln!(s, "acled: {} ({} rows)", a.path, a.rows);
            let _ = writeln!(
                s,
                "  {:<14} {:>6} {:>10} {:>10} {:>10}",
                "geo_precision", "rows", "no place", "<=25 km", "<=161 km"
            );
            for p in &a.by_precision {
                let _ = writeln!(
                    s,
                    "  {:<14} {:>6} {:>10.3} {:>10.3} {:>10.3}",
                    p.geo_precision, p.rows, p.no_place, p.within_25km, p.within_161km
                );
            }
            let c = &a.actors;
            let _ = writeln!(
                s,
                "  actors: rows with named actors {}: all found {:.3}; actor slots {}: found {:.3}, unmapped {:.3}",
                c.rows, c.rows_all_found, c.slots, c.slots_found, c.slots_unmapped
            );
            let e = &a.events;
            let _ = writeln!(
                s,
                "  events: rows with an event {:.3}; main event's place <=25 km {:.3}, <=161 km {:.3}; \
                 rows with a known actor1 {}: actor1 right {:.3}, as actor2 {:.3}",
                e.rows_with_event,
                e.place_within_25km,
                e.place_within_161km,
                e.actor1_rows,
                e.actor1_right,
                e.actor1_as_actor2
            );
            if let Some(t) = &a.types {
                let _ = writeln!(
                    s,
                    "  types of the main event, against {} rows labelled by hand: event type {:.3}, \
                     sub-event type {:.3} ({:.3} on the {} labelled with confidence)",
                    t.rows,
                    t.event_type_right,
                    t.sub_event_type_right,
                    t.sure_sub_event_type_right,
                    t.sure_rows
                );
                for (label, found, n) in t.confusions.iter().filter(|_| verbose) {
                    let _ = writeln!(s, "      {n:>4} × {label} → {found}");
                }
            }
            for (name, n) in c.frequent_misses.iter().filter(|_| verbose) {
                let _ = writeln!(s, "      {n:>4} × not found: {name}");
            }
            for f in a.failures.iter().filter(|_| verbose) {
                let _ = writeln!(s, "      {f}");
            }
            for f in a.actor_failures.iter().filter(|_| verbose) {
                let _ = writeln!(s, "      actor not found: {f}");
            }
            for f in a.actor1_failures.iter().filter(|_| verbose) {
                let _ = writeln!(s, "      actor1 wrong: {f}");
            }
            s.push('\n');
        }
        s
    }
}

/// The Wikipedia campaign articles under `data` (the `../shared/data` folder), both renderings
/// of the site, sorted: the war prose the benchmarks run on.
pub fn campaign_articles(data: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for dir in ["wikipedia/frontlines-website", "wikipedia/frontlines-astro"] {
        let mut here = Vec::new();
        for entry in std::fs::read_dir(data.join(dir))? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "md") {
                here.push(path);
            }
        }
        here.sort();
        paths.extend(here);
    }
    Ok(paths)
}
