//! Compiles the embedded gazetteer (`data/gazetteer/`) and actor dictionary (`data/actors/`) into
//! binary blobs in `OUT_DIR`, which `gazetteer::Gazetteer::embedded` and
//! `actors::Dictionary::embedded` include with `include_bytes!`.
//!
//! Compiling at build time keeps the committed data diffable text while start-up only
//! deserialises a ready index.

use std::path::{Path, PathBuf};

use sitrep_lexicon::actor::{compile_actors, parse_actors};
use sitrep_lexicon::compile::{CompileInput, compile, parse_word_list};
use sitrep_lexicon::source::{
    CuratedFile, DivisionPointsFile, parse_countries, parse_curated, parse_division_points,
    parse_tsv,
};

fn read(path: &Path) -> String {
    println!("cargo::rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let data = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"))
        .join("../../data/gazetteer");
    let fail = |e: &dyn std::fmt::Display| -> ! { panic!("{e}") };
    let tsv = data.join("geonames.tsv");
    let places = parse_tsv(&tsv, &read(&tsv)).unwrap_or_else(|e| fail(&e));
    // Every curated*.toml file: curated.toml (facilities, regions, roads) and the curated
    // settlements GeoNames lacks.
    println!("cargo::rerun-if-changed={}", data.display());
    let mut curated_paths: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap_or_else(|e| fail(&e))
        .map(|e| e.unwrap_or_else(|e| fail(&e)).path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("curated") && name.ends_with(".toml")
        })
        .collect();
    curated_paths.sort();
    let mut curated = CuratedFile::default();
    for path in &curated_paths {
        let file = parse_curated(path, &read(path)).unwrap_or_else(|e| fail(&e));
        for p in &file.place {
            if curated.place.iter().any(|q| q.id == p.id) {
                panic!(
                    "{}: place id {:?} is used in another curated file too",
                    path.display(),
                    p.id
                );
            }
        }
        curated.place.extend(file.place);
        curated.alias.extend(file.alias);
    }
    let countries_path = data.join("countries.toml");
    let countries =
        parse_countries(&countries_path, &read(&countries_path)).unwrap_or_else(|e| fail(&e));
    let ordinary_words = parse_word_list(&read(&data.join("common-words.txt")));
    let never_places = parse_word_list(&read(&data.join("never-places.txt")));
    // Representative points of large divisions, when the file is there.
    let points_path = data.join("admin1-points.toml");
    let division_points = if points_path.exists() {
        parse_division_points(&points_path, &read(&points_path)).unwrap_or_else(|e| fail(&e))
    } else {
        DivisionPointsFile::default()
    };
    let compiled = compile(CompileInput {
        places,
        curated,
        countries,
        ordinary_words,
        never_places,
        division_points,
    });
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out_dir.join("gazetteer.bin"), compiled.to_bytes()).unwrap_or_else(|e| fail(&e));

    // The actor dictionary.
    let actors_path = data.join("../actors/actors.toml");
    let actors = parse_actors(&actors_path, &read(&actors_path)).unwrap_or_else(|e| fail(&e));
    std::fs::write(out_dir.join("actors.bin"), compile_actors(&[actors]).to_bytes())
        .unwrap_or_else(|e| fail(&e));
}
