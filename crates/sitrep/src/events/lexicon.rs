//! The trigger lexicon: words and phrases that name an event, each with its PLOVER type and
//! mode, CAMEO root and ACLED types. Read from `data/events/triggers.toml` (embedded), a readable
//! file analysts can extend.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use sitrep_lexicon::normalize::spelling;

use crate::text::word_table::WordTable;

/// One entry of the lexicon.
#[derive(Clone, Debug, Deserialize)]
pub struct Trigger {
    /// Every form, lower case.
    pub phrases: Vec<String>,
    /// "en" or "ar".
    pub lang: String,
    /// "verb" or "noun".
    pub pos: String,
    /// A verb's forms that are nouns ("destruction"): [`Lexicon::parse`] makes them an entry of
    /// their own, a noun with the verb's types.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, or empty.
    pub mode: String,
    /// CAMEO root code.
    pub cameo: String,
    /// ACLED event type.
    pub acled_event_type: String,
    /// ACLED sub-event type.
    pub acled_sub_event_type: String,
    /// "gained", "lost" or empty: territory for actor 1.
    pub outcome: String,
    /// Movement toward an objective.
    pub movement: bool,
    /// An event only with a place named within six words after the phrase ("reached Raqqa";
    /// not "the death toll reached 50").
    #[serde(default)]
    pub place_after: bool,
    /// An event only with a place named right after the phrase, "the" at most between, and
    /// not as the end of a compound ("controlled Barjaka village"; not "the regime-controlled
    /// town of Jaramana", "areas controlled by IS").
    #[serde(default)]
    pub place_next: bool,
    /// An event only when who acts is an armed force or group ("PMF units have gathered near
    /// the border"; not "people gathered in the square").
    #[serde(default)]
    pub armed_actor: bool,
    /// A phrase of the same language naming an act this one ends, and so says was under way:
    /// lifting a siege says there was a siege. Empty for none.
    #[serde(default)]
    pub presupposes: String,
    /// The entry of [`Trigger::presupposes`], found by [`Lexicon::parse`].
    #[serde(skip)]
    pub presupposed: Option<usize>,
}

#[derive(Deserialize)]
struct File {
    trigger: Vec<Trigger>,
}

/// The lexicon, indexed by the first word of each phrase.
pub struct Lexicon {
    /// Entries.
    pub triggers: Vec<Trigger>,
    /// First word (lower case, Arabic folded) → 1 + its index in `phrases`. Every word of a
    /// text is looked up here; the table turns most away without hashing.
    first_words: WordTable,
    /// Per first word, (the phrase's words, entry index), longest first.
    phrases: Vec<Vec<(Vec<String>, usize)>>,
}

/// The PLOVER types the lexicon may use.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// ACLED's six event types, each with its sub-event types (25 in all), as ACLED's codebook
/// spells them.
pub const ACLED_TYPES: &[(&str, &[&str])] = &[
    (
        "Battles",
        &["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Violence against civilians",
        &["Sexual violence", "Attack", "Abduction/forced disappearance"],
    ),
    (
        "Protests",
        &["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// Whether `sub_event_type` is one of ACLED's sub-event types of `event_type`.
pub fn is_acled_type(event_type: &str, sub_event_type: &str) -> bool {
    ACLED_TYPES.iter().any(|(t, subs)| *t == event_type && subs.contains(&sub_event_type))
}

impl Lexicon {
    /// The embedded lexicon.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse(include_str!("../../../../data/events/triggers.toml"))
                .expect("the embedded trigger lexicon is checked by the tests")
        })
    }

    /// Parses a lexicon, checking its types.
    pub fn parse(toml_text: &str) -> Result<Lexicon, String> {
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let mut triggers = file.trigger;
        let nouns: Vec<Trigger> = triggers
            .iter_mut()
            .filter(|t| !t.nouns.is_empty())
            .map(|t| Trigger {
                phrases: std::mem::take(&mut t.nouns),
                pos: "noun".into(),
                ..t.clone()
            })
            .collect();
        triggers.extend(nouns);
        let mut by_first_word: FxHashMap<String, Vec<(Vec<String>, usize)>> = FxHashMap::default();
        for (k, t) in triggers.iter().enumerate() {
            if !PLOVER_TYPES.contains(&t.kind.as_str()) {
                return Err(format!("trigger {:?}: unknown PLOVER type {}", t.phrases, t.kind));
            }
            if !is_acled_type(&t.acled_event_type, &t.acled_sub_event_type) {
                return Err(format!(
                    "trigger {:?}: {:?} is no ACLED sub-event type of {:?}",
                    t.phrases, t.acled_sub_event_type, t.acled_event_type
                ));
            }
            for phrase in &t.phrases {
                let words: Vec<String> = key_words(phrase);
                if let Some(first) = words.first() {
                    by_first_word.entry(first.clone()).or_default().push((words, k));
                }
            }
        }
        // The entry each presupposed phrase belongs to, in the same language.
        for k in 0..triggers.len() {
            let phrase = &triggers[k].presupposes;
            if phrase.is_empty() {
                continue;
            }
            let words = key_words(phrase);
            let lang = &triggers[k].lang;
            let Some(p) = triggers
                .iter()
                .position(|t| &t.lang == lang && t.phrases.iter().any(|q| key_words(q) == words))
            else {
                return Err(format!(
                    "trigger {:?}: presupposes {phrase:?}, which no {lang} trigger lists",
                    triggers[k].phrases
                ));
            };
            triggers[k].presupposed = Some(p);
        }
        let mut first_words = WordTable::new();
        let mut phrases = Vec::with_capacity(by_first_word.len());
        for (first, mut v) in by_first_word {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            phrases.push(v);
            first_words.insert(&first, phrases.len() as u32);
        }
        Ok(Lexicon { triggers, first_words, phrases })
    }

    /// The longest phrase starting at word `i` of `words` (already keyed with [`key`]): the
    /// number of words and the entry.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        let candidates =
            self.phrases.get((self.first_words.get(words[i]) as usize).checked_sub(1)?)?;
        candidates.iter().find_map(|(phrase, k)| {
            let end = i + phrase.len();
            (end <= words.len() && words[i..end].iter().zip(phrase).all(|(a, b)| a == b))
                .then_some((phrase.len(), *k))
        })
    }

    /// The first words of the phrases, keyed.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().filter_map(|p| Some(p.first()?.0.first()?.as_str()))
    }

    /// Whether a keyed word begins some phrase.
    pub fn starts_phrase(&self, word: &str) -> bool {
        self.first_words.get(word) != 0
    }
}

/// The key of one word: lower case; Arabic folded (hamza seats, ta marbuta).
pub fn key(word: &str) -> String {
    if word.is_ascii() { word.to_ascii_lowercase() } else { spelling(word) }
}

fn key_words(phrase: &str) -> Vec<String> {
    sitrep_lexicon::normalize::words(phrase).map(|w| key(&phrase[w.start..w.end])).collect()
}
