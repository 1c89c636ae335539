//! Recognition: which spans of a text are place names, and what context surrounds each.
//!
//! The text is split into words; from every word that may begin a name (a capitalised Latin
//! word, an Arabic word, or an article joined to either) the folded words are fed into the name
//! index until no key continues; the longest key that ends on a word boundary is the match.
//! Arabic words are also tried without a leading conjunction or preposition (و ف ب ك ل), which
//! Arabic writes joined to the next word ("والرقة", "بدير الزور").

use std::borrow::Cow;

use sitrep_lexicon::index::{Entry, FLAG_CAPS_ONLY, FLAG_ORDINARY_WORD};
use sitrep_lexicon::normalize::{fold_word, is_all_caps, is_apostrophe, is_article, spelling_hash};
use sitrep_lexicon::place::PlaceKind;

use super::Gazetteer;
use crate::text::tokens::{
    Folds, Names, Token, clitic_readings, is_function_word, is_title_before_name, lower_case,
    tokenize, walk,
};

/// Words that may precede a place name without making it part of a person's or an
/// organisation's name.
const NEUTRAL_BEFORE: &[&str] = &[
    "the",
    "in",
    "at",
    "on",
    "from",
    "to",
    "near",
    "into",
    "of",
    "and",
    "or",
    "but",
    "for",
    "by",
    "with",
    "as",
    "after",
    "before",
    "while",
    "when",
    "since",
    "towards",
    "toward",
    "outside",
    "inside",
    "across",
    "around",
    "via",
    "through",
    "between",
    "within",
    "throughout",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "greater",
    "upper",
    "lower",
    "old",
    "new",
    "rural",
    "downtown",
    "western-held",
    "besieged",
    "liberated",
    "occupied",
    "where",
    "if",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "all",
    "both",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "about",
    "against",
    "over",
    "under",
    "beyond",
    "along",
    "beside",
    "besides",
    "like",
    "than",
    "then",
    "meanwhile",
    "however",
    "also",
    "yesterday",
    "today",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "city",
    "town",
    "village",
    "province",
    "governorate",
    "in-",
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "said",
    "says",
    "reported",
];

/// Roles that precede a person's name besides the titles of [`is_title`] ("reporter",
/// "sheikh", "named").
const PERSON_ROLES: &[&str] = &[
    "sgt",
    "officer",
    "sheikh",
    "shaykh",
    "gov",
    "sen",
    "rep",
    "journalist",
    "correspondent",
    "reporter",
    "analyst",
    "researcher",
    "director",
    "activist",
    "lawyer",
    "judge",
    "cleric",
    "imam",
    "pastor",
    "father",
    "premier",
    "chairman",
    "deputy",
    "mp",
    "coach",
    "professor",
    "prof",
    "superintendent",
    "sheriff",
    "detective",
    "constable",
    "named",
    "identified",
    "whose",
];

/// Words that may follow a place name in an English sentence: prepositions and cue nouns. Used
/// to tell "in Hit" from "Hit" used as a verb.
const LOCATIVE_BEFORE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "towards",
    "toward",
    "outside",
    "around",
    "of",
    "across",
    "via",
    "through",
    "between",
    "inside",
    "entered",
    "captured",
    "seized",
    "recaptured",
    "took",
    "liberated",
    "besieged",
    "attacked",
    "shelled",
    "stormed",
];

/// Words after a name that make it an organisation's name, not a place mention.
const MEDIA_AFTER: &[&str] =
    &["newspaper", "news", "daily", "tv", "channel", "agency", "times", "radio", "post", "gazette"];

/// First words of Arabic (and Kurdish, Turkish) place names that are also places of their own
/// somewhere: hill, monastery, village, spring, cape, gate, mountain, caravanserai, valley,
/// bridge, house, father, mother, palace, well, town, quarter.
const GENERIC_HEADS: &[&str] = &[
    "tal", "tall", "tell", "tel", "deir", "dayr", "der", "kafr", "kfar", "kafar", "ain", "ayn",
    "ein", "ras", "bab", "jabal", "jebel", "khan", "wadi", "abu", "umm", "um", "beit", "bayt",
    "sheikh", "shaykh", "jisr", "qasr", "bir", "hay", "hayy", "balad", "mazraat", "mazraa", "tall",
    "kani", "qara", "kara", "zor", "sahl", "nahr", "maarat", "marat", "arab", "harat", "hosh",
    "horsh", "harsh", "khirbet", "khirbat", "qalaat", "qalat", "tur", "saraya", "sayyida",
];

/// Capitalised words after a name that make it part of an organisation's name.
const ORG_AFTER: &[&str] = &[
    "regional",
    "government",
    "council",
    "army",
    "front",
    "brigade",
    "brigades",
    "forces",
    "division",
    "battalion",
    "party",
    "movement",
    "committee",
    "authority",
    "university",
    "police",
    "department",
    "institute",
    "center",
    "centre",
    "club",
    "company",
    "corporation",
    "bank",
    "airlines",
    "airways",
    "ministry",
    "network",
    "media",
    "group",
    "union",
    "association",
    "foundation",
    "league",
    "federation",
    "commission",
    "coalition",
    "observatory",
    "legion",
    "shield",
    "falcons",
    "hawks",
    "lions",
    "martyrs",
    "operations",
    "command",
    "corps",
    "guards",
    "revolutionaries",
    "tribune",
    "herald",
    "journal",
    "chronicle",
    "review",
];

/// Lower-case first words of the names of parts of a country ("northern Iraq"), and of a
/// division named after the countryside of its city ("rural Damascus", Rif Dimashq).
const COMPASS_HEADS: &[&str] = &[
    "rural",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north",
    "south",
    "east",
    "west",
];

/// Capitalised words after a name that make it the name of a street or square named after
/// the place, somewhere else: "Al-Thawra Street" and "Baghdad Street" in Damascus, "Port Said
/// bus station".
const STREET_AFTER: &[&str] = &["street", "st", "avenue", "boulevard", "square"];

/// Arabic words before a name that make it part of an organisation's name (folded forms).
const AR_ORG_BEFORE: &[&str] = &[
    "الجبهه",
    "جبهه",
    "جيش",
    "حركه",
    "لواء",
    "لوا",
    "فرقه",
    "كتائب",
    "كتيبه",
    "فيلق",
    "تجمع",
    "قوات",
    "الدرر",
    "هيئه",
    "تنظيم",
    "اتحاد",
    "مجلس",
    "صحيفه",
    "جريده",
    "قناه",
    "وكاله",
    "شبكه",
    "ميليشيا",
    "مليشيا",
    "الجيش",
    "حزب",
    "سرايا",
    "انصار",
    "احرار",
    "صقور",
    "اسود",
    "شهداء",
    "درع",
];

/// What the words around a mention say about the kind of place meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// No cue.
    None,
    /// "province of X", "X governorate", "X countryside", "rural X".
    Province,
    /// "X district".
    District,
    /// "the city of X", "X town".
    Settlement,
    /// "village of X", "X village": a settlement, and no city.
    Village,
    /// "X crossing", "X airbase", "X dam", "X oil field".
    Facility,
    /// "X neighbourhood", "X quarter", "X area": part of a town.
    Area,
}

const PROVINCE_WORDS: &[&str] = &[
    "province",
    "governorate",
    "countryside",
    "provinces",
    "governorates",
    "muhafaza",
    "muhafazat",
    "wilayat",
    "wilaya",
];
const SETTLEMENT_WORDS: &[&str] =
    &["city", "town", "village", "capital", "cities", "towns", "villages", "township", "hamlet"];

/// The cue of a word of [`SETTLEMENT_WORDS`]: a village is told apart, as no city.
fn settlement(word: &str) -> Cue {
    if matches!(word, "village" | "villages" | "hamlet") { Cue::Village } else { Cue::Settlement }
}
const AREA_WORDS: &[&str] = &[
    "neighborhood",
    "neighbourhood",
    "neighborhoods",
    "neighbourhoods",
    "quarter",
    "suburb",
    "area",
    "district's",
    "camp",
];
const FACILITY_WORDS: &[&str] = &[
    "crossing",
    "base",
    "airbase",
    "airport",
    "airfield",
    "dam",
    "field",
    "refinery",
    "garrison",
    "barrage",
    "prison",
    "checkpoint",
    "port",
];
/// Arabic cue words before a name: province, city/town/village, crossing/base/airport/dam/field.
const AR_PROVINCE: &[&str] = &["محافظه", "ريف", "محافظات"];
const AR_SETTLEMENT: &[&str] = &["مدينه", "بلده", "قريه", "مدن", "قري"];
const AR_VILLAGE: &[&str] = &["قريه", "قري"];
const AR_FACILITY: &[&str] = &["معبر", "قاعده", "مطار", "سد", "حقل", "منفذ"];
const AR_DISTRICT: &[&str] = &["منطقه", "ناحيه"];

/// A span of text that names a place, with its candidate records.
#[derive(Clone, Debug)]
pub struct PlaceMention {
    /// Character offsets.
    pub start: usize,
    /// Character offsets.
    pub end: usize,
    /// Byte offsets.
    pub byte_start: usize,
    /// Byte offsets.
    pub byte_end: usize,
    /// Candidates: (gazetteer layer, index entry).
    pub candidates: Vec<(u8, Entry)>,
    /// Kind cue from the surrounding words.
    pub cue: Cue,
    /// The name is also an ordinary word; accepted on contextual evidence.
    pub ordinary: bool,
    /// [`sitrep_lexicon::normalize::spelling_hash`] of the mention's text.
    pub spelling: u32,
    /// Written in Latin script.
    pub latin: bool,
}

/// What recognition found in a text.
#[derive(Clone, Debug, Default)]
pub struct Recognized {
    /// Place mentions in text order, not overlapping.
    pub mentions: Vec<PlaceMention>,
    /// ISO codes of countries referred to by demonyms ("Syrian", "العراقية"), with counts.
    pub demonyms: Vec<(String, usize)>,
    /// Byte spans of the names of actors (of more than one word) the text names: a country
    /// named inside one ("the Islamic State of Iraq and al-Sham") says nothing of where the
    /// text is. Set by the caller that knows the actors; empty by default.
    pub actor_names: Vec<(usize, usize)>,
}

struct RawMatch<'g> {
    first: usize,
    last: usize,
    /// Characters and bytes of an Arabic clitic removed from the first word.
    skip_chars: usize,
    skip_bytes: usize,
    layer: u8,
    entries: &'g [u32],
}

/// Arabic clitic prefixes tried before a name: (prefix, replacement). "لل" is the preposition
/// li- before the article, which drops the article's alef.
const ARABIC_CLITICS: &[(&str, &str)] = &[
    ("و", ""),
    ("ف", ""),
    ("ب", ""),
    ("ك", ""),
    ("ل", ""),
    ("وب", ""),
    ("ول", ""),
    ("فب", ""),
    ("وك", ""),
    ("لل", "ال"),
    ("ولل", "ال"),
    ("بال", "ال"),
    ("وبال", "ال"),
    ("كال", "ال"),
    ("فال", "ال"),
];

/// Arabic function words that never begin a place name (folded forms; "قبل أن" is not the
/// village Qabalan).
const AR_FUNCTION_WORDS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "قبل", "بعد", "ان", "او", "ثم", "كان", "كانت", "قد",
    "لقد", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "بين", "حتي", "منذ", "عند", "لدي", "غير",
    "كل", "بعض", "انه", "انها", "لكن", "كما", "اذا", "لم", "لن", "ما", "لا", "هو", "هي", "هم",
    "نحو", "خلال",
];

/// Arabic adjectives that name a second place after the first: little, great, eastern,
/// western, northern, southern, upper, lower, new, old.
const ARABIC_QUALIFIERS: &[&str] = &[
    "saghir",
    "sghir",
    "saghira",
    "sghira",
    "kabir",
    "kbir",
    "kabira",
    "kbira",
    "sharqi",
    "sharqiya",
    "gharbi",
    "gharbiya",
    "shamali",
    "shamaliya",
    "janubi",
    "janoubi",
    "janubiya",
    "fawqani",
    "fouqani",
    "foqani",
    "tahtani",
    "jadid",
    "jadida",
    "jadide",
    "qadim",
    "qadima",
];

/// Whether a word in lower case is one of [`ARABIC_QUALIFIERS`], with or without a final "h"
/// ("Saghirah").
fn is_qualifier(word: &str) -> bool {
    ARABIC_QUALIFIERS.contains(&word)
        || word.strip_suffix('h').is_some_and(|w| ARABIC_QUALIFIERS.contains(&w))
}

/// Verbs whose subject a country at a sentence's start is ("China has announced").
const SUBJECT_VERBS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "said",
    "says",
    "announced",
    "reported",
    "confirmed",
    "accused",
    "denied",
    "warned",
    "launched",
    "sent",
];

fn starts_walk(tokens: &[Token], text: &str, i: usize, scratch: &mut String) -> bool {
    let t = &tokens[i];
    if t.arabic {
        scratch.clear();
        fold_word(&text[t.start..t.end], true, scratch);
        return !AR_FUNCTION_WORDS.contains(&scratch.as_str());
    }
    let word = &text[t.start..t.end];
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if t.cap || t.all_caps {
        // A capitalised function word starts a sentence, not a name: "The U.S" must not be
        // read as the Romanian town Teiuş.
        return !is_function_word(word);
    }
    // A lower-case article joined by a hyphen to a capitalised word: "al-BoKamal".
    // The flags first: this runs on every lower-case word.
    let next_cap = |hyphen: bool| {
        tokens.get(i + 1).is_some_and(|n| {
            n.joined && (n.cap || n.all_caps) && text[t.end..n.start].contains('-') == hyphen
        })
    };
    if word.len() <= 3 {
        return next_cap(true) && is_article(word);
    }
    // A compass word before a capitalised word: "northern Iraq", "north-western Syria".
    (next_cap(false) || word == "north" || word == "south")
        && word.len() <= 12
        && COMPASS_HEADS.contains(&word)
}

impl Gazetteer {
    /// Finds place mentions and demonyms in a text.
    pub fn recognize(&self, text: &str) -> Recognized {
        let tokens = tokenize(text);
        let mut folds = Folds::new(text, &tokens);
        self.recognize_tokens(text, &tokens, &mut folds)
    }

    /// Finds place mentions and demonyms in a text already split into tokens.
    pub fn recognize_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        folds: &mut Folds<'_>,
    ) -> Recognized {
        let mut raw: Vec<RawMatch> = Vec::new();
        let mut buf = String::new();
        for i in 0..tokens.len() {
            if !starts_walk(tokens, text, i, &mut buf) {
                continue;
            }
            let word = &text[tokens[i].start..tokens[i].end];
            // A demonym ("Syrian") is never a place, even where some village bears its name.
            // Looked up only once a place name matched here: most words match neither.
            let mut demonym_last: Option<Option<usize>> = None;
            for (layer, g) in self.layers.iter().enumerate() {
                if let Some((last, entries)) =
                    walk(&g.names, Names::Places, tokens, folds, i, None, &mut buf)
                    && demonym_last
                        .get_or_insert_with(|| {
                            walk(
                                &self.layers[0].demonyms,
                                Names::Places,
                                tokens,
                                folds,
                                i,
                                None,
                                &mut buf,
                            )
                            .map(|(last, _)| last)
                        })
                        .is_none_or(|d| last > d)
                {
                    raw.push(RawMatch {
                        first: i,
                        last,
                        skip_chars: 0,
                        skip_bytes: 0,
                        layer: layer as u8,
                        entries,
                    });
                }
                if tokens[i].arabic {
                    for r in clitic_readings(word, ARABIC_CLITICS) {
                        if let Some((last, entries)) =
                            walk(&g.names, Names::Places, tokens, folds, i, Some(&r.word), &mut buf)
                        {
                            raw.push(RawMatch {
                                first: i,
                                last,
                                skip_chars: r.skip_chars,
                                skip_bytes: r.skip_bytes,
                                layer: layer as u8,
                                entries,
                            });
                        }
                    }
                }
            }
        }

        // Longest first at each start, then left to right without overlap.
        raw.sort_by_key(|m| {
            (
                tokens[m.first].cstart + m.skip_chars,
                std::cmp::Reverse(tokens[m.last].cend),
                m.skip_chars,
                m.layer,
            )
        });
        let mut mentions: Vec<PlaceMention> = Vec::new();
        let mut taken_until = 0;
        let mut covered = vec![false; tokens.len()];
        let mut k = 0;
        while k < raw.len() {
            let m = &raw[k];
            let start = tokens[m.first].cstart + m.skip_chars;
            let end = tokens[m.last].cend;
            // Merge the same span found in other layers or with other clitic readings.
            let mut candidates: Vec<(u8, Entry)> = Vec::new();
            let mut n = k;
            while n < raw.len()
                && tokens[raw[n].first].cstart + raw[n].skip_chars == start
                && tokens[raw[n].last].cend == end
            {
                candidates.extend(raw[n].entries.iter().map(|&e| (raw[n].layer, Entry(e))));
                n += 1;
            }
            let next = raw[n..]
                .iter()
                .position(|r| tokens[r.first].cstart + r.skip_chars != start)
                .map_or(raw.len(), |p| n + p);
            if start >= taken_until
                && let Some(mention) = self.accept(tokens, text, m, candidates)
            {
                taken_until = end;
                covered[m.first..=m.last].iter_mut().for_each(|c| *c = true);
                mentions.push(mention);
                k = next;
                continue;
            }
            k = n;
        }
        let demonyms = self.demonyms(tokens, text, folds, &covered);
        Recognized { mentions, demonyms, actor_names: Vec::new() }
    }

    /// Applies the context filters to a match; `None` drops it.
    fn accept(
        &self,
        tokens: &[Token],
        text: &str,
        m: &RawMatch,
        mut candidates: Vec<(u8, Entry)>,
    ) -> Option<PlaceMention> {
        let first = &tokens[m.first];
        let byte_start = first.start + m.skip_bytes;
        let byte_end = tokens[m.last].end;
        let surface = &text[byte_start..byte_end];
        // The first word that is not an article carries the capital.
        let head = (m.first..=m.last)
            .find(|&j| {
                let w = &text[tokens[j].start..tokens[j].end];
                !is_article(w)
            })
            .unwrap_or(m.first);
        let latin = !first.arabic;
        if latin {
            // A part of a country named by a compass word is written in lower case: "northern
            // Iraq", "north-western Syria" (the name the gazetteer lists, its last word capital).
            let compass_part = m.last > head
                && (tokens[m.last].cap || tokens[m.last].all_caps)
                && COMPASS_HEADS.contains(&&text[tokens[head].start..tokens[head].end]);
            if !(tokens[head].cap || tokens[head].all_caps || compass_part) {
                return None;
            }
            let caps = is_all_caps(&surface.replace(['.', ' ', '-'], ""));
            candidates.retain(|(_, e)| !e.has(FLAG_CAPS_ONLY) || caps);
            if candidates.is_empty() {
                return None;
            }
            // Part of a person's or an organisation's name: the word before is a capitalised
            // word that is not a preposition, a direction or a demonym ("Haider Abadi", "Jeff
            // Davis", "Sultan Murad", "Ahrar al-Sham").
            if let Some(p) = previous_word(tokens, text, m.first) {
                let prev = lower_case(&text[tokens[p].start..tokens[p].end]);
                let adjacent =
                    tokens[p + 1].spaced && tokens[p + 1..=m.first].iter().all(|t| t.joined);
                if adjacent
                    && (tokens[p].cap || tokens[p].all_caps)
                    && !NEUTRAL_BEFORE.contains(&&*prev)
                    && !self.is_demonym_word(&prev)
                {
                    return None;
                }
                // A title or role before a name makes it a person's: "spokesman Jeff Davis".
                if adjacent
                    && (is_title_before_name(text, tokens, p) || PERSON_ROLES.contains(&&*prev))
                {
                    return None;
                }
            }
            if let Some(n) = tokens.get(m.last + 1).filter(|n| n.joined) {
                let next = lower_case(&text[n.start..n.end]);
                if MEDIA_AFTER.contains(&&*next) {
                    return None;
                }
                // The first word of an organisation's name: "Kurdistan Regional Government",
                // "Aleppo University", "Al-Quds Al-Arabi".
                // An article joined by a hyphen to a capitalised word ("Al-Arabi"), not the
                // English "as" or "at" before one.
                let article_name = is_article(&next)
                    && tokens
                        .get(m.last + 2)
                        .is_some_and(|t| t.joined && t.cap && text[n.end..t.start].contains('-'));
                let named_after = n.cap
                    && (ORG_AFTER.contains(&&*next) || STREET_AFTER.contains(&&*next))
                    || next == "bus";
                if n.spaced && (named_after || article_name) {
                    return None;
                }
                // An Arabic qualifier after the name makes another place, one the gazetteer
                // lacks: "Zafar Saghir" and "Zafar al-Kabir" (little and great Zafar) are not
                // Zafar, nor "Tell Abyad Sharqi" Tell Abyad.
                let qualifier = if is_article(&next) {
                    tokens
                        .get(m.last + 2)
                        .filter(|t| t.joined && t.cap)
                        .map(|_| lower_word(tokens, text, m.last + 2))
                } else {
                    n.cap.then_some(next)
                };
                // Unless the gazetteer's place is itself one of a pair ("al-Baghuz Fawqani"
                // for "Baghuz"): "al-Baghuz Tahtani" is its twin a mile away.
                let one_of_a_pair = || {
                    candidates.iter().any(|&(l, e)| {
                        let name = self.record(l, e.id()).name.to_lowercase();
                        name.split([' ', '-']).any(is_qualifier)
                    })
                };
                if qualifier.as_deref().is_some_and(is_qualifier) && !one_of_a_pair() {
                    return None;
                }
            }
        }
        if !latin
            && let Some(p) = m.first.checked_sub(1).filter(|_| first.joined && m.skip_bytes == 0)
        {
            // The adjective or second noun of an organisation's name: "الجبهة الشامية",
            // "جيش سوريا الجديد", "قوات سوريا الديمقراطية".
            let prev = lower_word(tokens, text, p);
            if AR_ORG_BEFORE.iter().any(|w| prev == *w || prev.strip_prefix('و') == Some(*w)) {
                return None;
            }
        }
        // A generic first word of Arabic place names ("Tal", "Deir", "Kafr", "Sheikh") followed
        // by a capitalised word names some longer place the gazetteer lacks, not the place
        // called just "Tal": "Tal Msebin" is not At Tall.
        if m.first == head && m.last == head && latin {
            let w = lower_case(&text[tokens[head].start..tokens[head].end]);
            let next_cap = tokens
                .get(head + 1)
                .is_some_and(|n| n.joined && (n.cap || is_article(&text[n.start..n.end])));
            if next_cap && GENERIC_HEADS.contains(&&*w) {
                return None;
            }
        }
        let cue = cue(tokens, text, m.first, m.last);
        // A short word in capitals in running text is an acronym ("MILAN ATGM") before it is a
        // place, and needs the same evidence as an ordinary word.
        // Not a country's own abbreviation ("UK", "US", "KSA"): the index keeps those, in
        // capitals only, for countries alone.
        let abbreviation = candidates.iter().all(|(_, e)| e.has(FLAG_CAPS_ONLY));
        // Nor the city of a wire report's dateline, at the start of a line before a comma, a
        // bracket or a dash: "BEIRUT (Reuters) -", "AMMAN -", "LONDON, Ky.".
        let line_start =
            m.first == 0 || text[tokens[m.first - 1].end..tokens[m.first].start].contains('\n');
        let after = tokens.get(m.last + 1).map_or(&text[byte_end..], |n| &text[byte_end..n.start]);
        let dateline = line_start
            && (after.starts_with(',')
                || [" (", " -", " —", " –"].iter().any(|d| after.starts_with(d)));
        let acronym = latin
            && m.first == m.last
            && tokens[head].all_caps
            && surface.len() <= 6
            && !abbreviation
            && !dateline;
        // A name of compass words alone ("East", "South-West", "North East": divisions of
        // Cameroon and Ghana) is a direction first: "East Mosul", "Southwest Erbil Governorate".
        let compass = (m.first..=m.last).all(|j| super::direction(&lower_word(tokens, text, j)));
        // The flag is on the folded key, which the word shares with names spelled otherwise
        // ("room" and Rome): the name is ordinary only when written as the word itself.
        let ordinary = latin
            && (acronym
                || compass
                || (candidates.iter().all(|(_, e)| e.has(FLAG_ORDINARY_WORD))
                    && is_common_word(surface)));
        if ordinary {
            // An ordinary word needs a locative word right before it or a kind cue, and a
            // capital that is not just the start of a sentence.
            let sentence_initial = tokens[m.first].sentence_start;
            // "in Chad", and "eastern Chad": a compass adjective before a name is a place's.
            let locative = previous_word(tokens, text, m.first).is_some_and(|p| {
                let w = lower_case(&text[tokens[p].start..tokens[p].end]);
                LOCATIVE_BEFORE.contains(&&*w)
                    || w == "central"
                    || super::COMPASS_ADJECTIVES.contains(&&*w)
            });
            // A country's name in mid-sentence with its capital is the country ("visited
            // Turkey", "Istanbul, Turkey", "talks with China"), unless a surname follows
            // ("Chad Smith").
            let country =
                candidates.iter().any(|&(l, e)| self.record(l, e.id()).kind == PlaceKind::Country);
            let surname_after = tokens
                .get(m.last + 1)
                .is_some_and(|n| n.joined && n.spaced && (n.cap || n.all_caps));
            let named_country = country && tokens[head].cap && !surname_after;
            // At a sentence's start, the country of a verb or a possessive: "China has
            // announced", "Turkey's last reported victim"; not "Turkey sandwiches".
            let subject = tokens.get(m.last + 1).is_some_and(|n| {
                let gap = &text[byte_end..n.start];
                let next = &text[n.start..n.end];
                (gap == " " && !n.cap && SUBJECT_VERBS.contains(&next))
                    || (gap.chars().all(is_apostrophe) && !gap.is_empty() && next == "s")
            });
            if sentence_initial && !(named_country && subject)
                || tokens[head].all_caps
                || !(locative || cue != Cue::None || named_country)
            {
                return None;
            }
        }
        Some(PlaceMention {
            start: first.cstart + m.skip_chars,
            end: tokens[m.last].cend,
            byte_start,
            byte_end,
            candidates,
            cue,
            ordinary,
            spelling: spelling_hash(surface),
            latin,
        })
    }

    /// Whether `word` (in any case) is spelled as a Latin-script demonym.
    fn is_demonym_word(&self, word: &str) -> bool {
        self.layers[0].demonym_spellings.binary_search(&spelling_hash(word)).is_ok()
    }

    /// Demonyms among the tokens no place mention covers.
    fn demonyms(
        &self,
        tokens: &[Token],
        text: &str,
        folds: &mut Folds<'_>,
        covered: &[bool],
    ) -> Vec<(String, usize)> {
        let g = &self.layers[0];
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut buf = String::new();
        let mut i = 0;
        while i < tokens.len() {
            if covered[i] || !(tokens[i].cap || tokens[i].arabic) {
                i += 1;
                continue;
            }
            let word = &text[tokens[i].start..tokens[i].end];
            let mut found = walk(&g.demonyms, Names::Places, tokens, folds, i, None, &mut buf);
            if found.is_none() && tokens[i].arabic {
                for r in clitic_readings(word, ARABIC_CLITICS) {
                    found =
                        walk(&g.demonyms, Names::Places, tokens, folds, i, Some(&r.word), &mut buf);
                    if found.is_some() {
                        break;
                    }
                }
            }
            // Latin demonyms are spelled as listed: the folded index lets "The" meet "Thai".
            let spelled = |last: usize| {
                tokens[i].arabic || self.is_demonym_word(&text[tokens[i].start..tokens[last].end])
            };
            match found {
                Some((last, entries)) if !covered[i..=last].iter().any(|&c| c) && spelled(last) => {
                    for &e in entries {
                        let iso = &g.demonym_countries[Entry(e).id()];
                        match counts.iter_mut().find(|(c, _)| c == iso) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((iso.clone(), 1)),
                        }
                    }
                    i = last + 1;
                }
                _ => i += 1,
            }
        }
        counts
    }
}

/// The token before `i`, skipping one article ("Ahrar al-Sham" → "Ahrar").
fn previous_word(tokens: &[Token], text: &str, i: usize) -> Option<usize> {
    let mut p = i.checked_sub(1)?;
    if is_article(&text[tokens[p].start..tokens[p].end]) && tokens[i].joined {
        p = p.checked_sub(1)?;
        if !tokens[p + 1].joined {
            return None;
        }
    }
    Some(p)
}

/// Whether the name at `first` is one of several divisions a plural or border phrase
/// introduces: "the provinces of Homs and Hama", "the provincial border of Homs and Deir
/// ez-Zor", "the governorates of Raqqa, Hasakah and Deir ez-Zor". Walks back over capitalised
/// words, commas and "and" to the phrase's "of".
fn provinces_listed_before(tokens: &[Token], text: &str, first: usize) -> bool {
    let mut i = first;
    let mut steps = 0;
    while i > 0 && steps < 8 {
        let w = lower_word(tokens, text, i - 1);
        if w == "of" {
            let before = |k: usize| i.checked_sub(k).map(|j| lower_word(tokens, text, j));
            let noun = before(2);
            return matches!(noun.as_deref(), Some("provinces" | "governorates"))
                || (matches!(noun.as_deref(), Some("border" | "borders" | "boundary"))
                    && before(3).as_deref() == Some("provincial"));
        }
        let t = &tokens[i - 1];
        if !(w == "and"
            || t.cap
            || w.starts_with("al")
            || w.starts_with("ez")
            || w.starts_with("ad"))
        {
            return false;
        }
        i -= 1;
        steps += 1;
    }
    false
}

/// Token `i` in lower case (an Arabic word folded), borrowed from the text when it already is:
/// the cues around every name read a few words each, most of them lower-case English.
fn lower_word<'t>(tokens: &[Token], text: &'t str, i: usize) -> Cow<'t, str> {
    let t = &tokens[i];
    let word = &text[t.start..t.end];
    if t.arabic {
        let mut key = String::new();
        fold_word(word, true, &mut key);
        Cow::Owned(key)
    } else {
        lower_case(word)
    }
}

/// The kind cue around tokens `first..=last`.
fn cue(tokens: &[Token], text: &str, first: usize, last: usize) -> Cue {
    let after =
        tokens.get(last + 1).filter(|t| t.joined).map(|_| lower_word(tokens, text, last + 1));
    let after2 = tokens
        .get(last + 2)
        .filter(|t| t.joined && after.is_some())
        .map(|_| lower_word(tokens, text, last + 2));
    // "of" directly before, with the cue noun before it: "the province of X".
    let before = |k: usize| first.checked_sub(k).map(|i| lower_word(tokens, text, i));
    let (b1, b2) = (before(1), before(2));
    let is =
        |w: &Option<Cow<'_, str>>, list: &[&str]| w.as_deref().is_some_and(|w| list.contains(&w));
    // A name that ends with the word itself: "Narathiwat Province", a name of the division.
    if last > first {
        let own = lower_word(tokens, text, last);
        if PROVINCE_WORDS.contains(&&*own) {
            return Cue::Province;
        }
        if own == "district" {
            return Cue::District;
        }
    }
    if let Some(a) = &after {
        if PROVINCE_WORDS.contains(&&**a) {
            return Cue::Province;
        }
        if a == "district"
            || a == "districts"
            || a == "sub-district"
            || a == "subdistrict"
            || a == "sub"
        {
            return Cue::District;
        }
        if FACILITY_WORDS.contains(&&**a)
            || (matches!(
                &**a,
                "air" | "military" | "oil" | "gas" | "border" | "international" | "naval"
            ) && is(&after2, FACILITY_WORDS))
        {
            return Cue::Facility;
        }
        if SETTLEMENT_WORDS.contains(&&**a) {
            return settlement(a);
        }
        if AREA_WORDS.contains(&&**a) {
            return Cue::Area;
        }
    }
    if b1.as_deref() == Some("of") {
        if is(&b2, PROVINCE_WORDS) {
            return Cue::Province;
        }
        if is(&b2, &["district", "districts"]) {
            return Cue::District;
        }
        if is(&b2, SETTLEMENT_WORDS) {
            return settlement(b2.as_deref().unwrap_or_default());
        }
    }
    if b1.as_deref() == Some("rural") {
        return Cue::Province;
    }
    if provinces_listed_before(tokens, text, first) {
        return Cue::Province;
    }
    // Arabic: the cue noun comes first ("محافظة دير الزور", "مدينة الميادين", "معبر التنف").
    if tokens[first].arabic
        && let Some(b) = &b1
    {
        let b = b.trim_start_matches(['و', 'ب', 'ف', 'ل']);
        let b = b.trim_start_matches("ال");
        let strip = |list: &[&str]| list.iter().any(|w| b == w.trim_start_matches("ال"));
        if strip(AR_PROVINCE) {
            return Cue::Province;
        }
        if strip(AR_SETTLEMENT) {
            return if strip(AR_VILLAGE) { Cue::Village } else { Cue::Settlement };
        }
        if strip(AR_FACILITY) {
            return Cue::Facility;
        }
        if strip(AR_DISTRICT) {
            return Cue::District;
        }
    }
    Cue::None
}

/// Whether a word, in lower case and without dots ("U.S." is "us"), is one of the ordinary
/// English words that share a key with a place name (`data/gazetteer/common-words.txt`).
fn is_common_word(surface: &str) -> bool {
    static WORDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut words = sitrep_lexicon::compile::parse_word_list(super::COMMON_WORDS);
        words.sort();
        words
    });
    let word: String = surface.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect();
    WORDS.binary_search(&word).is_ok()
}
