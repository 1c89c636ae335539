//! Events of the reference article, and the event-location linking floor. See: #5

use sitrep::Document;
use sitrep::eval::gold::read_gold;
use sitrep::events::{Event, Status};

use crate::{extractor, shared, test_data};

fn reference() -> sitrep::Analysis {
    let (_, text) = read_gold(&test_data("gold/race-to-deir-al-zour.json")).unwrap();
    extractor().extract(&Document { text, ..Document::default() })
}

fn describe(e: &Event) -> String {
    let places: Vec<String> = e.places.iter().map(|p| format!("{}:{}", p.role, p.name)).collect();
    format!(
        "{} {:?} {} -> {} [{}] {:?} {:?}",
        e.kind,
        e.trigger.text,
        e.actor1.as_deref().unwrap_or("-"),
        e.actor2.as_deref().unwrap_or("-"),
        places.join(", "),
        e.date.map(|d| (d.start.to_string(), d.end.to_string())),
        e.status
    )
}

/// The first event whose trigger is written `trigger` and that satisfies `f`.
fn find<'a>(a: &'a sitrep::Analysis, trigger: &str, f: impl Fn(&Event) -> bool) -> &'a Event {
    a.events.iter().find(|e| e.trigger.text == trigger && f(e)).unwrap_or_else(|| {
        let all: Vec<String> = a.events.iter().map(describe).collect();
        panic!("no {trigger:?} event as expected among:\n{}", all.join("\n"))
    })
}

fn start(e: &Event) -> String {
    e.date.map(|d| d.start.to_string()).unwrap_or_default()
}

#[test]
fn is_moves_from_raqqa_to_deir_ez_zor_and_mayadin() {
    let a = reference();
    // "transfer ... from Raqqa to Deir al-Zour late last month, April, according to US sources"
    // Its offices and headquarters move: it withdraws from Raqqa.
    let e = find(&a, "transfer", |e| e.actor1.as_deref() == Some("islamic-state"));
    assert_eq!((e.kind.as_str(), e.mode.as_deref()), ("RETREAT", Some("withdraw")));
    assert_eq!(e.place.as_ref().unwrap().name, "Deir ez-Zor", "{}", describe(e));
    assert!(
        e.places.iter().any(|p| p.role == "origin" && p.name == "Ar Raqqah"),
        "{}",
        describe(e)
    );
    assert_eq!(start(e), "2017-04-20");
    assert_eq!(e.reported_by.as_deref(), Some("US sources"));
    // "IS organization intends to move its capital from Raqqa to Deir al-Zour", Fox News
    let e = find(&a, "move", |e| e.actor1.as_deref() == Some("islamic-state"));
    assert_eq!((e.status, e.reported_by.as_deref()), (Status::Planned, Some("fox-news")));
    // "a total transfer of the organization from Raqqa to the city of Mayadeen"
    let e = find(&a, "transfer", |e| e.place.as_ref().is_some_and(|p| p.name == "Al Mayādīn"));
    assert_eq!(e.actor1.as_deref(), Some("islamic-state"), "{}", describe(e));
}

#[test]
fn the_race_toward_deir_ez_zor() {
    let a = reference();
    for actor in ["fsa", "syria-government"] {
        let e = find(&a, "move towards", |e| e.actor1.as_deref() == Some(actor));
        assert_eq!(e.kind, "MOBILIZE");
        assert_eq!(
            e.place.as_ref().map(|p| p.name.as_str()),
            Some("Deir ez-Zor"),
            "{}",
            describe(e)
        );
        assert_eq!(start(e), "2017-05-13");
    }
    // "The FSA, which entered the administrative borders of the province from the south and
    // the SDF has approached the western side of the city": no place in the sentence, the
    // paragraph's Deir al-Zour (the province or the city), not Syria the article names too.
    for (trigger, actor) in [("entered", "fsa"), ("approached", "sdf")] {
        let e = find(&a, trigger, |e| e.actor1.as_deref() == Some(actor));
        let place = e.place.as_ref().map(|p| p.name.as_str());
        assert!(matches!(place, Some("Dayr az Zawr" | "Deir ez-Zor")), "{}", describe(e));
    }
    // The SDF attacking Raqqa (the US is its backer, not the attacker).
    let e = find(&a, "attacks", |_| true);
    assert_eq!((e.kind.as_str(), e.actor1.as_deref()), ("ASSAULT", Some("sdf")), "{}", describe(e));
    assert_eq!(e.place.as_ref().unwrap().name, "Ar Raqqah");
}

#[test]
fn iraqi_air_strikes_reported_by_the_pentagon() {
    let a = reference();
    let e = find(&a, "launched air strikes", |e| e.actor1.as_deref() == Some("iraqi-air-force"));
    assert_eq!((e.kind.as_str(), e.mode.as_deref()), ("ASSAULT", Some("aerial")));
    assert_eq!(e.actor2.as_deref(), Some("islamic-state"));
    assert_eq!(start(e), "2017-02-01");
    assert_eq!(e.reported_by.as_deref(), Some("us-dod"));
    assert_eq!(e.acled.sub_event_type, "Air/drone strike");
}

#[test]
fn plans_and_speculation_are_not_facts() {
    let a = reference();
    // The Russian channel's operation "that would begin in the coming period", 24 hours ago.
    let e = find(&a, "military operation", |e| start(e) == "2017-05-18");
    assert_eq!(e.status, Status::Planned, "{}", describe(e));
    // The Commanders of the Revolution Army "equiped to start a battle".
    let e = find(&a, "start a battle", |e| e.actor1.as_deref() == Some("mat"));
    assert_eq!(e.status, Status::Planned, "{}", describe(e));
    // Izvestia: a joint operation "likely to began".
    for trigger in ["joint military operation", "cooperated"] {
        let e = find(&a, trigger, |_| true);
        assert_eq!(e.status, Status::Hypothetical, "{}", describe(e));
        assert_eq!(e.reported_by.as_deref(), Some("izvestia"));
    }
}

/// The New Syria Army, "supported by the United States and Britain", heads for the border in
/// June 2016: its backers hold no role.
#[test]
fn backers_are_not_actors_and_clauses_keep_their_dates() {
    let a = reference();
    let e = find(&a, "headed to", |_| true);
    assert_eq!(e.actor1.as_deref(), Some("new-syrian-army"), "{}", describe(e));
    assert_eq!(start(e), "2016-06-01");
    // The counter-attacks are not dated by "a few days ago", which belongs to a later clause.
    let e = find(&a, "counter-attacks", |_| true);
    assert!(e.date.is_some_and(|d| d.end.to_string() != "2017-05-17"), "{}", describe(e));
}

/// Is the event's place the place the gold says it happened? See: #5
#[test]
fn event_location_linking() {
    let r = sitrep::eval::event_location::evaluate(
        extractor(),
        &shared("event-location/labeled_text_syria_iraq_plus_all_RELABEL_gold.jsonl"),
    )
    .unwrap();
    assert!(r.relabel.records >= 300, "{:?}", r.relabel);
    assert!(r.relabel.events_found as f64 >= 0.95 * r.relabel.records as f64, "{:?}", r.relabel);
    assert!(r.relabel.accuracy_all() >= 0.60, "{:?}", r.relabel);
    assert!(r.all.accuracy_found() >= 0.57, "{:?}", r.all);
}

/// A country qualifying a noun ("the US headquarters", "the U.S.-led coalition forces") is not
/// where the event happened; the place after it is. Sentences of the event-location corpus.
/// See: #5
#[test]
fn a_country_qualifying_a_noun_locates_no_event() {
    let place_of = |text: &str, trigger: &str| {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        find(&a, trigger, |_| true).place.as_ref().map(|p| p.name.clone())
    };
    assert_eq!(
        place_of(
            "In the deadliest incident, a suicide car bomber detonated outside the US \
             headquarters in central Baghdad on Sunday, killing at least 24 employees.",
            "detonated"
        )
        .as_deref(),
        Some("Baghdad")
    );
    assert_eq!(
        place_of(
            "Salam Ismail Najm was killed along with other armed escorts in an airstrike by the \
             U.S.-led coalition forces in the district of Heet, west of Ramadi.",
            "killed"
        )
        .as_deref(),
        Some("Hīt")
    );
}

/// "X was among those killed" is passive: X is the victim. Sentences of ACLED notes. See: #5
#[test]
fn among_those_killed_is_a_victim() {
    let a = extractor().extract(&Document {
        text: "Regime and/or Russian warplanes carried out strikes on residential areas of \
               Kafrsanja town in southern Idleb, killing at least 8 civilians. A Civil Defense \
               volunteer was among those killed in raids."
            .into(),
        ..Document::default()
    });
    let killed = find(&a, "killed", |_| true);
    assert_eq!(killed.actor2.as_deref(), Some("white-helmets"), "{}", describe(killed));
    assert_ne!(killed.actor1.as_deref(), Some("white-helmets"), "{}", describe(killed));
}

/// "were killed in an IS ambush", "in American airstrikes": the killing is the attack's
/// doing, by its means. An ACLED note and an event-location sentence. See: #5
#[test]
fn a_killing_in_an_attack_is_the_attackers() {
    let killed = |text: &str| {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        let e = find(&a, "killed", |_| true);
        (e.actor1.clone(), e.actor2.clone(), e.mode.clone())
    };
    assert_eq!(
        killed(
            "On Mar 29, at least five Iraqi soldiers were killed in an IS ambush, where the \
             militants disguised as Iraqi security personnel and set up a fake checkpoint."
        ),
        (Some("islamic-state".into()), Some("iraq-armed-forces".into()), None)
    );
    let (doer, victim, mode) = killed(
        "Louay al-Kubaisi and Abu Hajer at-Tounisi, also prominent members of ISIS, were killed \
         in American airstrikes in Mosul of Nineveh province.",
    );
    assert!(doer.as_deref().is_some_and(|d| d.starts_with("us")), "{doer:?}");
    assert_eq!((victim.as_deref(), mode.as_deref()), (Some("islamic-state"), Some("aerial")));
    // "when" puts the attack in a clause of its own: "a boy was killed when regime forces
    // shelled areas".
    let (doer, _, mode) =
        killed("A boy was killed when regime forces shelled areas in southern Idleb province.");
    assert_eq!(
        (doer.as_deref(), mode.as_deref()),
        (Some("syria-armed-forces"), Some("heavy-weapons"))
    );
    // With no doer named, the means alone: a landmine's toll; not the means of another
    // clause ("as Coalition airstrikes continued").
    let (_, _, mode) = killed("Two children were killed by a landmine explosion in Rawya.");
    assert_eq!(mode.as_deref(), Some("explosives"));
    let (_, _, mode) =
        killed("Two fighters were killed in the town center as Coalition airstrikes continued.");
    assert_eq!(mode, None);
}

/// The weapon that does the act is its means, one event with the verb: "An IED explosion
/// targeted a checkpoint", not three. Not two acts: "A landmine exploded in Afrin city,
/// killing seven civilians". ACLED notes. See: #5
#[test]
fn a_weapon_and_its_act_are_one_event() {
    let events = |text: &str| -> Vec<(String, Option<String>)> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.events.iter().map(|e| (e.trigger.text.clone(), e.mode.clone())).collect()
    };
    assert_eq!(
        events(
            "An IED explosion targeted a checkpoint of the Syrian Army and its loyal gunmen in \
             the outskirts of As-Sweida."
        ),
        [("targeted".to_owned(), Some("explosives".to_owned()))]
    );
    let found = events("A landmine exploded in Afrin city, killing seven civilians.");
    assert_eq!(found.len(), 2, "{found:?}");
}

/// The gold files' events: same type, actor1, place within tolerance and overlapping dates.
#[test]
fn gold_events_are_found() {
    let r = sitrep::eval::gold::evaluate(extractor(), &test_data("gold")).unwrap();
    let n = r.events.true_positives + r.events.false_negatives;
    assert!(n >= 50, "{n} gold events");
    // FIXME(#5): half of the gold events (29 of 53 measured); see the closing note for
    // what is missing (threats coded as planned attacks are accepted as THREATEN; relocations
    // coded MOBILIZE where the gold says RETREAT are not).
    assert!(r.events.recall() >= 0.52, "{:?}", r.events);
}

/// The coalition's air strikes "in support of the SDF" are not strikes on the SDF, and a
/// "coalition official said" reports rather than takes part: over the three shared Wikipedia
/// articles that say so, no hostile event puts the SDF on the receiving end of a sentence that
/// names it as the one supported.
#[test]
fn the_actors_an_attack_supports_are_not_its_targets() {
    let mut checked = 0;
    for name in [
        "al-shaddadi_offensive_(2016).md",
        "deir_ez-zor_campaign_(2017–2019).md",
        "manbij_offensive.md",
    ] {
        let path = shared(&format!("wikipedia/frontlines-website/{name}"));
        let text = std::fs::read_to_string(&path).expect("a shared Wikipedia article");
        let a = extractor().extract(&Document { text, ..Document::default() });
        for e in &a.events {
            let s = e.evidence.text.as_str();
            let supported = ["in support of the SDF", "to support the SDF", "assist the SDF"]
                .iter()
                .any(|cue| s.contains(cue));
            if supported && matches!(e.kind.as_str(), "ASSAULT" | "COERCE") {
                checked += 1;
                assert_ne!(e.actor2.as_deref(), Some("sdf"), "{}\n{s}", describe(e));
            }
        }
    }
    assert!(checked >= 4, "only {checked} such events");
}
