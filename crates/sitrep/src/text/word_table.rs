//! Closed lists of short words ("police", "reportedly", the function words), each word with the
//! lists it is on as bits, looked up in any letter case with one probe.
//!
//! Every word of a text is tested against such lists by more than one stage. A scan per list
//! per word was a measurable share of extraction; one probe of this table answers all of a
//! stage's lists at once. Written here rather than taken from a crate: a word of up to 16
//! bytes is packed into one integer in lower case, and an open-addressed table of such
//! integers answers with one multiply and (nearly always) one comparison, where a general hash
//! map costs several times that per word of running text.

use rustc_hash::FxHashMap;

/// Words up to this long are keyed by their bytes packed into one integer.
const PACKED: usize = 16;

/// Words, each with the bits of the lists it belongs to.
#[derive(Clone, Debug)]
pub struct WordTable {
    /// Open addressing, linear probing, at most a quarter full (most words of a text are not
    /// in the table, and a miss probes up to an empty slot): (packed word, bits), with the
    /// packed word 0 for an empty slot (no word packs to 0: words are not empty and have no
    /// NUL byte).
    slots: Vec<(u128, u32)>,
    /// Words longer than [`PACKED`] bytes, lower case.
    long: FxHashMap<Box<[u8]>, u32>,
    words: usize,
    longest: usize,
    /// For each ASCII letter, a bit per length (up to 63) of the words beginning with it, and
    /// for anything else the lengths of all words that do not: most words of a text are
    /// turned away by this one test before any hashing.
    lengths: [u64; 27],
}

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable {
            slots: vec![(0, 0); 16],
            long: FxHashMap::default(),
            words: 0,
            longest: 0,
            lengths: [0; 27],
        }
    }
}

impl WordTable {
    /// An empty table.
    pub fn new() -> WordTable {
        WordTable::default()
    }

    /// Puts each of `words` (matched in any ASCII case) on the list `bits` names.
    pub fn add(&mut self, words: &[&str], bits: u32) {
        for w in words {
            self.merge(w, bits, |old, bits| old | bits);
        }
    }

    /// Gives `word` the value `value` (not 0, which [`WordTable::get`] answers for a word not
    /// in the table), replacing its lists: the table as a map from words to numbers.
    pub fn insert(&mut self, word: &str, value: u32) {
        assert_ne!(value, 0, "0 stands for a word not in the table");
        self.merge(word, value, |_, value| value);
    }

    fn merge(&mut self, w: &str, bits: u32, merge: impl Fn(u32, u32) -> u32) {
        // (The length filter has a bit per length up to 63; no list has a longer word.)
        if w.is_empty() || w.len() >= 64 {
            return;
        }
        match pack(w.as_bytes()) {
            Some(key) => {
                if 4 * (self.words + 1) > self.slots.len() {
                    self.grow();
                }
                let k = self.slot(key);
                if self.slots[k].0 == 0 {
                    self.words += 1;
                }
                let old = self.slots[k].1;
                self.slots[k] = (key, merge(old, bits));
            }
            None => {
                let lower = w.to_ascii_lowercase().into_bytes().into_boxed_slice();
                let old = self.long.entry(lower).or_default();
                *old = merge(*old, bits);
            }
        }
        self.longest = self.longest.max(w.len());
        self.lengths[first_letter(w.as_bytes()[0])] |= 1 << w.len();
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
        let bytes = word.as_bytes();
        let n = bytes.len();
        if n == 0 || n > self.longest || self.lengths[first_letter(bytes[0])] & (1 << n) == 0 {
            return 0;
        }
        match pack(bytes) {
            Some(key) => self.slots[self.slot(key)].1,
            None => self.long.get(&*word.to_ascii_lowercase().into_bytes()).copied().unwrap_or(0),
        }
    }

    /// Whether `word` is on any of the lists `bits` names.
    #[inline]
    pub fn is(&self, word: &str, bits: u32) -> bool {
        self.get(word) & bits != 0
    }

    /// The slot holding `key`, or the empty one where it would go.
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let mask = self.slots.len() - 1;
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let mut k = (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while self.slots[k].0 != key && self.slots[k].0 != 0 {
            k = (k + 1) & mask;
        }
        k
    }

    fn grow(&mut self) {
        let larger = vec![(0, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, larger);
        for (key, bits) in old.into_iter().filter(|s| s.0 != 0) {
            let k = self.slot(key);
            self.slots[k] = (key, bits);
        }
    }
}

/// A word of up to [`PACKED`] bytes in ASCII lower case, as one integer.
///
/// Every word of a text is packed, several times (each stage has its tables), so the bytes
/// are read with at most two overlapping loads and lowered all at once ([`ascii_lowercase`]),
/// not byte by byte: half the time of a lookup.
#[inline]
fn pack(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let x = match n {
        // Bytes 0..8 and n-8..n; the second load, shifted, supplies bytes 8..n.
        8..=PACKED => {
            let lo = u64::from_le_bytes(word[..8].try_into().ok()?);
            let hi = u64::from_le_bytes(word[n - 8..].try_into().ok()?);
            u128::from(lo) | (u128::from(hi) >> ((PACKED - n) * 8) << 64)
        }
        4..=7 => {
            let lo = u32::from_le_bytes(word[..4].try_into().ok()?);
            let hi = u32::from_le_bytes(word[n - 4..].try_into().ok()?);
            u128::from(u64::from(lo) | (u64::from(hi) >> ((8 - n) * 8) << 32))
        }
        0..=3 => word.iter().rev().fold(0, |x, &b| (x << 8) | u128::from(b)),
        _ => return None,
    };
    Some(ascii_lowercase(x))
}

/// Each byte of `x` in ASCII lower case (others unchanged), all sixteen at once: a byte gets
/// 0x20 added when it is ASCII and between `A` and `Z`. No step carries into the next byte.
#[inline]
fn ascii_lowercase(x: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xFF;
    let low7 = x & (0x7F * ONES);
    let at_least_a = low7 + (0x80 - u128::from(b'A')) * ONES;
    let above_z = low7 + (0x80 - u128::from(b'Z') - 1) * ONES;
    let upper = at_least_a & !above_z & !x & (0x80 * ONES);
    x | (upper >> 2)
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
    fn a_table_of_many_words_finds_each_and_no_other() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}x")).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let t = WordTable::of(&refs, 2);
        assert!(words.iter().all(|w| t.get(w) == 2 && t.get(&w.to_uppercase()) == 2));
        assert!((500..1000).all(|i| t.get(&format!("w{i}x")) == 0));
    }

    #[test]
    fn packing_lowers_ascii_letters_of_every_length_and_nothing_else() {
        for n in 0..=PACKED {
            let word: Vec<u8> = (0..n).map(|i| b"AzZ@[`{\x80\xC3\x89Mq09\xFF-"[i % 15]).collect();
            let mut expected = [0u8; PACKED];
            for (to, from) in expected.iter_mut().zip(&word) {
                *to = from.to_ascii_lowercase();
            }
            assert_eq!(pack(&word), Some(u128::from_le_bytes(expected)), "{word:?}");
        }
        assert_eq!(pack(&[b'a'; PACKED + 1]), None);
    }

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
        let t = WordTable::of(&["Counterterrorism-forces", "counter"], 8);
        assert_eq!(
            (t.get("counterterrorism-FORCES"), t.get("Counter"), t.get("counterterrorism")),
            (8, 8, 0)
        );
        let t = WordTable::of(&["'s", "1st"], 4);
        assert_eq!((t.get("'S"), t.get("1st"), t.get("1nd"), t.get("'t")), (4, 4, 0, 0));
        let mut t = WordTable::of(&["syrian"], 1);
        t.insert("syrian", 7);
        t.insert("سوري", 9);
        assert_eq!((t.get("Syrian"), t.get("سوري"), t.get("سورية")), (7, 9, 0));
    }
}
