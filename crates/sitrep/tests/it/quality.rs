//! Quality floors on the gold sets of `../shared/data`. These guard against regressions; the
//! figures themselves are reported by `sitrep eval --all` and in the issues' closing notes.

use std::sync::OnceLock;

use sitrep::eval::{acled, geoparsing};

use crate::{extractor, shared};

/// The ACLED March rows, evaluated once for the tests that read them, with the event types
/// labelled by hand for a sample of them.
fn acled_report() -> &'static acled::AcledReport {
    static REPORT: OnceLock<acled::AcledReport> = OnceLock::new();
    REPORT.get_or_init(|| {
        let labels = acled::SubEventLabels::read(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/acled/sub-event-labels.tsv"),
        )
        .unwrap();
        acled::evaluate(extractor(), &shared("acled-2018-03/acled-syria-iraq-2018-03.csv"), &labels)
            .unwrap()
    })
}

fn share(report: &acled::AcledReport, precision: &str) -> (f64, f64) {
    let row = report.by_precision.iter().find(|r| r.geo_precision == precision).unwrap();
    (row.within_25km, row.within_161km)
}

/// The best place found in each ACLED note lies near the coded location. See: #2
#[test]
fn acled_notes_are_located() {
    let report = acled_report();
    assert_eq!(report.rows, 2314);
    let (near, within_161) = share(report, "all");
    // FIXME(#2): the issue asks for 0.95 within 161 km and 0.75 within 25 km (geo_precision 1).
    assert!(within_161 >= 0.80, "within 161 km: {within_161:.3}");
    assert!(near >= 0.59, "within 25 km: {near:.3}");
}

/// The types of the ACLED notes' main events against the sample labelled by hand. See: #5
#[test]
fn acled_event_types_match_the_labelled_sample() {
    let t = acled_report().types.as_ref().expect("labels were given");
    assert_eq!(t.rows, 232);
    // Measured 0.871 and 0.681; most disagreements are notes of shelling and air strikes
    // together (labelled air strikes) and of captures after clashes (labelled captures).
    assert!(t.event_type_right >= 0.85, "{t:?}");
    assert!(t.sub_event_type_right >= 0.65, "{t:?}");
}

/// Toponyms of the geoparsing corpora are recognised and resolved. See: #2
#[test]
fn geoparsing_corpora() {
    // The issue asks for accuracy@161 km >= 0.85 on the recognised toponyms: measured 0.862
    // (LGL), 0.853 (TR-News), 0.873 (GeoVirus); recognition F1 is only reported.
    for (file, min_f1, min_acc) in
        [("lgl.xml", 0.68, 0.85), ("TR-News.xml", 0.76, 0.85), ("GeoVirus.xml", 0.85, 0.85)]
    {
        let r = geoparsing::evaluate(extractor(), &shared(&format!("geoparsing/{file}"))).unwrap();
        let f1 = r.recognition_overlap.f1();
        assert!(f1 >= min_f1, "{file}: recognition F1 {f1:.3}");
        assert!(
            r.resolution.accuracy_161km >= min_acc,
            "{file}: acc@161 {:.3}",
            r.resolution.accuracy_161km
        );
    }
}

/// ACLED's coded actors are among the actors found in the notes. See: #3
#[test]
fn acled_actors_are_found() {
    let report = acled_report();
    assert!(report.actors.rows_all_found >= 0.90, "{:?}", report.actors);
    assert!(report.actors.slots_unmapped <= 0.02, "{:?}", report.actors);
}

/// The main event of each ACLED note: its place and its actor1 against the row. See: #5
#[test]
fn acled_events_match_their_rows() {
    let report = acled_report();
    let e = &report.events;
    assert!(e.rows_with_event >= 0.97, "{e:?}");
    // FIXME(#5): the issue asks for 0.95 within 161 km; a fifth of the notes' villages are not
    // in the embedded gazetteer (#2).
    assert!(e.place_within_161km >= 0.78, "{e:?}");
    assert!(e.actor1_right >= 0.80 && e.actor1_as_actor2 <= 0.10, "{e:?}");
}

/// re3d's organisations, persons, locations and temporal expressions. See: #2, #3, #4
#[test]
fn re3d_entities() {
    let r = sitrep::eval::re3d::evaluate(extractor(), &shared("re3d")).unwrap();
    assert_eq!(r.documents, 98);
    // re3d does not count a country named as a modifier ("U.S. officials") as a location;
    // sitrep reports it as a place (as LGL and TR-News count it), which costs precision here.
    assert!(r.location.precision() >= 0.80 && r.location.f1() >= 0.6, "{:?}", r.location);
    assert!(
        r.organisation.precision() >= 0.75 && r.organisation.f1() >= 0.5,
        "{:?}",
        r.organisation
    );
    assert!(r.person.precision() >= 0.95, "{:?}", r.person);
    // Time expressions (#4): overlap and exact spans.
    assert!(r.temporal.f1() >= 0.78, "{:?}", r.temporal);
    assert!(r.temporal_exact.f1() >= 0.70, "{:?}", r.temporal_exact);
}

/// CAMEO roots of the PETRARCH validation sentences (real AFP news). See: #5
#[test]
fn petrarch_validation_roots() {
    let report = sitrep::eval::petrarch::evaluate(
        extractor(),
        &shared("petrarch/UniversalPetrarch_PETR2_GSR_validation.xml"),
    )
    .unwrap();
    assert_eq!(report.codings, 79);
    // FIXME(#5): cooperation, diplomacy and statements are thin in the trigger lexicon;
    // measured 0.468 recall, 0.415 precision.
    assert!(report.root_recall() >= 0.44, "recall {:.3}", report.root_recall());
    assert!(report.root_precision() >= 0.38, "precision {:.3}", report.root_precision());
    // On the 69 codings whose source and target countries the dictionary knows: measured root
    // 0.493, root + source 0.275. Targets are mostly people the dictionary has no actor for
    // ("Filipino peacekeepers", "a Nigerian student"): root + target 0.072.
    let [root, source, _, _] = report.known_agreement();
    assert_eq!(report.known, 69);
    assert!(root >= 0.46 && source >= 0.25, "root {root:.3}, root + source {source:.3}");
}
