//! The compiled dictionaries of sitrep: name normalisation, the compact name index, place records
//! and the generator that turns GeoNames dumps and curated files into them.
//!
//! This crate is separate from `sitrep` only because the library's build script needs it: the
//! embedded gazetteer is compiled at build time from the readable files in `data/gazetteer/`,
//! and a build script cannot use the crate it builds. Recognition and resolution of places in
//! text live in `sitrep::gazetteer`.
//!
//! ```
//! use sitrep_lexicon::normalize::name_key;
//! assert_eq!(name_key("Albu Kamal"), name_key("Albu-Kamal"));
//! ```

pub mod actor;
pub mod compile;
pub mod generate;
pub mod index;
pub mod normalize;
pub mod place;
pub mod source;
