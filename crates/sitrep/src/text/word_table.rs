//! Closed lists of short words ("police", "reportedly", the function words), each word with the
//! lists it is on as bits, looked up in any letter case with one hash probe.
//!
//! Every word of a text is tested against such lists by more than one stage. A scan per list
//! per word was a measurable share of extraction; one probe of this table answers all of a
//! stage's lists at once. It is a thin layer over `rustc-hash`'s map that adds lookup in any
//! ASCII case without allocating, which no crate offers as such.

use rustc_hash::FxHashMap;

/// The longest word a table holds; longer words are on no list.
const LONGEST: usize = 32;

/// Words, each with the bits of the lists it belongs to.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    bits: FxHashMap<Box<[u8]>, u32>,
    longest: usize,
    /// For each ASCII letter, a bit per length (up to [`LONGEST`]) of the words beginning with
    /// it, and for anything else the lengths of all words that do not: most words of a text
    /// are turned away by this one test before any hashing.
    lengths: [u64; 27],
}

impl WordTable {
    /// An empty table.
    pub fn new() -> WordTable {
        WordTable::default()
    }

    /// Puts each of `words` (matched in any ASCII case) on the list `bits` names. Words longer
    /// than 32 bytes are left out: no list has them.
    pub fn add(&mut self, words: &[&str], bits: u32) {
        for w in words.iter().filter(|w| w.len() <= LONGEST) {
            *self
                .bits
                .entry(w.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .or_default() |= bits;
            self.longest = self.longest.max(w.len());
            self.lengths[first_letter(w.as_bytes()[0])] |= 1 << w.len();
        }
    }

    /// A table of one list.
    pub fn of(words: &[&str], bits: u32) -> WordTable {
        let mut t = WordTable::new();
        t.add(words, bits);
        t
    }

    /// The lists `word` is on, in any ASCII case (0 for none).
    #[inline]
    pub fn get(&self, word: &str) -> u32 {
        let n = word.len();
        if n == 0
            || n > self.longest
            || self.lengths[first_letter(word.as_bytes()[0])] & (1 << n) == 0
        {
            return 0;
        }
        let mut buf = [0u8; LONGEST];
        let lower = &mut buf[..n];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.bits.get(&*lower).copied().unwrap_or(0)
    }

    /// Whether `word` is on any of the lists `bits` names.
    #[inline]
    pub fn is(&self, word: &str, bits: u32) -> bool {
        self.get(word) & bits != 0
    }
}

/// The slot of [`WordTable::lengths`] for a word's first byte.
fn first_letter(b: u8) -> usize {
    match b.to_ascii_lowercase() {
        l @ b'a'..=b'z' => usize::from(l - b'a'),
        _ => 26,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case_with_all_their_lists() {
        let mut t = WordTable::of(&["police", "the"], 1);
        t.add(&["Police", "reportedly"], 2);
        assert_eq!(t.get("POLICE"), 3);
        assert_eq!(t.get("Police"), 3);
        assert_eq!(t.get("The"), 1);
        assert!(t.is("Reportedly", 2) && !t.is("reportedly", 1));
        assert_eq!(t.get("policemen"), 0);
        assert_eq!(t.get(""), 0);
        assert_eq!(t.get("الشرطة"), 0);
        assert_eq!(t.get(&"x".repeat(100)), 0);
        let t = WordTable::of(&["'s", "1st"], 4);
        assert_eq!((t.get("'S"), t.get("1st"), t.get("1nd"), t.get("'t")), (4, 4, 0, 0));
    }
}
