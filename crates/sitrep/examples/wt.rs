#![allow(missing_docs)]
use sitrep::text::word_table::WordTable;
use std::time::Instant;
fn main() {
    let mut texts = Vec::new();
    for p in sitrep::eval::campaign_articles(std::path::Path::new("../shared/data")).unwrap() {
        texts.push(std::fs::read_to_string(p).unwrap());
    }
    let words: Vec<&str> = texts
        .iter()
        .flat_map(|t| sitrep_lexicon::normalize::words(t).map(move |w| &t[w.start..w.end]))
        .collect();
    let list = [
        "in",
        "of",
        "the",
        "and",
        "said",
        "reported",
        "would",
        "will",
        "not",
        "city",
        "town",
        "village",
        "near",
        "outskirts",
        "province",
        "according",
        "because",
        "while",
        "support",
        "help",
        "official",
        "spokesman",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
    ];
    let mut distinct: Vec<&str> = words.clone();
    distinct.sort();
    distinct.dedup();
    let big: Vec<&str> = distinct.iter().step_by(40).copied().collect();
    let mut t = WordTable::of(&list, 1);
    if std::env::args().nth(1).is_some() {
        t.add(&big, 2);
        println!("{} words in table", big.len() + list.len());
    }
    let start = Instant::now();
    let mut hits = 0u64;
    for _ in 0..20 {
        for w in &words {
            hits += u64::from(t.get(std::hint::black_box(w)));
        }
    }
    let el = start.elapsed();
    println!(
        "{} words, {:.1} ns per lookup, {hits} hits",
        words.len(),
        el.as_nanos() as f64 / (20 * words.len()) as f64
    );
}
