//! Actors: here is a text; which armed groups, governments, militias, people and media does it
//! name, and what does it say about who backs whom?
//!
//! The dictionary (`data/actors/actors.toml`) is compiled by the build script like the
//! gazetteer; a user dictionary in the same format (`--actors PATH`) extends and overrides it by
//! id. [`Dictionary::recognize`] finds mentions by dictionary matching on the same normalisation
//! as places, patterns ("Iraqi militias", "Iran-backed militias", "Colonel Muhannad Tlaa") and
//! document-level references ("the organization", "the regime"), and reads backing relations.

mod recognize;
pub mod suggest;

use std::collections::HashMap;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;
use sitrep_lexicon::actor::{ActorData, ActorRecord, compile_actors, parse_actors};
use sitrep_lexicon::index::NameIndex;
use sitrep_lexicon::normalize::fold_word;

pub use recognize::{ActorMentions, ActorScan};

use crate::text::tokens::AfterFirstWord;
use crate::text::word_table::WordTable;

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/actors.bin"));
static EMBEDDED_TOML: &str = include_str!("../../../../data/actors/actors.toml");

/// Errors loading a user dictionary.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What happened.
        source: std::io::Error,
    },
    /// The file is not a valid dictionary.
    #[error(transparent)]
    Source(#[from] sitrep_lexicon::source::SourceError),
}

/// The actors sitrep knows.
pub struct Dictionary {
    pub(crate) records: Vec<ActorRecord>,
    pub(crate) names: NameIndex,
    /// Each demonym's fold with the first state record it names, plus one. (A handful of
    /// words: one probe per capitalised word of a text instead of a walk of the index.)
    pub(crate) demonyms: WordTable,
    /// The folded first word of every name with the index cursor after it: a walk starts only
    /// at a word that is one of them, and starts past it, which spares most capitalised words
    /// of a text (places, people, the first word of a sentence) any work in the index.
    pub(crate) first_words: FxHashMap<Box<str>, AfterFirstWord>,
    /// For each state, its government, armed forces, air force and navy, where the dictionary
    /// has them.
    pub(crate) organs: HashMap<u32, Organs>,
    /// (lower-case word, country, record) of the records' `generic_words`: few enough to scan.
    pub(crate) generic_words: Vec<(String, String, u32)>,
    /// The word lists the recognition passes test every word against, `generic_words`
    /// included: one probe per word.
    pub(crate) word_classes: WordTable,
    /// The first state record of each country (ISO alpha-2).
    states: FxHashMap<String, u32>,
    /// The state "the regime" stands for in a text that names no country (`regime_default`).
    pub(crate) regime_default: Option<u32>,
}

/// The institutions of a state that "`<demonym> <noun>`" phrases refer to.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Organs {
    pub government: Option<u32>,
    pub armed_forces: Option<u32>,
    pub army: Option<u32>,
    pub air_force: Option<u32>,
    pub navy: Option<u32>,
    pub police: Option<u32>,
    pub intelligence: Option<u32>,
    /// The catch-all record of its militias (a militia with `generic_words`): "Syrian
    /// militias" in a report on Syria are the pro-government militias.
    pub militias: Option<u32>,
}

impl Dictionary {
    /// The dictionary compiled into the binary.
    pub fn embedded() -> Dictionary {
        let data = ActorData::from_bytes(EMBEDDED)
            .expect("the embedded actor dictionary was written by this build's compiler");
        Dictionary::from_data(data)
    }

    /// A dictionary that knows no actors: extraction with it finds places and times only (the
    /// benchmarks measure what actor matching adds with it).
    pub fn none() -> Dictionary {
        Dictionary::from_data(compile_actors(&[]))
    }

    /// The embedded dictionary extended (and overridden, by id) by a user dictionary file in the
    /// same TOML format.
    pub fn with_user_file(path: &Path) -> Result<Dictionary, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        let embedded = parse_actors(Path::new("data/actors/actors.toml"), EMBEDDED_TOML)?;
        let user: sitrep_lexicon::actor::ActorsFile = toml_user(path, &text)?;
        let known: Vec<String> = embedded.actor.iter().map(|a| a.id.clone()).collect();
        sitrep_lexicon::actor::check(path, &user, &known)?;
        Ok(Dictionary::from_data(compile_actors(&[embedded, user])))
    }

    fn from_data(data: ActorData) -> Dictionary {
        let mut organs: HashMap<u32, Organs> = HashMap::new();
        let records = data.records;
        // Children of a state and of its armed forces.
        for (i, r) in records.iter().enumerate() {
            let i = i as u32;
            let Some(parent) = r.parent else { continue };
            let p = &records[parent as usize];
            // The state above: the parent, the armed forces' parent, or (for police and
            // intelligence, often under a ministry) any ancestor.
            let ancestor_state = || {
                let mut cur = r.parent;
                for _ in 0..4 {
                    let c = cur?;
                    if records[c as usize].kind == "state" {
                        return Some(c);
                    }
                    cur = records[c as usize].parent;
                }
                None
            };
            let state = if p.kind == "state" {
                parent
            } else if let Some(grand) = p.parent.filter(|_| p.kind == "armed forces") {
                grand
            } else if matches!(r.kind.as_str(), "police" | "intelligence")
                && let Some(s) = ancestor_state()
            {
                s
            } else {
                continue;
            };
            let o = organs.entry(state).or_default();
            let name = r.name.to_lowercase();
            match r.kind.as_str() {
                "government" => o.government = o.government.or(Some(i)),
                "armed forces" => o.armed_forces = o.armed_forces.or(Some(i)),
                "police" => o.police = o.police.or(Some(i)),
                "intelligence" => o.intelligence = o.intelligence.or(Some(i)),
                "armed forces branch"
                    if name.contains("air force") || name.contains("aerospace") =>
                {
                    o.air_force = o.air_force.or(Some(i))
                }
                "armed forces branch" if name.contains("navy") => o.navy = o.navy.or(Some(i)),
                "armed forces branch" if name.contains("army") || name.contains("land forces") => {
                    o.army = o.army.or(Some(i))
                }
                _ => {}
            }
        }
        let mut states = FxHashMap::default();
        for (i, r) in records.iter().enumerate().filter(|(_, r)| r.kind == "state") {
            states.entry(r.country.clone()).or_insert(i as u32);
        }
        for (i, r) in records.iter().enumerate() {
            if r.kind == "militia"
                && !r.generic_words.is_empty()
                && let Some(&state) = states.get(&r.country)
            {
                organs.entry(state).or_default().militias = Some(i as u32);
            }
        }
        let demonyms = NameIndex::from_data(data.demonyms).expect("compiled by this build");
        let mut demonym_states = WordTable::new();
        for (k, entries) in demonyms.iter() {
            if let Some(&state) = entries.first() {
                demonym_states.insert(&k, state + 1);
            }
        }
        let names = NameIndex::from_data(data.names).expect("compiled by this build");
        let first_words = data
            .first_words
            .iter()
            .filter_map(|w| Some((w.as_str().into(), AfterFirstWord::new(&names, w)?)))
            .collect();
        let generic_words: Vec<(String, String, u32)> = records
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.generic_words.iter().map(move |w| (w.clone(), r.country.clone(), i as u32))
            })
            .collect();
        let regime_default =
            records.iter().position(|r| r.kind == "state" && r.regime_default).map(|i| i as u32);
        Dictionary {
            states,
            regime_default,
            word_classes: recognize::word_classes(&generic_words, &data.lowercase_starts),
            generic_words,
            records,
            names,
            demonyms: demonym_states,
            first_words,
            organs,
        }
    }

    /// Where the name index is after a folded word, if the word begins some name.
    pub(crate) fn after_first_word(&self, key: &str) -> Option<AfterFirstWord> {
        self.first_words.get(key).copied()
    }

    /// The state an Arabic adjective is the demonym of, with or without its article
    /// ("الإيرانية", "عراقية").
    pub(crate) fn arabic_demonym(&self, word: &str) -> Option<u32> {
        let mut key = String::new();
        fold_word(word, true, &mut key);
        self.demonym(&key).or_else(|| {
            key.clear();
            fold_word(&format!("ال{word}"), true, &mut key);
            self.demonym(&key)
        })
    }

    /// The state a folded word is the demonym of.
    pub(crate) fn demonym(&self, key: &str) -> Option<u32> {
        self.demonyms.get(key).checked_sub(1)
    }

    /// A record by index.
    pub fn record(&self, id: u32) -> &ActorRecord {
        &self.records[id as usize]
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record with this id.
    pub fn by_id(&self, id: &str) -> Option<u32> {
        self.records.iter().position(|r| r.id == id).map(|i| i as u32)
    }

    /// The state record of a country (ISO alpha-2).
    pub fn state_of(&self, iso: &str) -> Option<u32> {
        self.states.get(iso).copied()
    }

    /// The records ACLED calls by this name (its `acled` field).
    pub fn by_acled_name(&self, name: &str) -> Vec<u32> {
        (0..self.records.len() as u32)
            .filter(|&i| self.record(i).acled.iter().any(|a| a == name))
            .collect()
    }

    /// Whether `descendant` is `ancestor` or lies under it (parent or membership chain), or
    /// under one of the components of a composite `ancestor`.
    pub fn is_within(&self, descendant: u32, ancestor: u32) -> bool {
        let components = &self.record(ancestor).components;
        if components.iter().any(|&c| c != ancestor && self.is_within_chain(descendant, c)) {
            return true;
        }
        self.is_within_chain(descendant, ancestor)
    }

    fn is_within_chain(&self, descendant: u32, ancestor: u32) -> bool {
        let mut seen = vec![descendant];
        let mut i = 0;
        while i < seen.len() {
            let r = self.record(seen[i]);
            if seen[i] == ancestor {
                return true;
            }
            for next in r.parent.iter().chain(&r.member_of) {
                if !seen.contains(next) {
                    seen.push(*next);
                }
            }
            i += 1;
        }
        false
    }
}

fn toml_user(path: &Path, text: &str) -> Result<sitrep_lexicon::actor::ActorsFile, Error> {
    Ok(sitrep_lexicon::actor::read_actors(path, text)?)
}

/// An actor named in a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    /// Dictionary id; for actors found by a pattern only, `generic:` or `person:` and a slug.
    pub id: String,
    /// Canonical name, or the text's own words for a pattern-only actor.
    pub name: String,
    /// English Wikipedia title, where known.
    pub wiki: Option<String>,
    /// state, government, armed forces, ..., person, media.
    pub kind: String,
    /// ISO alpha-2, where it has one.
    pub country: Option<String>,
    /// Where the text names it.
    pub mentions: Vec<ActorMentionOut>,
    /// Remarks: "named outside its validity period (2015 to 2016); became ...".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorMentionOut {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last.
    pub end: usize,
    /// The text of the mention.
    pub text: String,
}

/// A relation the text itself states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relation {
    /// "backs", "allied" or "member_of".
    #[serde(rename = "type")]
    pub kind: String,
    /// Actor id.
    pub from: String,
    /// Actor id.
    pub to: String,
    /// The words that state it.
    pub evidence: ActorMentionOut,
}
