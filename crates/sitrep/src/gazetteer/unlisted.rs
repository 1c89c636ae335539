//! Places the gazetteer lacks that the text itself locates: "the village of Tamthil in the
//! eastern countryside of Homs", "Albuhrat neighbourhood near Fallujah". Such a place is
//! reported under its own name at the point of the place the text puts it in, with that
//! place's id in `within`, as conflict coders do with a village they cannot find (ACLED codes
//! it at the nearest known place, geo_precision 2).
//!
//! Only a name with a word saying what kind of place it is, and a known place right after it
//! joined by words of location ("in", "near", "the southern countryside of"), is taken: a
//! capitalised word alone is as often a person, a group or the start of a sentence.

use sitrep_lexicon::place::PlaceKind;

use super::{Gazetteer, Place, PlaceMentionOut, direction};
use crate::text::tokens::{Token, is_function_word};

/// Words for a kind of place, singular: what follows "the ... of X" or "X ...".
const KINDS: &[(&str, PlaceKind)] = &[
    ("village", PlaceKind::Village),
    ("hamlet", PlaceKind::Village),
    ("town", PlaceKind::Town),
    ("neighbourhood", PlaceKind::Region),
    ("neighborhood", PlaceKind::Region),
    ("quarter", PlaceKind::Region),
    ("district", PlaceKind::Region),
    ("suburb", PlaceKind::Region),
    ("area", PlaceKind::Region),
];

/// The kind a word names, in any case ("Albu Sawdah District").
fn kind_of(word: &str) -> Option<PlaceKind> {
    // Most words are ruled out by their length and first letter before the list is read.
    let b = word.as_bytes();
    if !(4..=13).contains(&b.len())
        || !matches!(b[0] | 0x20, b'a' | b'd' | b'h' | b'n' | b'q' | b's' | b't' | b'v')
    {
        return None;
    }
    KINDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|&(_, k)| k)
}

/// Words that may stand between an unlisted place and the known place holding it.
fn joins_container(word: &str) -> bool {
    matches!(
        word,
        "in" | "near"
            | "of"
            | "the"
            | "to"
            | "outside"
            | "on"
            | "outskirts"
            | "countryside"
            | "rural"
            | "province"
            | "governorate"
            | "city"
            | "central"
    ) || direction(word)
}

/// Words for people that go before "village" or "town" as a name would: "a Kurdish town
/// near Afrin", "the Alawite village".
const PEOPLES: &[&str] = &[
    "kurdish",
    "arab",
    "sunni",
    "shiite",
    "shia",
    "alawite",
    "christian",
    "druze",
    "yazidi",
    "yezidi",
    "turkmen",
    "turkoman",
    "turcoman",
    "assyrian",
    "chaldean",
    "syriac",
    "shabak",
    "ismaili",
    "armenian",
    "circassian",
    "bedouin",
    "muslim",
    "jewish",
    "tribal",
];

/// The id of an unlisted place: the id of the place holding it, a slash, and its name as a
/// slug: "the village of Tamthil in Homs" is Homs's id followed by "/tamthil".
fn unlisted_id(container: &str, name: &str) -> String {
    format!("{container}/{}", crate::text::slug(name))
}

/// The id of the place that holds an unlisted place, read from the unlisted place's id (the
/// holder's id, a slash and the name); `None` for a place the gazetteer lists.
pub fn container_of(id: &str) -> Option<&str> {
    id.split_once('/').map(|(container, _)| container)
}

impl Gazetteer {
    /// Finds the unlisted places of a text. `places` are the places already resolved; a name
    /// overlapping one of their mentions is theirs.
    pub fn unlisted_places(&self, text: &str, tokens: &[Token], places: &[Place]) -> Vec<Place> {
        // Words are lowered only around a kind word: most texts have a few.
        let lower = |j: usize| text[tokens[j].start..tokens[j].end].to_ascii_lowercase();
        let demonym = |w: &str| {
            sitrep_lexicon::normalize::name_key(w)
                .is_some_and(|k| !self.layers[0].demonyms.get(&k).is_empty())
        };
        // The words the name may have: capitalised, or a transliterated Arabic article before
        // one ("Sheikh al-Najjar"); no people's adjective ("Kurdish", "Syrian").
        let name_word = |j: usize| {
            let t = &tokens[j];
            let w = &text[t.start..t.end];
            !t.arabic
                && ((t.cap
                    && !t.all_caps
                    && !is_function_word(w)
                    && !PEOPLES.iter().any(|p| p.eq_ignore_ascii_case(w))
                    && !demonym(w))
                    || sitrep_lexicon::normalize::is_article(w))
        };
        // Every mention of a known place (start, end, place), by start: searched, not scanned, at
        // each kind word.
        let mut mentions: Vec<(usize, usize, usize)> = places
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.mentions.iter().map(move |m| (m.start, m.end, i)))
            .collect();
        mentions.sort_unstable();
        // The known place whose mention starts at a character offset.
        let starting_at = |c: usize| {
            let i = mentions.partition_point(|m| m.0 < c);
            mentions.get(i).filter(|m| m.0 == c).map(|m| &places[m.2])
        };
        // Mentions do not nest, so only the last few starting before `b` can reach past `a`.
        let taken = |a: usize, b: usize| {
            let i = mentions.partition_point(|m| m.0 < b);
            mentions[..i].iter().rev().take(4).any(|m| a < m.1)
        };
        let mut out: Vec<Place> = Vec::new();
        for k in 0..tokens.len() {
            let t = &tokens[k];
            let Some(kind) = kind_of(&text[t.start..t.end]) else { continue };
            // "the village of X": the name after; "X village": the name before ("the Thantho
            // district of Yala province", where the name after is a known place).
            let of = |j: usize| tokens.get(j).is_some_and(|t| text[t.start..t.end] == *"of");
            let name_after = of(k + 1).then(|| {
                let first = k + 2;
                let mut last = first;
                while last < tokens.len()
                    && last < first + 4
                    && name_word(last)
                    && tokens[last].joined
                {
                    last += 1;
                }
                (first, last, last)
            });
            let name_before = {
                let mut first = k;
                while first > 0 && first + 4 > k && tokens[first].joined && name_word(first - 1) {
                    first -= 1;
                }
                (first, k, k + 1)
            };
            // A name is at least one capitalised word (after an article: "al-Zakah"), not at the
            // start of a sentence (where any word is capitalised), and no known place.
            let article = |j: usize| sitrep_lexicon::normalize::is_article(&lower(j));
            let is_name = |&(first, last, _): &(usize, usize, usize)| {
                first < last
                    && (tokens[first].cap
                        || article(first) && first + 1 < last && tokens[first + 1].cap)
                    && !tokens[first].sentence_start
                    && !article(last - 1)
                    && !taken(tokens[first].cstart, tokens[last - 1].cend)
            };
            let Some((first, last, after)) =
                name_after.into_iter().chain([name_before]).find(|n| is_name(n))
            else {
                continue;
            };
            let (start, end) = (tokens[first].cstart, tokens[last - 1].cend);
            // The known place right after it, across words of location only; a comma only before a
            // compass word ("Omar Mandan village, northeast Baqubah").
            let comma_compass = after < tokens.len()
                && text[tokens[after - 1].end..tokens[after].start].trim() == ","
                && direction(&lower(after));
            let container = (after..tokens.len().min(after + 8))
                .take_while(|&j| tokens[j].joined || (j == after && comma_compass))
                .find_map(|j| match starting_at(tokens[j].cstart) {
                    Some(p) => Some(Some(p)),
                    None if joins_container(&lower(j)) => None,
                    None => Some(None),
                })
                .flatten();
            let Some(container) = container.filter(|p| p.kind != PlaceKind::Country) else {
                continue;
            };
            let name = text[tokens[first].start..tokens[last - 1].end].to_owned();
            let id = unlisted_id(&container.id, &name);
            let mention = PlaceMentionOut { start, end, text: name.clone() };
            match out.iter_mut().find(|p| p.id == id) {
                Some(p) => p.mentions.push(mention),
                None => out.push(Place {
                    id,
                    name,
                    kind,
                    feature: None,
                    country: container.country.clone(),
                    admin1: container.admin1.clone(),
                    lat: container.lat,
                    lon: container.lon,
                    geonameid: None,
                    confidence: 0.3,
                    mentions: vec![mention],
                    within: Some(container.id.clone()),
                }),
            }
        }
        out
    }
}
