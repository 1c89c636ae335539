//! Integration tests: whole articles, gold data from `../shared/data`, and robustness. One
//! binary, so the 2-core CI links once.

mod articles;
mod events;
mod quality;
mod robustness;
mod time;

use std::path::PathBuf;
use std::sync::OnceLock;

use sitrep::{Extractor, Gazetteer};

/// The extractor over the embedded gazetteer, built once per test binary.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::embedded()))
}

/// A path inside `../shared/data`, which CI places beside the repository.
pub fn shared(rel: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    assert!(
        p.exists(),
        "{} is missing: the tests read ../shared/data beside the repository",
        p.display()
    );
    p
}

/// A path inside this crate's `tests/data`.
pub fn test_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel)
}
