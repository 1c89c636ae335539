//! Event-location linking (Halterman 2019): sentences with an event verb and the span of the
//! place where that event happened. Scored: for each record with both, whether sitrep finds an
//! event on that verb (trigger recall) and whether the event's main place is the gold place
//! span; accuracy over the records where the event was found and over all records, for all
//! records and for the hand-relabelled gold (`source == "RELABEL"`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Error, ratio, read};
use crate::{Document, Extractor};

#[derive(Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    spans: Vec<GoldSpan>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    tokens: Vec<GoldToken>,
}

#[derive(Deserialize)]
struct GoldToken {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    token_start: Option<usize>,
    #[serde(default)]
    token_end: Option<usize>,
    label: String,
}

impl GoldSpan {
    /// Character offsets, from the token indices where they are given: the relabelled records'
    /// own character offsets are often wrong (empty or shifted), their token indices are not.
    fn offsets(&self, tokens: &[GoldToken]) -> (usize, usize) {
        match (self.token_start, self.token_end) {
            (Some(a), Some(b)) if a <= b && b < tokens.len() => (tokens[a].start, tokens[b].end),
            _ => (self.start, self.end),
        }
    }
}

/// Counts for one subset.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LinkCounts {
    /// Records with a verb and a place.
    pub records: usize,
    /// Of those, records where an event was found on the verb.
    pub events_found: usize,
    /// Of those, events whose main place is the gold place.
    pub place_correct: usize,
}

impl LinkCounts {
    /// Place accuracy among found events.
    pub fn accuracy_found(&self) -> f64 {
        ratio(self.place_correct, self.events_found)
    }
    /// Place accuracy over all records (a missed event counts as wrong).
    pub fn accuracy_all(&self) -> f64 {
        ratio(self.place_correct, self.records)
    }
}

/// Scores on the event-location records.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventLocationReport {
    /// The file.
    pub path: String,
    /// Every accepted record.
    pub all: LinkCounts,
    /// The RELABEL gold records.
    pub relabel: LinkCounts,
}

/// Scores a JSON Lines file of records.
pub fn evaluate(extractor: &Extractor, path: &Path) -> Result<EventLocationReport, Error> {
    let text = read(path)?;
    let mut report = EventLocationReport { path: path.display().to_string(), ..Default::default() };
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let r: Record = serde_json::from_str(line).map_err(|e| Error::Format {
            path: format!("{}:{}", path.display(), n + 1),
            message: e.to_string(),
        })?;
        if r.answer.as_deref().is_some_and(|a| a != "accept") {
            continue;
        }
        let verb = r.spans.iter().find(|s| s.label == "VERB");
        let place = r.spans.iter().find(|s| s.label == "LOCATION");
        let (Some(verb), Some(place)) = (verb, place) else { continue };
        let (verb, place) = (verb.offsets(&r.tokens), place.offsets(&r.tokens));
        if place.0 >= place.1 {
            continue;
        }
        // Offsets count Unicode scalars, as Python strings do.
        let a = extractor.extract(&Document { text: r.text.clone(), ..Document::default() });
        let event = a.events.iter().find(|e| e.trigger.start < verb.1 && verb.0 < e.trigger.end);
        let found = event.is_some();
        let correct = event
            .and_then(|e| e.place.as_ref())
            .is_some_and(|p| p.start < place.1 && place.0 < p.end);
        for c in [
            Some(&mut report.all),
            (r.source.as_deref() == Some("RELABEL")).then_some(&mut report.relabel),
        ]
        .into_iter()
        .flatten()
        {
            c.records += 1;
            c.events_found += usize::from(found);
            c.place_correct += usize::from(correct);
        }
    }
    Ok(report)
}
