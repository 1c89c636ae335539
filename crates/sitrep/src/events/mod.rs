//! Events: who did what to whom, where and when, sentence by sentence.
//!
//! A trigger word or phrase from the lexicon ([`lexicon`], `data/events/triggers.toml`) names
//! the event and its PLOVER type; the words around it give the roles:
//!
//! - `actor1`, who acts: the actor named after "by" in a passive or after a noun trigger
//!   ("air strikes by the coalition"), else the nearest actor before the trigger in the sentence,
//!   or the adjective before a noun trigger ("Iraqi air strikes"). Actors joined to it by "and"
//!   or "in cooperation with" are `assoc_actor1`.
//! - `actor2`, on whom: the first actor after the trigger in its clause, or before it in a
//!   passive ("IS fighters were killed by ...").
//! - places: those after the trigger introduced by a preposition, with a role: "from" →
//!   `origin`, "to", "towards", "into" → `destination`, others → `location`; else the nearest
//!   place before the trigger in the sentence.
//! - `date`: the time expression of the trigger's own clause, else the sentence's date from the
//!   time stage.
//! - `status`: from the words before the trigger in the sentence: negation, hedges, threats,
//!   plans, claims, "began to" (ongoing); else occurred.
//! - `reported_by`: "according to X", "X reported/said/announced".

pub mod lexicon;

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use sitrep_lexicon::place::PlaceKind;

use crate::actors::Actor;
use crate::gazetteer::Place;
use crate::text::sentences::SentenceSpan;
use crate::text::tokens::{Token, clitic_readings, is_function_word};
use crate::text::word_table::WordTable;
use crate::time::{Interval, Precision, Sentence, Time};
use lexicon::{Lexicon, Trigger, key};

/// What the text says of whether the event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Happened.
    Occurred,
    /// Under way.
    Ongoing,
    /// Intended, prepared, announced for later.
    Planned,
    /// Threatened.
    Threatened,
    /// Someone claims it happened.
    Claimed,
    /// Someone denies it happened.
    Denied,
    /// The text says it did not happen.
    Negated,
    /// The text speculates ("likely", "may").
    Hypothetical,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: [Status; 8] = [
        Status::Occurred,
        Status::Ongoing,
        Status::Planned,
        Status::Threatened,
        Status::Claimed,
        Status::Denied,
        Status::Negated,
        Status::Hypothetical,
    ];

    /// The lower-case name used in output and storage (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Ongoing => "ongoing",
            Status::Planned => "planned",
            Status::Threatened => "threatened",
            Status::Claimed => "claimed",
            Status::Denied => "denied",
            Status::Negated => "negated",
            Status::Hypothetical => "hypothetical",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// A place's part in an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// Place id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `location`, `origin` or `destination`.
    #[serde(deserialize_with = "role_from_str")]
    pub role: Role,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Character offset of the mention that ties it to the event.
    pub start: usize,
    /// Character offset one past the mention's end.
    pub end: usize,
}

/// A place's role: one of [`PLACE_ROLES`]. (An alias, not `&'static str` written out, so that
/// serde's derive does not try to borrow it from the input.)
pub type Role = &'static str;

/// The place roles an event knows; reading a stored event maps its role back onto one of them.
pub const PLACE_ROLES: [&str; 3] = ["location", "origin", "destination"];

fn role_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let role = String::deserialize(d)?;
    PLACE_ROLES.into_iter().find(|r| *r == role).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown place role {role:?}; expected one of {PLACE_ROLES:?}"
        ))
    })
}

/// Territory changing hands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// `gained` or `lost`.
    pub territory: String,
    /// The actor that gained or lost it.
    pub controller: String,
}

/// ACLED's classification of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AcledType {
    /// One of ACLED's six event types.
    pub event_type: String,
    /// One of its sub-event types.
    pub sub_event_type: String,
}

/// A span of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last.
    pub end: usize,
    /// The words.
    pub text: String,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, when the trigger implies one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Who acts (actor id).
    pub actor1: Option<String>,
    /// Actors acting with actor 1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actor1: Vec<String>,
    /// On whom (actor id).
    pub actor2: Option<String>,
    /// Places with their roles.
    pub places: Vec<EventPlace>,
    /// The main place: the destination of a movement, the place a retreat gives up, else the
    /// location, else the first.
    pub place: Option<EventPlace>,
    /// When: the date of the trigger's clause, else of its sentence.
    pub date: Option<Interval>,
    /// Whether it happened.
    pub status: Status,
    /// Who the text says reported it (actor id, or the words).
    pub reported_by: Option<String>,
    /// Territory gained or lost by actor 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// CAMEO root code.
    pub cameo: String,
    /// ACLED event and sub-event type.
    pub acled: AcledType,
    /// The trigger words.
    pub trigger: Evidence,
    /// The sentence.
    pub evidence: Evidence,
    /// 0–1: how much of the event the text states.
    pub confidence: f64,
}

impl Event {
    /// Where the event took place, one site per settlement or facility: an act "in Saraqib and
    /// Maarat al-Numan" has two, as ACLED codes one event per location; else the main place,
    /// `None` for an event without one (which still counts once). `places` are the analysis's
    /// places, which know each one's kind.
    pub fn sites<'e>(&'e self, places: &[crate::gazetteer::Place]) -> Vec<Option<&'e EventPlace>> {
        use sitrep_lexicon::place::PlaceKind as K;
        let local = |p: &&EventPlace| {
            p.role == "location"
                && places
                    .iter()
                    .find(|q| q.id == p.id)
                    .is_some_and(|q| matches!(q.kind, K::City | K::Town | K::Village | K::Facility))
        };
        let sites: Vec<&EventPlace> = self.places.iter().filter(local).collect();
        if sites.len() > 1
            && self.place.as_ref().is_some_and(|m| sites.iter().any(|s| s.id == m.id))
        {
            sites.into_iter().map(Some).collect()
        } else {
            vec![self.place.as_ref()]
        }
    }
}

/// A mention of an actor or place, as token indices.
#[derive(Clone, Copy, Debug)]
struct Span {
    first: usize,
    end: usize,
    /// Index into the actors or places.
    item: usize,
    /// Arabic "and" is written onto the mention's first word ("والجيش").
    and_clitic: bool,
    /// So is Arabic "in, at" ("بالبادية", in the Badia).
    in_clitic: bool,
}

/// The words of a text as the rules read them: each token's key (lower case, Arabic folded)
/// and the closed lists of this module it is on, as bits of [`WORD_LISTS`].
struct Words<'k> {
    keys: Vec<&'k str>,
    lists: Vec<u32>,
}

impl<'k> Words<'k> {
    /// Whether word `i` (if there is one) is on any of the lists `lists` names.
    fn is(&self, i: usize, lists: u32) -> bool {
        self.lists.get(i).is_some_and(|l| l & lists != 0)
    }
}

/// The bits of [`WORD_LISTS`]: one per closed list.
mod list {
    pub const NEGATION: u32 = 1;
    pub const DENIAL: u32 = 1 << 1;
    pub const HEDGE: u32 = 1 << 2;
    pub const THREAT: u32 = 1 << 3;
    pub const PLAN: u32 = 1 << 4;
    pub const CLAIM: u32 = 1 << 5;
    pub const BEGINNING: u32 = 1 << 6;
    pub const SUBORDINATING: u32 = 1 << 7;
    pub const CLAUSE_AFTER_COMMA: u32 = 1 << 8;
    pub const REPORTING: u32 = 1 << 9;
    pub const SPOKESPERSON: u32 = 1 << 10;
    pub const REPORTING_ADVERB: u32 = 1 << 11;
    pub const ALLY_CUE: u32 = 1 << 12;
    pub const SUBJECT_LINK: u32 = 1 << 13;
    pub const SUBJECT_FILLER: u32 = 1 << 14;
    pub const MODIFIED_NOUN: u32 = 1 << 15;
    pub const PLACE_PART: u32 = 1 << 16;
    pub const PLACE_NOUN: u32 = 1 << 17;
    pub const CHAIN: u32 = 1 << 18;
    pub const AUXILIARY: u32 = 1 << 19;
    pub const HAPPENING: u32 = 1 << 20;
    pub const COMPASS: u32 = 1 << 21;
    pub const COMPASS_ADJECTIVE: u32 = 1 << 22;
    /// The first word of a phrase of the trigger lexicon.
    pub const TRIGGER_START: u32 = 1 << 23;
    pub const MEDIUM: u32 = 1 << 24;
    pub const BOTH_SIDES: u32 = 1 << 25;
    pub const SEAT: u32 = 1 << 26;
    pub const FUTURE_VERB: u32 = 1 << 27;
}

/// Every closed list of this module in one table, keyed as the text's words are ([`key`]):
/// each token is looked up once, where a scan of each list at each rule cost a fifth of event
/// extraction.
static WORD_LISTS: LazyLock<WordTable> = LazyLock::new(|| {
    let lists: &[(&[&str], u32)] = &[
        (NEGATIONS, list::NEGATION),
        (DENIALS, list::DENIAL),
        (HEDGES, list::HEDGE),
        (THREATS, list::THREAT),
        (PLANS, list::PLAN),
        (CLAIMS, list::CLAIM),
        (BEGINNINGS, list::BEGINNING),
        (SUBORDINATING, list::SUBORDINATING),
        (CLAUSE_AFTER_COMMA, list::CLAUSE_AFTER_COMMA),
        (REPORTING, list::REPORTING),
        (SPOKESPEOPLE, list::SPOKESPERSON),
        (REPORTING_ADVERBS, list::REPORTING_ADVERB),
        (ALLY_CUES, list::ALLY_CUE),
        (SUBJECT_LINKS, list::SUBJECT_LINK),
        (SUBJECT_FILLERS, list::SUBJECT_FILLER),
        (MODIFIED_NOUNS, list::MODIFIED_NOUN),
        (PLACE_PARTS, list::PLACE_PART),
        (PLACE_NOUNS, list::PLACE_NOUN),
        (CHAIN_WORDS, list::CHAIN),
        (AUXILIARIES, list::AUXILIARY),
        (HAPPENING_VERBS, list::HAPPENING),
        (crate::gazetteer::COMPASS, list::COMPASS),
        (ARABIC_COMPASS, list::COMPASS),
        (crate::gazetteer::COMPASS_ADJECTIVES, list::COMPASS_ADJECTIVE),
        (MEDIA, list::MEDIUM),
        (BOTH_SIDES, list::BOTH_SIDES),
        (SEATS, list::SEAT),
        (ARABIC_FUTURE_VERBS, list::FUTURE_VERB | list::PLAN),
    ];
    let mut table = WordTable::new();
    for &(words, bits) in lists {
        for w in words {
            table.add(&[&key(w)], bits);
        }
    }
    for w in Lexicon::embedded().first_words() {
        table.add(&[w], list::TRIGGER_START);
    }
    table
});

/// Conjunctions and prepositions Arabic writes onto a trigger, as (prefix, replacement) for
/// [`clitic_readings`], tried in order: "ل" before the article, whose alef it drops ("للسيطرة"
/// is "ل" + "السيطرة"), then the pairs and the single letters "و" (and), "ف" (so), "ل" (for),
/// "ب" (by, with).
const ARABIC_CLITICS: &[(&str, &str)] = &[
    ("لل", "ال"),
    ("وب", ""),
    ("ول", ""),
    ("فب", ""),
    ("فل", ""),
    ("و", ""),
    ("ف", ""),
    ("ل", ""),
    ("ب", ""),
];

/// How far from a town's point an area may lie and be read as a quarter of the town (Baghdad's
/// districts lie within about 12 km of its point).
const QUARTER_KM: f64 = 15.0;

/// What event extraction reads.
pub struct Input<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences (token ranges), in order; `dates` gives each one's date.
    pub sentences: &'a [SentenceSpan],
    /// The sentences' dates, one per sentence.
    pub dates: &'a [Sentence],
    /// Resolved places.
    pub places: &'a [Place],
    /// Actors.
    pub actors: &'a [Actor],
    /// Character spans of the actor mentions the text makes backers ("US" in "the US-backed
    /// SDF"): they hold no role in the events of those they back.
    pub backers: &'a [(usize, usize)],
    /// Time expressions placed on the calendar.
    pub times: &'a [Time],
    /// The publication date.
    pub published: Option<jiff::civil::Date>,
}

/// Finds the events of a text.
pub fn extract(input: &Input<'_>) -> Vec<Event> {
    let lexicon = Lexicon::embedded();
    let tokens = input.tokens;
    // Every token's key: the word itself when it is in ASCII lower case, as most are, else
    // its key in one buffer (one allocation, not one per word).
    let mut arena = String::new();
    // (in the arena, start, end)
    let mut bounds: Vec<(bool, usize, usize)> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let word = &input.text[t.start..t.end];
        if !word.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
            bounds.push((false, t.start, t.end));
            continue;
        }
        let start = arena.len();
        if word.is_ascii() {
            arena.push_str(word);
            arena[start..].make_ascii_lowercase();
            bounds.push((true, start, arena.len()));
            continue;
        }
        let k = key(word);
        // Conjunctions and prepositions written onto the word: "ومعركة", "لمعركة" (for a
        // battle), "بمعركة".
        let bare = if t.arabic && !lexicon.starts_phrase(&k) {
            clitic_readings(&k, ARABIC_CLITICS).find(|r| lexicon.starts_phrase(&r.word))
        } else {
            None
        };
        arena.push_str(bare.as_ref().map_or(k.as_str(), |r| r.word.as_str()));
        bounds.push((true, start, arena.len()));
    }
    let keys: Vec<&str> = bounds
        .iter()
        .map(|&(own, a, b)| if own { &arena[a..b] } else { &input.text[a..b] })
        .collect();
    // An Arabic word may carry "و" or "ف" (and, so): "ويسعى" is on the lists "يسعى" is on.
    let mut lists: Vec<u32> = keys
        .iter()
        .zip(tokens)
        .map(|(k, t)| match WORD_LISTS.get(k) {
            0 if t.arabic => k
                .strip_prefix(['و', 'ف'])
                .filter(|rest| rest.chars().count() >= 3)
                .map_or(0, |rest| WORD_LISTS.get(rest)),
            bits => bits,
        })
        .collect();
    for i in 0..keys.len() {
        let next = keys.get(i + 1).copied().unwrap_or_default();
        // Arabic "قد" hedges an imperfect verb ("قد تبدأ", may begin) and affirms a perfect one
        // ("قد أعلن", has announced): a hedge only before a verb with an imperfect's prefix.
        if keys[i] == "قد" && !next.starts_with(['ي', 'ت', 'ن']) {
            lists[i] &= !list::HEDGE;
        }
        // "seeks to capture" plans; "seeking refuge" does not.
        if matches!(keys[i], "seek" | "seeks" | "seeking") && next != "to" {
            lists[i] &= !list::PLAN;
        }
        // "May" with a capital is the month ("on 3 May"), not a hedge.
        if keys[i] == "may" && input.text[tokens[i].start..].starts_with('M') {
            lists[i] &= !list::HEDGE;
        }
        // An aside naming an actor hedges who, not what: "The Turkish army and the factions,
        // likely Olive Branch-affiliated, controlled Freiriyeh", "Warplanes, likely regime
        // and/or Russian, shelled the town".
        if lists[i] & list::HEDGE != 0
            && i > 0
            && comma_before(input, i)
            && let Some(close) = (i + 2..(i + 7).min(keys.len())).find(|&k| comma_before(input, k))
        {
            let (from, to) = (tokens[i + 1].cstart, tokens[close - 1].cend);
            let names_actor = input
                .actors
                .iter()
                .flat_map(|a| &a.mentions)
                .any(|m| from <= m.start && m.end <= to);
            if names_actor {
                lists[i] &= !list::HEDGE;
            }
        }
        // "in order to capture" plans (not "law and order").
        if keys[i] == "order" && i > 0 && keys[i - 1] == "in" && next == "to" {
            lists[i] |= list::PLAN;
        }
    }
    let words = Words { keys, lists };
    let keys = &words.keys;
    // "the city", "the town", "المدينة": a word that stands for a town the text names.
    let town_word = |i: usize| {
        matches!(keys[i], "city" | "town" | "المدينه" | "البلده")
            && (tokens[i].arabic || i > 0 && keys[i - 1] == "the")
    };
    // The token a mention starts in (an Arabic mention may start after a clitic: "والجيش"),
    // and the tokens before its end.
    let token_of = |c: usize| tokens.partition_point(|t| t.cend <= c);
    let tokens_before = |c: usize| tokens.partition_point(|t| t.cstart < c);
    let to_spans = |mentions: Vec<(usize, usize, usize)>| -> Vec<Span> {
        let mut spans: Vec<Span> = mentions
            .into_iter()
            .map(|(s, e, item)| {
                let first = token_of(s);
                // "والجيش العراقي": "and the Iraqi army".
                let clitic = |prefixes: &[&str]| {
                    tokens.get(first).is_some_and(|t| {
                        t.cstart < s
                            && prefixes.iter().any(|p| input.text[t.start..].starts_with(p))
                    })
                };
                let and_clitic = clitic(&["و"]);
                let in_clitic = clitic(&["ب", "وب", "فب"]);
                Span { first, end: tokens_before(e).max(first + 1), item, and_clitic, in_clitic }
            })
            .collect();
        spans.sort_by_key(|s| s.first);
        spans
    };
    // A backer inside "US-backed SDF" or "army units backed by Russian warplanes" holds no
    // role in the events of the one it backs.
    let is_backer = |start: usize, end: usize| input.backers.contains(&(start, end));
    let actor_spans = to_spans(
        input
            .actors
            .iter()
            .enumerate()
            .flat_map(|(k, a)| {
                a.mentions
                    .iter()
                    .filter(move |m| !is_backer(m.start, m.end))
                    .map(move |m| (m.start, m.end, k))
            })
            .collect(),
    );
    // A medium spoken to ("said ... in statements to Al-Hayat newspaper", "told Reuters",
    // "لصحيفة الحياة") is the one told, no party to what it is told.
    static ARABIC_MEDIA: LazyLock<Vec<String>> = LazyLock::new(|| {
        ["صحيفة", "جريدة", "وكالة", "قناة", "موقع"].iter().map(|w| key(w)).collect()
    });
    let addressee = |s: &Span| {
        if input.actors[s.item].kind != "media" || s.first == 0 {
            return false;
        }
        let before = |k: usize| s.first.checked_sub(k).map(|i| (i, keys[i]));
        let told = |w: &str| matches!(w, "to" | "told");
        match (before(2), before(1)) {
            (_, Some((_, w))) if told(w) => true,
            // "told the Al-Hayat newspaper", "to the daily".
            (Some((_, a)), Some((_, "the"))) if told(a) => true,
            (_, Some((i, w))) if tokens[i].arabic => {
                w.strip_prefix('ل').is_some_and(|rest| ARABIC_MEDIA.iter().any(|m| m == rest))
            }
            _ => false,
        }
    };
    // An actor named by its strikes ("coalition airstrikes", "coalition air strikes") is the
    // actor of those strikes: the strike words are the trigger, not part of the name.
    let actor_spans: Vec<Span> = actor_spans
        .into_iter()
        .filter(|s| !addressee(s))
        .map(|mut s| {
            let strike =
                |k: usize| matches!(keys[k], "airstrike" | "airstrikes" | "strike" | "strikes");
            if s.end >= s.first + 2 && strike(s.end - 1) {
                s.end -= if keys[s.end - 2] == "air" && s.end >= s.first + 3 { 2 } else { 1 };
            }
            s
        })
        .collect();
    // The furthest end of the actor spans up to each: whether an actor's name holds a span is
    // one search, not a scan of every actor name per event.
    let actor_reach: Vec<usize> = actor_spans
        .iter()
        .scan(0, |reach, a| {
            *reach = a.end.max(*reach);
            Some(*reach)
        })
        .collect();
    // A country named as a backer ("supported by the United States and Britain") locates
    // nothing.
    let place_spans = to_spans(
        input
            .places
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                p.mentions
                    .iter()
                    .filter(move |m| !is_backer(m.start, m.end))
                    .map(move |m| (m.start, m.end, k))
            })
            .collect(),
    );

    // A wire report's dateline says where and when it was filed, not where anything happened:
    // its places are no event's, and its sentence starts after it.
    let datelines: Vec<(usize, usize)> =
        input.sentences.iter().filter_map(|s| dateline(input, s)).collect();
    let in_dateline = |i: usize| datelines.iter().any(|&(a, b)| a <= i && i < b);
    // A reporter closing a sentence speaks from where it is: ", an officer at the Joint
    // Operations Command in Baghdad told reporters" places nothing it reports, nor is its
    // place "the town" of the next sentence.
    let reports: Vec<(usize, usize)> = input
        .sentences
        .iter()
        .filter_map(|s| Some((trailing_report(input, &words, s.tokens.clone())?, s.tokens.end)))
        .collect();
    let in_report = |i: usize| reports.iter().any(|&(a, b)| a <= i && i < b);
    let mut place_spans = place_spans;
    // A place that qualifies a noun says nothing of where anyone acts: a name joined by a
    // hyphen to a lower-case word ("US-led forces", "Iran-backed militias", "a UK-based
    // monitor"), a country's joined to a word that starts no other place ("a US-Kurdish
    // operation"; not "the Syria-Turkey border", nor the town of "Brest-Litovsk"), and a
    // country's abbreviation before a noun ("the US headquarters in central Baghdad").
    let place_starts: Vec<usize> = place_spans.iter().map(|p| p.first).collect();
    let modifier = |s: &Span| {
        tokens.get(s.end).is_some_and(|n| {
            let gap = &input.text[tokens[s.end - 1].end..n.start];
            let country = input.places[s.item].kind == PlaceKind::Country;
            let lower = !(n.cap || n.all_caps || n.arabic);
            let name = &input.text[tokens[s.first].start..tokens[s.end - 1].end];
            let abbreviation = country && !name.chars().any(|c| c.is_lowercase());
            matches!(gap, "-" | ".-") && (lower || country && !place_starts.contains(&s.end))
                || abbreviation
                    && lower
                    && n.joined
                    && matches!(gap, " " | ". ")
                    && !is_function_word(&input.text[n.start..n.end])
        })
    };
    place_spans.retain(|s| !in_dateline(s.first) && !in_report(s.first) && !modifier(s));
    // Tokens inside an actor's or a place's name, marked in one pass.
    let mut in_name = vec![false; tokens.len()];
    for s in actor_spans.iter().chain(&place_spans) {
        in_name[s.first..s.end.min(tokens.len())].fill(true);
    }
    let time_mentions = dated_mentions(input);
    // Where clauses break, once for the whole text at the first sentence with a trigger: the
    // searches for a trigger's clause would otherwise test the same words again per trigger.
    let mut clause_breaks: Option<Vec<bool>> = None;
    let mut events: Vec<Event> = Vec::new();
    // (trigger start, lexicon entry) of the events whose trigger presupposes another act.
    let mut presupposing: Vec<(usize, usize)> = Vec::new();
    // (sentence, its first event's index), for the sentences with triggers.
    let mut sentence_events: Vec<(usize, usize)> = Vec::new();
    // Whether an actor is an armed force or group.
    let armed =
        |id: &str| {
            input.actors.iter().find(|a| a.id == id).is_some_and(|a| {
                sitrep_lexicon::actor::is_armed_kind(&a.kind) || a.kind == "police"
            })
        };
    for (s, sentence) in input.sentences.iter().enumerate() {
        let mut range = sentence.tokens.clone();
        if let Some(&(_, end)) = datelines.iter().find(|d| d.0 == range.start) {
            range.start = end;
        }
        // A trigger that needs a place after it ("reached Raqqa"): a place's name, or "the
        // city", "المدينة", which stands for one.
        let place_follows = |from: usize| {
            let after = place_spans.partition_point(|p| p.first < from);
            let to = (from + 7).min(range.end);
            place_spans.get(after).is_some_and(|p| p.first < to) || (from..to).any(town_word)
        };
        // ... or a place's name at once ("controlled Barjaka village", "controlled the
        // Menagh airbase"), the phrase not ending a compound adjective: "regime-controlled
        // Jaramana", "targeting the Syrian Arab Army (SAA) controlled Al-Mahr gas fields" (an
        // actor with "the" before it, inside a clause).
        let place_next = |first: usize, end: usize, earlier: &[(usize, usize, usize)]| {
            let at = if keys.get(end) == Some(&"the") { end + 1 } else { end };
            let next = place_spans.partition_point(|p| p.first < at);
            // (A village the gazetteer lacks is a place all the same: "controlled Barjaka
            // village", "controlled Deir Meshmesh village".)
            let unlisted_village = || {
                let k = (at..(at + 4).min(range.end))
                    .find(|&k| matches!(keys[k], "village" | "town"))?;
                (k > at && (at..k).all(|j| tokens[j].cap)).then_some(k + 1)
            };
            let place_end = match place_spans.get(next) {
                Some(p) if p.first == at => Some(p.end),
                _ => unlisted_village(),
            };
            let Some(after) = place_end else { return false };
            if input.text[..tokens[first].start].ends_with('-') {
                return false;
            }
            let mut j = first;
            loop {
                let between = |k: usize| &input.text[tokens[k - 1].end..tokens[k].start];
                if let Some(a) = actor_spans.iter().find(|a| a.end == j && a.first < j) {
                    j = a.first;
                } else if j >= range.start + 2
                    && between(j).contains(')')
                    && between(j - 1).contains('(')
                    || j > range.start && matches!(keys[j - 1], "and" | "or")
                {
                    // An acronym in brackets, or "and" joining two subjects.
                    j -= 1;
                } else if j >= range.start + 2
                    && keys[j - 1] == "the"
                    && matches!(keys[j - 2], "and" | "or")
                {
                    j -= 2;
                } else {
                    break;
                }
            }
            // (After an act or a preposition: "targeting the ...", "on the ..."; not "the
            // factions of the Free Syrian Army controlled Hmelek village".)
            let adjective = j < first
                && j >= range.start + 2
                && keys[j - 1] == "the"
                && !comma_before(input, j - 1)
                && (earlier.iter().any(|&(_, e, _)| e == j - 1)
                    || matches!(
                        keys[j - 2],
                        "on" | "at"
                            | "in"
                            | "into"
                            | "towards"
                            | "toward"
                            | "against"
                            | "near"
                            | "to"
                            | "from"
                    ));
            // Holding a place for a while is no act: "IS controlled Mosul from 2014", "still
            // controlled the town".
            let state = matches!(keys.get(after), Some(&("from" | "since" | "until" | "for")))
                || first > range.start
                    && matches!(keys[first - 1], "still" | "already" | "once" | "had" | "long");
            !adjective && !state
        };
        let mut triggers: Vec<(usize, usize, usize)> = Vec::new(); // (first, end, entry)
        let mut i = range.start;
        while i < range.end {
            // Words of a name are not triggers ("5th Assault Corps", "Ban Ki-moon"), nor is
            // the month "March", nor the Iraqi town "Hit" where the gazetteer missed it.
            // "hit" right after an attack is its verb ("shells hit the village", "an air
            // strike hit a school"): the attack's clause goes on.
            let hit = matches!(keys[i], "hit" | "hits" | "hitting");
            // So is a verb of killing or wounding right after an attack named by a noun:
            // "Russian air strikes killed at least 11 people", "shelling that wounded three"
            // tell one act, not two.
            let harm = matches!(
                keys[i],
                "killed"
                    | "kill"
                    | "kills"
                    | "killing"
                    | "wounded"
                    | "wounding"
                    | "injured"
                    | "injuring"
            );
            let after_attack = |reach: usize, noun_only: bool| {
                triggers.last().is_some_and(|&(_, end, k)| {
                    let t = &lexicon.triggers[k];
                    i <= end + reach && t.kind == "ASSAULT" && (!noun_only || t.pos == "noun")
                })
            };
            let harm_of_attack = harm
                && after_attack(1, true)
                && triggers
                    .last()
                    .is_some_and(|&(_, end, _)| i == end || matches!(keys[end], "that" | "which"));
            if !words.is(i, list::TRIGGER_START)
                || in_name[i]
                || matches!(&input.text[tokens[i].start..tokens[i].end], "March" | "Hit")
                || hit && after_attack(4, false)
                || harm_of_attack
            {
                // The harm is the attack's own verb: its span joins the attack's.
                if harm_of_attack && let Some(last) = triggers.last_mut() {
                    last.1 = i + 1;
                }
                i += 1;
                continue;
            }
            if let Some((n, k)) = lexicon.match_at(&keys[..range.end], i)
                && (!lexicon.triggers[k].place_after || place_follows(i + n))
                && (!lexicon.triggers[k].place_next || place_next(i, i + n, &triggers))
            {
                // Help naming the work of people is no act: "rescue workers", "aid teams",
                // "relief crews" (but "mortar teams" fire mortars).
                let workers = !hostile(&lexicon.triggers[k].kind)
                    && matches!(
                        keys.get(i + n).copied(),
                        Some("workers" | "worker" | "teams" | "team" | "crews" | "volunteers")
                    );
                // Nor is a source's wish not to be named: "طلب عدم الكشف عن اسمه" (asked that
                // his name not be disclosed), "رفض الكشف عن هويته" (declined to disclose who
                // he is).
                let anonymity = tokens[i].arabic
                    && keys[i + n..range.end.max(i + n)].iter().take(3).any(|w| *w == "الكشف");
                if !workers && !anonymity {
                    triggers.push((i, i + n, k));
                }
                i += n;
            } else {
                i += 1;
            }
        }
        // "hit a roadside bomb", "was hit by a roadside bomb": the bomb is the act.
        let hit_an_attack = |p: &[(usize, usize, usize)]| {
            matches!(keys[p[0].0], "hit" | "hits" | "hitting")
                && p[1].0 <= p[0].1 + 3
                && (p[0].1..p[1].0).all(|i| matches!(keys[i], "a" | "an" | "the" | "by"))
                && lexicon.triggers[p[1].2].kind == "ASSAULT"
        };
        let skip: Vec<usize> =
            triggers.windows(2).filter(|p| hit_an_attack(p)).map(|p| p[0].0).collect();
        triggers.retain(|t| !skip.contains(&t.0));
        if triggers.is_empty() {
            continue;
        }
        sentence_events.push((s, events.len()));
        let first_event_of_sentence = events.len();
        // (In sentence order: the first entry from the sentence before on.)
        let first_event_of_previous_sentence = sentence_events
            .get(sentence_events.partition_point(|&(k, _)| k + 1 < s))
            .map_or(events.len(), |&(_, e)| e);
        let breaks = clause_breaks.get_or_insert_with(|| {
            (0..tokens.len()).map(|i| clause_break(input, &words, i)).collect()
        });
        // The sentence's actor and place mentions, and its reporter, once for all triggers.
        let within = |spans: &[Span]| -> Vec<Span> {
            let a = spans.partition_point(|s| s.first < range.start);
            let b = spans.partition_point(|s| s.first < range.end);
            spans[a..b].to_vec()
        };
        let (mut sentence_actors, mut sentence_places) =
            (within(&actor_spans), within(&place_spans));
        let mut reporter = reported_by(input, &sentence_actors, range.start, range.end, &words);
        // Arabic puts the reporting verb first: "وذكرت شبكة فوكس نيوز أن ...", "وأعلنت القناة
        // المركزية لقاعدة حميميم عن ...". The subject is the reporter, and the places
        // describing it hold no part in what it reports.
        if let Some(subject) = arabic_reporting_subject(&words, range.clone()) {
            // The reporting verb itself is no act of the sentence ("نقلت صحيفة إزفستيا أن",
            // Izvestia conveyed that: not a transfer).
            triggers.retain(|&(first, ..)| first + 1 != subject.start);
            let inside = |s: &Span| s.first >= subject.start && s.end <= subject.end;
            let speaker = sentence_actors.iter().rev().find(|s| inside(s)).copied();
            if reporter.is_none() {
                reporter = match speaker {
                    Some(s) => Some(input.actors[s.item].id.clone()),
                    None => words.is(subject.start, list::MEDIUM).then(|| {
                        let last = input.tokens[subject.end - 1].end;
                        input.text[input.tokens[subject.start].start..last].to_string()
                    }),
                };
            }
            // A medium only reports; a force or its commander speaks of its own acts, as in
            // English ("HTS said its fighters had downed the jet").
            if let Some(speaker) = speaker.filter(|s| input.actors[s.item].kind == "media") {
                sentence_actors.retain(|s| s.first != speaker.first);
            }
            // A person named with the force he speaks for ("وقال القيادي في الحشد الشعبي كريم
            // النوري", the PMF leader Karim Nouri said): the force acts, as in English.
            if let Some(speaker) = speaker.filter(|s| input.actors[s.item].kind == "person")
                && sentence_actors.iter().any(|s| {
                    inside(s) && s.end <= speaker.first && input.actors[s.item].kind != "media"
                })
            {
                sentence_actors.retain(|s| s.first != speaker.first);
            }
            sentence_places.retain(|s| !inside(s));
        }
        // "وبحسب مصادر أمريكية، ..." (according to US sources): the words up to the comma.
        if reporter.is_none() {
            reporter = arabic_according(input, &words, range.clone());
        }
        // The actor of the sentence's trigger before, for a verb that shares its subject.
        let mut previous_actor1 = None;
        // Acts named together share their clause: in "Clashes and intensive rocket shelling
        // took place between regime forces and ..." all three triggers are between them. A
        // group is triggers of one type joined by "and" (a few modifiers between) or written
        // one after the other ("rocket shelling"), with an "and" among them.
        let mut clause_ends: Vec<usize> =
            (0..triggers.len()).map(|t| triggers.get(t + 1).map_or(range.end, |n| n.0)).collect();
        let joined = |a: &(usize, usize, usize), n: &(usize, usize, usize)| {
            lexicon.triggers[n.2].kind == lexicon.triggers[a.2].kind
                && (n.0 == a.1
                    || n.0 > a.1
                        && n.0 - a.1 <= 4
                        && keys[a.1] == "and"
                        && (a.1 + 1..n.0).all(|i| !in_name[i] && !comma_before(input, i)))
        };
        // Each trigger's group's first trigger: the later ones take its sides when they
        // find none of their own.
        let mut group_first: Vec<usize> = (0..triggers.len()).collect();
        let mut g = 0;
        while g < triggers.len() {
            let mut last = g;
            while last + 1 < triggers.len() && joined(&triggers[last], &triggers[last + 1]) {
                last += 1;
            }
            if (triggers[g].1..triggers[last].0).any(|i| keys[i] == "and") {
                let end = triggers.get(last + 1).map_or(range.end, |n| n.0);
                clause_ends[g..=last].fill(end);
                group_first[g..=last].fill(g);
            }
            g = last + 1;
        }
        let mut group_sides: Vec<(Option<usize>, Option<usize>)> =
            vec![(None, None); triggers.len()];
        for (t, &(first, end, k)) in triggers.iter().enumerate() {
            let trigger = &lexicon.triggers[k];
            // The trigger's clause: up to the next trigger (past the acts named with it) or
            // the end of the sentence.
            let clause_end = clause_ends[t];
            let clause_start = if t == 0 { range.start } else { triggers[t - 1].1 };
            let find_roles = |clause_end: usize| {
                Roles::find(
                    input,
                    &words,
                    &sentence_actors,
                    range.clone(),
                    clause_start,
                    first,
                    end,
                    clause_end,
                    trigger,
                    previous_actor1,
                )
            };
            let mut roles = find_roles(clause_end);
            // An act named in a phrase of time or cause ends at its comma: the main clause
            // after it names no target or place of the act ("More than two months after the
            // Iraqi air strikes, the Iraqi militias began to come to the Badia"), though its
            // subject may be the act's doer ("After hours of intense airstrikes, the Syrian
            // Army launched an attack").
            let fronted_comma = (trigger.pos == "noun"
                && (first.saturating_sub(4).max(range.start)..first).any(|i| {
                    matches!(
                        keys[i],
                        "after" | "following" | "since" | "before" | "amid" | "despite"
                    )
                }))
            .then(|| (end..clause_end).find(|&i| comma_before(input, i)))
            .flatten();
            let clause_end = match fronted_comma {
                Some(comma) => {
                    roles.actor2 = find_roles(comma).actor2.filter(|&a| Some(a) != roles.actor1);
                    comma
                }
                None => clause_end,
            };
            if group_first[t] != t && roles.actor1.is_none() {
                (roles.actor1, roles.actor2) = group_sides[group_first[t]];
            }
            // A purpose named after an act is the act's doer's ("an operation ... in order to
            // secure the land line, and the lifting of the siege"; Arabic "عملية عسكرية ...
            // بهدف تأمين الخط البري ... وفك الحصار", whose verbal noun the lexicon lists as a
            // verb), not the nearest name's.
            let purpose = coordinated_purpose(input, &words, range.start, first);
            if purpose
                && let Some(doer) = (0..t).rev().find_map(|u| {
                    let kind = &lexicon.triggers[triggers[u].2].kind;
                    matches!(kind.as_str(), "ASSAULT" | "MOBILIZE")
                        .then_some(group_sides[u].0)
                        .flatten()
                })
            {
                roles.actor1 = Some(doer);
            }
            group_sides[t] = (roles.actor1, roles.actor2);
            previous_actor1 = roles.actor1;
            // "PMF units have gathered near the border"; not "people gathered in the square",
            // "a group of people had gathered" after an armed actor further back, or soldiers
            // who "gathered ..., demanding to work as civil servants" (a protest).
            if trigger.armed_actor {
                let subject = roles.actor1.filter(|&a| {
                    armed(&input.actors[a].id)
                        && sentence_actors
                            .iter()
                            .any(|s| s.item == a && s.end <= first && first - s.end <= 3)
                });
                let protest = (end..range.end.min(end + 12)).any(|i| {
                    keys[i].starts_with("demand")
                        || keys[i].starts_with("protest")
                        || keys[i].starts_with("demonstrat")
                });
                if subject.is_none() || protest {
                    continue;
                }
            }
            let mut places = find_places(
                input,
                &words,
                breaks,
                &sentence_places,
                range.clone(),
                first,
                end,
                trigger,
            );
            // A sentence that names no place happened where its paragraph last said: the
            // nearest place before it in the paragraph, else the first after it. So does one
            // that names only a river, which stands for hundreds of kilometres of its course
            // ("the SDF launched their own offensive south along the Euphrates").
            // (Ids are compared only for rivers, which few texts name.)
            let river = |p: &EventPlace| input.places.iter().any(|q| q.is_river() && q.id == p.id);
            if places.iter().all(river) {
                let para = sentence.paragraph;
                let para_start = input.sentences[..s]
                    .iter()
                    .rev()
                    .take_while(|x| x.paragraph == para)
                    .last()
                    .map_or(range.start, |x| x.tokens.start);
                let para_end = input.sentences[s..]
                    .iter()
                    .take_while(|x| x.paragraph == para)
                    .last()
                    .map_or(range.end, |x| x.tokens.end);
                let before_in_paragraph = |p: &&Span| p.first >= para_start && p.end <= range.start;
                // "to liberate the city from IS", "captured the town", "تحرير المدينة": the
                // paragraph's last town, else the town the text is about so far. Not "the
                // town of X", which names its own.
                // (The trigger may hold it: "تحرير المدينة". Up to twelve words on: Arabic puts
                // the object and the time between, "شنت طائرات التحالف خلال الساعات الأربع
                // والعشرين الماضية عشرات الغارات على مواقع التنظيم ... داخل المدينة".)
                let the_town = (first..clause_end.min(end + 12))
                    .any(|i| town_word(i) && keys.get(i + 1) != Some(&"of"));
                let town = the_town
                    .then(|| {
                        place_spans
                            .iter()
                            .rev()
                            .filter(before_in_paragraph)
                            .find(|p| is_town(input, p))
                            .or_else(|| topic_town(input, &place_spans, range.start))
                    })
                    .flatten();
                // Else the paragraph's nearest place, a town or division before a country:
                // "the border town of al-Rai, part of the northern Aleppo Governorate on the
                // border with Turkey, ... the FSA capturing the town" is in Aleppo's, not
                // Turkey's. A country only where the paragraph names nothing smaller.
                // A country named as an actor ("the US demanded", "US forces") is who acts, not
                // where: the last resort.
                let after_in_paragraph = |p: &&Span| p.first >= range.end && p.end <= para_end;
                let acting = |p: &Span| {
                    let n = actor_spans.partition_point(|a| a.first <= p.first);
                    n > 0 && actor_reach[n - 1] >= p.end
                };
                let smaller = |p: &&Span| input.places[p.item].kind != PlaceKind::Country;
                let rank = |p: &&Span| (!smaller(p), acting(p));
                // Not water: a river or sea the paragraph names is rarely where its next event
                // was.
                let dry = |p: &&Span| !input.places[p.item].is_water();
                let near = town.or_else(|| {
                    // The best rank; before the event the nearest, after it the first
                    // (`min_by_key` keeps the first of equals).
                    // (Spans are in order of their first token: only those starting in
                    // the paragraph are read.)
                    let starting = |from: usize, to: usize| {
                        let lo = place_spans.partition_point(|p| p.first < from);
                        let hi = place_spans.partition_point(|p| p.first < to);
                        &place_spans[lo..hi.max(lo)]
                    };
                    let before = starting(para_start, range.start)
                        .iter()
                        .rev()
                        .filter(before_in_paragraph)
                        .filter(dry)
                        .min_by_key(rank);
                    let after = starting(range.end, para_end)
                        .iter()
                        .filter(after_in_paragraph)
                        .filter(dry)
                        .min_by_key(rank);
                    match (before, after) {
                        (Some(b), Some(a)) if rank(&a) < rank(&b) => Some(a),
                        (b, a) => b.or(a),
                    }
                });
                if let Some(p) = near {
                    places.push(event_place(input, p, "location"));
                }
            }
            let place = main_place(&places, trigger.movement, trigger.kind == "RETREAT", river);
            let noun = trigger.pos == "noun";
            let status = status(range.start, first, end, clause_end, &words, noun, purpose);
            let actor_id = |k: usize| input.actors[k].id.clone();
            let mut actor1 = roles.actor1.map(actor_id);
            let mut actor2 = roles.actor2.map(actor_id);
            // "the parties reached an agreement", "الطرفان": the two sides of the last act
            // between two in this sentence or the one before.
            if matches!(trigger.kind.as_str(), "AGREE" | "CONSULT")
                && (clause_start..first).any(|i| words.is(i, list::BOTH_SIDES))
                && let Some(e) = events[first_event_of_previous_sentence..]
                    .iter()
                    .rev()
                    .find(|e| e.actor1.is_some() && e.actor2.is_some())
            {
                actor1.clone_from(&e.actor1);
                actor2.clone_from(&e.actor2);
            }
            // Lifting a siege relieves the besieged: the one holding the place ("the lifting of
            // the siege on the city, where three neighbourhoods are under the control of the
            // regime") is no target.
            if trigger.outcome == "gained"
                && (first..end).any(|i| matches!(keys[i], "siege" | "الحصار" | "الطوق"))
                && let Some(a2) = roles.actor2
                && actor_spans.iter().any(|s| {
                    s.item == a2
                        && s.first > end
                        && (s.first.saturating_sub(4)..s.first)
                            .any(|i| matches!(keys[i], "control" | "held" | "controlled" | "سيطره"))
                })
            {
                actor2 = None;
            }
            // A place taken "after clashes with X", "following fighting against X" was taken
            // from X: "JSH Olive Branch forces gained control over Dobira village in northern
            // Afrin, following clashes with YPG fighters".
            if trigger.outcome == "gained"
                && actor2.is_none()
                && let Some(a1) = roles.actor1
            {
                let fight_after = (end..range.end.min(end + 16)).find_map(|k| {
                    if !matches!(keys[k], "after" | "following" | "amid") {
                        return None;
                    }
                    let mut n = k + 1;
                    while n < range.end
                        && matches!(keys[n], "the" | "heavy" | "violent" | "intense")
                    {
                        n += 1;
                    }
                    let fight = n + 1 < range.end
                        && matches!(keys[n], "clashes" | "clash" | "fighting" | "battles")
                        && matches!(keys[n + 1], "with" | "against");
                    fight.then_some(n + 2)
                });
                if let Some(from) = fight_after
                    && let Some(s) =
                        actor_spans.iter().find(|s| s.first >= from && s.first <= from + 1)
                    && s.item != a1
                {
                    actor2 = Some(actor_id(s.item));
                }
            }
            let relocation = trigger.movement && relocates_seat(input, &words, end, &places);
            // "their vehicle hit a roadside bomb", "a patrol was hit by a roadside bomb": who
            // hit the bomb, or was hit by it, was its victim.
            if trigger.mode == "explosives"
                && (first.saturating_sub(3)..first).any(|i| matches!(keys[i], "hit" | "hits"))
            {
                actor2 = actor1.take();
            }
            let outcome = match (trigger.outcome.as_str(), &actor1) {
                ("gained" | "lost", Some(a))
                    if status == Status::Occurred || status == Status::Ongoing =>
                {
                    Some(Outcome { territory: trigger.outcome.clone(), controller: a.clone() })
                }
                _ => None,
            };
            let mut confidence = 0.4;
            if actor1.is_some() {
                confidence += 0.25;
            }
            if place.is_some() {
                confidence += 0.2;
            }
            if actor2.is_some() {
                confidence += 0.1;
            }
            let span = |a: usize, b: usize| Evidence {
                start: tokens[a].cstart,
                end: tokens[b - 1].cend,
                text: input.text[tokens[a].start..tokens[b - 1].end].to_string(),
            };
            let joint = roles.joint.then(|| {
                let (partner, rest) = roles.assoc.split_first().expect("a joint act has partners");
                (actor_id(*partner), rest.iter().map(|&k| actor_id(k)).collect::<Vec<_>>())
            });
            // A force moving its offices, headquarters or capital away from a place withdraws
            // from it, and sets up its seat where it goes.
            let raid = air_raid(trigger, keys[first]);
            let (kind, mode, cameo, mut acled) = if relocation {
                (
                    "RETREAT".to_string(),
                    Some("withdraw".to_string()),
                    "08".to_string(),
                    AcledType {
                        event_type: "Strategic developments".into(),
                        sub_event_type: "Headquarters or base established".into(),
                    },
                )
            } else if (trigger.kind == "ASSAULT" || raid)
                && (trigger.mode.is_empty()
                    || raid
                    || trigger.mode == "heavy-weapons"
                        // (Not a ground weapon's own name: "warplanes and artillery".)
                        && !matches!(
                            keys[first],
                            "artillery" | "rocket" | "rockets" | "missile" | "missiles" | "mortar"
                                | "mortars" | "shell" | "shells" | "katyusha" | "katyushas"
                                | "grad" | "ballistic" | "cruise" | "tank" | "tanks"
                        ))
                && let Some(mode) = aircraft_subject(input, &words, &in_name, clause_start, first)
            {
                // Aircraft that target, strike or shell strike from the air: "Coalition
                // warplanes targeted IS positions", "Warplanes, likely regime and/or Russian,
                // shelled Hamouriya"; aircraft that raid a town bomb it ("Russian warplanes
                // raided Toum town"), where men on the ground raiding a house search it.
                (
                    "ASSAULT".to_string(),
                    Some(mode.to_string()),
                    if trigger.kind == "ASSAULT" { trigger.cameo.clone() } else { "19".into() },
                    AcledType {
                        event_type: "Explosions/Remote violence".into(),
                        sub_event_type: "Air/drone strike".into(),
                    },
                )
            } else {
                (
                    trigger.kind.clone(),
                    (!trigger.mode.is_empty()).then(|| trigger.mode.clone()),
                    trigger.cameo.clone(),
                    AcledType {
                        event_type: trigger.acled_event_type.clone(),
                        sub_event_type: trigger.acled_sub_event_type.clone(),
                    },
                )
            };
            // Killing or shooting members of an armed force is fighting, not violence against
            // civilians: "the PMF killed 6 IS militants", "three PMF members were killed by IS
            // militants".
            if acled.sub_event_type == "Attack"
                && matches!(mode.as_deref(), None | Some("firearms"))
                && actor2.as_deref().is_some_and(armed)
            {
                acled = AcledType {
                    event_type: "Battles".into(),
                    sub_event_type: "Armed clash".into(),
                };
            }
            // "air strikes that rescue workers blamed on Russian jets": the one blamed did the
            // act before. The text says so in as many words, which outweighs a subject read
            // from farther away ("Government troops ... are 20 km from Khan Shaykhun, the town
            // struck by a sarin attack last April that UN investigators blamed on the Syrian
            // government").
            if matches!(keys[first], "blamed" | "blames" | "blame")
                && let Some(blamed) = &actor2
                && let Some(&(before_first, before_end, _)) = t.checked_sub(1).map(|p| &triggers[p])
                && (before_end..first).any(|i| matches!(keys[i], "that" | "which"))
                && let Some(act) = events[first_event_of_sentence..]
                    .iter_mut()
                    .rev()
                    .find(|e| e.trigger.start == tokens[before_first].cstart && hostile(&e.kind))
            {
                act.actor1 = Some(blamed.clone());
            }
            let mut date = event_date(input, &words, breaks, &time_mentions, s, first, end);
            // A claim of an act the sentence before told in the passive, without its doer, is
            // that act: "A Russian Su-25 was shot down near Saraqib. HTS said its fighters had
            // downed the jet." The claimant acts on "the" thing named before; the later
            // sentence says who, the earlier when (and the claimant reports it).
            let passive_at = |c: usize| {
                let i = tokens_before(c);
                (i.saturating_sub(2)..i).any(|k| matches!(keys[k], "was" | "were" | "been"))
            };
            // So is the act a claimant "claimed responsibility for": "A car bomb exploded in
            // the market. IS claimed responsibility for the attack."
            let responsibility = first >= 3
                && keys[first - 3] == "responsibility"
                && keys[first - 2] == "for"
                && matches!(keys[first - 1], "the" | "a" | "an");
            let told_by_claimant = reporter.is_some()
                && reporter == actor1
                && trigger.pos == "verb"
                && keys.get(end) == Some(&"the")
                && !in_name.get(end + 1).copied().unwrap_or(true);
            let told = if responsibility { events.len() } else { first_event_of_sentence };
            if let Some(a1) = &actor1
                && hostile(&kind)
                && (responsibility || told_by_claimant)
            {
                // Every trigger of the act: "A car bomb exploded" is one act, two triggers.
                for act in events[first_event_of_previous_sentence..told].iter_mut().filter(|p| {
                    p.kind == kind
                        && (p.mode == mode || responsibility && mode.is_none())
                        && p.actor1.is_none()
                        && (responsibility || passive_at(p.trigger.start))
                }) {
                    act.actor1 = Some(a1.clone());
                    act.reported_by = act.reported_by.take().or_else(|| reporter.clone());
                    date = act.date;
                }
            }
            events.push(Event {
                kind,
                mode,
                actor1,
                assoc_actor1: roles.assoc.into_iter().map(actor_id).collect(),
                actor2,
                places,
                place,
                date,
                status,
                reported_by: reporter.clone(),
                outcome,
                cameo,
                acled,
                trigger: {
                    let (a, b) = light_verb_span(
                        input,
                        &words,
                        &in_name,
                        &triggers,
                        range.clone(),
                        first,
                        end,
                    );
                    span(a, b)
                },
                evidence: span(range.start, range.end),
                confidence: (confidence * 100.0_f64).round() / 100.0,
            });
            if trigger.presupposed.is_some() {
                presupposing.push((events.last().expect("just pushed").trigger.start, k));
            }
            // The cooperation of a joint act: same place, time, status and source.
            if let Some((partner, rest)) = joint {
                let host = events.last().expect("just pushed").clone();
                events.push(Event {
                    kind: "COOPERATE".into(),
                    mode: None,
                    actor2: Some(partner),
                    assoc_actor1: rest,
                    outcome: None,
                    cameo: "06".into(),
                    acled: AcledType {
                        event_type: "Strategic developments".into(),
                        sub_event_type: "Other".into(),
                    },
                    ..host
                });
            }
        }
        weapon_gives_mode(input, keys, &mut events, first_event_of_sentence);
        weapon_subject(input, keys, &mut events, first_event_of_sentence);
        attack_gives_doer(input, keys, &mut events, first_event_of_sentence);
    }
    presupposed_events(input, keys, &presupposing, lexicon, &mut events);
    events
}

/// The acts that others end, each right after the one that ends it: "the lifting of the
/// siege on the city of Deir al-Zour" (planned) says the city is besieged; "the army broke the
/// siege" says it was until then. The lexicon says which acts end which
/// ([`Trigger::presupposes`]).
///
/// The implied act is where and when its ender is, told by the same words and reporter, and
/// under way (`ongoing`) unless its end is told as done (then `occurred`). Its target is the
/// ender's doer's side. Its doer is the ender's target when that is no ally of the doer, else
/// the enemy the rest of the text holds the place against: the one others set out to take the
/// place (or its province) from, or who attacks the target's side there, most often; none
/// when the text names no such enemy. Not when the sentence tells the act itself ("the IS siege
/// ... was broken").
fn presupposed_events(
    input: &Input<'_>,
    keys: &[&str],
    presupposing: &[(usize, usize)],
    lexicon: &Lexicon,
    events: &mut Vec<Event>,
) {
    if presupposing.is_empty() {
        return;
    }
    let tokens = input.tokens;
    let token_at = |c: usize| tokens.partition_point(|t| t.cend <= c);
    let actor = |id: &str| input.actors.iter().find(|a| a.id == id);
    // Of the state: its forces, government and agencies are one side.
    let of_state = sitrep_lexicon::actor::is_state_kind;
    // So are a country's rebel groups and their coalitions (its jihadist groups are not).
    let of_opposition = |kind: &str| matches!(kind, "rebel group" | "coalition");
    let allied = |a: &str, b: &str| {
        a == b
            || actor(a).zip(actor(b)).is_some_and(|(x, y)| {
                x.country.is_some()
                    && x.country == y.country
                    && (of_state(&x.kind) && of_state(&y.kind)
                        || of_opposition(&x.kind) && of_opposition(&y.kind))
            })
    };
    // Who may be besieged or relieve: an armed force or group, or a state's government.
    let fighting = |id: &String| {
        actor(id).is_some_and(|a| {
            of_state(&a.kind)
                || of_opposition(&a.kind)
                || matches!(a.kind.as_str(), "jihadist group" | "militia")
        })
    };
    let mut implied: Vec<(usize, Event)> = Vec::new();
    for (a, ender) in events.iter().enumerate() {
        // (Not the cooperation of a joint act, which shares its host's trigger.)
        let Some(act) = presupposing
            .iter()
            .map(|&(start, k)| (start, &lexicon.triggers[k]))
            .find(|(start, t)| *start == ender.trigger.start && t.kind == ender.kind)
            .and_then(|(_, t)| t.presupposed)
            .map(|p| &lexicon.triggers[p])
        else {
            continue;
        };
        // A place the sentence names (not its paragraph's), smaller than a country.
        let Some(place) = ender.place.as_ref().filter(|p| {
            ender.evidence.start <= p.start
                && p.end <= ender.evidence.end
                && input.places.iter().any(|q| q.id == p.id && q.kind != PlaceKind::Country)
        }) else {
            continue;
        };
        let told = events.iter().chain(implied.iter().map(|(_, e)| e)).any(|e| {
            e.evidence.start == ender.evidence.start
                && e.kind == act.kind
                && e.place.as_ref().is_some_and(|p| p.id == place.id)
        });
        if told {
            continue;
        }
        let side: Vec<&str> = ender
            .actor1
            .iter()
            .filter(|a| fighting(a))
            .chain(&ender.assoc_actor1)
            .map(String::as_str)
            .collect();
        let on_side = |id: &str| side.iter().any(|s| allied(s, id));
        let doer = ender.actor2.clone().filter(|t| !on_side(t)).or_else(|| {
            // Enemies are someone's: none without the ender's side.
            if side.is_empty() {
                return None;
            }
            // The place or the province it lies in.
            let held = input.places.iter().find(|p| p.id == place.id);
            let at_place = |e: &Event| {
                e.place.as_ref().is_some_and(|p| {
                    p.id == place.id
                        || held.is_some_and(|h| {
                            input.places.iter().any(|q| {
                                q.id == p.id
                                    && q.kind == PlaceKind::Admin1
                                    && q.country == h.country
                                    && h.admin1.as_deref() == Some(q.name.as_str())
                            })
                        })
                })
            };
            let mut enemies: Vec<(&str, usize)> = Vec::new();
            for e in events.iter().filter(|e| at_place(e)) {
                let taken_from = e.mode.as_deref() == Some("seize")
                    || e.outcome.as_ref().is_some_and(|o| o.territory == "gained");
                let enemy = match (&e.actor1, &e.actor2) {
                    (_, Some(holder)) if taken_from && !on_side(holder) => holder,
                    (Some(attacker), Some(target))
                        if matches!(e.kind.as_str(), "ASSAULT" | "COERCE")
                            && on_side(target)
                            && !on_side(attacker) =>
                    {
                        attacker
                    }
                    _ => continue,
                };
                match enemies.iter_mut().find(|(id, _)| *id == enemy) {
                    Some((_, n)) => *n += 1,
                    None => enemies.push((enemy, 1)),
                }
            }
            // The most often named; the first named of equals.
            let most = enemies.iter().map(|&(_, n)| n).max()?;
            enemies.iter().find(|&&(_, n)| n == most).map(|&(id, _)| id.to_string())
        });
        // Ended only where the text tells the end as done, not an attempt at it ("in an
        // attempt to break the siege", "an offensive launched to break the siege").
        let first = token_at(ender.trigger.start);
        let attempt = first > 0
            && keys[first - 1] == "to"
            && !(first > 1 && matches!(keys[first - 2], "managed" | "succeeded" | "able"));
        let status = match ender.status {
            Status::Occurred | Status::Claimed | Status::Denied if !attempt => Status::Occurred,
            _ => Status::Ongoing,
        };
        implied.push((
            a + 1,
            Event {
                kind: act.kind.clone(),
                mode: (!act.mode.is_empty()).then(|| act.mode.clone()),
                actor1: doer,
                assoc_actor1: Vec::new(),
                actor2: ender.actor1.clone().filter(fighting),
                places: vec![place.clone()],
                place: Some(place.clone()),
                date: ender.date,
                status,
                reported_by: ender.reported_by.clone(),
                outcome: None,
                cameo: act.cameo.clone(),
                acled: AcledType {
                    event_type: act.acled_event_type.clone(),
                    sub_event_type: act.acled_sub_event_type.clone(),
                },
                trigger: ender.trigger.clone(),
                evidence: ender.evidence.clone(),
                // Implied, not told.
                confidence: ender.confidence * 0.8,
            },
        ));
    }
    for (at, event) in implied.into_iter().rev() {
        events.insert(at, event);
    }
}

/// "An IED exploded", "A landmine detonated", "An IED explosion targeted a checkpoint", "A
/// ballistic missile, likely fired by regime forces, struck": the weapon that does the act
/// is the act's means, one event with the verb, not a second. The verb keeps its words (the
/// evidence annotators mark) and takes the weapon's mode, and its doer and target where it
/// has none. Only with nothing between them but an adverb or an auxiliary ("likely",
/// "reportedly", "was"): not "Shelling and strikes", not "A landmine exploded in Afrin city,
/// killing".
fn weapon_subject(input: &Input<'_>, keys: &[&str], events: &mut Vec<Event>, from: usize) {
    let lexicon = Lexicon::embedded();
    let tokens = input.tokens;
    let token_at = |c: usize| tokens.partition_point(|t| t.cstart < c);
    let mut k = from;
    while k + 1 < events.len() {
        let (w, v) = (&events[k], &events[k + 1]);
        let (end, start) = (token_at(w.trigger.end), token_at(v.trigger.start));
        let joined = start >= end
            && start - end <= 3
            && (end..start).all(|i| {
                matches!(
                    keys[i],
                    "likely"
                        | "reportedly"
                        | "allegedly"
                        | "apparently"
                        | "previously"
                        | "was"
                        | "were"
                        | "had"
                        | "has"
                        | "been"
                        | "which"
                        | "that"
                )
            });
        // The weapon is a noun: "detonated bombs", "detonated, killing" are two acts.
        let at = token_at(w.trigger.start);
        let noun = at < keys.len()
            && lexicon.match_at(keys, at).is_some_and(|(_, t)| lexicon.triggers[t].pos == "noun");
        if w.kind == "ASSAULT"
            && v.kind == "ASSAULT"
            && w.mode.is_some()
            && noun
            && joined
            && (w.actor1.is_none() || w.actor1 == v.actor1)
        {
            let weapon = events.remove(k);
            let act = &mut events[k];
            (act.mode, act.cameo, act.acled) = (weapon.mode, weapon.cameo, weapon.acled);
            if act.actor1.is_none() {
                act.actor1 = weapon.actor1;
            }
            if act.actor2.is_none() {
                act.actor2 = weapon.actor2;
            }
            if act.place.is_none() {
                (act.place, act.places) = (weapon.place, weapon.places);
            }
        } else {
            k += 1;
        }
    }
}

/// "five Iraqi soldiers were killed in an IS ambush", "civilians were wounded in a Turkish
/// airstrike", "a boy was killed when regime forces shelled areas": an act with no doer of its
/// own, then "in", "during" or "when" and, within six words, an attack whose doer the sentence
/// names, is that attack's doing, by its means. (The attack stays an event of its own: it is
/// what the sentence reports; the killing is its toll.) Without a doer named, a toll takes the
/// means alone: "killed by an IED explosion", "killed by rocket shells" were an IED's and
/// shelling's toll, as ACLED codes them.
fn attack_gives_doer(input: &Input<'_>, keys: &[&str], events: &mut [Event], from: usize) {
    let tokens = input.tokens;
    let token_at = |c: usize| tokens.partition_point(|t| t.cstart < c);
    // The attack's doer named in its phrase, from before the noun: "in an IS ambush", "in a
    // U.S. airstrike", "in Russian airstrikes", "in coalition airstrikes"; not read from
    // farther away.
    let named_between = |id: &str, from: usize, to: usize| {
        input
            .actors
            .iter()
            .filter(|x| x.id == id)
            .flat_map(|x| &x.mentions)
            .any(|m| m.start >= tokens[from].cstart && m.start < to)
    };
    for a in from..events.len() {
        if events[a].kind != "ASSAULT" || events[a].actor1.is_some() {
            continue;
        }
        let after = token_at(events[a].trigger.end);
        let Some(&link) = keys.get(after) else { continue };
        if !matches!(link, "in" | "during" | "when" | "by") {
            continue;
        }
        let victim = events[a].actor2.clone();
        // The attacks within six words, in the same phrase: no comma between, no word that
        // starts another clause or adds another act ("killed in the town center as Coalition
        // airstrikes continued", "in clashes and airstrikes").
        let near = |b: usize| {
            let j = token_at(events[b].trigger.start);
            events[b].kind == "ASSAULT"
                && j > after
                && j <= after + 6
                && !(after + 1..=j).any(|i| comma_before(input, i))
                && (after + 1..j)
                    .all(|i| !matches!(keys[i], "as" | "while" | "whilst" | "and" | "after"))
        };
        // (attack, its doer): the doer one of its actors named between, not the victim; not
        // after "by", whose actor is the act's own ("killed by IS fighters").
        let attack = (a + 1..events.len()).filter(|&b| near(b) && link != "by").find_map(|b| {
            [&events[b].actor1, &events[b].actor2]
                .into_iter()
                .flatten()
                .find(|id| {
                    Some(*id) != victim.as_ref()
                        && named_between(id, after + 1, events[b].trigger.start)
                })
                .map(|id| (b, Some(id.clone())))
        });
        // Else the means of the first attack, for a toll ("hit by airstrikes", "struck by a
        // sarin attack" are the attack itself, told twice).
        let toll = matches!(
            keys[token_at(events[a].trigger.start)],
            "killed" | "wounded" | "injured" | "died" | "killing" | "wounding" | "injuring"
        );
        let attack = attack.or_else(|| {
            let b = (a + 1..events.len()).find(|&b| near(b)).filter(|_| toll)?;
            events[b].mode.is_some().then_some((b, None))
        });
        let Some((b, doer)) = attack else { continue };
        let (mode, cameo, acled) =
            (events[b].mode.clone(), events[b].cameo.clone(), events[b].acled.clone());
        let act = &mut events[a];
        if act.mode.is_none() && mode.is_some() {
            (act.mode, act.cameo, act.acled) = (mode, cameo, acled);
        }
        if let Some(doer) = doer {
            events[a].actor1 = Some(doer);
            if events[b].actor2.is_none() && events[b].actor1 != victim {
                events[b].actor2 = victim;
            }
        }
    }
}

/// "targeted Iraqi forces in al-Azim with mortar shells", "attacked the town with rockets":
/// the weapon after "with" is the mode of the act before it, one event, not a second.
fn weapon_gives_mode(input: &Input<'_>, keys: &[&str], events: &mut Vec<Event>, from: usize) {
    let tokens = input.tokens;
    let token_at = |c: usize| tokens.partition_point(|t| t.cstart < c);
    let mut k = from;
    while k < events.len() {
        let b = &events[k];
        let j = token_at(b.trigger.start);
        // "with" right before the weapon, or one lower-case word before it ("with heavy
        // machine gun fire"); not what someone is armed with, nor ", with explosions at a
        // rate of ...".
        let with = [1, 2].into_iter().filter(|&n| j > n).find(|&n| {
            keys[j - n] == "with" && (n == 1 || !tokens[j - 1].cap && !tokens[j - 1].all_caps)
        });
        let instrument = with.is_some_and(|n| {
            let w = j - n;
            !comma_before(input, w)
                && !matches!(keys[w - 1], "armed" | "equipped" | "loaded" | "laden")
        });
        // The nearest act before it with no mode, within ten words.
        if instrument
            && b.kind == "ASSAULT"
            && b.mode.is_some()
            && let Some(a) = (from..k).rev().find(|&a| {
                let a = &events[a];
                a.kind == "ASSAULT" && a.mode.is_none() && a.trigger.end <= b.trigger.start
            })
            && token_at(events[a].trigger.end) + 10 >= j
        {
            let weapon = events.remove(k);
            let act = &mut events[a];
            act.mode = weapon.mode;
            act.cameo = weapon.cameo;
            act.acled = weapon.acled;
        } else {
            k += 1;
        }
    }
}

/// The actors of one trigger.
#[derive(Default)]
struct Roles {
    actor1: Option<usize>,
    actor2: Option<usize>,
    assoc: Vec<usize>,
    /// Actor 1 and its partners take part in the act together ("an operation with the
    /// participation of X and Y"): they cooperate in it too.
    joint: bool,
}

/// Arabic prepositions written apart, keyed: from, on, against, in, to, about, with, towards.
const ARABIC_PREPOSITIONS: &[&str] = &["من", "علي", "ضد", "في", "الي", "عن", "مع", "نحو"];

/// Arabic relative pronouns ("التي", "الذي", "الذين"), keyed.
static RELATIVE_PRONOUNS: LazyLock<Vec<String>> =
    LazyLock::new(|| ["التي", "الذي", "الذين"].iter().map(|w| key(w)).collect());

/// "بمشاركة" (with the participation of), keyed.
static WITH_PARTICIPATION: LazyLock<String> = LazyLock::new(|| key("بمشاركة"));

/// Words that open a subordinate clause, comma or not.
const SUBORDINATING: &[&str] = &[
    "because",
    "although",
    "though",
    "unless",
    "whereas",
    "while",
    "whilst",
    // Arabic, keyed: إلا (in "إلا أن", however), بينما (while), لكن (but).
    "الا",
    "بينما",
    "لكن",
];

/// Words shortly before an actor that make it a beneficiary or partner of the act, not its
/// target: "airstrikes in support of the SDF", "to assist the army", "with the help of the
/// coalition".
const ALLY_CUES: &[&str] = &[
    "support",
    "supporting",
    "supported",
    "assist",
    "assisting",
    "help",
    "helping",
    "aid",
    "backing",
    "alongside",
    "behalf",
    "advise",
    "advising",
    "reinforce",
    "reinforcing",
];

/// The mode of an act whose subject is aircraft ("aerial") or drones ("drone"): an aircraft
/// word heading the subject, that is preceded in its clause only by names and words such as
/// "the", "or", "fighter" back to the clause's start or a comma ("Syrian or Russian warplanes
/// carried out", "On 31 March, Turkish jets struck", "as warplanes carried out at least 7
/// strikes"; not "shooting down an ISIL bombing drone, and breaking through"), with no ground
/// force, artillery or preposition around it ("Regime forces backed by Russian warplanes
/// attacked", "Coalition warplanes and artillery bombarded"). Not an aircraft that is hit: "a
/// helicopter was shot down".
fn aircraft_subject(
    input: &Input<'_>,
    words: &Words<'_>,
    in_name: &[bool],
    clause_start: usize,
    first: usize,
) -> Option<&'static str> {
    let keys = &words.keys;
    let ground = |w: &str| {
        matches!(
            w,
            "forces"
                | "troops"
                | "fighters"
                | "militants"
                | "army"
                | "soldiers"
                | "units"
                | "artillery"
                | "by"
                | "with"
                | "of"
                | "from"
                | "under"
                | "amid"
                | "backed"
                | "supported"
        )
    };
    let at = (clause_start..first).find(|&i| {
        matches!(
            keys[i],
            "warplanes"
                | "warplane"
                | "jets"
                | "jet"
                | "aircraft"
                | "helicopters"
                | "helicopter"
                | "planes"
                | "bombers"
                | "drone"
                | "drones"
        )
    })?;
    // The aircraft is hit: "A drone was also shot down", "downed a helicopter".
    let hit = (first.saturating_sub(2).max(clause_start)..first)
        .any(|i| matches!(keys[i], "was" | "were" | "is" | "been" | "being"))
        || matches!(keys[first], "shot" | "shoot" | "shooting" | "downed" | "down" | "intercepted");
    if hit || (clause_start..first).any(|i| i != at && ground(keys[i])) {
        return None;
    }
    let mut k = at;
    while k > clause_start && !comma_before(input, k) {
        k -= 1;
        let w = keys[k];
        let modifier = in_name[k]
            || w.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "and"
                    | "or"
                    | "as"
                    | "while"
                    | "meanwhile"
                    | "then"
                    | "also"
                    | "fighter"
                    | "military"
                    | "allied"
                    | "unidentified"
                    | "likely"
                    | "combat"
            );
        if !modifier {
            return None;
        }
    }
    // Back at the end of the trigger before, the aircraft is its object ("shooting down an
    // ISIL bombing drone, and breaking through") unless a new clause opens there ("shelled
    // as Russian warplanes carried out strikes").
    let own_clause = k == 0
        || input.tokens[k].sentence_start
        || comma_before(input, k)
        || matches!(keys[k], "as" | "while" | "and" | "meanwhile" | "when" | "after");
    if !own_clause {
        return None;
    }
    Some(if keys[at].starts_with("drone") { "drone" } else { "aerial" })
}

/// Whether a trigger is the verb "raided", a search (COERCE) unless aircraft raid. (The nouns
/// "raid", "raids" are air raids in the lexicon already.)
fn air_raid(trigger: &lexicon::Trigger, key: &str) -> bool {
    trigger.kind == "COERCE" && matches!(key, "raided" | "raiding")
}

/// Event types whose second actor is on the receiving end of a hostile act.
fn hostile(kind: &str) -> bool {
    !matches!(kind, "AID" | "SUPPORT" | "COOPERATE" | "AGREE" | "CONSULT" | "REQUEST" | "CONCEDE")
}

/// Nouns for who speaks for an actor: "a coalition official said".
const SPOKESPEOPLE: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "statement",
    "media",
];

/// Words that may stand between a reporter and its verb: "Fox News also added".
const REPORTING_ADVERBS: &[&str] = &[
    "also",
    "later",
    "earlier",
    "further",
    "previously",
    "then",
    "meanwhile",
    "has",
    "had",
    "have",
];

/// The reporting verb ([`REPORTING`]) right after an actor's mention that ends at token
/// `end`, past one word of the `skip` lists (bits of [`WORD_LISTS`]), before token `limit`
/// (the sentence's end): "Fox News said", "Fox News also added" (with
/// [`REPORTING_ADVERBS`]), "Pentagon spokesman said" (with [`SPOKESPEOPLE`]).
fn reporting_verb<'k>(words: &Words<'k>, end: usize, skip: u32, limit: usize) -> Option<&'k str> {
    let verb = end + usize::from(words.is(end, skip));
    (verb < limit && words.is(verb, list::REPORTING)).then(|| words.keys[verb])
}

/// Whether the mention starting at token `first` follows "according to", with or without
/// "the": "according to the UN".
fn after_according(words: &Words<'_>, first: usize) -> bool {
    let to = first - usize::from(first > 0 && words.keys[first - 1] == "the");
    to >= 2 && words.keys[to - 1] == "to" && words.keys[to - 2] == "according"
}

/// Words after which an actor is the one reporting, not acting.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "announced",
    "added",
    "confirmed",
    "stated",
    "claimed",
    "told",
    "according",
];

/// Words that join a subject to the one before it: "X and Y", "X, supported by Y".
const SUBJECT_LINKS: &[&str] =
    &["and", "or", "and/or", "supported", "backed", "assisted", "accompanied"];
/// Words that may stand between two joined subjects besides the links ("and the factions of
/// the Free Syrian Army").
const SUBJECT_FILLERS: &[&str] =
    &["by", "its", "their", "the", "allied", "loyal", "factions", "fighters", "units", "of"];

/// Whether the words from `from` to `to` join two subjects: at most five, one of them a link
/// and the rest fillers ("and", ", supported by its", "and the factions of the"). The words for
/// which `filler` holds (a backer's name) stand as fillers too and are not counted.
fn subject_linked(
    words: &Words<'_>,
    from: usize,
    to: usize,
    filler: impl Fn(usize) -> bool,
) -> bool {
    from < to
        && (from..to).filter(|&i| !filler(i)).count() <= 5
        && (from..to).any(|i| words.is(i, list::SUBJECT_LINK))
        && (from..to).all(|i| words.is(i, list::SUBJECT_LINK | list::SUBJECT_FILLER) || filler(i))
}

impl Roles {
    #[allow(clippy::too_many_arguments)]
    fn find(
        input: &Input<'_>,
        words: &Words<'_>,
        actors: &[Span],
        sentence: std::ops::Range<usize>,
        clause_start: usize,
        first: usize,
        end: usize,
        clause_end: usize,
        trigger: &Trigger,
        previous_actor1: Option<usize>,
    ) -> Roles {
        let sentence_start = sentence.start;
        let word = |i: usize| words.keys[i];
        // Whether token `i` lies in an actor mention the text makes a backer.
        let backer_at = |i: usize| {
            let t = &input.tokens[i];
            input.backers.iter().any(|&(a, b)| a <= t.cstart && t.cend <= b)
        };
        let mut roles = Roles::default();
        let in_range =
            |a: usize, b: usize| actors.iter().filter(move |s| s.first >= a && s.end <= b);
        // Skip actors that are reporters: "Fox News reported", "according to (the) X".
        // "a US coalition official said", "Pentagon spokesman ... said", "Fox News also added".
        let reporter = |s: &Span| {
            let skip = list::SPOKESPERSON | list::REPORTING_ADVERB;
            reporting_verb(words, s.end, skip, sentence.end).is_some_and(|v| v != "according")
                || after_according(words, s.first)
        };
        // "by X" after the trigger: X acts (passive, or a noun trigger). So does the giver of
        // aid: "with air support from the US-led coalition".
        let giver = trigger.pos == "noun" && matches!(trigger.kind.as_str(), "AID" | "SUPPORT");
        // So does the one an act is laid at: "air strikes that rescue workers blamed on Russian
        // jets", "an attack attributed to IS".
        let laid_at = |i: usize| {
            i > end && matches!((word(i - 1), word(i)), ("blamed", "on") | ("attributed", "to"))
        };
        let by = (end..clause_end.min(end + 6)).find(|&i| {
            word(i) == "by"
                || giver && i <= end + 1 && matches!(word(i), "from" | "من")
                || laid_at(i)
        });
        let after_by = by.and_then(|b| in_range(b + 1, clause_end).find(|s| s.first <= b + 5));
        // Arabic names who did a noun's act in a relative clause after it: "الهجمات التي
        // شنتها قسد" (the attacks that the SDF launched), "العملية التي تقودها" (that X leads):
        // the relative pronoun, a verb with the noun's pronoun written on it, then the actor.
        let after_by = after_by.or_else(|| {
            if !(input.tokens[first].arabic && trigger.pos == "noun") {
                return None;
            }
            let r = (end..clause_end.min(end + 2))
                .find(|&i| RELATIVE_PRONOUNS.iter().any(|p| p == word(i)))?;
            let verb = word((r + 1..clause_end).next()?);
            if !["ها", "ه", "هم"].iter().any(|p| verb.ends_with(p)) {
                return None;
            }
            in_range(r + 2, clause_end).find(|s| s.first == r + 2)
        });
        // An actor the act supports is no target of a hostile act: leave it out of the actors
        // after the trigger ("Coalition airstrikes to support the SDF's advance").
        let ally = |s: &Span| {
            hostile(&trigger.kind)
                && ((s.first.saturating_sub(3).max(end)..s.first)
                    .any(|i| words.is(i, list::ALLY_CUE))
                    || with_participation(words, s.first))
        };
        // A reporter that reports its own act is its actor: "the Syrian Army announced that it
        // had retaken the city", "HTS said its fighters had downed the jet", "the rebels also
        // stated that they had clashed with the army",
        // "the SDF announced the start of the operation".
        let reports_itself = |s: &Span| {
            let verb = (s.end..(s.end + 3).min(first)).find(|&i| words.is(i, list::REPORTING));
            verb.is_some_and(|v| {
                let k = v + 1 + usize::from(word(v + 1) == "that");
                // A force announces its own operations; it reports and confirms others' acts
                // ("SOHR reported a car bomb").
                let object = trigger.pos == "noun"
                    && matches!(word(v), "announced" | "announces")
                    && (v + 1..first).all(|i| matches!(word(i), "the" | "a" | "an"));
                // "ISIL claimed to have killed": the claim is of its own act; so is "IS claimed
                // responsibility for the attack".
                let infinitive = v + 1 < first && word(v + 1) == "to";
                let responsibility = v + 1 < first && word(v + 1) == "responsibility";
                object
                    || infinitive
                    || responsibility
                    || (k < first
                        && matches!(
                            word(k),
                            "it" | "they" | "he" | "she" | "we" | "its" | "their" | "his" | "our"
                        ))
            })
        };
        // The holder in a compound adjective is no subject: "the regime-controlled town",
        // "IS-held villages" (it may be the target).
        let holder = |s: &Span| holding_compound(input, words, s.end);
        // A state named as where, after "in" ("a town in northern Iraq still held by IS"),
        // takes no part.
        let located = |s: &Span| {
            input.actors[s.item].kind == "state"
                && (s.first.saturating_sub(3)..s.first)
                    .rev()
                    .find(|&i| !(word(i) == "the" || words.is(i, list::COMPASS_ADJECTIVE)))
                    .is_some_and(|i| {
                        matches!(word(i), "in" | "inside" | "across" | "throughout" | "within")
                    })
        };
        let before: Vec<&Span> = in_range(sentence_start, first)
            .filter(|s| (!reporter(s) || reports_itself(s)) && !holder(s) && !located(s))
            .collect();
        // A subordinate clause after the act has actors of its own: in "too early to talk about
        // breaking the siege, because the SDF is busy in Raqqa" and "Regime forces shelled
        // while Russian warplanes carried out raids" they are no targets. But a fight has two
        // sides, and "while" often names the other: "IS militants were killed in the clashes,
        // while the YPG lost four fighters".
        let fight = matches!(
            word(first),
            "clash"
                | "clashes"
                | "clashed"
                | "fight"
                | "fighting"
                | "fought"
                | "battle"
                | "battles"
        );
        let subordinate_after = (end..clause_end)
            .find(|&i| {
                words.is(i, list::SUBORDINATING)
                    && !(fight && matches!(word(i), "while" | "whilst" | "whereas"))
            })
            .unwrap_or(clause_end);
        let after: Vec<&Span> = in_range(end, subordinate_after)
            .filter(|s| !reporter(s) && !ally(s) && !located(s))
            .collect();
        // "were killed" is passive; "were moving", "was advancing" are not. So is "was among
        // those killed".
        let passive = by.is_some_and(|b| b == end || (b == end + 1 && word(end) != "the"))
            || (first > 0
                && (matches!(word(first - 1), "was" | "were" | "been" | "being")
                    || first > 2
                        && word(first - 1) == "those"
                        && word(first - 2) == "among"
                        && matches!(word(first - 3), "was" | "were" | "is" | "are"))
                && !word(first).ends_with("ing"));
        if let Some(a) = after_by {
            roles.actor1 = Some(a.item);
            if passive || trigger.pos == "verb" || giver {
                roles.actor2 = before.last().map(|s| s.item);
            } else {
                roles.actor2 =
                    after.iter().find(|s| s.item != a.item && s.first < a.first).map(|s| s.item);
            }
        } else if passive {
            roles.actor2 = before.last().map(|s| s.item);
            // "IS militants were killed in a clash with Iraqi forces", "two soldiers were
            // killed in clashes with IS": the other side of the fight did it. (The fight is
            // an act of its own, so the phrase lies past this trigger's clause.)
            let with_the_other_side = (end + 1..sentence.end.min(end + 6))
                .take_while(|&i| !comma_before(input, i))
                .find(|&i| {
                    word(i) == "with"
                        && matches!(
                            word(i - 1),
                            "clash"
                                | "clashes"
                                | "fighting"
                                | "battle"
                                | "battles"
                                | "confrontations"
                        )
                });
            roles.actor1 = with_the_other_side.and_then(|w| {
                let the = usize::from(word(w + 1) == "the");
                in_range(w + 1 + the, sentence.end)
                    .find(|s| s.first == w + 1 + the && Some(s.item) != roles.actor2)
                    .map(|s| s.item)
            });
        } else if let Some(mover) = after
            .iter()
            .find(|s| {
                (trigger.movement || trigger.kind == "RETREAT")
                    && word(end) == "of"
                    && s.first <= end + 3
            })
            .copied()
        {
            // "the transfer of the organization", "the withdrawal of IS": who moves.
            roles.actor1 = Some(mover.item);
        } else if let Some(subject) = after.iter().find(|s| {
            // Arabic puts the verb before its subject: "تتقدم قسد من الغرب" (the SDF advances
            // from the west), "نفذ سلاح الجو العراقي غارات" (the Iraqi air force carried out
            // raids): the actor right after an Arabic verb acts.
            // Not one after a preposition: "تحرير المدينة من التنظيم" (liberating the city
            // from the organization).
            // Nor one after a verbal noun, which is what the form is after a preposition or
            // "بهدف" (aiming at): "تسعى الفصائل إلى طرد داعش" (the factions seek to expel IS)
            // expels IS.
            let verbal_noun = first > 0
                && (ARABIC_PREPOSITIONS.contains(&word(first - 1)) || word(first - 1) == "بهدف");
            input.tokens[first].arabic
                && trigger.pos == "verb"
                && !verbal_noun
                && (s.first == end
                    || s.first == end + 1 && !ARABIC_PREPOSITIONS.contains(&word(end)))
        }) {
            roles.actor1 = Some(subject.item);
            roles.actor2 = after.iter().find(|s| s.item != subject.item).map(|s| s.item);
        } else {
            // The subject of an earlier clause acts here too ("X advanced and captured Y"),
            // but not across a subordinating word ("X intends ... because of the attack").
            let subordinate = (sentence_start..first)
                .rev()
                .find(|&i| words.is(i, list::SUBORDINATING))
                .unwrap_or(sentence_start);
            // The object of the act before, joined to this verb by "and", is not its subject:
            // both verbs have the first one's ("to expel IS and capture the province",
            // "downed a HTS drone and destroying a HTS tank", "the protests against the
            // president Bashar al-Assad and joined the rebels", "attacked IS positions near
            // Raqqa and captured"). The object follows the act in its own phrase: no new
            // clause starts between them.
            let object_of_previous = |s: &Span| {
                trigger.pos == "verb"
                    && !input.tokens[first].arabic
                    && clause_start > sentence_start
                    // ("and the besieged city": an adjective.)
                    && !matches!(word(first - 1), "the" | "a" | "an")
                    && s.first - clause_start <= 6
                    && (clause_start..s.first).all(|i| {
                        !matches!(word(i), "and" | "or" | "but" | "that" | "which" | "who" | "where")
                            && !comma_before(input, i)
                    })
                    && !comma_before(input, s.first)
                    && first - s.end <= 5
                    && (first.saturating_sub(2).max(s.end)..first).any(|i| word(i) == "and")
                    && (s.end..first).all(|i| {
                        !matches!(word(i), "that" | "which" | "who" | "where" | "while")
                    })
            };
            let clause_subject = before.iter().rev().find(|s| s.first >= clause_start);
            let shared = clause_subject.is_some_and(|s| object_of_previous(s));
            // The adjective of a noun trigger ("Iraqi air strikes"), else the subject before it.
            let adjacent = before.last().filter(|s| s.end == first || s.end + 1 == first);
            let subject = adjacent
                .or_else(|| clause_subject.or(before.last().filter(|s| s.first >= subordinate)))
                .filter(|_| !shared);
            // The head of a coordinated or supported subject acts; the rest are its partners:
            // "Regime and loyalist militia forces bombarded", "The Syrian Army supported by its
            // loyal gunmen clashed", "8 factions, most notably the Levant Front, Sultan Murad
            // and Liwa al-Ghuraba".
            // A comma joins only the items of a list that ends in "and" or "or", not an opening
            // phrase to the subject ("Despite these successes for the SDF, ISIL began").
            let comma = |p: &Span, s: &Span| {
                p.end <= s.first
                    && (p.end..s.first).all(|i| word(i) == "the")
                    && input.text[input.tokens[p.end - 1].end..input.tokens[p.end].start]
                        .contains([',', '،'])
            };
            let subject = subject.map(|mut s| {
                let mut in_list = s.end < clause_end && matches!(word(s.end), "and" | "or");
                while let Some(p) = before.iter().rev().find(|p| p.end <= s.first)
                    && p.first >= sentence_start
                {
                    // ("وفرقة السلطان مراد": "and" written onto the next name.) An aside that
                    // guesses who the one before is names it again: "the rebel factions,
                    // likely Olive Branch, managed to control".
                    let aside = p.end < s.first
                        && (p.end..s.first).all(|i| {
                            matches!(word(i), "likely" | "possibly" | "probably" | "reportedly")
                        })
                        && comma_before(input, p.end);
                    // (A backer between stands as a filler: "Turkish forces supported by
                    // Operation Olive Branch rebel and Islamist faction fighters".)
                    if subject_linked(words, p.end, s.first, backer_at)
                        || s.and_clitic && p.end == s.first
                    {
                        in_list = true;
                    } else if !(aside || in_list && comma(p, s)) {
                        break;
                    }
                    s = p;
                }
                s
            });
            roles.actor1 = if shared { previous_actor1 } else { subject.map(|s| s.item) };
            roles.actor2 = after.iter().find(|s| Some(s.item) != roles.actor1).map(|s| s.item);
            // A noun trigger with no actor before it: "Clashes between X and Y", "Agreement:
            // Hezbollah exchanged ...": the first actor after it acts, the next is acted on.
            // Not one after "on" or "against", which is a target. A verb's form is a noun
            // there too when it opens the sentence with a capital ("Clashes took place between
            // X and Y"; not a fragment such as a link's "captured the city from IS"), or
            // after an article when the sides follow ("the clashes between X and Y"; "the
            // capture of X" alone names no one).
            let sides_follow = (end..clause_end.min(end + 4)).any(|i| word(i) == "between");
            // (Or after the adjectives that open the sentence: "Violent clashes took place
            // between regime forces and ...".)
            let opening = first > sentence_start
                && first - sentence_start <= 2
                && input.tokens[sentence_start].cap
                && before.is_empty()
                && (sentence_start..first).all(|i| !comma_before(input, i + 1));
            let nominal = trigger.pos == "noun"
                || first == sentence_start && input.tokens[first].cap
                || sides_follow
                    && first > 0
                    && (matches!(word(first - 1), "the" | "a" | "an") || opening);
            if roles.actor1.is_none() && nominal {
                let target = |s: &Span| {
                    (s.first.saturating_sub(2)..s.first)
                        .any(|i| matches!(word(i), "on" | "against"))
                };
                if let Some(first_after) = after.iter().find(|s| !target(s) && !holder(s)) {
                    roles.actor1 = Some(first_after.item);
                    // Two actors joined by "and" act together ("an operation with the
                    // participation of the Assad and Iraqi army forces": partners, found
                    // below), unless the trigger is between them ("clashes between X and Y")
                    // or the act is one of two sides ("Agreement: X and Y reached ...").
                    let between_them = (first_after.first.saturating_sub(2)..first_after.first)
                        .any(|i| word(i) == "between");
                    let two_sided =
                        matches!(trigger.kind.as_str(), "AGREE" | "CONSULT" | "COOPERATE");
                    // "clashes between regime forces and allied militias against Jaysh
                    // al-Islam": the side after "against" is the other one; the first two
                    // fight together.
                    let opponent = after
                        .iter()
                        .find(|s| s.item != first_after.item && target(s))
                        .filter(|_| between_them);
                    roles.actor2 = opponent
                        .or_else(|| {
                            after.iter().find(|s| s.item != first_after.item).filter(|s| {
                                let linked =
                                    subject_linked(words, first_after.end, s.first, |_| false)
                                        || s.and_clitic && s.first == first_after.end;
                                between_them || two_sided || !linked
                            })
                        })
                        .map(|s| s.item);
                }
            }
        }
        // A movement has a target only where it heads for one: its object ("stormed the army's
        // defenses", "entered IS-held Raqqa", "the invasion of Iraq") or an actor after
        // "against", "on", "towards", "into" ("advanced against IS", "a push towards ISIL's
        // stronghold"). An actor merely named after it is not one: in "the FSA entered the
        // province from the south and the SDF approached the city" the SDF moves too.
        if trigger.movement
            && !input.tokens[first].arabic
            && let Some(a2) = roles.actor2
            && !actors.iter().any(|s| {
                // ("the invasion of Iraq": a noun's object follows "of".)
                let object = (end..s.first).all(|i| {
                    matches!(word(i), "the" | "a" | "an")
                        || trigger.pos == "noun" && i == end && word(i) == "of"
                });
                let headed = (s.first.saturating_sub(3).max(first)..s.first).any(|i| {
                    matches!(word(i), "against" | "on" | "toward" | "towards" | "into" | "upon")
                });
                s.item == a2 && s.first >= end && (object || headed)
            })
        {
            roles.actor2 = None;
        }
        // Partners joined to actor 1: "X and Y", "in cooperation with Y", "with the help of Y".
        if let Some(a1) = roles.actor1 {
            for s in in_range(sentence_start, clause_end) {
                if s.item == a1 || Some(s.item) == roles.actor2 || roles.assoc.contains(&s.item) {
                    continue;
                }
                let prev = if s.first > 0 { word(s.first - 1) } else { "" };
                let joined = matches!(prev, "and" | "with" | "alongside")
                    && actors
                        .iter()
                        .any(|o| o.item == a1 && (o.end + 1 == s.first || o.end + 2 == s.first))
                    || s.and_clitic && actors.iter().any(|o| o.item == a1 && o.end == s.first)
                    || actors
                        .iter()
                        .any(|o| o.item == a1 && subject_linked(words, o.end, s.first, |_| false))
                    || prev == "with"
                        && s.first >= 2
                        && matches!(
                            word(s.first - 2),
                            "cooperation" | "coordination" | "help" | "participation" | "together"
                        )
                    || with_participation(words, s.first);
                if joined && !reporter(s) {
                    roles.assoc.push(s.item);
                }
            }
            // "with the participation of (both) X and Y", "بمشاركة X و Y": the partners act
            // together, so they also cooperate.
            if !roles.assoc.is_empty()
                && let Some(s) = actors.iter().find(|o| o.item == a1 && o.first >= sentence_start)
            {
                let mut p = s.first;
                while p > sentence_start && matches!(word(p - 1), "the" | "both") {
                    p -= 1;
                }
                let before = |k: usize| p.checked_sub(k).filter(|&i| i >= sentence_start).map(word);
                roles.joint = before(1) == Some("of") && before(2) == Some("participation")
                    || before(1).is_some_and(|w| w == *WITH_PARTICIPATION);
            }
        }
        roles
    }
}

/// Whether the words before token `i` are "with (the) participation of": the one named there
/// takes part in the act ("lifted the siege with the participation of Hezbollah"), unlike
/// "rejected the participation of Turkey".
fn with_participation(words: &Words<'_>, i: usize) -> bool {
    let word = |k: usize| i.checked_sub(k).map_or("", |j| words.keys[j]);
    word(1) == "of"
        && word(2) == "participation"
        && (word(3) == "with" || word(3) == "the" && word(4) == "with")
}

/// Nouns of armed force after a country's name that make the name a modifier: whose forces,
/// not where they were.
const MODIFIED_NOUNS: &[&str] = &[
    "embassy",
    "embassies",
    "consulate",
    "consulates",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "forces",
    "troops",
    "soldier",
    "soldiers",
    "special",
    "military",
    "army",
    "officials",
    "official",
    "drone",
    "drones",
    "warplanes",
    "warplane",
    "aircraft",
    "jets",
    "planes",
    "plane",
    "helicopters",
    "helicopter",
    "bombers",
    "warships",
    "warship",
    "navy",
    "marines",
    "airstrike",
    "airstrikes",
    "coalition",
    "advisers",
    "advisors",
    "personnel",
];

/// Prepositions before an event's place, and the role they give it.
fn place_role(prep: &str, movement: bool) -> Option<&'static str> {
    Some(match prep {
        "from" => "origin",
        "to" | "towards" | "toward" | "into" => "destination",
        "on" | "against" if movement => "destination",
        // "against" names a target, not where it happened.
        "against" => return None,
        "in" | "near" | "at" | "on" | "around" | "outside" | "of" | "across" | "inside"
        | "within" | "over" | "off" | "along" | "through" | "throughout" => "location",
        // Arabic, keyed (alef maqsura as ya, ta marbuta as ha): في (in), إلى (to), من
        // (from), نحو (towards), على (on), قبالة (off), عن (off: "فك الحصار عن مدينة دير
        // الزور", lifting the siege off the city).
        "في" | "بالقرب" | "قرب" | "داخل" | "علي" | "قباله" | "عن" => {
            "location"
        }
        "الي" | "نحو" | "باتجاه" => "destination",
        "من" => "origin",
        _ => return None,
    })
}

#[allow(clippy::too_many_arguments)]
fn find_places(
    input: &Input<'_>,
    words: &Words<'_>,
    breaks: &[bool],
    places: &[Span],
    sentence: std::ops::Range<usize>,
    first: usize,
    end: usize,
    trigger: &Trigger,
) -> Vec<EventPlace> {
    let word = |i: usize| words.keys[i];
    let make = |s: &Span, role: &'static str| event_place(input, s, role);
    // The trigger's clause: from the last clause break before it to the first after it.
    let breaks = |i: usize| breaks[i];
    let clause_start =
        (sentence.start + 1..=first).rev().find(|&i| breaks(i)).unwrap_or(sentence.start);
    let clause_end = (end + 1..sentence.end).find(|&i| breaks(i)).unwrap_or(sentence.end);
    // A place after "north of", "110 kilometres east of" is a reference point, not where the
    // event happened: "in Amara, south of Baghdad".
    // So is a country after "the border with": "near the border with Iraq in eastern Deir
    // ez-Zor" was in Deir ez-Zor. And the place an apposition puts another in: "Hawija, one of
    // the last towns in northern Iraq" (a place, a comma, then at most eight words opening with
    // an article, "one" or "once", with no verb of an event, a noun for a settlement, and "in"
    // before the second; not a list, "Bara, Ehsem and Marayan villages in Idlib", "the city of
    // Dayr Hafir, the towns of Tadef and ...").
    let appositive = |s: &Span| {
        let Some(p) = places.iter().rev().find(|p| p.end < s.first) else { return false };
        let between = p.end..s.first;
        between.len() <= 8
            && comma_before(input, p.end)
            && matches!(word(p.end), "one" | "a" | "an" | "the" | "once" | "now" | "then")
            && !between.clone().skip(1).any(breaks)
            && !between.clone().any(|i| {
                words.is(i, list::TRIGGER_START)
                    && Lexicon::embedded().match_at(&words.keys, i).is_some()
            })
            && between.clone().any(|i| {
                matches!(word(i), "town" | "towns" | "city" | "cities" | "village" | "villages")
            })
            && (p.end..s.first)
                .rev()
                .find(|&i| !words.is(i, list::COMPASS_ADJECTIVE))
                .is_some_and(|i| word(i) == "in")
    };
    // So is the place a distance is measured from: "now about 20 km from Khan Shaykhun".
    let distance_from = |s: &Span| {
        s.first >= 2
            && word(s.first - 1) == "from"
            && matches!(
                word(s.first - 2),
                "km" | "kilometres" | "kilometers" | "miles" | "mi" | "metres" | "meters"
            )
    };
    // The countries of "the border with Turkey", "the borders with Turkey and Iran": the list
    // is walked back to its "with".
    let across_border = |s: &Span| {
        let mut s = s;
        loop {
            if input.places[s.item].kind != PlaceKind::Country || s.first < 2 {
                return false;
            }
            if word(s.first - 1) == "with" {
                return matches!(word(s.first - 2), "border" | "borders" | "frontier");
            }
            let joined = matches!(word(s.first - 1), "and" | "or") || comma_before(input, s.first);
            let gap = usize::from(matches!(word(s.first - 1), "and" | "or"));
            match places.iter().find(|p| p.end + gap == s.first) {
                Some(p) if joined => s = p,
                _ => return false,
            }
        }
    };
    // So is what a place is said to lie on, along or by, after a comma: "gathered in Hit, on
    // the Euphrates".
    let lies_on = |s: &Span| {
        let on = s.first.saturating_sub(1 + usize::from(s.first > 0 && word(s.first - 1) == "the"));
        on > 0
            && matches!(word(on), "on" | "along" | "by")
            && comma_before(input, on)
            && places.iter().any(|p| p.end == on)
    };
    let reference_point = |s: &Span| {
        distance_from(s)
            || lies_on(s)
            || s.first >= 2 && word(s.first - 1) == "of" && words.is(s.first - 2, list::COMPASS)
            || across_border(s)
            || appositive(s)
    };
    // A country named as a modifier ("near a U.S. patrol", "a U.S. Special Forces soldier")
    // says whose the patrol is, not where it was.
    // So do the countries an institution belongs to: "outside the embassies of the United
    // States, Britain and Spain in La Paz".
    let country = |s: &Span| input.places[s.item].kind == PlaceKind::Country;
    let owners_of_institution: Vec<(usize, usize)> = {
        let mut owners: Vec<(usize, usize)> = Vec::new();
        for s in places.iter().filter(|s| s.first >= sentence.start && s.end <= sentence.end) {
            let of = (s.first.saturating_sub(2)..s.first).rev().find(|&i| word(i) != "the");
            let institution = of.is_some_and(|i| {
                word(i) == "of"
                    && i > 0
                    && matches!(
                        word(i - 1),
                        "embassy"
                            | "embassies"
                            | "consulate"
                            | "consulates"
                            | "ambassador"
                            | "government"
                            | "president"
                            | "citizens"
                            | "nationals"
                    )
            });
            let listed = owners.last().is_some_and(|&(_, e)| {
                s.first >= e
                    && s.first - e <= 1
                    && (e..s.first).all(|i| matches!(word(i), "and" | "or"))
                    && (s.first > e || comma_before(input, s.first))
            });
            if country(s) && (institution || listed) {
                owners.push((s.first, s.end));
            }
        }
        owners
    };
    // Also a country before another people's adjective and such a noun: "U.S. and Iraqi
    // troops".
    let modifier = |s: &Span| {
        country(s)
            && (s.end < sentence.end && words.is(s.end, list::MODIFIED_NOUN)
                || s.end + 2 < sentence.end
                    && word(s.end) == "and"
                    && input.tokens[s.end + 1].cap
                    && words.is(s.end + 2, list::MODIFIED_NOUN)
                || owners_of_institution.contains(&(s.first, s.end)))
    };
    let all: Vec<&Span> = places
        .iter()
        .filter(|s| s.first >= sentence.start && s.end <= sentence.end && !modifier(s))
        .collect();
    // A place in the possessive says whose something is ("Iraq's security forces",
    // "Indonesia's gas industry"): another place of the sentence is where the event was.
    // Unless what follows is a part of it: "Manbij's northern outskirts", "Iraq's northern
    // city of Mosul".
    let possessive = |s: &Span| {
        let rest = &input.text[input.tokens[s.end - 1].end..];
        rest.starts_with("'s") || rest.starts_with("\u{2019}s")
    };
    let owner = |s: &Span| {
        possessive(s)
            && !(s.end..(s.end + 5).min(sentence.end))
                .take_while(|&i| !breaks(i))
                .any(|i| words.is(i, list::PLACE_PART))
    };
    // So does a place naming an official's office: "Diyala provincial councillor Ahmed
    // al-Harbi", "Ninawa Provincial Governor Duraid Kashmula".
    // (Not "the Deir ez-Zor provincial capital", which is the place.)
    let owner = |s: &Span| {
        owner(s)
            || s.end < sentence.end
                && matches!(word(s.end), "provincial" | "governor" | "councillor" | "councilman")
                && !(s.end + 1 < sentence.end && word(s.end + 1) == "capital")
    };
    let all: Vec<&Span> = if all.iter().any(|s| !owner(s)) {
        all.into_iter().filter(|s| !owner(s)).collect()
    } else {
        all
    };
    // (A river is no better than a reference point: "west of Maadan alongside the western bank
    // of the Euphrates" was by Maadan.)
    let river = |s: &Span| input.places[s.item].is_river();
    let in_sentence: Vec<&Span> = if all.iter().any(|s| !reference_point(s) && !river(s)) {
        all.into_iter().filter(|s| !reference_point(s)).collect()
    } else {
        all
    };
    // How much ground a place covers, coarsely. A place the gazetteer lacks, put inside a
    // known one ("Albuhrat neighbourhood near Fallujah"), is the narrower of the two.
    let breadth = |s: &Span| {
        let place = &input.places[s.item];
        match place.kind {
            _ if place.within.is_some() => 0,
            PlaceKind::Country => 3,
            PlaceKind::Admin1 | PlaceKind::Region => 2,
            PlaceKind::Admin2 => 1,
            _ => 0,
        }
    };
    // Of two places joined by "district of", "neighbourhood of", "area of", one is a quarter of
    // the other when the gazetteer has it as an area within a few kilometres of the other's
    // point, a town's (or the district's it is the seat of): narrower than the town whatever
    // their kinds say. The quarter comes first ("the Zafaraniyah district of southern
    // Baghdad", "the Dar'a al-Balad area of Dar'a city") or, after a word for a quarter, second
    // ("the south Baghdad neighbourhood of Zafaraniya", "the Homs neighbourhood of Baba Amr"),
    // not after "area" ("the Duma area of the Eastern Ghouta", whose point lies by Duma's, is
    // Duma). `quarter_of(a, b)`: whether `a` is such a quarter of `b`.
    let quarter_of = |a: &Span, b: &Span| {
        let a_first = a.first < b.first;
        let (first, second) = if a_first { (a, b) } else { (b, a) };
        let quarter_noun = (first.end + 1..second.first).any(|i| {
            word(i) == "of"
                && match word(i - 1) {
                    "district" | "neighbourhood" | "neighborhood" | "quarter" | "suburb" => true,
                    "area" => a_first,
                    _ => false,
                }
        });
        let (a, b) = (&input.places[a.item], &input.places[b.item]);
        quarter_noun
            && a.kind == PlaceKind::Region
            && (b.kind.is_populated() || b.kind == PlaceKind::Admin2)
            && a.within.is_none()
            && crate::gazetteer::distance_km(a.lat, a.lon, b.lat, b.lon) <= QUARTER_KM
    };
    // "the Belarus capital Minsk", "Syria's Raqqa": the more specific of two places written
    // together.
    let specific = |k: usize| -> usize {
        // After a possessive the next place is inside the first, whatever their kinds
        // ("Baghdad's southern district of Saiydiah"). Up to four words between ("Iraq's
        // northern city of Mosul"), five after the possessive's "s" ("Iraq's main southern
        // city of Basra"). Not "X in Y": X lies inside Y whatever their kinds ("Sadr
        // City in eastern Baghdad", a district filed as an area).
        let (place, owned) = (in_sentence[k], possessive(in_sentence[k]));
        match in_sentence.get(k + 1) {
            Some(n)
                if (breadth(n) < breadth(place) && !quarter_of(place, n)
                    || quarter_of(n, place)
                    || owned)
                    && n.first <= place.end + 4 + usize::from(owned)
                    && !(place.end..n.first)
                        .any(|i| breaks(i) || matches!(word(i), "in" | "inside" | "near")) =>
            {
                k + 1
            }
            _ => k,
        }
    };
    // A chain of places each put in or near the next is where its first and narrowest place
    // is: "the village of Jdeideh near Jenin in the north of the West Bank", "Florencia,
    // capital of the state of Caqueta". So is a pair joined by "and", read by its first: "the
    // cities of Basra and Nasiriyah". `k` is the chain's last place; returns its first.
    let chain_head = |mut k: usize| -> usize {
        while k > 0 {
            let (prev, cur) = (in_sentence[k - 1], in_sentence[k]);
            let joined = prev.end <= cur.first
                && cur.first - prev.end <= 6
                && !(prev.end + 1..=cur.first).any(breaks)
                && (prev.end..cur.first)
                    .all(|i| words.is(i, list::CHAIN) || crate::gazetteer::direction(word(i)));
            if !joined || breadth(prev) > breadth(cur) {
                break;
            }
            k -= 1;
        }
        k
    };
    // "of" after a place noun ("to the city of X") gives no role; the word before does.
    let place_noun = |i: usize| i > 0 && words.is(i - 1, list::PLACE_NOUN) && word(i) == "of";
    let mut out: Vec<EventPlace> = Vec::new();
    // The end of the last place given a role, and the role.
    let mut last: Option<(usize, &'static str)> = None;
    let mut k = 0;
    while k < in_sentence.len() {
        let s = in_sentence[k];
        if s.first < end || s.end > clause_end {
            k += 1;
            continue;
        }
        // A preposition within five words before the place ("in the southern countryside of
        // X"), or the verb's object ("captured Kabul", "captured the Golan", "shelled the
        // village of X").
        let object = trigger.pos == "verb"
            && s.first <= end + 4
            && (end..s.first).all(|i| {
                matches!(word(i), "the" | "central")
                    || words.is(i, list::COMPASS_ADJECTIVE)
                    || place_noun(i + 1)
                    || (i > end && place_noun(i))
            });
        // "targeting the strategic Tariq Al-Bab area", "targeting the jihadist-controlled
        // Handarat Refugee Camp": the object with words describing it.
        // Not a country ("seizing the strategic Palestine Bridge") nor a place naming where
        // the object is ("the key Latakia town of Kabbani").
        let object = object
            || trigger.pos == "verb"
                && s.first <= end + 6
                && end < s.first
                && word(end) == "the"
                && (end + 1..s.first).all(|i| describes_place(input, words, i))
                && input.places[s.item].kind != PlaceKind::Country
                && !(s.end + 1 < sentence.end
                    && words.is(s.end, list::PLACE_NOUN)
                    && word(s.end + 1) == "of");
        // "targeting the key town of Kabbani", "captured the strategic city of X": the object
        // with a word or two describing its place noun.
        let object = object
            || trigger.pos == "verb"
                && s.first >= end + 3
                && s.first <= end + 6
                && place_noun(s.first - 1)
                && matches!(word(end), "the" | "a")
                && !(end..s.first).any(&breaks);
        // A place listed after one that has its role shares it: "shelled Saraqib and Maarat
        // al-Numan", "in Hama, Idlib and Latakia". Not the second end of "between Raqqa and
        // Deir ez-Zor", which says where the act was, not a second place of it.
        let listed = last.filter(|&(previous_end, _)| {
            // Joined by "and"/"or", or by a comma inside a list that goes on ("Hama, Idlib
            // and Latakia"): a comma alone puts a place in the next ("Afrin, Aleppo").
            let joined = |a: usize, b: usize| {
                b >= a
                    && b - a <= 2
                    && (a..b).all(|i| matches!(word(i), "and" | "or"))
                    && (b > a || comma_before(input, b))
            };
            let goes_on = || in_sentence.get(k + 1).is_some_and(|n| joined(s.end, n.first));
            joined(previous_end, s.first) && (s.first > previous_end || goes_on())
        });
        // A place after another act's noun is that act's: in "protested against a possible
        // war on Iraq at a park in Tokyo" Iraq is where the war would be, not the protest.
        let nested = |i: usize| {
            i > end
                && matches!(
                    word(i - 1),
                    "war" | "wars" | "invasion" | "occupation" | "sanctions" | "embargo"
                )
        };
        // So is a place after another act's noun and "of": in "demonstrated in front of the
        // province's building, demanding an investigation into the fall of Mosul" Mosul is
        // where the fall was, and "into" is no role of it.
        let of_act = s.first >= end + 2
            && word(s.first - 1) == "of"
            && matches!(word(s.first - 2), "fall" | "war" | "invasion" | "occupation");
        // The nearest preposition decides: one that gives no role ("on charges of cooperating
        // with Israel", "supplied by the United States") leaves the place none.
        let role = (s.first.saturating_sub(7).max(first)..s.first)
            .rev()
            .filter(|&i| !place_noun(i))
            .map(|i| (i, place_role(word(i), trigger.movement)))
            .find(|&(i, r)| r.is_some() || matches!(word(i), "with" | "by" | "for" | "against"))
            .and_then(|(i, r)| r.map(|r| (i, r)))
            .filter(|&(i, _)| !nested(i) && !of_act)
            .map(|(_, r)| r)
            .or(object.then_some(if trigger.movement { "destination" } else { "location" }));
        let role = listed.map(|(_, r)| r).or(role);
        // A place a distance is measured from, kept because the sentence names no other, is
        // near where the act was, not where it set out from.
        let role = if distance_from(s) { role.map(|_| "location") } else { role };
        let between = (s.first.saturating_sub(2)..s.first).any(|i| word(i) == "between");
        let Some(role) = role else {
            k += 1;
            continue;
        };
        let chosen = specific(k);
        let c = in_sentence[chosen];
        if !out.iter().any(|p| p.id == input.places[c.item].id) {
            out.push(make(c, role));
        }
        last = (!between).then_some((c.end, role));
        k = chosen + 1;
    }
    if out.is_empty() {
        // The nearest place before the trigger in its clause ("In Samarra, a merchant was
        // killed"), else in the sentence, else the nearest after it. The nearest after a
        // preposition of place in the clause first, then the place a sentence opens on, which
        // sets the scene for all of it: in "Also in Mosul, a former official of the party
        // which ruled Iraq was killed" Iraq is what the party ruled. (Not a road or river it
        // opens on: "Meanwhile, along the Aleppo-Latakia Highway, ... continued their
        // assault".)
        // (Fewer prepositions than `place_role` reads after a trigger: "on" and "of" before
        // the trigger head dates and owners as often: "On 3 April, the U.S. asked".)
        let locative = |s: &Span| {
            s.in_clitic
                || (s.first.saturating_sub(3).max(sentence.start)..s.first)
                    .rev()
                    .filter(|&i| !place_noun(i))
                    .find(|&i| !matches!(word(i), "the") && !words.is(i, list::COMPASS_ADJECTIVE))
                    .is_some_and(|i| {
                        matches!(
                            word(i),
                            "in" | "near"
                                | "at"
                                | "outside"
                                | "inside"
                                | "around"
                                | "في"
                                | "قرب"
                                | "بالقرب"
                                | "داخل"
                        )
                    })
        };
        let in_clause = in_sentence
            .iter()
            .rposition(|s| s.end <= first && s.first >= clause_start && locative(s));
        let opening = in_sentence.iter().position(|s| {
            let place = &input.places[s.item];
            s.first > sentence.start
                && s.first <= sentence.start + 3
                && s.end < first
                && (sentence.start..s.first).any(|i| place_role(word(i), false) == Some("location"))
                && comma_before(input, s.end)
                && place.kind != PlaceKind::Road
                && !place.is_water()
        });
        let before =
            |from: usize| in_sentence.iter().rposition(|s| s.end <= first && s.first >= from);
        let after = in_sentence.iter().position(|s| s.first >= end);
        let before = in_clause
            .or(opening)
            .or_else(|| before(clause_start))
            .or_else(|| before(sentence.start))
            .map(chain_head);
        if let Some(k) = before.or(after) {
            out.push(make(in_sentence[specific(k)], "location"));
        }
    }
    // Inside "X, where ...", a country the clause names is X's: "aerial raids on IS in the
    // city of al-BoKamal, where the Prime Minister orders air strikes on IS sites in Syria"
    // were in al-BoKamal.
    let country_of = |id: &str| {
        input.places.iter().find(|p| p.id == id && p.kind == PlaceKind::Country).map(|p| &p.country)
    };
    if let Some(main) = out.first()
        && let Some(country) = country_of(&main.id)
        && let Some(w) = (sentence.start + 1..first).rev().find(|&i| word(i) == "where")
        && let Some(x) = in_sentence.iter().rev().find(|s| s.end == w)
        && input.places[x.item].kind != PlaceKind::Country
        && &input.places[x.item].country == country
        && comma_before(input, w)
    {
        out[0] = make(x, main.role);
    }
    out
}

/// The words that say an act: its trigger, with the verb that carries a noun trigger before
/// or after it ("launched a new assault", "began an offensive", "the battle began", "clashes
/// continued"), as annotators of event text mark the verb.
fn light_verb_span(
    input: &Input<'_>,
    words: &Words<'_>,
    in_name: &[bool],
    triggers: &[(usize, usize, usize)],
    sentence: std::ops::Range<usize>,
    first: usize,
    end: usize,
) -> (usize, usize) {
    const BEFORE: &[&str] = &[
        "launched",
        "launch",
        "launches",
        "launching",
        "began",
        "begin",
        "begins",
        "begun",
        "started",
        "start",
        "starts",
        "starting",
        "continued",
        "continue",
        "continues",
        "continuing",
        "renewed",
        "renew",
        "resumed",
        "resume",
        "resumes",
        "mounted",
        "mount",
        "staged",
        "waged",
        "wage",
        "wages",
        "waging",
        "conducted",
        "conduct",
        "conducts",
        "intensified",
        "escalated",
        "initiated",
    ];
    const PARTICLE: &[(&str, &str)] = &[
        ("carried", "out"),
        ("carry", "out"),
        ("carries", "out"),
        ("carrying", "out"),
        ("stepped", "up"),
    ];
    const AFTER: &[&str] = &[
        "began",
        "begun",
        "started",
        "continued",
        "continues",
        "resumed",
        "escalated",
        "intensified",
        "erupted",
        "raged",
        "occurred",
    ];
    // Between the verb and its noun, the noun's modifiers and a time ("launched this morning
    // an intense attack"): up to five words, no name, no comma, and no word that opens a
    // phrase or clause of its own.
    const OPENERS: &[&str] = &[
        "on", "in", "at", "from", "to", "against", "by", "with", "of", "for", "and", "or", "that",
        "which", "who", "after", "before", "as", "while", "when", "near", "upon", "if", "they",
        "it", "he", "she", "we", "than",
    ];
    let keys = &words.keys;
    // Only spaces or a hyphen between two words: no comma or bracket.
    let plain = |k: usize| {
        input.text[input.tokens[k - 1].end..input.tokens[k].start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    };
    let other_trigger = |k: usize| triggers.iter().any(|&(a, b, _)| a <= k && k < b);
    let mut start = first;
    let mut k = first;
    while k > sentence.start
        && first - k <= 5
        && !in_name[k - 1]
        && plain(k)
        && !other_trigger(k - 1)
    {
        let w = keys[k - 1];
        if BEFORE.contains(&w) {
            start = k - 1;
            break;
        }
        if k >= sentence.start + 2 && PARTICLE.contains(&(keys[k - 2], w)) {
            start = k - 2;
            break;
        }
        if OPENERS.contains(&w) {
            break;
        }
        k -= 1;
    }
    let mut stop = end;
    let mut k = end;
    while k < sentence.end && k < end + 3 && !in_name[k] && plain(k) && !other_trigger(k) {
        let w = keys[k];
        if AFTER.contains(&w) {
            stop = k + 1;
            break;
        }
        if !matches!(w, "has" | "had" | "have" | "was" | "were" | "also" | "then") {
            break;
        }
        k += 1;
    }
    (start, stop)
}

/// Whether word `k` ends a holder's compound, joined by a hyphen to the word before:
/// "controlled" in "regime-controlled", "held" in "IS-held".
fn holding_compound(input: &Input<'_>, words: &Words<'_>, k: usize) -> bool {
    k > 0
        && k < words.keys.len()
        && matches!(
            words.keys[k],
            "held" | "controlled" | "occupied" | "besieged" | "run" | "dominated"
        )
        && input.text[input.tokens[k - 1].end..input.tokens[k].start] == *"-"
}

/// Whether word `i` describes the place after it: "strategic", "key", or either half of a
/// holder's compound ("jihadist-controlled", "rebel-held").
fn describes_place(input: &Input<'_>, words: &Words<'_>, i: usize) -> bool {
    matches!(
        words.keys[i],
        "strategic" | "key" | "important" | "vital" | "besieged" | "nearby" | "main"
    ) || words.is(i, list::COMPASS_ADJECTIVE)
        || holding_compound(input, words, i)
        || holding_compound(input, words, i + 1)
}

/// Nouns of a kind of place: "the city of X".
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "district",
    "governorate",
    "region",
    "area",
    "neighbourhood",
    "neighborhood",
    "countryside",
    "suburb",
    "suburbs",
    "camp",
    "capital",
];

/// Words that join the places of a chain, each in or near the next (with compass words):
/// "X near Y in the north of Z", "X, capital of the state of Y", "X and the nearby town of Y".
const CHAIN_WORDS: &[&str] = &[
    "in",
    "near",
    "outside",
    "of",
    "and",
    "the",
    "a",
    "nearby",
    "capital",
    "state",
    "province",
    "governorate",
    "district",
    "region",
    "area",
    "countryside",
    "outskirts",
    "city",
    "town",
    "village",
    "neighbourhood",
    "neighborhood",
    "suburbs",
    "part",
];

/// Nouns for a part of a place, after its possessive: "Fallujah's western outskirts".
const PLACE_PARTS: &[&str] = &[
    "outskirts",
    "suburbs",
    "suburb",
    "countryside",
    "center",
    "centre",
    "border",
    "borders",
    "frontier",
    "district",
    "districts",
    "neighbourhood",
    "neighbourhoods",
    "neighborhood",
    "neighborhoods",
    "quarter",
    "city",
    "town",
    "village",
    "villages",
    "province",
    "area",
    "areas",
    "old",
    "streets",
    "edge",
    "environs",
    "gates",
    "side",
];

/// Auxiliary and linking verbs: the first after a noun trigger is usually its own verb.
const AUXILIARIES: &[&str] = &[
    "would", "will", "is", "are", "was", "were", "has", "have", "had", "be", "been", "can",
    "could", "may", "might", "did", "does", "do",
];

/// The two sides of an agreement or a meeting, named as such: "the parties reached an
/// agreement", "both sides", "اتفق الطرفان".
const BOTH_SIDES: &[&str] = &["parties", "sides", "الطرفان", "الطرفين", "الجانبان", "الجانبين"];

/// What a force's seat is made of: moved away from a place, it withdraws from there. Arabic
/// with the possessive written on ("مكاتبه", its offices).
const SEATS: &[&str] = &[
    "headquarters",
    "offices",
    "capital",
    "families",
    "leadership",
    "leaders",
    "مكاتبه",
    "مكاتبها",
    "مقاره",
    "مقارها",
    "مقراته",
    "مقراتها",
    "مقره",
    "مقرها",
    "عائلاتهم",
    "عوائلهم",
    "عاصمته",
    "عاصمتها",
    "قياداته",
    "قياداتها",
];

/// Arabic verbs with the future's "س" that say an event will take place: "المعركة ...
/// ستتركز قبالة البوكمال" (the battle will be concentrated off al-BoKamal), "ستبدأ العملية".
/// (A prefix test would take "سيارة", car, and "سيطرة", control, for verbs.)
const ARABIC_FUTURE_VERBS: &[&str] = &[
    "ستبدأ",
    "سيبدأ",
    "ستنطلق",
    "سينطلق",
    "ستتركز",
    "سيتركز",
    "ستنتقل",
    "سينتقل",
    "ستكون",
    "سيكون",
    "سيتم",
    "ستتم",
    "ستستمر",
    "سيستمر",
    "ستشن",
    "سيشن",
    "ستشهد",
    "سيشهد",
];

/// Whether a place mention names a settlement: a city, town or village.
fn is_town(input: &Input<'_>, place: &Span) -> bool {
    matches!(input.places[place.item].kind.as_str(), "city" | "town" | "village")
}

/// The town named most often before token `before` (the latest of equals): the one "the city"
/// refers to.
fn topic_town<'s>(input: &Input<'_>, places: &'s [Span], before: usize) -> Option<&'s Span> {
    // (`places` are in order of their first token: only those starting before are read.)
    let upto = places.partition_point(|p| p.first < before);
    let towns: Vec<&Span> =
        places[..upto].iter().filter(|p| p.end <= before && is_town(input, p)).collect();
    let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
    for p in &towns {
        *counts.entry(p.item).or_default() += 1;
    }
    towns.into_iter().max_by_key(|p| counts[&p.item])
}

/// Whether the words between a movement trigger and the place it leaves name what makes up a
/// seat ("to transfer many of its offices, headquarters and militants from Raqqa", "نقل ...
/// مكاتبه ومقاره من الرقة"), with no more than twelve words between.
fn relocates_seat(input: &Input<'_>, words: &Words<'_>, end: usize, places: &[EventPlace]) -> bool {
    let Some(origin) = places.iter().find(|p| p.role == "origin") else { return false };
    let to = input.tokens.partition_point(|t| t.cend <= origin.start);
    to > end
        && to - end <= 12
        // ("ومقاره", and its headquarters: the word lists read an Arabic word without its "و".)
        && (end..to).any(|i| words.is(i, list::SEAT))
}

/// Verbs that say an event takes place, after "will" or "would".
const HAPPENING_VERBS: &[&str] =
    &["be", "begin", "start", "continue", "resume", "take", "commence", "proceed", "go"];

/// Arabic compass words; with [`crate::gazetteer::COMPASS`], the words before "of" that make
/// the following place a reference point.
const ARABIC_COMPASS: &[&str] = &["شمال", "جنوب", "شرق", "غرب"];

/// A dated time mention: start, end, interval, and its rank in the order of the time
/// expressions (ties between equally near mentions go by that order).
type DatedMention = (usize, usize, Interval, usize);

/// Every dated time mention of a document, by start: computed once, searched per trigger.
fn dated_mentions(input: &Input<'_>) -> Vec<DatedMention> {
    let mut mentions: Vec<DatedMention> = input
        .times
        .iter()
        .filter_map(|t| {
            let interval = Interval::new(t.start?, t.end?, t.precision?);
            Some(t.mentions.iter().map(move |m| (m.start, m.end, interval)))
        })
        .flatten()
        .enumerate()
        .map(|(rank, (a, b, i))| (a, b, i, rank))
        .collect();
    mentions.sort_by_key(|m| m.0);
    mentions
}

/// The date of the event at tokens `first..end` of sentence `s`: the time expression of its
/// own clause (the nearest), else the last one before it in the sentence, else, when the
/// sentence's expressions all lie in later clauses ("counter-attacks by IS, ... where its
/// commander a few days ago said"), the last one before the sentence in its paragraph or the
/// week up to publication; else the sentence's date.
/// `mentions` are the document's [`dated_mentions`].
fn event_date(
    input: &Input<'_>,
    words: &Words<'_>,
    breaks: &[bool],
    mentions: &[DatedMention],
    s: usize,
    first: usize,
    end: usize,
) -> Option<Interval> {
    let tokens = input.tokens;
    let sentence = &input.sentences[s];
    let (sa, sb) = (tokens[sentence.tokens.start].cstart, tokens[sentence.tokens.end - 1].cend);
    let clause_start = (sentence.tokens.start + 1..=first)
        .rev()
        .find(|&i| breaks[i])
        .unwrap_or(sentence.tokens.start);
    let clause_end =
        (end + 1..sentence.tokens.end).find(|&i| breaks[i]).unwrap_or(sentence.tokens.end);
    let (ca, cb) = (tokens[clause_start].cstart, tokens[clause_end - 1].cend);
    let (ta, tb) = (tokens[first].cstart, tokens[end - 1].cend);
    let starting_from = |c: usize| mentions.partition_point(|m| m.0 < c);
    let in_sentence: Vec<&DatedMention> =
        mentions[starting_from(sa)..starting_from(sb)].iter().filter(|m| m.1 <= sb).collect();
    if in_sentence.is_empty() {
        return input.dates.get(s).and_then(|d| d.date);
    }
    let distance = |m: &DatedMention| if m.1 <= ta { ta - m.1 } else { m.0.saturating_sub(tb) };
    // "The column that reached the city last week had set out from Palmyra late last month": a
    // time right before the auxiliary of the trigger ends the clause about the subject, when
    // the trigger has a time of its own after it.
    let auxiliary =
        first >= 2 && matches!(words.keys[first - 1], "had" | "has" | "have" | "was" | "were");
    // A time after the trigger that a participle gives to a later noun dates that noun: in
    // "other units gathered in Hit ahead of an operation expected next month" the operation
    // is next month, not the gathering.
    let dates_other = |m: &DatedMention| {
        m.0 >= tb && {
            let k = tokens.partition_point(|t| t.cend <= m.0);
            // (Not when the participle follows the trigger itself: "an attack expected the
            // next day".)
            k > end + 1 && matches!(words.keys[k - 1], "expected" | "scheduled" | "planned" | "due")
        }
    };
    let in_clause = |m: &&&DatedMention| m.0 >= ca && m.1 <= cb && !dates_other(m);
    let after_trigger = in_sentence.iter().filter(in_clause).any(|m| m.0 >= tb);
    let subjects_time =
        |m: &DatedMention| auxiliary && after_trigger && m.1 <= ta && m.1 >= tokens[first - 2].cend;
    if let Some(m) = in_sentence
        .iter()
        .filter(in_clause)
        .filter(|m| !subjects_time(m))
        .min_by_key(|m| (distance(m), m.3))
    {
        // (In the trigger's clause "after" may be further from it: "two days after a Russian
        // Su-25 was shot down".)
        return Some(before_by(input, words, m, first, 8).unwrap_or(m.2));
    }
    if let Some(m) = in_sentence.iter().filter(|m| m.1 <= ta).max_by_key(|m| (m.0, m.3)) {
        return Some(before_by(input, words, m, first, 3).unwrap_or(m.2));
    }
    // Every expression of the sentence belongs to a later clause.
    let paragraph_start = input.sentences[..s]
        .iter()
        .rev()
        .take_while(|x| x.paragraph == sentence.paragraph)
        .last()
        .map_or(sa, |x| tokens[x.tokens.start].cstart);
    if let Some(m) = mentions[starting_from(paragraph_start)..starting_from(sa)]
        .iter()
        .filter(|m| m.1 <= sa)
        .max_by_key(|m| (m.0, m.3))
    {
        return Some(m.2);
    }
    let p = input.published?;
    Some(Interval::new(p.checked_sub(jiff::Span::new().days(6)).ok()?, p, Precision::Week))
}

/// The date of an act told after "a week after", "two days after" (its time mention `m`,
/// ending at most `reach` words before the trigger at token `first`): the mention's date is
/// the later act's ("advanced on Tuesday, a week after they broke through"), this one lies
/// that long before it.
fn before_by(
    input: &Input<'_>,
    words: &Words<'_>,
    m: &DatedMention,
    first: usize,
    reach: usize,
) -> Option<Interval> {
    use crate::time::lexicon::{Lex, Unit, classify};
    let tokens = input.tokens;
    let a = tokens.partition_point(|t| t.cstart < m.0);
    let b = tokens.partition_point(|t| t.cend <= m.1);
    if b < 3 || b > first || first - b > reach || b - 3 < a || words.keys[b - 1] != "after" {
        return None;
    }
    // The count and its unit, read by the time stage's own lexicon.
    let mut lex = Vec::with_capacity(2);
    classify(input.text, &tokens[b - 3..b - 1], &mut lex);
    let amount = match lex[0] {
        Lex::A | Lex::Number(1) => 1,
        Lex::Number(n @ 2..=60) => i64::from(n),
        _ => return None,
    };
    let span = match lex[1] {
        Lex::Unit(Unit::Day) | Lex::Units(Unit::Day) => jiff::Span::new().days(amount),
        Lex::Unit(Unit::Week) | Lex::Units(Unit::Week) => jiff::Span::new().weeks(amount),
        Lex::Unit(Unit::Month) | Lex::Units(Unit::Month) => jiff::Span::new().months(amount),
        _ => return None,
    };
    let i = m.2;
    Some(Interval::new(i.start.checked_sub(span).ok()?, i.end.checked_sub(span).ok()?, i.precision))
}

/// The main place of an event among its places: the destination of a movement, the place
/// given up in a retreat ("evacuated from Arbin to rebel-held areas in Idleb province": ACLED
/// codes the transfer where it happens), else the location, else the first. A river only where
/// the event has no other place: "killed while fleeing Raqqa by dinghy on the Euphrates" was at
/// Raqqa, which the river's one point stands far from. (A sea is where a ship was seized: "in
/// disputed waters of the Persian Gulf ... Iranians held in Iraq".)
fn main_place(
    places: &[EventPlace],
    movement: bool,
    retreat: bool,
    river: impl Fn(&EventPlace) -> bool,
) -> Option<EventPlace> {
    let pick = |dry: bool| {
        let by_role = |role: &str| places.iter().find(|p| p.role == role && (!dry || !river(p)));
        if movement { by_role("destination") } else { None }
            .or_else(|| if retreat { by_role("origin") } else { None })
            .or_else(|| by_role("location"))
            .or_else(|| places.iter().find(|p| !dry || !river(p)))
    };
    pick(true).or_else(|| pick(false)).cloned()
}

fn event_place(input: &Input<'_>, s: &Span, role: &'static str) -> EventPlace {
    let p = &input.places[s.item];
    EventPlace {
        id: p.id.clone(),
        name: p.name.clone(),
        role,
        lat: p.lat,
        lon: p.lon,
        start: input.tokens[s.first].cstart,
        end: input.tokens[s.end - 1].cend,
    }
}

/// The dateline opening sentence `s` ("ERBIL, Iraq, Sept. 21, 2017 (Reuters) - Iraqi forces
/// began ..."): its token range, from a word in capitals at the top of the text to the dash
/// that ends it, at most 20 words on.
fn dateline(input: &Input<'_>, s: &SentenceSpan) -> Option<(usize, usize)> {
    let tokens = input.tokens;
    let start = s.tokens.start;
    if s.paragraph > 2
        || !tokens.get(start)?.all_caps
        || tokens[start].end - tokens[start].start < 3
    {
        return None;
    }
    let end = (start + 1..s.tokens.end.min(start + 20)).find(|&i| {
        let gap = &input.text[tokens[i - 1].end..tokens[i].start];
        gap.contains(" - ") || gap.contains(" -- ") || gap.contains(['—', '–'])
    })?;
    (end < s.tokens.end).then_some((start, end))
}

/// Whether a comma stands between token `i - 1` and token `i`.
fn comma_before(input: &Input<'_>, i: usize) -> bool {
    input.text[input.tokens[i - 1].end..input.tokens[i].start].contains(',')
}

/// Whether a new clause starts at token `i`: after a semicolon or a dash, or at a conjunction
/// or relative word that follows a comma.
fn clause_break(input: &Input<'_>, words: &Words<'_>, i: usize) -> bool {
    if i == 0 || i >= input.tokens.len() {
        return false;
    }
    // Subordinating words open a clause of their own, comma or not: "IS intends to move its
    // capital because of the attack launched on the city" — the attack is not IS's.
    if words.is(i, list::SUBORDINATING) {
        return true;
    }
    // What a reporter says is a clause of its own: "a commander said on Wednesday that
    // Kurdish forces had reinforced their lines since last week" (the reinforcing is not of
    // Wednesday).
    if words.keys[i] == "that" && (i.saturating_sub(4)..i).any(|j| words.is(j, list::REPORTING)) {
        return true;
    }
    let gap = &input.text[input.tokens[i - 1].end..input.tokens[i].start];
    // Most words follow one space: no punctuation to search.
    if gap == " " {
        return false;
    }
    gap.contains([';', '—', '–'])
        || gap.contains(" - ")
        || gap.contains([',', '،']) && words.is(i, list::CLAUSE_AFTER_COMMA)
}

/// Words that open a clause after a comma.
const CLAUSE_AFTER_COMMA: &[&str] =
    &["and", "but", "while", "as", "when", "which", "who", "whereas", "after", "before"];

/// The status from the words of the sentence before the trigger (at most eight), and a
/// future right after it ("an operation that would begin", "an attack to be launched");
/// `purpose`: a trigger joined to the object of a purpose ([`coordinated_purpose`]), planned.
fn status(
    sentence_start: usize,
    first: usize,
    end: usize,
    clause_end: usize,
    words: &Words<'_>,
    noun: bool,
    purpose: bool,
) -> Status {
    let from = first.saturating_sub(8).max(sentence_start);
    // The lists of the words before the trigger, all at once.
    let before = words.lists[from..first].iter().fold(0, |all, l| all | l);
    // Arabic puts the subject and its adjuncts between a verb of intent and its "إلى" (to):
    // "يسعى النظام السوري بغطاء جوي روسي وبمساندة الميليشيات إلى الوصول إلى المدينة" (the
    // regime, with Russian air cover and the militias' support, seeks to reach the city).
    let intent = first > 0
        && words.keys[first - 1] == "الي"
        && words.lists[first.saturating_sub(14).max(sentence_start)..from]
            .iter()
            .any(|l| l & list::PLAN != 0);
    let has = |list: u32| before & list != 0 || list == list::PLAN && (intent || purpose);
    let after = &words.keys[end..clause_end.min(end + 4)];
    // An act said to be imminent, of the noun itself ("the upcoming rebel evacuation", "an
    // imminent offensive"; not "Following news of the upcoming evacuation, ISIL attacked").
    // Arabic puts the adjective after its noun: "عملية عسكرية قريبة" (an imminent military
    // operation; not "قريبة من", near to).
    let imminent = noun
        && ((first.saturating_sub(2).max(sentence_start)..first).any(|i| {
            matches!(words.keys[i], "upcoming" | "imminent" | "impending" | "forthcoming")
        }) || after.first().is_some_and(|w| matches!(*w, "قريبه" | "وشيكه" | "مرتقبه"))
            && after.get(1) != Some(&"من"));
    // A noun trigger whose own verb says it is yet to happen: "a battle on the Iraqi-Syrian
    // border would be concentrated off al-BoKamal", "the offensive would resume" (its first
    // verb after it, within eight words; not "the offensive would impact the fight").
    let window = end..clause_end.min(end + 9);
    let future_verb = noun
        && window.clone().find(|&i| words.is(i, list::AUXILIARY)).is_some_and(|k| {
            matches!(words.keys[k], "would" | "will")
                && k + 1 < window.end
                && words.is(k + 1, list::HAPPENING)
        });
    // Arabic writes the future onto the verb: "المعركة على الحدود ستتركز".
    let future_verb = future_verb || noun && window.clone().any(|i| words.is(i, list::FUTURE_VERB));
    let future_after = future_verb
        || imminent
        || after.windows(2).any(|w| {
            matches!(w[0], "that" | "which" | "to") && matches!(w[1], "would" | "will" | "be")
        });
    // "a joint operation likely to begin": the hedge right after the trigger.
    let hedged_after =
        after.iter().take(2).any(|w| matches!(*w, "likely" | "possible" | "possibly"));
    // "it is too early to talk about the breaking of the siege": not yet, perhaps never.
    let too_early = words.keys[from..first]
        .windows(2)
        .any(|w| w[0] == "too" && matches!(w[1], "early" | "soon"));
    if has(list::NEGATION) {
        Status::Negated
    } else if has(list::DENIAL) {
        Status::Denied
    } else if hedged_after || too_early || has(list::HEDGE) {
        Status::Hypothetical
    } else if has(list::THREAT) {
        Status::Threatened
    } else if has(list::PLAN) || future_after {
        Status::Planned
    } else if has(list::CLAIM) {
        Status::Claimed
    } else if has(list::BEGINNING) {
        Status::Ongoing
    } else {
        Status::Occurred
    }
}

/// Whether the trigger at `first` is joined to the object of a purpose ("in order to
/// secure the land line between Damascus and Baghdad, and the lifting of the siege"): the
/// purpose holds for both, and it is the purpose of the act it follows.
/// (Arabic writes "and" onto the word: "بهدف تأمين الخط البري ... وفك الحصار".)
fn coordinated_purpose(
    input: &Input<'_>,
    words: &Words<'_>,
    sentence_start: usize,
    first: usize,
) -> bool {
    let keys = &words.keys;
    let t = &input.tokens[first];
    let and = first >= 2
        && (keys[first - 1] == "and" || keys[first - 1] == "the" && keys[first - 2] == "and")
        || t.arabic && input.text[t.start..t.end].starts_with('و');
    and && keys[first.saturating_sub(25).max(sentence_start)..first]
        .iter()
        .any(|w| matches!(*w, "order" | "aim" | "aimed" | "aiming" | "بهدف"))
}

/// Words before a trigger that say it did not happen.
/// ("prevent the organization from the transfer of forces": the transfer does not happen; nor
/// does "an IS attack" the police foiled.)
const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "didn't",
    "no",
    "without",
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "foil",
    "foils",
    "foiled",
    "foiling",
    "thwart",
    "thwarts",
    "thwarted",
    "thwarting",
    "لم",
    "لن",
];
/// ... that someone denies it.
const DENIALS: &[&str] = &["denied", "denies", "deny", "نفى", "نفت"];
/// ... that it may happen.
const HEDGES: &[&str] =
    &["likely", "may", "might", "could", "possibility", "possible", "if", "perhaps", "ربما", "قد"];
/// ... that someone threatens it.
const THREATS: &[&str] =
    &["threatened", "threatens", "threaten", "vowed", "vows", "warned", "هدد", "هددت"];
/// ... that it is planned.
const PLANS: &[&str] = &[
    "will",
    "would",
    "intends",
    "intend",
    "plans",
    "plan",
    "planned",
    "preparing",
    "prepare",
    "preparation",
    "preparations",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "equiped",
    "equipped",
    "ready",
    "expected",
    "seek",
    "seeks",
    "seeking",
    "سوف",
    "تسعى",
    "يسعى",
    "يسعون",
    "جاهزية",
    "جاهزيته",
    "جاهزيتها",
    "عزم",
    "عزمه",
    "عزمها",
    "تعتزم",
    "يعتزم",
    // "with the aim of": "بهدف تأمين الخط البري ... وفك الحصار".
    "بهدف",
];
/// ... that it is claimed.
const CLAIMS: &[&str] = &["claimed", "claims", "claim", "زعم", "زعمت"];
/// ... that it has begun and goes on.
const BEGINNINGS: &[&str] = &[
    "began",
    "begun",
    "begin",
    "continue",
    "continues",
    "continued",
    "continuing",
    "ongoing",
    "بدأ",
    "بدأت",
    "تواصل",
    "يواصل",
];

/// Who the sentence says reported it: the actor before "said", "reported", "announced", or
/// after "according to".
fn reported_by(
    input: &Input<'_>,
    actors: &[Span],
    start: usize,
    end: usize,
    words: &Words<'_>,
) -> Option<String> {
    let keys = &words.keys;
    for s in actors.iter().filter(|s| s.first >= start && s.end <= end) {
        let verb = reporting_verb(words, s.end, list::REPORTING_ADVERB, end);
        if s.first >= start + 2 && after_according(words, s.first)
            || verb.is_some_and(|v| v != "according")
        {
            return Some(input.actors[s.item].id.clone());
        }
    }
    if let Some(medium) = medium_subject(input, start, end, words) {
        return Some(medium);
    }
    // "according to US sources": the words, when no actor is named.
    let at =
        (start..end.saturating_sub(2)).find(|&i| keys[i] == "according" && keys[i + 1] == "to")?;
    let last = (at + 2..end.min(at + 6)).take_while(|&i| !input.tokens[i].sentence_start).last()?;
    let text = &input.text[input.tokens[at + 2].start..input.tokens[last].end];
    Some(text.to_string())
}

/// Where a reporting clause that closes an English sentence starts: after its last comma,
/// at most twelve words ending in a reporting verb and at most two words after it (", an
/// officer in Baghdad told reporters", ", he said", ", the ministry said on Sunday").
fn trailing_report(
    input: &Input<'_>,
    words: &Words<'_>,
    sentence: std::ops::Range<usize>,
) -> Option<usize> {
    let tokens = input.tokens;
    let comma = (sentence.start + 1..sentence.end)
        .rev()
        .take(16)
        .find(|&i| !tokens[i].arabic && comma_before(input, i))?;
    let verb = (comma..sentence.end).find(|&i| words.is(i, list::REPORTING))?;
    // Not what no one reported: ", with no injuries or fatalities reported".
    let unreported = (comma..verb).any(|i| {
        matches!(words.keys[i], "with" | "no" | "without" | "were" | "was" | "been" | "being")
    });
    (sentence.end - verb <= 3 && words.keys[verb] != "according" && !unreported).then_some(comma)
}

/// Arabic reporting verbs (said, announced, mentioned, confirmed, stated, added, declared,
/// pointed out, reported), as written; keyed when first used.
const ARABIC_REPORTING: &[&str] = &[
    "قال",
    "قالت",
    "أعلن",
    "أعلنت",
    "ذكر",
    "ذكرت",
    "أكد",
    "أكدت",
    "أفاد",
    "أفادت",
    "أضاف",
    "أضافت",
    "صرح",
    "صرحت",
    "أشار",
    "أشارت",
    "نقلت",
];

/// Words that end an Arabic reporter's subject: that (أن, إن, بأن) and about (عن).
const ARABIC_SUBJECT_END: &[&str] = &["أن", "إن", "بأن", "عن"];

/// The subject of an Arabic reporting verb that opens a sentence (within its first three words,
/// with "و" or "ف" written on it): the words after the verb up to "أن", "إن", "بأن" or "عن",
/// at most twelve.
fn arabic_reporting_subject(
    words: &Words<'_>,
    sentence: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    static KEYS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
        let keyed = |l: &[&str]| l.iter().map(|w| key(w)).collect::<Vec<_>>();
        (keyed(ARABIC_REPORTING), keyed(ARABIC_SUBJECT_END))
    });
    let (verbs, ends) = &*KEYS;
    let is_verb = |w: &str| {
        let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        verbs.iter().any(|v| v == w || v == bare)
    };
    let verb =
        (sentence.start..sentence.end.min(sentence.start + 3)).find(|&i| is_verb(words.keys[i]))?;
    let start = verb + 1;
    let end =
        (start..sentence.end.min(start + 12)).find(|&i| ends.iter().any(|e| e == words.keys[i]))?;
    (end > start).then_some(start..end)
}

/// The source an Arabic sentence opens with "بحسب" or "حسب" (according to): its words up to
/// the first comma, at most five.
fn arabic_according(
    input: &Input<'_>,
    words: &Words<'_>,
    sentence: std::ops::Range<usize>,
) -> Option<String> {
    let at = (sentence.start..sentence.end.min(sentence.start + 2)).find(|&i| {
        let w = words.keys[i];
        matches!(w.strip_prefix('و').unwrap_or(w), "بحسب" | "حسب")
    })?;
    let tokens = input.tokens;
    let comma = |i: usize| input.text[tokens[i].end..tokens[i + 1].start].contains([',', '،']);
    let last = (at + 1..sentence.end.min(at + 6).min(tokens.len() - 1)).find(|&i| comma(i))?;
    Some(input.text[tokens[at + 1].start..tokens[last].end].to_string())
}

/// Nouns for a news medium: "the Russian central channel of Humimim military base announced".
const MEDIA: &[&str] = &[
    "القناة",
    "قناة",
    "صحيفة",
    "شبكة",
    "وكالة",
    "channel",
    "newspaper",
    "agency",
    "television",
    "tv",
    "radio",
    "station",
    "website",
    "outlet",
    "broadcaster",
    "daily",
];

/// A medium the dictionary does not know, named as the subject of the reporting verb that
/// opens the sentence: "The Russian central channel of Humimim military base, 24 hours ago,
/// announced ...". The subject runs from the sentence's start to its first comma (or to the
/// verb), has a medium ([`MEDIA`]) for its head (its last word, or the word before "of") and
/// no verb of its own; at most a short aside ("24 hours ago") stands between it and the verb.
/// Its words are the reporter, without "the" and an adverb at the end ("meanwhile").
fn medium_subject(
    input: &Input<'_>,
    start: usize,
    end: usize,
    words: &Words<'_>,
) -> Option<String> {
    let keys = &words.keys;
    let verb = (start + 1..end.min(start + 16))
        .find(|&i| words.is(i, list::REPORTING) && keys[i] != "according")?;
    let tokens = input.tokens;
    let subject_end = (start + 1..verb).find(|&i| comma_before(input, i)).unwrap_or(verb);
    let verb_like = list::AUXILIARY | list::REPORTING;
    let aside = subject_end..verb;
    let mut last = subject_end - 1;
    while last > start && words.is(last, list::REPORTING_ADVERB) {
        last -= 1;
    }
    let subject = start..last + 1;
    let head = subject.clone().find(|&i| words.is(i, list::MEDIUM))?;
    if !(head == last || keys[head + 1] == "of")
        || subject.clone().any(|i| words.is(i, verb_like))
        || aside.len() > 5
        || aside.clone().any(|i| words.is(i, verb_like))
    {
        return None;
    }
    let first = start + usize::from(keys[start] == "the");
    (first <= last).then(|| input.text[tokens[first].start..tokens[last].end].to_string())
}

#[cfg(test)]
mod tests;
