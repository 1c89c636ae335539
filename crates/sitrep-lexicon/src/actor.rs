//! The actor dictionary: `data/actors/actors.toml` read, checked and compiled into records and
//! a name index, the same way as the gazetteer.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::index::{FLAG_CAPS_ONLY, FLAG_PRIMARY, NameIndexBuilder, NameIndexData};
use crate::normalize::{name_key, words};
use crate::source::SourceError;

/// A backer of an actor, with the period when known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backing {
    /// Id of the backer.
    pub actor: String,
    /// Start, `YYYY` or `YYYY-MM`; empty when unknown.
    #[serde(default)]
    pub from: String,
    /// End; empty when ongoing or unknown.
    #[serde(default)]
    pub to: String,
}

/// One `[[actor]]` of the dictionary file (its header documents the schema).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorSource {
    /// Stable slug.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// English Wikipedia title; empty when not known.
    #[serde(default)]
    pub wiki: String,
    /// state, government, armed forces, ..., person, media.
    pub kind: String,
    /// ISO alpha-2, where it has one.
    #[serde(default)]
    pub country: Option<String>,
    /// The actor this one is part of.
    #[serde(default)]
    pub parent: Option<String>,
    /// Alliances and organisations it belongs to.
    #[serde(default)]
    pub member_of: Vec<String>,
    /// Coalitions it leads.
    #[serde(default)]
    pub leads: Vec<String>,
    /// For a composite label (ACLED's "Allied Syrian and/or Russian Forces"), the actors it
    /// stands for.
    #[serde(default)]
    pub components: Vec<String>,
    /// External backers.
    #[serde(default)]
    pub backed_by: Vec<Backing>,
    /// Other names, both scripts.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The aliases that are abbreviations, matched case-sensitively.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// For states: the adjectives that refer to them.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Common lower-case words that, in a text about the record's country, refer to it
    /// ("rebels" for the Syrian armed opposition).
    #[serde(default)]
    pub generic_words: Vec<String>,
    /// For one state: the state "the regime" stands for in a text that names no country of its
    /// own (no place, demonym or actor that says which).
    #[serde(default)]
    pub regime_default: bool,
    /// Founded or took office.
    #[serde(default)]
    pub valid_from: Option<String>,
    /// Dissolved, renamed or left office.
    #[serde(default)]
    pub valid_to: Option<String>,
    /// The actor it became.
    #[serde(default)]
    pub successor: Option<String>,
    /// CAMEO-style code.
    #[serde(default)]
    pub cameo: String,
    /// ACLED's names for it.
    #[serde(default)]
    pub acled: Vec<String>,
    /// Sources and scope.
    #[serde(default)]
    pub note: String,
}

/// The whole dictionary file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// The records.
    #[serde(default)]
    pub actor: Vec<ActorSource>,
}

/// Kinds an actor may have.
pub const ACTOR_KINDS: &[&str] = &[
    "state",
    "government",
    "armed forces",
    "armed forces branch",
    "police",
    "intelligence",
    "militia",
    "rebel group",
    "jihadist group",
    "coalition",
    "party",
    "person",
    "international organisation",
    "media",
];

/// Whether an actor of `kind` is a state or one of its organs: its government, armed forces
/// and their branches, police and intelligence (ACLED's state forces, inter code 1).
pub fn is_state_kind(kind: &str) -> bool {
    matches!(
        kind,
        "state" | "government" | "armed forces" | "armed forces branch" | "police" | "intelligence"
    )
}

/// Whether an actor of `kind` is a fighting force: armed forces and their branches, rebel and
/// jihadist groups, militias.
pub fn is_armed_kind(kind: &str) -> bool {
    matches!(
        kind,
        "armed forces" | "armed forces branch" | "rebel group" | "jihadist group" | "militia"
    )
}

/// Reads a dictionary file without checking its references (a user dictionary may refer to
/// the embedded one's ids; see [`check`]).
pub fn read_actors(path: &Path, text: &str) -> Result<ActorsFile, SourceError> {
    toml::from_str(text)
        .map_err(|e| SourceError::Toml { path: path.to_owned(), message: e.to_string() })
}

/// Reads and checks a dictionary file: unique ids, known kinds, references that resolve,
/// abbreviations among the aliases. Errors name the file and the record.
pub fn parse_actors(path: &Path, text: &str) -> Result<ActorsFile, SourceError> {
    let file = read_actors(path, text)?;
    check(path, &file, &[])?;
    Ok(file)
}

/// Checks a dictionary, allowing references to the ids of `known` (an embedded dictionary that
/// a user dictionary extends).
pub fn check(path: &Path, file: &ActorsFile, known: &[String]) -> Result<(), SourceError> {
    let mut ids: HashMap<&str, ()> = HashMap::new();
    let bad = |id: &str, message: String| SourceError::Toml {
        path: path.to_owned(),
        message: format!("actor {id:?}: {message}"),
    };
    for a in &file.actor {
        if ids.insert(a.id.as_str(), ()).is_some() {
            return Err(bad(&a.id, "duplicate id".into()));
        }
        if !ACTOR_KINDS.contains(&a.kind.as_str()) {
            return Err(bad(&a.id, format!("unknown kind {:?}", a.kind)));
        }
        if a.regime_default && a.kind != "state" {
            return Err(bad(&a.id, "regime_default is for a state".into()));
        }
    }
    let defaults: Vec<&str> =
        file.actor.iter().filter(|a| a.regime_default).map(|a| a.id.as_str()).collect();
    if let [first, second, ..] = defaults[..] {
        return Err(bad(
            second,
            format!("regime_default is already {first:?}'s; one state at most"),
        ));
    }
    let exists = |id: &str| ids.contains_key(id) || known.iter().any(|k| k == id);
    for a in &file.actor {
        let refs = a
            .parent
            .iter()
            .chain(&a.member_of)
            .chain(&a.leads)
            .chain(&a.components)
            .chain(a.backed_by.iter().map(|b| &b.actor))
            .chain(&a.successor);
        for r in refs {
            if !exists(r) {
                return Err(bad(&a.id, format!("refers to unknown actor {r:?}")));
            }
        }
    }
    Ok(())
}

/// One actor, as the library uses it. References are indexes into the record list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Stable slug.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// English Wikipedia title, or empty.
    pub wiki: String,
    /// Kind.
    pub kind: String,
    /// ISO alpha-2 or empty.
    pub country: String,
    /// Part of.
    pub parent: Option<u32>,
    /// Member of.
    pub member_of: Vec<u32>,
    /// For a composite label, the actors it stands for.
    #[serde(default)]
    pub components: Vec<u32>,
    /// Backers with periods.
    pub backed_by: Vec<(u32, String, String)>,
    /// Founded or took office, `YYYY` or `YYYY-MM`.
    pub valid_from: String,
    /// Dissolved or left office.
    pub valid_to: String,
    /// What it became.
    pub successor: Option<u32>,
    /// CAMEO-style code.
    pub cameo: String,
    /// ACLED's names for it.
    pub acled: Vec<String>,
    /// Lower-case words that refer to it in a text about its country.
    pub generic_words: Vec<String>,
    /// The state "the regime" stands for when a text names no country.
    pub regime_default: bool,
    /// Its abbreviations, as written ("AAH", "YPG"): a text's capitals must spell one of them
    /// letter for letter, where names match by their folded keys ("AH" folds as "AAH" does).
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

/// The compiled dictionary.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ActorData {
    /// Format version.
    pub version: u32,
    /// The records.
    pub records: Vec<ActorRecord>,
    /// Folded names → records (abbreviations flagged caps-only, canonical names primary).
    pub names: NameIndexData,
    /// Folded demonyms → state records.
    pub demonyms: NameIndexData,
    /// First words of names written in lower case ("popular" of "popular crowd"), as written:
    /// matching starts at a lower-case word of the text only when it is one of these, which
    /// spares folding every word of running text.
    pub lowercase_starts: Vec<String>,
    /// The folded first word of every name, sorted: a walk starts only at a word whose fold
    /// is one of them, which skips most capitalised words of a text (places, people, the first
    /// word of a sentence) without touching the index.
    #[serde(default)]
    pub first_words: Vec<String>,
}

/// The current [`ActorData::version`].
pub const ACTOR_FORMAT_VERSION: u32 = 5;

/// Compiles dictionaries; later files extend and override earlier ones by id.
pub fn compile_actors(files: &[ActorsFile]) -> ActorData {
    let mut sources: Vec<ActorSource> = Vec::new();
    // The state "the regime" stands for: a later file's choice (a user dictionary's) replaces
    // an earlier one's.
    let mut regime_default: Option<&str> = None;
    for f in files {
        for a in &f.actor {
            if a.regime_default {
                regime_default = Some(&a.id);
            }
            match sources.iter_mut().find(|s| s.id == a.id) {
                Some(s) => *s = a.clone(),
                None => sources.push(a.clone()),
            }
        }
    }
    for s in &mut sources {
        s.regime_default = regime_default == Some(s.id.as_str());
    }
    let index: HashMap<&str, u32> =
        sources.iter().enumerate().map(|(i, a)| (a.id.as_str(), i as u32)).collect();
    let lookup = |id: &str| index.get(id).copied();
    let mut names = NameIndexBuilder::new();
    let mut demonyms = NameIndexBuilder::new();
    let mut lowercase_starts: Vec<String> = Vec::new();
    let mut first_words: Vec<String> = Vec::new();
    for (i, a) in sources.iter().enumerate() {
        let id = i as u32;
        // "the Pentagon" is matched as "Pentagon": a leading "the" is dropped.
        let forms = std::iter::once((a.name.as_str(), FLAG_PRIMARY))
            .chain(a.aliases.iter().map(|n| (n.strip_prefix("the ").unwrap_or(n), 0)));
        for (form, flag) in forms {
            let Some(key) = name_key(form) else { continue };
            let abbreviation = a.abbreviations.iter().any(|x| x == form);
            let entry = id | flag | if abbreviation { FLAG_CAPS_ONLY } else { 0 };
            // Two-letter keys only as abbreviations ("IS"), never as words.
            if key.chars().count() < 3 && !abbreviation {
                continue;
            }
            names.insert(&key, entry);
            // The first word's fold, as the text side computes it (articles skipped).
            let mut first = String::new();
            for w in words(form) {
                if let crate::normalize::Folded::Word(_) =
                    crate::normalize::fold_word(&form[w.start..w.end], true, &mut first)
                {
                    break;
                }
                first.clear();
            }
            first_words.push(first);
            if let Some(first) = words(form).next() {
                let w = &form[first.start..first.end];
                // Articles start a match through the capitalised word they are joined to
                // ("al-Nusra"); "the" would start a walk at every other word of English.
                let article = matches!(
                    w,
                    "the" | "de" | "al" | "el" | "ad" | "as" | "ash" | "at" | "ar" | "an" | "az"
                );
                if w.chars().next().is_some_and(char::is_lowercase)
                    && !article
                    && !lowercase_starts.iter().any(|s| s == w)
                {
                    lowercase_starts.push(w.to_owned());
                }
            }
        }
        for d in &a.demonyms {
            if let Some(key) = name_key(d) {
                demonyms.insert(&key, id);
            }
        }
    }
    lowercase_starts.sort();
    first_words.sort_unstable();
    first_words.dedup();
    let records = sources
        .iter()
        .map(|a| ActorRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            wiki: a.wiki.clone(),
            kind: a.kind.clone(),
            country: a.country.clone().unwrap_or_default(),
            parent: a.parent.as_deref().and_then(lookup),
            member_of: a.member_of.iter().filter_map(|m| lookup(m)).collect(),
            components: a.components.iter().filter_map(|m| lookup(m)).collect(),
            backed_by: a
                .backed_by
                .iter()
                .filter_map(|b| Some((lookup(&b.actor)?, b.from.clone(), b.to.clone())))
                .collect(),
            valid_from: a.valid_from.clone().unwrap_or_default(),
            valid_to: a.valid_to.clone().unwrap_or_default(),
            successor: a.successor.as_deref().and_then(lookup),
            cameo: a.cameo.clone(),
            acled: a.acled.clone(),
            generic_words: a.generic_words.iter().map(|w| w.to_lowercase()).collect(),
            regime_default: a.regime_default,
            abbreviations: a.abbreviations.clone(),
        })
        .collect();
    ActorData {
        version: ACTOR_FORMAT_VERSION,
        records,
        names: names.build(),
        demonyms: demonyms.build(),
        lowercase_starts,
        first_words,
    }
}

impl ActorData {
    /// Serialises to bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("serialising to a Vec cannot fail")
    }

    /// Reads bytes written by [`ActorData::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<ActorData, crate::place::LoadError> {
        let data: ActorData = postcard::from_bytes(bytes)?;
        if data.version != ACTOR_FORMAT_VERSION {
            return Err(crate::place::LoadError::Version {
                found: data.version,
                expected: ACTOR_FORMAT_VERSION,
            });
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[actor]]
id = "us"
name = "United States"
kind = "state"
country = "US"
aliases = ["US", "America"]
abbreviations = ["US"]
demonyms = ["American"]

[[actor]]
id = "sdf"
name = "Syrian Democratic Forces"
kind = "rebel group"
backed_by = [{ actor = "us", from = "2015" }]
aliases = ["SDF", "قسد"]
abbreviations = ["SDF"]
"#;

    #[test]
    fn compiles_names_abbreviations_and_references() {
        let file = parse_actors(Path::new("a.toml"), SAMPLE).unwrap();
        let data = compile_actors(&[file]);
        let names = crate::index::NameIndex::from_data(data.names).unwrap();
        assert_eq!(names.get("sdf"), &[1 | FLAG_CAPS_ONLY]);
        assert_eq!(names.get("قسد"), &[1]);
        assert_eq!(data.records[1].backed_by, vec![(0, "2015".to_owned(), String::new())]);
    }

    #[test]
    fn unknown_references_are_errors() {
        let text = SAMPLE.replace("actor = \"us\"", "actor = \"usa\"");
        let err = parse_actors(Path::new("a.toml"), &text).unwrap_err().to_string();
        assert_eq!(err, "a.toml: actor \"sdf\": refers to unknown actor \"usa\"");
    }

    #[test]
    fn one_state_is_the_regime_default_and_a_later_file_chooses_it() {
        let state = |id: &str, iso: &str| {
            format!(
                "[[actor]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"state\"\ncountry = \"{iso}\"\n\
                 regime_default = true\n"
            )
        };
        let embedded = parse_actors(Path::new("a.toml"), &state("syria", "SY")).unwrap();
        let user = parse_actors(Path::new("b.toml"), &state("myanmar", "MM")).unwrap();
        let data = compile_actors(&[embedded, user]);
        let chosen: Vec<&str> =
            data.records.iter().filter(|r| r.regime_default).map(|r| r.id.as_str()).collect();
        assert_eq!(chosen, ["myanmar"]);
        // Two in one file, or on a record that is no state, are errors.
        let two = format!("{}\n{}", state("syria", "SY"), state("iraq", "IQ"));
        let err = parse_actors(Path::new("a.toml"), &two).unwrap_err().to_string();
        assert!(err.contains("one state at most"), "{err}");
        let group = SAMPLE
            .replace("kind = \"rebel group\"", "kind = \"rebel group\"\nregime_default = true");
        let err = parse_actors(Path::new("a.toml"), &group).unwrap_err().to_string();
        assert!(err.contains("regime_default is for a state"), "{err}");
    }
}
