//! Normalised text: a document's words with their offsets and context, and the walk that feeds
//! their folded forms into a name index. Places and actors are both found this way.

use std::borrow::Cow;
use std::sync::LazyLock;

use sitrep_lexicon::index::{Cursor, NameIndex};
use sitrep_lexicon::normalize::{
    Folded, fold_word, is_all_caps, is_apostrophe, is_capitalized, words,
};

use super::word_table::WordTable;

/// Function words that never begin a name, whether of a place or an actor: a capitalised
/// "The" starts a sentence ("The U.S" is not the Romanian town Teiuş).
pub const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "in", "at", "on", "of", "to", "from", "for", "by", "with", "and", "or",
    "but", "as", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "his",
    "her", "their", "our", "there", "here", "when", "while", "after", "before", "since", "if",
    "into", "near", "is", "was", "are", "were", "be", "has", "have", "had", "not", "no", "so",
    "then", "than", "also", "all", "some", "many", "most", "more", "such", "what", "which", "who",
];

/// [`FUNCTION_WORDS`], [`TITLES`] and [`NOT_IN_NAMES`], looked up once for all.
static CLOSED_WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut t = WordTable::of(FUNCTION_WORDS, FUNCTION_WORD);
    t.add(TITLES, TITLE);
    t.add(NOT_IN_NAMES, NOT_IN_NAME);
    t
});
const FUNCTION_WORD: u32 = 1;
const TITLE: u32 = 2;
const NOT_IN_NAME: u32 = 4;

/// Words that no place name goes on through when written in lower case: verbs, pronouns and
/// conjunctions of the sentence around it ("Kut is" is not Kutaisi). Not "of", "the", "and" or
/// "in", which names have ("Gulf of Aden", "Trinidad and Tobago"), nor the Arabic articles
/// ("as-", "an-"), which fold as articles. Names of groups are another matter ("Raqqa is Being
/// Slaughtered Silently").
const NOT_IN_NAMES: &[&str] = &[
    "is", "was", "are", "were", "be", "has", "have", "had", "not", "it", "its", "he", "she",
    "they", "we", "his", "her", "their", "our", "there", "here", "when", "while", "if", "then",
    "than", "also", "which", "who", "what", "this", "that", "these", "those", "but", "or",
];

/// Whether a token ends the place names before it: a lower-case word of [`NOT_IN_NAMES`].
fn ends_place_names(text: &str, t: &Token) -> bool {
    !t.cap && !t.arabic && CLOSED_WORDS.is(&text[t.start..t.end], NOT_IN_NAME)
}

/// Whether a token is a lower-case word of [`FUNCTION_WORDS`], which no name ends on.
fn ends_on_function_word(text: &str, t: &Token) -> bool {
    !t.cap && !t.arabic && CLOSED_WORDS.is(&text[t.start..t.end], FUNCTION_WORD)
}

/// Whether a word is one of [`FUNCTION_WORDS`], in any case.
pub fn is_function_word(word: &str) -> bool {
    CLOSED_WORDS.is(word, FUNCTION_WORD)
}

/// Titles before a person's name ("Colonel", "spokesman"). Not "sheikh": "Sheikh Hilal" is as
/// often a village as a man.
pub const TITLES: &[&str] = &[
    "colonel",
    "col",
    "general",
    "gen",
    "brigadier",
    "lieutenant",
    "lt",
    "major",
    "maj",
    "captain",
    "capt",
    "sergeant",
    "commander",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "emir",
    "king",
    "prince",
    "ambassador",
    "envoy",
    "mr",
    "mrs",
    "ms",
    "dr",
    "governor",
    "mayor",
    "senator",
    "secretary",
    "chief",
    "admiral",
];

/// Whether a word is one of [`TITLES`], in any case.
pub fn is_title(word: &str) -> bool {
    CLOSED_WORDS.is(word, TITLE)
}

/// Whether token `i` is a title before a person's name. In lower case "major" is an adjective
/// ("six major West Bank cities", "the only major Syrian city"), and so is "general" after an
/// article ("the general Damascus event"); "Major Ahmed", "Russian general Viktor Poznikhir"
/// and "police chief Abu al-Hayjaa" are titles.
pub fn is_title_before_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let word = &text[t.start..t.end];
    if !is_title(word) {
        return false;
    }
    let after_article =
        || i > 0 && matches!(&text[tokens[i - 1].start..tokens[i - 1].end], "the" | "a" | "an");
    t.cap || t.all_caps || !(word == "major" || word == "general" && after_article())
}

/// The most words a name may have.
pub const MAX_NAME_WORDS: usize = 8;

/// A word of the text with what matching needs to know about it.
#[derive(Clone, Debug)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Character (Unicode scalar) offset of the first character.
    pub cstart: usize,
    /// Character offset one past the last character.
    pub cend: usize,
    /// Separated from the previous word only by spaces or one hyphen, on the same line.
    pub joined: bool,
    /// Separated from the previous word by exactly one space.
    pub spaced: bool,
    /// First word of a sentence (or of the text, a line, or after a colon).
    pub sentence_start: bool,
    /// Written in Arabic script.
    pub arabic: bool,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Two or more letters, all capitals.
    pub all_caps: bool,
}

/// A word in lower case, borrowed when it already is, as most words of English text are: the
/// rules that read the words around a mention compare a few each, and copying them all was a
/// measurable share of extraction.
pub fn lower_case(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Splits a text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut prev_end = 0;
    let mut chars = 0;
    for w in words(text) {
        let gap = &text[prev_end..w.start];
        let word = &text[w.start..w.end];
        let count = |s: &str| if s.is_ascii() { s.len() } else { s.chars().count() };
        let gap_chars = count(gap);
        let word_chars = count(word);
        let prev_single_letter = tokens.last().is_some_and(|t| t.cend - t.cstart == 1);
        let (joined, sentence_start) = if tokens.is_empty() {
            (false, true)
        } else if gap == " " {
            (true, false)
        } else {
            let hyphens = gap.chars().filter(|c| matches!(c, '-' | '‐' | '–')).count();
            // An apostrophe joins the possessive "s" split off by `words` ("People's Republic").
            let joined = gap
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '-' | '‐' | '–') || is_apostrophe(c))
                && hyphens <= 1
                || (gap == "." && prev_single_letter);
            let sentence_start =
                gap.chars().any(|c| matches!(c, '.' | '!' | '?' | ':' | '\n' | '|' | '؟'))
                    && !(gap == "." && prev_single_letter);
            (joined, sentence_start)
        };
        let first = word.chars().next().unwrap_or(' ');
        let arabic = matches!(first as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF);
        let cap = !arabic && is_capitalized(word);
        tokens.push(Token {
            start: w.start,
            end: w.end,
            cstart: chars + gap_chars,
            cend: chars + gap_chars + word_chars,
            joined,
            spaced: !tokens.is_empty() && matches!(gap, " " | "\u{a0}"),
            sentence_start,
            arabic,
            cap,
            all_caps: cap && word_chars > 1 && is_all_caps(word),
        });
        chars += gap_chars + word_chars;
        prev_end = w.end;
    }
    tokens
}

/// How many words [`FOLDED_WORDS`] keeps before it starts again.
const FOLDED_WORDS_MAX: usize = 1 << 14;

type FoldMemo = rustc_hash::FxHashMap<Box<str>, (Folded, Box<str>)>;

thread_local! {
    /// Words already folded on this thread, as a first word of a name and as a later one:
    /// most words of a text recur across texts, and a lookup costs a fraction of folding.
    static FOLDED_WORDS: std::cell::RefCell<[FoldMemo; 2]> = std::cell::RefCell::default();
}

/// The folded forms of a text's tokens, each computed at most once per position (first word
/// of a name, or a later word): several walks start at or pass over the same token.
pub struct Folds<'t> {
    text: &'t str,
    arena: String,
    cache: Vec<[Option<(Folded, u32, u32)>; 2]>,
}

impl<'t> Folds<'t> {
    /// An empty cache for the tokens of `text`.
    pub fn new(text: &'t str, tokens: &[Token]) -> Folds<'t> {
        Folds {
            text,
            arena: String::with_capacity(text.len() / 4),
            cache: vec![[None; 2]; tokens.len()],
        }
    }

    /// The folded form of token `j`, as the first word of a name (`initial`) or a later one.
    pub fn get(&mut self, tokens: &[Token], j: usize, initial: bool) -> (Folded, &str) {
        let slot = usize::from(!initial);
        let (folded, start, end) = match self.cache[j][slot] {
            Some(c) => c,
            None => {
                let start = self.arena.len();
                let word = &self.text[tokens[j].start..tokens[j].end];
                let folded = FOLDED_WORDS.with(|memo| {
                    let mut memo = memo.borrow_mut();
                    let memo = &mut memo[slot];
                    if let Some((folded, key)) = memo.get(word) {
                        self.arena.push_str(key);
                        return *folded;
                    }
                    let folded = fold_word(word, initial, &mut self.arena);
                    if memo.len() >= FOLDED_WORDS_MAX {
                        memo.clear();
                    }
                    memo.insert(word.into(), (folded, self.arena[start..].into()));
                    folded
                });
                let c = (folded, start as u32, self.arena.len() as u32);
                self.cache[j][slot] = Some(c);
                c
            }
        };
        (folded, &self.arena[start as usize..end as usize])
    }
}

/// What the names of an index are, which decides where a name may end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Place names end before a lower-case verb or pronoun of the sentence (the words of
    /// `NOT_IN_NAMES`: "is", "was", "they", ...).
    Places,
    /// Names of actors may go on through one ("Raqqa is Being Slaughtered Silently").
    Actors,
}

/// Walks one index of `names` from token `i` and returns the longest match: its last token
/// and entries. `first_word` replaces the first token's text (an Arabic word with its clitic
/// removed).
pub fn walk<'i>(
    index: &'i NameIndex,
    names: Names,
    tokens: &[Token],
    folds: &mut Folds<'_>,
    i: usize,
    first_word: Option<&str>,
    buf: &mut String,
) -> Option<(usize, &'i [u32])> {
    let start = Walk { cursor: index.root(), next: i, best: None, names };
    walk_on(index, start, tokens, folds, i, first_word, buf)
}

/// Where an index is after the first word of some names: looked up in a table of first words
/// instead of stepped through the index at every word of a text.
#[derive(Clone, Copy, Debug)]
pub struct AfterFirstWord {
    /// The index's cursor after the word.
    pub cursor: Cursor,
    /// Whether some name goes on past the word (else the walk ends on it).
    pub continues: bool,
}

impl AfterFirstWord {
    /// The cursor after `word` (folded as a first word), if some key of `index` begins so.
    pub fn new(index: &NameIndex, word: &str) -> Option<AfterFirstWord> {
        let cursor = index.step(index.root(), word.as_bytes())?;
        Some(AfterFirstWord { cursor, continues: index.continues(cursor) })
    }
}

/// Walks on from `first`, where the index is after the first word of a name at token `i`;
/// same answer as [`walk`].
pub fn walk_after_first_word<'i>(
    index: &'i NameIndex,
    names: Names,
    first: AfterFirstWord,
    tokens: &[Token],
    folds: &mut Folds<'_>,
    i: usize,
    buf: &mut String,
) -> Option<(usize, &'i [u32])> {
    let best = index.entries_at(first.cursor).map(|entries| (i, entries));
    if !first.continues {
        return best;
    }
    let start = Walk { cursor: first.cursor, next: i + 1, best, names };
    walk_on(index, start, tokens, folds, i, None, buf)
}

/// A walk under way: where the index is, the token it reads next and the longest match so far.
struct Walk<'i> {
    cursor: Cursor,
    next: usize,
    best: Option<(usize, &'i [u32])>,
    names: Names,
}

fn walk_on<'i>(
    index: &'i NameIndex,
    mut walk: Walk<'i>,
    tokens: &[Token],
    folds: &mut Folds<'_>,
    i: usize,
    first_word: Option<&str>,
    buf: &mut String,
) -> Option<(usize, &'i [u32])> {
    // Past the first word, the walk has read a word and folds the rest as later words.
    let mut any_word = walk.next > i;
    let mut initial = !any_word;
    for j in walk.next..tokens.len().min(i + MAX_NAME_WORDS) {
        if j > i
            && (!tokens[j].joined
                || (walk.names == Names::Places && ends_place_names(folds.text, &tokens[j])))
        {
            break;
        }
        let (folded, key) = match first_word.filter(|_| j == i) {
            Some(w) => {
                buf.clear();
                (fold_word(w, initial, buf), buf.as_str())
            }
            None => folds.get(tokens, j, initial),
        };
        match folded {
            Folded::Article => continue,
            Folded::Empty => break,
            Folded::Word(_) => {}
        }
        initial = false;
        any_word = true;
        walk.cursor = match index.step(walk.cursor, key.as_bytes()) {
            Some(c) => c,
            None => break,
        };
        // No name ends on a lower-case function word: "Paul and" folds to the key of Poland,
        // but "and" only ever joins the words of a name ("Trinidad and Tobago").
        if let Some(entries) = index.entries_at(walk.cursor)
            && !(j > i && ends_on_function_word(folds.text, &tokens[j]))
        {
            walk.best = Some((j, entries));
        }
    }
    walk.best.filter(|_| any_word)
}

/// A reading of an Arabic word without the conjunction or preposition written on it.
pub struct CliticReading {
    /// The word as the index knows it ("للرقة" → "الرقة").
    pub word: String,
    /// Bytes of the text word before the span of the name: the clitic, but not an article
    /// that stays in the name ("بالبادية" → "البادية", "للرقة" → "لرقة", whose alef was never
    /// written).
    pub skip_bytes: usize,
    /// The same in characters.
    pub skip_chars: usize,
}

/// The readings of `word` without each of `clitics` ((prefix, replacement) pairs), leaving at
/// least two letters.
pub fn clitic_readings<'a>(
    word: &'a str,
    clitics: &'a [(&'a str, &'a str)],
) -> impl Iterator<Item = CliticReading> + 'a {
    clitics.iter().filter_map(move |&(prefix, replacement)| {
        let rest = word.strip_prefix(prefix).filter(|r| r.chars().count() >= 2)?;
        let skip_bytes = if replacement.is_empty() {
            prefix.len()
        } else if prefix.ends_with(replacement) {
            prefix.len() - replacement.len()
        } else {
            prefix.len() - 'ل'.len_utf8()
        };
        Some(CliticReading {
            word: format!("{replacement}{rest}"),
            skip_bytes,
            skip_chars: word[..skip_bytes].chars().count(),
        })
    })
}
