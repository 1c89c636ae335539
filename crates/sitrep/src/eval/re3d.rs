//! The Dstl re3d corpus: documents on the Syria/Iraq conflict with annotated entity spans.
//! Each source folder has `documents.json` and `entities.json` (one JSON object per line, as
//! `mongoexport` writes them). Scored: Location spans against place mentions, Organisation
//! spans against actor mentions other than persons, Person spans against person mentions,
//! Temporal spans against time expressions (dates and durations); a prediction matches a gold
//! span of its type that it overlaps, one to one. Temporal spans are also scored exactly
//! (same start and end).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Counts, Error, read};
use crate::{Document, Extractor};

#[derive(Deserialize)]
struct Doc {
    #[serde(rename = "_id")]
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct Entity {
    #[serde(rename = "documentId")]
    document: String,
    begin: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// Scores on re3d.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Re3dReport {
    /// The corpus folder.
    pub path: String,
    /// Documents read.
    pub documents: usize,
    /// Location spans against place mentions.
    pub location: Counts,
    /// Organisation spans against non-person actor mentions.
    pub organisation: Counts,
    /// Person spans against person mentions.
    pub person: Counts,
    /// Temporal spans against time expressions, overlapping.
    pub temporal: Counts,
    /// Temporal spans against time expressions, same start and end.
    pub temporal_exact: Counts,
}

fn lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, Error> {
    let text = read(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l.trim_start_matches('\u{feff}')).map_err(|e| Error::Format {
                path: format!("{}:{}", path.display(), i + 1),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Scores extraction on every source folder under `dir`.
pub fn evaluate(extractor: &Extractor, dir: &Path) -> Result<Re3dReport, Error> {
    let mut report = Re3dReport { path: dir.display().to_string(), ..Re3dReport::default() };
    let mut folders: Vec<_> = std::fs::read_dir(dir)
        .map_err(|source| Error::Io { path: dir.display().to_string(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("documents.json").exists())
        .collect();
    folders.sort();
    for folder in folders {
        let docs: Vec<Doc> = lines(&folder.join("documents.json"))?;
        let entities: Vec<Entity> = lines(&folder.join("entities.json"))?;
        let mut by_doc: HashMap<&str, Vec<&Entity>> = HashMap::new();
        for e in &entities {
            by_doc.entry(e.document.as_str()).or_default().push(e);
        }
        for d in &docs {
            report.documents += 1;
            let gold = by_doc.get(d.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let a = extractor.extract(&Document { text: d.text.clone(), ..Document::default() });
            let places: Vec<(usize, usize)> =
                a.places.iter().flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end))).collect();
            let (persons, orgs): (Vec<_>, Vec<_>) =
                a.actors.iter().partition(|x| x.kind == "person");
            let spans = |actors: &[&crate::Actor]| -> Vec<(usize, usize)> {
                actors.iter().flat_map(|x| x.mentions.iter().map(|m| (m.start, m.end))).collect()
            };
            score(&mut report.location, &places, gold, "Location");
            score(&mut report.organisation, &spans(&orgs), gold, "Organisation");
            score(&mut report.person, &spans(&persons), gold, "Person");
            let times: Vec<(usize, usize)> =
                a.times.iter().flat_map(|t| t.mentions.iter().map(|m| (m.start, m.end))).collect();
            score(&mut report.temporal, &times, gold, "Temporal");
            score_exact(&mut report.temporal_exact, &times, gold, "Temporal");
        }
    }
    Ok(report)
}

fn score(counts: &mut Counts, predicted: &[(usize, usize)], gold: &[&Entity], kind: &str) {
    let gold: Vec<(usize, usize)> =
        gold.iter().filter(|e| e.kind == kind).map(|e| (e.begin, e.end)).collect();
    let mut used = vec![false; gold.len()];
    for &(s, e) in predicted {
        match gold.iter().enumerate().position(|(j, &(gs, ge))| !used[j] && s < ge && gs < e) {
            Some(j) => {
                used[j] = true;
                counts.true_positives += 1;
            }
            // A second prediction over an already matched gold span is not spurious.
            None if gold.iter().any(|&(gs, ge)| s < ge && gs < e) => {}
            None => counts.false_positives += 1,
        }
    }
    counts.false_negatives += used.iter().filter(|u| !**u).count();
}

fn score_exact(counts: &mut Counts, predicted: &[(usize, usize)], gold: &[&Entity], kind: &str) {
    let gold: Vec<(usize, usize)> =
        gold.iter().filter(|e| e.kind == kind).map(|e| (e.begin, e.end)).collect();
    let hits = predicted.iter().filter(|p| gold.contains(p)).count();
    counts.true_positives += hits;
    counts.false_positives += predicted.len() - hits;
    counts.false_negatives += gold.len() - hits;
}
