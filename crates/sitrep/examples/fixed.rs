#![allow(missing_docs)]
use sitrep::{Document, Extractor, Gazetteer};
use std::time::Instant;
#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let ex = Extractor::new(Gazetteer::embedded());
    for text in [
        "Hello there.",
        "On 31 March, clashes between the SDF and IS were reported in Hajin, Deir ez-Zor.",
    ] {
        let d = Document { text: text.to_string(), ..Document::default() };
        ex.extract(&d);
        let start = Instant::now();
        for _ in 0..20000 {
            std::hint::black_box(ex.extract(std::hint::black_box(&d)));
        }
        println!("{:.2} us per doc: {text}", start.elapsed().as_secs_f64() * 1e6 / 20000.0);
    }
}
