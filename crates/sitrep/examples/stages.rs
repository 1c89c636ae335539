// temporary: per-stage timing of extraction
#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sitrep::{Document, Extractor, Gazetteer};
use std::time::{Duration, Instant};
fn main() {
    let ex = Extractor::new(Gazetteer::embedded());
    let mut docs: Vec<Document> = Vec::new();
    for p in sitrep::eval::campaign_articles(std::path::Path::new("../shared/data")).unwrap() {
        docs.push(Document { text: std::fs::read_to_string(p).unwrap(), ..Document::default() });
    }
    let rows = sitrep::eval::acled::read_rows(std::path::Path::new(
        "../shared/data/acled-2018-03/acled-syria-iraq-2018-03.csv",
    ))
    .unwrap();
    docs.extend(rows.iter().map(|r| Document { text: r.notes.clone(), ..Document::default() }));
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let n: usize = std::env::args().nth(1).map_or(5, |a| a.parse().unwrap());
    let mut t = [Duration::ZERO; 9];
    let names = [
        "tokenize",
        "sentences",
        "time",
        "recognize",
        "resolve",
        "unlisted",
        "actors",
        "events",
        "whole",
    ];
    let g = ex.gazetteer();
    for _ in 0..n {
        for d in &docs {
            let text = &d.text;
            let c = Instant::now();
            let tokens = sitrep::text::tokens::tokenize(text);
            let mut folds = sitrep::text::tokens::Folds::new(text, &tokens);
            let c1 = Instant::now();
            t[0] += c1 - c;
            let spans = sitrep::text::sentences::sentences(text, &tokens);
            let c2 = Instant::now();
            t[1] += c2 - c1;
            let timing = sitrep::time::analyze(text, &tokens, &spans, None);
            let c3 = Instant::now();
            t[2] += c3 - c2;
            let rec = g.recognize_tokens(text, &tokens, &mut folds);
            let c4 = Instant::now();
            t[3] += c4 - c3;
            let (mut places, _) = g.resolve(text, &rec);
            let c5 = Instant::now();
            t[4] += c5 - c4;
            let un = g.unlisted_places(text, &tokens, &places);
            places.extend(un);
            let c6 = Instant::now();
            t[5] += c6 - c5;
            let actors = ex.actors().recognize(text, &tokens, &mut folds, None, Some("SY"));
            let c7 = Instant::now();
            t[6] += c7 - c6;
            let ev = sitrep::events::extract(&sitrep::events::Input {
                text,
                tokens: &tokens,
                sentences: &spans,
                dates: &timing.sentences,
                places: &places,
                actors: &actors.actors,
                backers: &actors.backers,
                times: &timing.times,
                published: None,
            });
            let c8 = Instant::now();
            t[7] += c8 - c7;
            std::hint::black_box(ev);
            let a = ex.extract(d);
            t[8] += c8.elapsed();
            std::hint::black_box(a);
        }
    }
    for (k, name) in names.iter().enumerate() {
        let per = t[k] / n as u32;
        let _ = 0;
        println!("{name:>10} {:>8.1?} {:>7.1} MB/s", per, bytes as f64 / per.as_secs_f64() / 1e6);
    }
}
#[allow(dead_code)]
fn dummy() {}
