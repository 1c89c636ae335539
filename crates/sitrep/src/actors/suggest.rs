//! Discovery: frequent group-like names the dictionary does not know, so that an analyst can
//! grow it ("... Brigade", "Liwa ...", "Jaysh ...", "Force 313").

use std::collections::HashMap;

use serde::Serialize;

use crate::text::tokens::tokenize;
use crate::{Document, Extractor};

/// Words that make a capitalised phrase a group's name, at its end ("Hamza Brigade") or its
/// start ("Liwa al-Quds", "Force 313").
const GROUP_TAILS: &[&str] = &[
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "division",
    "army",
    "front",
    "movement",
    "corps",
    "forces",
    "regiment",
    "legion",
    "front",
    "gathering",
    "union",
    "council",
    "falcons",
    "lions",
    "shield",
    "militia",
    "units",
    "group",
];
const GROUP_HEADS: &[&str] = &[
    "liwa", "liwaa", "lewa", "jaysh", "jaish", "harakat", "harakat", "faylaq", "failaq", "katibat",
    "kataib", "kata'ib", "saraya", "ansar", "jabhat", "tajammu", "force", "quwat", "ahrar", "usud",
];

/// An unknown group-like name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    /// The name as written (its most frequent form).
    pub name: String,
    /// How many times it occurs.
    pub count: usize,
    /// One sentence it occurs in.
    pub example: String,
}

/// The group-like names of `documents` that no dictionary actor covers, most frequent first.
pub fn suggest(extractor: &Extractor, documents: &[Document]) -> Vec<Suggestion> {
    let mut counts: HashMap<String, Suggestion> = HashMap::new();
    for doc in documents {
        let text = &doc.text;
        let analysis = extractor.extract(doc);
        let covered: Vec<(usize, usize)> = analysis
            .actors
            .iter()
            .flat_map(|a| a.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        let tokens = tokenize(text);
        let word = |i: usize| text[tokens[i].start..tokens[i].end].to_lowercase();
        let mut i = 0;
        while i < tokens.len() {
            // A run of capitalised words (articles and digits allowed inside), not starting
            // with a capitalised "The".
            if !(tokens[i].cap || GROUP_HEADS.contains(&word(i).as_str())) || word(i) == "the" {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < tokens.len()
                && tokens[j + 1].joined
                && (tokens[j + 1].cap
                    || matches!(
                        word(j + 1).as_str(),
                        "al" | "el" | "ad" | "ash" | "as" | "of" | "the"
                    )
                    || word(j + 1).chars().all(|c| c.is_ascii_digit()))
            {
                j += 1;
            }
            let group = (i..=j).any(|k| GROUP_HEADS.contains(&word(k).as_str()))
                || GROUP_TAILS.contains(&word(j).as_str());
            let (s, e) = (tokens[i].cstart, tokens[j].cend);
            let known = covered.iter().any(|&(cs, ce)| cs < e && s < ce);
            if group && j > i && !known {
                let name = text[tokens[i].start..tokens[j].end].to_owned();
                let sentence_start =
                    text[..tokens[i].start].rfind(['.', '\n', '!', '?']).map_or(0, |p| p + 1);
                let sentence_end = text[tokens[j].end..]
                    .find(['.', '\n', '!', '?'])
                    .map_or(text.len(), |p| tokens[j].end + p + 1);
                let key = name.to_lowercase();
                let entry = counts.entry(key).or_insert_with(|| Suggestion {
                    name: name.clone(),
                    count: 0,
                    example: text[sentence_start..sentence_end].trim().to_owned(),
                });
                entry.count += 1;
            }
            i = j + 1;
        }
    }
    let mut out: Vec<Suggestion> = counts.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_groups_are_suggested_and_known_ones_not() {
        let extractor = Extractor::new(crate::Gazetteer::embedded());
        let doc = Document {
            text:
                "The Hamza Brigade and Liwa Suqur al-Badia attacked. The Hamza Brigade withdrew; \
                   the Free Syrian Army held Force 313 back."
                    .into(),
            ..Document::default()
        };
        let names: Vec<(String, usize)> =
            suggest(&extractor, &[doc]).into_iter().map(|s| (s.name, s.count)).collect();
        assert_eq!(
            names,
            [
                ("Hamza Brigade".to_owned(), 2),
                ("Force 313".to_owned(), 1),
                ("Liwa Suqur al-Badia".to_owned(), 1)
            ]
        );
    }
}
