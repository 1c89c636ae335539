//! The name index: folded name keys → lists of entries, stored as an `fst` map plus a postings
//! array, built ahead of time and walked word by word over running text.
//!
//! An fst gives a compact, sorted, zero-copy map that can be stepped one byte at a time, which is
//! exactly what matching multi-word names in text needs: the matcher feeds the folded words of the
//! text into a [`Cursor`] and stops as soon as no key continues that way.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use fst::raw::{CompiledAddr, Output};
use serde::{Deserialize, Serialize};

/// Entry flag: the name is an abbreviation and matches only when written in capitals ("US").
pub const FLAG_CAPS_ONLY: u32 = 1 << 31;
/// Entry flag: the name is also an ordinary word (English "Hit", "Mobile"), so a match needs
/// more evidence than a capital letter.
pub const FLAG_ORDINARY_WORD: u32 = 1 << 30;
/// Entry flag: the name is the record's own name, not one of its aliases.
pub const FLAG_PRIMARY: u32 = 1 << 29;
/// The bits of an entry that hold the record number.
pub const ID_MASK: u32 = (1 << 24) - 1;

/// One posting: a record number with flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entry(pub u32);

impl Entry {
    /// The record this entry points to.
    pub fn id(self) -> usize {
        (self.0 & ID_MASK) as usize
    }
    /// Whether a flag (one of the `FLAG_` constants) is set.
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

/// The serialisable form of a [`NameIndex`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NameIndexData {
    /// The fst map bytes: key → (offset << 16 | count) into `postings`.
    pub fst: Vec<u8>,
    /// Entries, grouped per key.
    pub postings: Vec<u32>,
}

/// Errors from reading an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The fst bytes are not a valid map.
    #[error("corrupt name index: {0}")]
    Fst(#[from] fst::Error),
}

/// A position in the index after some bytes of a key.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    addr: CompiledAddr,
    out: Output,
}

/// A loaded name index.
pub struct NameIndex {
    map: fst::Map<Vec<u8>>,
    postings: Vec<u32>,
    /// The root node's address: finding it decodes the fst's header, once per walk otherwise.
    root: CompiledAddr,
    /// This index among all loaded in the process, for [`step_memo`]'s keys.
    id: u64,
}

impl NameIndex {
    /// Loads an index from its serialised form.
    pub fn from_data(data: NameIndexData) -> Result<NameIndex, IndexError> {
        let map = fst::Map::new(data.fst)?;
        let root = map.as_fst().root().addr();
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Ok(NameIndex { map, postings: data.postings, root, id })
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the index has no keys.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The entries of an exact key.
    pub fn get(&self, key: &str) -> &[u32] {
        self.map.get(key).map_or(&[], |v| self.slice(v))
    }

    fn slice(&self, value: u64) -> &[u32] {
        let offset = (value >> 16) as usize;
        let count = (value & 0xFFFF) as usize;
        &self.postings[offset..offset + count]
    }

    /// The cursor before any byte.
    pub fn root(&self) -> Cursor {
        Cursor { addr: self.root, out: Output::zero() }
    }

    /// Advances a cursor over `bytes` (one word); `None` when no key continues that way.
    pub fn step(&self, cursor: Cursor, bytes: &[u8]) -> Option<Cursor> {
        step_memo::step(self, cursor, bytes)
    }

    /// [`NameIndex::step`] without the memo: one fst node decoded per byte.
    fn step_bytes(&self, mut cursor: Cursor, bytes: &[u8]) -> Option<Cursor> {
        let fst = self.map.as_fst();
        for &b in bytes {
            let node = fst.node(cursor.addr);
            let t = node.transition(node.find_input(b)?);
            cursor = Cursor { addr: t.addr, out: cursor.out.cat(t.out) };
        }
        Some(cursor)
    }

    /// Whether some key continues past this cursor.
    pub fn continues(&self, cursor: Cursor) -> bool {
        !self.map.as_fst().node(cursor.addr).is_empty()
    }

    /// The entries of the key ending at this cursor, if a key ends here.
    pub fn entries_at(&self, cursor: Cursor) -> Option<&[u32]> {
        let node = self.map.as_fst().node(cursor.addr);
        node.is_final().then(|| self.slice(cursor.out.cat(node.final_output()).value()))
    }

    /// Every key with its entries, in key order (for tests and tools).
    pub fn iter(&self) -> impl Iterator<Item = (String, &[u32])> + '_ {
        use fst::Streamer;
        let mut stream = self.map.stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            out.push((String::from_utf8_lossy(k).into_owned(), v));
        }
        out.into_iter().map(|(k, v)| (k, self.slice(v)))
    }
}

/// The steps of whole words through the indexes, remembered per thread.
///
/// Matching steps each word of a text through an index from the node the previous word left
/// it at, and decoding an fst node per byte makes that the costliest part of extraction. The
/// same steps recur: the same first words of names ("Deir", "Syrian", "al") from the root, the
/// same second words after them, across the sentences of an article and the articles of a
/// feed. Stepping is a pure function of (index, node, word), so its result is kept in a small
/// direct-mapped table per thread: one cache line per entry, the full key checked on every hit,
/// a newer step overwriting an older one in its slot. Written here because the memo has to sit
/// between this module and the fst node format; no caching crate keys on that without
/// allocating per lookup.
mod step_memo {
    use std::cell::RefCell;
    use std::hash::Hasher;

    use fst::raw::{CompiledAddr, Output};

    use super::{Cursor, NameIndex};

    /// Entries per thread (a power of two): 1 MiB.
    const SLOTS: usize = 16384;
    /// The longest word remembered; longer ones are stepped every time.
    const WORD: usize = 23;
    /// `to` of a step that leads nowhere.
    const NOWHERE: CompiledAddr = CompiledAddr::MAX;

    #[derive(Clone, Copy)]
    #[repr(align(64))]
    struct Slot {
        /// The index's id; 0 for an empty slot (ids start at 1).
        index: u64,
        from: CompiledAddr,
        to: CompiledAddr,
        /// The output the step adds to the cursor's.
        delta: u64,
        len: u8,
        word: [u8; WORD],
    }

    const EMPTY: Slot = Slot { index: 0, from: 0, to: NOWHERE, delta: 0, len: 0, word: [0; WORD] };

    thread_local! {
        static STEPS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn step(index: &NameIndex, cursor: Cursor, word: &[u8]) -> Option<Cursor> {
        if word.len() > WORD {
            return index.step_bytes(cursor, word);
        }
        let mut h = rustc_hash::FxHasher::default();
        h.write_u64(index.id);
        h.write_usize(cursor.addr);
        h.write(word);
        let slot = h.finish() as usize % SLOTS;
        STEPS.with(|steps| {
            let mut steps = steps.borrow_mut();
            if steps.is_empty() {
                steps.resize(SLOTS, EMPTY);
            }
            let s = &mut steps[slot];
            let hit = s.index == index.id
                && s.from == cursor.addr
                && usize::from(s.len) == word.len()
                && &s.word[..word.len()] == word;
            if !hit {
                let from = Cursor { addr: cursor.addr, out: Output::zero() };
                let step = index.step_bytes(from, word);
                let mut w = [0; WORD];
                w[..word.len()].copy_from_slice(word);
                *s = Slot {
                    index: index.id,
                    from: cursor.addr,
                    to: step.map_or(NOWHERE, |c| c.addr),
                    delta: step.map_or(0, |c| c.out.value()),
                    len: word.len() as u8,
                    word: w,
                };
            }
            (s.to != NOWHERE)
                .then(|| Cursor { addr: s.to, out: cursor.out.cat(Output::new(s.delta)) })
        })
    }
}

/// Collects (key, entry) pairs and builds a [`NameIndexData`].
#[derive(Default)]
pub struct NameIndexBuilder {
    keys: BTreeMap<String, Vec<u32>>,
}

impl NameIndexBuilder {
    /// A new, empty builder.
    pub fn new() -> NameIndexBuilder {
        NameIndexBuilder::default()
    }

    /// Adds an entry under a key. Adding the same record twice under one key keeps the union of
    /// the flags.
    pub fn insert(&mut self, key: &str, entry: u32) {
        let list = self.keys.entry(key.to_owned()).or_default();
        if let Some(e) = list.iter_mut().find(|e| (**e & ID_MASK) == (entry & ID_MASK)) {
            // A record reachable by an ordinary name and a non-ordinary name keeps the stricter
            // ordinary flag only if both forms are ordinary; caps-only likewise.
            let strict = FLAG_CAPS_ONLY | FLAG_ORDINARY_WORD;
            *e = (*e & entry & strict) | ((*e | entry) & !strict);
        } else {
            list.push(entry);
        }
    }

    /// Sets a flag on every entry of a key, if the key exists.
    pub fn flag_key(&mut self, key: &str, flag: u32) {
        if let Some(list) = self.keys.get_mut(key) {
            list.iter_mut().for_each(|e| *e |= flag);
        }
    }

    /// Removes a key and all its entries.
    pub fn remove_key(&mut self, key: &str) {
        self.keys.remove(key);
    }

    /// Whether a key is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    /// Builds the serialisable index.
    pub fn build(self) -> NameIndexData {
        let mut postings = Vec::new();
        let mut builder = fst::MapBuilder::memory();
        for (key, mut list) in self.keys {
            list.sort_unstable();
            // More than 65,535 records under one key would overflow the count field; no real
            // name comes close, so the surplus is dropped rather than corrupting the map.
            list.truncate(0xFFFF);
            let value = ((postings.len() as u64) << 16) | list.len() as u64;
            postings.extend_from_slice(&list);
            builder
                .insert(key.as_bytes(), value)
                .expect("keys come sorted and unique from a BTreeMap");
        }
        NameIndexData {
            fst: builder.into_inner().expect("in-memory fst build cannot fail"),
            postings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_keys_byte_by_byte() {
        let mut b = NameIndexBuilder::new();
        b.insert("dir", 1);
        b.insert("dirzur", 2);
        b.insert("dirzur", 3 | FLAG_PRIMARY);
        let index = NameIndex::from_data(b.build()).unwrap();
        let c = index.step(index.root(), b"dir").unwrap();
        assert_eq!(index.entries_at(c), Some(&[1u32][..]));
        let c = index.step(c, b"zur").unwrap();
        assert_eq!(index.entries_at(c), Some(&[2u32, 3 | FLAG_PRIMARY][..]));
        assert!(index.step(c, b"x").is_none());
        assert_eq!(index.get("dirz"), &[] as &[u32]);
    }

    #[test]
    fn ordinary_flag_survives_only_if_every_form_is_ordinary() {
        let mut b = NameIndexBuilder::new();
        b.insert("hit", 7 | FLAG_ORDINARY_WORD);
        b.insert("hit", 7);
        let index = NameIndex::from_data(b.build()).unwrap();
        assert_eq!(index.get("hit"), &[7]);
    }
}
