//! sitrep reads war reporting and turns it into structured, geolocated records.
//!
//! The pipeline runs one way: [`text`] reads files into [`Document`]s and splits their text into
//! words; [`gazetteer`] finds and resolves the places each one names and [`actors`] the armed
//! groups, governments, people and media; [`Extractor`] ties the stages together and returns an
//! [`Analysis`] per document. Extraction never fails on text: problems become diagnostics.
//!
//! ```
//! use sitrep::{Document, Extractor};
//!
//! let extractor = Extractor::new(sitrep::gazetteer::Gazetteer::embedded());
//! let doc = Document {
//!     text: "Government forces advanced on Deir ez-Zor from Palmyra. \
//!            The US-backed SDF fought IS near al-Mayadin.".into(),
//!     ..Document::default()
//! };
//! let analysis = extractor.extract(&doc);
//! let places: Vec<&str> = analysis.places.iter().map(|p| p.name.as_str()).collect();
//! // "US-backed" names the country, as the geoparsing corpora mark it.
//! assert_eq!(places, ["Deir ez-Zor", "Tadmur", "United States", "Al Mayādīn"]);
//! let actors: Vec<&str> = analysis.actors.iter().map(|a| a.id.as_str()).collect();
//! assert_eq!(actors, ["syria-armed-forces", "us", "sdf", "islamic-state"]);
//! assert_eq!((analysis.relations[0].from.as_str(), analysis.relations[0].to.as_str()), ("us", "sdf"));
//! ```

#![warn(missing_docs)]

pub mod actors;
pub mod diagnostic;
pub mod eval;
pub mod events;
pub mod export;

pub mod gazetteer;
pub mod text;
pub mod time;

use serde::Serialize;

pub use actors::{Actor, Dictionary, Relation};
pub use diagnostic::{Diagnostic, Severity};
pub use gazetteer::{Gazetteer, Place};
pub use text::Document;

/// The document's metadata as it appears in the output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentMeta {
    /// Caller's id or file name.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language code.
    pub language: Option<String>,
}

/// Everything extracted from one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// The document's metadata.
    pub doc: DocumentMeta,
    /// The publication date: from metadata, else from the byline or dateline.
    pub published: Option<time::Publication>,
    /// Places named in the text, in order of first mention.
    pub places: Vec<Place>,
    /// Actors named in the text, in order of first mention.
    pub actors: Vec<Actor>,
    /// What the text itself states about actors: who backs whom.
    pub relations: Vec<Relation>,
    /// Time expressions placed on the calendar, in order of first mention.
    pub times: Vec<time::Time>,
    /// Every sentence with its date.
    pub sentences: Vec<time::Sentence>,
    /// Events: who did what to whom, where, when.
    pub events: Vec<events::Event>,
    /// What the stages noticed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// The place that best locates the document: the most specific place (a town or facility
    /// before a district, a province, a region or a country), the earliest mentioned among
    /// equals.
    pub fn best_place(&self) -> Option<&Place> {
        use sitrep_lexicon::place::PlaceKind as K;
        let rank = |p: &Place| match p.kind {
            K::City | K::Town | K::Village | K::Facility => 0,
            K::Admin2 => 1,
            K::Road => 2,
            K::Admin1 => 3,
            K::Region => 4,
            K::Country => 5,
        };
        self.places
            .iter()
            .min_by_key(|p| (rank(p), p.mentions.first().map_or(usize::MAX, |m| m.start)))
    }
}

/// Runs the extraction stages over documents.
pub struct Extractor {
    gazetteer: Gazetteer,
    actors: Dictionary,
}

impl Extractor {
    /// An extractor over a gazetteer and the embedded actor dictionary.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        Extractor { gazetteer, actors: Dictionary::embedded() }
    }

    /// An extractor over a gazetteer and an actor dictionary.
    pub fn with_actors(gazetteer: Gazetteer, actors: Dictionary) -> Extractor {
        Extractor { gazetteer, actors }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The actor dictionary in use.
    pub fn actors(&self) -> &Dictionary {
        &self.actors
    }

    /// Extracts everything from one document.
    pub fn extract(&self, doc: &Document) -> Analysis {
        let text = &doc.text;
        let tokens = text::tokens::tokenize(text);
        let mut folds = text::tokens::Folds::new(text, &tokens);
        let sentence_spans = text::sentences::sentences(text, &tokens);
        let timing = time::analyze(text, &tokens, &sentence_spans, doc.published.as_deref());
        let published_iso = timing.published.as_ref().map(|p| p.date.to_string());
        let published = published_iso.as_deref();
        let mut recognized = self.gazetteer.recognize_tokens(text, &tokens, &mut folds);
        // The dictionary's names first: the armed groups a text names tell the country it is
        // about, as demonyms do.
        let actor_scan = (!self.actors.is_empty())
            .then(|| self.actors.scan(text, &tokens, &mut folds, published));
        if let Some(scan) = &actor_scan {
            recognized.demonyms.extend(scan.group_countries(&self.actors));
            recognized.actor_names = scan.long_names();
        }
        let (mut places, mut diagnostics) = self.gazetteer.resolve(text, &recognized);
        let unlisted = self.gazetteer.unlisted_places(text, &tokens, &places);
        places.extend(unlisted);
        // The country the text is mostly about, by its place mentions.
        let mut weight: Vec<(&str, usize)> = Vec::new();
        for p in places.iter().filter(|p| !p.country.is_empty()) {
            match weight.iter_mut().find(|(c, _)| *c == p.country) {
                Some((_, n)) => *n += p.mentions.len(),
                None => weight.push((&p.country, p.mentions.len())),
            }
        }
        let context_country = weight.iter().max_by_key(|(_, n)| *n).map(|(c, _)| c.to_string());
        let actors = match actor_scan {
            None => actors::ActorMentions::default(),
            Some(scan) => self.actors.finish(
                text,
                &tokens,
                &mut folds,
                published,
                context_country.as_deref(),
                scan,
            ),
        };
        // A place name inside an actor's longer name is part of that name: "Jabhat Fatah
        // al-Sham", "Deir ez-Zor Military Council".
        let mut spans = actors.spans;
        spans.sort_unstable();
        for p in &mut places {
            p.mentions.retain(|m| {
                // Spans starting at or before the mention, nearest first; actor names are short,
                // so a few steps back suffice.
                let upto = spans.partition_point(|&(s, _)| s <= m.start);
                !spans[..upto]
                    .iter()
                    .rev()
                    .take(8)
                    .any(|&(s, e)| m.end <= e && e - s > m.end - m.start)
            });
        }
        places.retain(|p| !p.mentions.is_empty());
        diagnostics.extend(actors.diagnostics);
        diagnostics.extend(timing.diagnostics);
        // A name that is both a place and a medium or a person named after it ("Mayadeen" the
        // town, Al Mayadeen the channel) is the place, unless the words around say otherwise
        // (the actor's own longer name would have been matched).
        let place_spans: std::collections::HashSet<(usize, usize)> =
            places.iter().flat_map(|p| p.mentions.iter().map(|m| (m.start, m.end))).collect();
        let mut actors_found = actors.actors;
        for a in &mut actors_found {
            if matches!(a.kind.as_str(), "media" | "person") {
                a.mentions.retain(|m| !place_spans.contains(&(m.start, m.end)));
            }
        }
        actors_found.retain(|a| !a.mentions.is_empty());
        let events = events::extract(&events::Input {
            text,
            tokens: &tokens,
            sentences: &sentence_spans,
            dates: &timing.sentences,
            places: &places,
            actors: &actors_found,
            backers: &actors.backers,
            times: &timing.times,
            published: timing.published.as_ref().map(|p| p.date),
        });
        Analysis {
            doc: DocumentMeta {
                id: doc.id.clone(),
                title: doc.title.clone(),
                source: doc.source.clone(),
                url: doc.url.clone(),
                published: doc.published.clone(),
                language: doc.language.clone(),
            },
            published: timing.published,
            places,
            actors: actors_found,
            relations: actors.relations,
            times: timing.times,
            sentences: timing.sentences,
            events,
            diagnostics,
        }
    }
}
