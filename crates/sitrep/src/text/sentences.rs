//! Sentences and paragraphs over a text's tokens.
//!
//! Written here rather than taken from a crate: the Unicode sentence-break rules
//! (`unicode-segmentation`) split after every "Dec." and "U.S." and know nothing of the
//! Arabic question mark's company; the tokens already carry the offsets we need.

use std::ops::Range;

use super::tokens::Token;

/// One sentence: a run of tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// The paragraph it belongs to, counted from 0 (paragraphs are separated by blank lines).
    pub paragraph: usize,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep",
    "inc", "co", "corp", "jr", "sr", "brig", "adm", "cpl", "pvt", "no", "approx", "est",
];

/// Splits a text's tokens into sentences. A sentence ends at a line break or at ".", "!",
/// "?" or "؟" followed by a space, unless the full stop closes an abbreviation or an initial.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    for i in 1..tokens.len() {
        let gap = &text[tokens[i - 1].end..tokens[i].start];
        let newline = gap.contains('\n');
        let prev = &text[tokens[i - 1].start..tokens[i - 1].end];
        let stop = gap.contains(['!', '?', '؟', '…'])
            || gap.contains('.') && gap != "." && !(gap.starts_with('.') && is_abbreviation(prev));
        if newline || stop {
            out.push(SentenceSpan { tokens: start..i, paragraph });
            start = i;
            if gap.matches('\n').count() >= 2 {
                paragraph += 1;
            }
        }
    }
    if start < tokens.len() {
        out.push(SentenceSpan { tokens: start..tokens.len(), paragraph });
    }
    out
}

fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        || word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn split(text: &str) -> Vec<(String, usize)> {
        let tokens = tokenize(text);
        sentences(text, &tokens)
            .into_iter()
            .map(|s| {
                let a = tokens[s.tokens.start].start;
                let b = tokens[s.tokens.end - 1].end;
                (text[a..b].to_string(), s.paragraph)
            })
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("The U.S. envoy met Gen. Votel on Dec. 6. Fighting resumed!\n\nIS withdrew"),
            [
                ("The U.S. envoy met Gen. Votel on Dec. 6".to_string(), 0),
                ("Fighting resumed".to_string(), 0),
                ("IS withdrew".to_string(), 1),
            ]
        );
    }

    #[test]
    fn arabic_question_mark_ends_a_sentence() {
        assert_eq!(split("من يسيطر على الرقة؟ لا أحد").len(), 2);
    }
}
