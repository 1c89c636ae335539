//! sitrep reads war reporting and turns it into structured, geolocated records.
//!
//! The pipeline runs one way: [`text`] reads files into [`Document`]s; [`gazetteer`] finds and
//! resolves the places each one names; [`Extractor`] ties the stages together and returns an
//! [`Analysis`] per document. Extraction never fails on text: problems become diagnostics.
//!
//! ```
//! use sitrep::{Document, Extractor};
//!
//! let extractor = Extractor::new(sitrep::gazetteer::Gazetteer::embedded());
//! let doc = Document {
//!     text: "Government forces advanced on Deir ez-Zor from Palmyra. \
//!            Fighting continued near al-Mayadin.".into(),
//!     ..Document::default()
//! };
//! let analysis = extractor.extract(&doc);
//! let names: Vec<&str> = analysis.places.iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(names, ["Deir ez-Zor", "Palmyra", "Al Mayādīn"]);
//! ```

#![warn(missing_docs)]

pub mod diagnostic;
pub mod eval;

pub mod gazetteer;
pub mod text;

use serde::Serialize;

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
    /// Places named in the text, in order of first mention.
    pub places: Vec<Place>,
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
}

impl Extractor {
    /// An extractor over a gazetteer.
    pub fn new(gazetteer: Gazetteer) -> Extractor {
        Extractor { gazetteer }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extracts everything from one document.
    pub fn extract(&self, doc: &Document) -> Analysis {
        let recognized = self.gazetteer.recognize(&doc.text);
        let (places, diagnostics) = self.gazetteer.resolve(&doc.text, &recognized);
        Analysis {
            doc: DocumentMeta {
                id: doc.id.clone(),
                title: doc.title.clone(),
                source: doc.source.clone(),
                url: doc.url.clone(),
                published: doc.published.clone(),
                language: doc.language.clone(),
            },
            places,
            diagnostics,
        }
    }
}
