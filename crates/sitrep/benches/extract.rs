//! Extraction benchmarks on real text from `../shared/data`: the Wikipedia campaign articles and
//! the ACLED notes, one core. Run with `cargo bench -p sitrep --bench extract`.
//!
//! Each benchmark checks its answer, so a fast but broken build fails.

use std::sync::LazyLock;

use common::CORPUS;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use sitrep::{Extractor, Gazetteer};

mod common;

/// The allocator of the `sitrep` binary, so that the benchmark measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

/// Places alone (recognition and resolution) over the whole corpus.
#[divan::bench(sample_count = 10)]
fn places(bencher: Bencher) {
    let bytes: usize = CORPUS.iter().map(|d| d.text.len()).sum();
    let gazetteer = EXTRACTOR.gazetteer();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mentions: usize = CORPUS
            .iter()
            .map(|d| {
                let recognized = gazetteer.recognize(black_box(&d.text));
                gazetteer
                    .resolve(&d.text, &recognized)
                    .0
                    .iter()
                    .map(|p| p.mentions.len())
                    .sum::<usize>()
            })
            .sum();
        assert!(
            mentions > 10_000,
            "only {mentions} place mentions: the gazetteer or matcher is broken"
        );
        mentions
    });
}

/// The time stage alone (tokens, expressions, publication date, sentence dates).
#[divan::bench(sample_count = 10)]
fn times(bencher: Bencher) {
    let bytes: usize = CORPUS.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let found: usize = CORPUS
            .iter()
            .map(|d| {
                let tokens = sitrep::text::tokens::tokenize(black_box(&d.text));
                let spans = sitrep::text::sentences::sentences(&d.text, &tokens);
                let t = sitrep::time::analyze(&d.text, &tokens, &spans, Some("2018-03-31"));
                t.times.iter().map(|t| t.mentions.len()).sum::<usize>()
            })
            .sum();
        // 4,931 at the time of writing (a month range such as "January–March 2017" counts once).
        assert!(found > 4_500, "only {found} time expressions: the time grammar is broken");
        found
    });
}

/// Full extraction (places, actors and time) over the whole corpus: the difference from `places` is
/// what actor matching costs.
#[divan::bench(sample_count = 10)]
fn extract(bencher: Bencher) {
    bench_extraction(bencher, &EXTRACTOR, |places, actors| {
        assert!(places > 10_000 && actors > 10_000, "{places} place and {actors} actor mentions");
    });
}

/// Full extraction with a dictionary that knows no actors: the difference from `extract` is what
/// actor matching adds to extraction (the limit is 30 %).
#[divan::bench(sample_count = 10)]
fn extract_without_actors(bencher: Bencher) {
    bench_extraction(bencher, &EXTRACTOR_WITHOUT_ACTORS, |places, actors| {
        assert!(places > 10_000 && actors == 0, "{places} place and {actors} actor mentions");
    });
}

static EXTRACTOR_WITHOUT_ACTORS: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::with_actors(Gazetteer::embedded(), sitrep::actors::Dictionary::none())
});

/// Extracts the whole corpus and checks the (place mentions, actor mentions) it found.
fn bench_extraction(bencher: Bencher, extractor: &Extractor, check: impl Fn(usize, usize) + Sync) {
    let bytes: usize = CORPUS.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let (places, actors) = CORPUS.iter().fold((0, 0), |(p, a), d| {
            let x = extractor.extract(black_box(d));
            (
                p + x.places.iter().map(|p| p.mentions.len()).sum::<usize>(),
                a + x.actors.iter().map(|a| a.mentions.len()).sum::<usize>(),
            )
        });
        check(places, actors);
        (places, actors)
    });
}

/// Actors alone (tokenisation and actor recognition, no places).
#[divan::bench(sample_count = 10)]
fn actors(bencher: Bencher) {
    let bytes: usize = CORPUS.iter().map(|d| d.text.len()).sum();
    let dictionary = EXTRACTOR.actors();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mentions: usize = CORPUS
            .iter()
            .map(|d| {
                let tokens = sitrep::text::tokens::tokenize(black_box(&d.text));
                let mut folds = sitrep::text::tokens::Folds::new(&d.text, &tokens);
                let found = dictionary.recognize(&d.text, &tokens, &mut folds, None, Some("SY"));
                found.actors.iter().map(|a| a.mentions.len()).sum::<usize>()
            })
            .sum();
        assert!(mentions > 10_000, "only {mentions} actor mentions");
        mentions
    });
}

/// What the event stage reads, for every document of the corpus: the earlier stages' output.
struct EventInputs {
    text: String,
    tokens: Vec<sitrep::text::tokens::Token>,
    sentences: Vec<sitrep::text::sentences::SentenceSpan>,
    analysis: sitrep::Analysis,
}

static EVENT_INPUTS: LazyLock<Vec<EventInputs>> = LazyLock::new(|| {
    CORPUS
        .iter()
        .map(|d| {
            let tokens = sitrep::text::tokens::tokenize(&d.text);
            let sentences = sitrep::text::sentences::sentences(&d.text, &tokens);
            EventInputs { text: d.text.clone(), tokens, sentences, analysis: EXTRACTOR.extract(d) }
        })
        .collect()
});

/// The event stage alone, on the places, actors and times the earlier stages found.
#[divan::bench(sample_count = 10)]
fn events(bencher: Bencher) {
    let inputs = &*EVENT_INPUTS;
    let bytes: usize = inputs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let found: usize = inputs
            .iter()
            .map(|d| {
                let a = &d.analysis;
                sitrep::events::extract(&sitrep::events::Input {
                    text: black_box(&d.text),
                    tokens: &d.tokens,
                    sentences: &d.sentences,
                    dates: &a.sentences,
                    places: &a.places,
                    actors: &a.actors,
                    // (The analysis keeps no backers; without them a backer may take a role,
                    // which costs the same.)
                    backers: &[],
                    times: &a.times,
                    published: a.published.as_ref().map(|p| p.date),
                })
                .len()
            })
            .sum();
        assert!(found > 10_000, "only {found} events: the trigger lexicon or the rules are broken");
        found
    });
}

/// Loading the embedded gazetteer: the start-up cost of every command.
#[divan::bench(sample_count = 20)]
fn startup() -> usize {
    let g = Gazetteer::embedded();
    assert!(g.len() > 20_000);
    g.len()
}
