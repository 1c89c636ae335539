//! The corpus the extraction benchmarks run on.

use std::path::PathBuf;
use std::sync::LazyLock;

use sitrep::Document;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel)
}

/// The Wikipedia articles (one document each) and the ACLED notes (one document per row).
pub static CORPUS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let mut docs = Vec::new();
    for p in sitrep::eval::campaign_articles(&shared("")).expect("../shared/data/wikipedia") {
        docs.push(Document {
            text: std::fs::read_to_string(p).expect("UTF-8 article"),
            ..Document::default()
        });
    }
    let rows =
        sitrep::eval::acled::read_rows(&shared("acled-2018-03/acled-syria-iraq-2018-03.csv"))
            .expect("ACLED rows");
    docs.extend(rows.into_iter().map(|r| Document { text: r.notes, ..Document::default() }));
    docs
});
