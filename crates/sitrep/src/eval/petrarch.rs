//! PETRARCH validation records: sentences with gold CAMEO codings (event code, source and
//! target actor codes). Scored per gold coding: whether sitrep finds an event of the same CAMEO
//! root in the sentence (type recall), and whether that event's actors also have the gold
//! codes' countries (full recall: source and target country, as the first three letters of
//! the CAMEO actor codes; an actor's country code is its own CAMEO code's, else its country's
//! state's). Precision: of the events sitrep finds in sentences with gold codings, those whose
//! root is one of the sentence's gold roots.
//!
//! The same agreement is reported apart on the codings whose actors the dictionary knows: both
//! the source's and the target's country are a CAMEO code of some actor of the dictionary. The
//! unit-test file's actors are invented countries (Gondor, Arnor), and many codings have no
//! target; on the rest, source, target and root are each scored.

use std::path::Path;

use serde::Serialize;

use super::{Error, ratio, read};
use crate::{Document, Extractor};

/// One gold coding.
struct Coding {
    root: String,
    source: String,
    target: String,
}

/// One record.
struct Record {
    text: String,
    codings: Vec<Coding>,
}

/// Scores for one file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PetrarchReport {
    /// The file.
    pub path: String,
    /// Sentences with at least one gold coding.
    pub sentences: usize,
    /// Gold codings.
    pub codings: usize,
    /// Gold codings whose CAMEO root an event of the sentence has.
    pub root_found: usize,
    /// Of those, codings whose source and target countries the event's actors also have.
    pub full_found: usize,
    /// Events found in the sentences.
    pub events: usize,
    /// Of those, events whose root is one of the sentence's gold roots.
    pub events_right: usize,
    /// Gold codings whose source and target countries the dictionary knows.
    pub known: usize,
    /// Of those, codings whose root an event of the sentence has.
    pub known_root: usize,
    /// ... whose root an event has whose actor 1 has the source's country.
    pub known_source: usize,
    /// ... whose root an event has whose actor 2 has the target's country.
    pub known_target: usize,
    /// ... whose root an event has with both: root, source and target agree.
    pub known_full: usize,
}

impl PetrarchReport {
    /// Type recall.
    pub fn root_recall(&self) -> f64 {
        ratio(self.root_found, self.codings)
    }
    /// Type precision.
    pub fn root_precision(&self) -> f64 {
        ratio(self.events_right, self.events)
    }
    /// Recall of type, source and target together.
    pub fn full_recall(&self) -> f64 {
        ratio(self.full_found, self.codings)
    }
    /// On the codings whose actors the dictionary knows: the share whose root, root and
    /// source, root and target, and all three an event of the sentence has.
    pub fn known_agreement(&self) -> [f64; 4] {
        [self.known_root, self.known_source, self.known_target, self.known_full]
            .map(|n| ratio(n, self.known))
    }
}

/// The value of `name="..."` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The records of a file. Both PETRARCH files are flat and regular (a `<Sentence .../>` tag,
/// `<EventCoding .../>` tags, a `<Text>` block), so they are read by scanning rather than with
/// an XML parser, which would have to cope with the parse blocks' bare `<` and `&`.
fn parse(xml: &str) -> Vec<Record> {
    let mut records = Vec::new();
    for chunk in xml.split("<Sentence ").skip(1) {
        let head = chunk.split('>').next().unwrap_or_default();
        if attribute(head, "evaluate") == Some("false") {
            continue;
        }
        let codings = chunk
            .split("<EventCoding ")
            .skip(1)
            .filter_map(|c| {
                let tag = c.split('>').next()?;
                let code = attribute(tag, "eventcode")?;
                Some(Coding {
                    root: code.get(..2)?.to_string(),
                    source: attribute(tag, "sourcecode").unwrap_or_default().to_string(),
                    target: attribute(tag, "targetcode").unwrap_or_default().to_string(),
                })
            })
            .collect::<Vec<_>>();
        let text = chunk
            .split_once("<Text>")
            .and_then(|(_, rest)| rest.split_once("</Text>"))
            .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        if !codings.is_empty() && !text.is_empty() {
            records.push(Record { text, codings });
        }
    }
    records
}

/// Scores extraction on a PETRARCH file.
pub fn evaluate(extractor: &Extractor, path: &Path) -> Result<PetrarchReport, Error> {
    let records = parse(&read(path)?);
    let dict = extractor.actors();
    // An actor id's country as CAMEO writes it (three letters).
    let country = |id: &str| -> Option<String> {
        let r = dict.record(dict.by_id(id)?);
        let own = r.cameo.get(..3).filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()));
        own.map(str::to_string).or_else(|| {
            let state = dict.record(dict.state_of(&r.country)?);
            state.cameo.get(..3).map(str::to_string)
        })
    };
    // The countries the dictionary can name: every actor's own three-letter CAMEO code.
    let known: std::collections::HashSet<&str> = (0..dict.len() as u32)
        .filter_map(|i| dict.record(i).cameo.get(..3))
        .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()))
        .collect();
    let is_known = |code: &str| code.get(..3).is_some_and(|c| known.contains(c));
    let mut report = PetrarchReport { path: path.display().to_string(), ..Default::default() };
    for rec in &records {
        let analysis =
            extractor.extract(&Document { text: rec.text.clone(), ..Document::default() });
        report.sentences += 1;
        report.codings += rec.codings.len();
        report.events += analysis.events.len();
        report.events_right += analysis
            .events
            .iter()
            .filter(|e| rec.codings.iter().any(|c| e.cameo.get(..2) == Some(c.root.as_str())))
            .count();
        for c in &rec.codings {
            let known = is_known(&c.source) && is_known(&c.target);
            report.known += usize::from(known);
            let same_root: Vec<_> = analysis
                .events
                .iter()
                .filter(|e| e.cameo.get(..2) == Some(c.root.as_str()))
                .collect();
            if same_root.is_empty() {
                continue;
            }
            report.root_found += 1;
            let matches = |id: &Option<String>, gold: &str| {
                let code = id.as_deref().and_then(country);
                code.is_some() && gold.get(..3) == code.as_deref()
            };
            let source = same_root.iter().any(|e| matches(&e.actor1, &c.source));
            let target = same_root.iter().any(|e| matches(&e.actor2, &c.target));
            let full = same_root
                .iter()
                .any(|e| matches(&e.actor1, &c.source) && matches(&e.actor2, &c.target));
            report.full_found += usize::from(full);
            if known {
                report.known_root += 1;
                report.known_source += usize::from(source);
                report.known_target += usize::from(target);
                report.known_full += usize::from(full);
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read() {
        let xml = r#"<Sentences>
<Sentence category="AFP" date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="SYRGOV" targetcode="SYRREB" />
<Text>
Syrian troops attacked
rebels in Homs.
</Text>
<Parse>1 < 2 & 3</Parse>
</Sentence>
<Sentence category="AFP" date="20080804" id="A_2" evaluate="false"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>Skipped.</Text>
</Sentence>"#;
        let records = parse(xml);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].text, "Syrian troops attacked rebels in Homs.");
        assert_eq!(records[0].codings[0].root, "19");
        assert_eq!(records[0].codings[0].source, "SYRGOV");
    }
}
