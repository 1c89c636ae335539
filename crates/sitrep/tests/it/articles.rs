//! Whole articles against their gold files: the reference article, its Arabic rendering and the
//! project's own sample articles.

use sitrep::Document;
use sitrep::eval::gold::{evaluate, read_gold};
use sitrep_lexicon::place::PlaceKind;

use crate::{extractor, test_data};

fn analyse(gold: &str) -> sitrep::Analysis {
    let (g, text) = read_gold(&test_data(gold)).unwrap();
    extractor().extract(&Document { id: Some(g.id), text, ..Document::default() })
}

/// The analysis of `text`, a document with nothing else.
fn extract(text: &str) -> sitrep::Analysis {
    extractor().extract(&Document { text: text.into(), ..Document::default() })
}

/// The name and country of each place found in `text`.
fn names_and_countries(text: &str) -> Vec<(String, String)> {
    let a = extract(text);
    a.places.iter().map(|p| (p.name.clone(), p.country.clone())).collect()
}

/// The names of the places found in `a`.
fn place_names(a: &sitrep::Analysis) -> Vec<&str> {
    a.places.iter().map(|p| p.name.as_str()).collect()
}

/// Every place and country the reference article names is found and located, and nothing
/// else. See: #2
#[test]
fn reference_article_places_are_complete_and_exact() {
    let report = evaluate(extractor(), &test_data("gold/race-to-deir-al-zour.json")).unwrap();
    let doc = &report.documents[0];
    assert_eq!(
        (doc.places.recall(), doc.places.precision()),
        (1.0, 1.0),
        "missed {:?}, spurious {:?}",
        doc.missed,
        doc.spurious
    );
    assert_eq!(
        (doc.countries.recall(), doc.countries.precision()),
        (1.0, 1.0),
        "missed {:?}, spurious {:?}",
        doc.missed,
        doc.spurious
    );
}

/// "Deir al-Zour" is both the city and the province, told apart by "the province of".
#[test]
fn reference_article_has_city_and_province_of_deir_ez_zor() {
    let a = analyse("gold/race-to-deir-al-zour.json");
    let deir: Vec<PlaceKind> = a
        .places
        .iter()
        .filter(|p| p.name.starts_with("Deir ez-Zor") || p.name.starts_with("Dayr az Zawr"))
        .map(|p| p.kind)
        .collect();
    assert!(deir.contains(&PlaceKind::City) && deir.contains(&PlaceKind::Admin1), "{deir:?}");
    let province = a
        .places
        .iter()
        .find(|p| p.kind == PlaceKind::Admin1 && p.geonameid == Some(170792))
        .unwrap();
    assert!(province.mentions.iter().all(|m| m.text == "Deir al-Zour"));
    assert!(province.mentions.len() >= 2, "{:?}", province.mentions);
}

/// The Arabic rendering of the key sentences names the same places. See: #2
#[test]
fn arabic_rendering_finds_the_same_places() {
    let report = evaluate(extractor(), &test_data("gold/race-key-sentences-ar.json")).unwrap();
    let doc = &report.documents[0];
    assert_eq!(doc.places.recall(), 1.0, "missed {:?}", doc.missed);
    assert_eq!(doc.countries.recall(), 1.0, "missed {:?}", doc.missed);
    assert!(doc.places.precision() >= 0.9, "spurious {:?}", doc.spurious);
}

/// Mention offsets are character offsets into the text, and their text is that slice.
#[test]
fn mention_offsets_are_character_offsets() {
    for gold in ["gold/race-to-deir-al-zour.json", "gold/race-key-sentences-ar.json"] {
        let (_, text) = read_gold(&test_data(gold)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let a = extractor().extract(&Document { text: text.clone(), ..Document::default() });
        for p in &a.places {
            for m in &p.mentions {
                let slice: String = chars[m.start..m.end].iter().collect();
                assert_eq!(slice, m.text, "{gold}: {p:?}");
            }
        }
    }
}

/// The project's sample articles, with their traps (a surname that is a town, a newspaper named
/// after a city, "Hit" the verb and Hit the town).
#[test]
fn sample_articles_meet_their_gold() {
    let report = evaluate(extractor(), &test_data("gold")).unwrap();
    for doc in &report.documents {
        assert!(doc.places.recall() >= 0.8, "{}: missed {:?}", doc.id, doc.missed);
        assert!(doc.places.precision() >= 0.8, "{}: spurious {:?}", doc.id, doc.spurious);
        // The events the gold lists, where it lists any (the sample articles in both
        // languages: 5 of 7 to all).
        let listed = doc.events.true_positives + doc.events.false_negatives;
        assert!(listed == 0 || doc.events.recall() >= 0.7, "{}: missed {:?}", doc.id, doc.missed);
    }
}

/// Every actor the reference article names is found and linked, media as media and people as
/// persons. See: #3
#[test]
fn reference_article_actors() {
    let report = evaluate(extractor(), &test_data("gold/race-to-deir-al-zour.json")).unwrap();
    let doc = &report.documents[0];
    assert_eq!(doc.actors.recall(), 1.0, "missed {:?}", doc.missed);
    // FIXME(#3): "Iran-backed militias" is reported as an actor of its own, which the gold file
    // folds into Iran.
    assert!(doc.actors.precision() >= 0.95, "spurious {:?}", doc.spurious);
    let a = analyse("gold/race-to-deir-al-zour.json");
    let kind = |id: &str| a.actors.iter().find(|x| x.id == id).map(|x| x.kind.as_str());
    for (id, k) in [
        ("fox-news", "media"),
        ("izvestia", "media"),
        ("al-hayat", "media"),
        ("haider-al-abadi", "person"),
        ("jeff-davis", "person"),
        ("muhannad-al-tallaa", "person"),
        ("karim-nouri", "person"),
        ("pmf", "militia"),
        ("iraqi-air-force", "armed forces branch"),
    ] {
        assert_eq!(kind(id), Some(k), "{id}");
    }
    let backs: Vec<(&str, &str)> = a
        .relations
        .iter()
        .filter(|r| r.kind == "backs")
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    for pair in
        [("us", "sdf"), ("cjtf-oir", "fsa"), ("us", "new-syrian-army"), ("uk", "new-syrian-army")]
    {
        assert!(backs.contains(&pair), "{pair:?} not in {backs:?}");
    }
}

/// The Arabic rendering names the same actors. See: #3
#[test]
fn arabic_rendering_finds_the_same_actors() {
    let report = evaluate(extractor(), &test_data("gold/race-key-sentences-ar.json")).unwrap();
    let doc = &report.documents[0];
    assert_eq!(doc.actors.recall(), 1.0, "missed {:?}", doc.missed);
    assert!(doc.actors.precision() >= 0.9, "spurious {:?}", doc.spurious);
}

/// A place read relative to another ("south of Mansura, near Raqqa") lies near it, and a
/// reading that changes in the second pass is seen by the places that leaned on it: Mansura is
/// the town by Raqqa, not the Egyptian city, and Raqqa stays resolved. See: #2
#[test]
fn places_read_relative_to_others_lie_near_them() {
    let text = "The body of an SDF intelligence officer was found on the road south of Mansura, \
                near Raqqa, in what is believed to be an assassination.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let found: Vec<(&str, &str)> =
        a.places.iter().map(|p| (p.name.as_str(), p.country.as_str())).collect();
    assert!(found.contains(&("Ar Raqqah", "SY")), "{found:?}");
    let mansura = a.places.iter().find(|p| p.mentions[0].text == "Mansura").expect("Mansura");
    assert_eq!(mansura.country, "SY", "{found:?}");
    let raqqa = a.places.iter().find(|p| p.name == "Ar Raqqah").unwrap();
    let km = sitrep::gazetteer::distance_km(mansura.lat, mansura.lon, raqqa.lat, raqqa.lon);
    assert!(km < 120.0, "{km} km apart");
    // A name whose only readings lie far from the place the text puts it near is a place the
    // gazetteer lacks, said so: Shebaa on the outskirts of Damascus is no oil field in Saudi
    // Arabia. A long way "north of" a city is still near enough: Sharqat is 250 km from
    // Baghdad.
    let text = "In mid-September, the army captured the towns of Deir Salman and Shebaa on the \
                outskirts of Damascus.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    assert!(a.places.iter().all(|p| p.country == "SY"), "{:?}", a.places);
    assert!(
        a.diagnostics.iter().any(
            |d| d.message.contains("\"Shebaa\"") && d.message.contains("puts it near Damascus")
        ),
        "{:?}",
        a.diagnostics
    );
    let text = "In Sharqat, north of Baghdad, gunmen shot dead a candidate.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let found: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(found, ["Ash Sharqāt", "Baghdad"]);
}

/// "The provincial border of Homs and Deir ez-Zor", "the provinces of Homs and Hama": each
/// name is the province, not its capital (in the real Wikipedia article, a clash on the border
/// had put the Syrian army in Deir ez-Zor city in July 2017). See: #2
#[test]
fn provinces_listed_after_a_plural_or_border_phrase_are_provinces() {
    let path = crate::shared("wikipedia/frontlines-website/central_syria_campaign.md");
    let text = std::fs::read_to_string(&path).expect("a shared Wikipedia article");
    let at = text.find("provincial border of Homs and Deir ez-Zor").expect("the sentence");
    let a = extractor().extract(&Document { text: text.clone(), ..Document::default() });
    let start = text[..at].chars().count();
    let end = start + "provincial border of Homs and Deir ez-Zor".chars().count();
    let in_phrase: Vec<(&str, PlaceKind)> = a
        .places
        .iter()
        .filter(|p| p.mentions.iter().any(|m| m.start >= start && m.end <= end))
        .map(|p| (p.name.as_str(), p.kind))
        .collect();
    assert_eq!(in_phrase.len(), 2, "{in_phrase:?}");
    assert!(in_phrase.iter().all(|(_, k)| *k == PlaceKind::Admin1), "{in_phrase:?}");
}

/// A place whose folded name an ordinary word shares ("Rome" and "room", "Paris" and "parish")
/// is a place when written as itself; the word itself still needs evidence. Sentences from the
/// event-location corpus. See: #2
#[test]
fn places_sharing_a_key_with_a_word_are_places_when_spelled_as_themselves() {
    let names = |text: &str| -> Vec<String> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(
        names(
            "Around 100,000 right-wing supporters demonstrated in Rome on Saturday to protest \
             government austerity measures."
        ),
        ["Rome"]
    );
    // "Hit" is the town on the Euphrates only with evidence; a verb at a sentence start is not.
    assert!(names("Hit hard by the storm, farmers left early.").is_empty());
}

/// A text that names nothing else cannot contradict a reading: a town of some size by its own
/// name is taken there, though elsewhere it would need the text's support. See: #2
#[test]
fn a_text_without_context_takes_a_town_by_its_own_name() {
    let places = names_and_countries;
    assert_eq!(
        places(
            "In the only other serious truce violation, two soldiers were shot dead April 8 in \
             their camp on the Jaffna Peninsula."
        ),
        [("Jaffna".to_owned(), "LK".to_owned())]
    );
    // In a report on Syria the same town, unsupported, is left out.
    let syria = places(
        "Regime forces shelled Douma and Harasta near Damascus, while a convoy left Jaffna.",
    );
    assert!(syria.iter().all(|(_, c)| c == "SY"), "{syria:?}");
}

/// A country whose name is also a word ("chad") is a place after "in" or a compass adjective.
/// A sentence of the event-location corpus. See: #2
#[test]
fn a_country_named_like_a_word_is_a_place_after_a_locative() {
    let a = extractor().extract(&Document {
        text: "Earlier this year, a French peacekeeper working with a European force in eastern \
               Chad was shot to death by Sudanese soldiers."
            .into(),
        ..Document::default()
    });
    assert!(a.places.iter().any(|p| p.name == "Chad" && p.country == "TD"), "{:?}", a.places);
}

/// A country's name that is also a word ("turkey", "china") is the country where it has its
/// capital in mid-sentence, whatever word comes before; not at a sentence's start, nor as the
/// first name of a person. Sentences of the re3d corpus. See: #2
#[test]
fn a_country_named_like_a_word_is_a_place_in_mid_sentence() {
    let countries = |text: &str| -> Vec<String> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.iter().filter(|p| p.kind == PlaceKind::Country).map(|p| p.name.clone()).collect()
    };
    assert_eq!(
        countries("Carter commented on yesterday's terrorist bombings in Istanbul, Turkey."),
        ["Türkiye"]
    );
    assert_eq!(
        countries("The Minister for Central Asia, Tobias Ellwood, visited Turkey on 4 April."),
        ["Türkiye"]
    );
    assert!(countries("Turkey sandwiches were served.").is_empty());
    // At a sentence's start, the subject of a verb or a possessive. Sentences of GeoVirus.
    assert_eq!(countries("China has announced a new outbreak of avian flu."), ["China"]);
    assert_eq!(countries("Turkey's last reported victim, Fatma Ozcan, was 15."), ["Türkiye"]);
    // A country's own abbreviation, kept in capitals for countries alone, is no acronym.
    assert_eq!(
        countries("Striking against those who pose a threat to the UK, and our people."),
        ["United Kingdom"]
    );
    assert!(countries("The coach, Chad Johnson, said the team was ready.").is_empty());
}

/// Names the gazetteer gives to some place that war reporting uses for something else: a
/// leader, a group, a maker of pick-ups. See: #2
#[test]
fn names_of_people_groups_and_makers_are_no_places() {
    let a = extractor().extract(&Document {
        text: "Fighters loyal to Erdogan drove Toyota pick-ups mounted with machine guns into \
               the town of Jarablus."
            .into(),
        ..Document::default()
    });
    let names: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Jarābulus"]);
    // "al-Qaeda" folds to the key of Kedah, a state of Malaysia.
    assert!(extractor().gazetteer().lookup("al-Qaeda").is_empty());
}

/// Compass words alone are directions before they are the divisions of Cameroon or Ghana
/// named so, and an Arabic qualifier after a name ("Saghir", "Kabir", "Tahtani") makes
/// another place than the one the gazetteer has by the bare name. Sentences of the shared
/// Wikipedia articles. See: #2
#[test]
fn directions_and_qualified_names_are_not_the_bare_places() {
    let places = |text: &str| -> Vec<(String, String)> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.iter().map(|p| (p.name.clone(), p.country.clone())).collect()
    };
    let found = places(
        "The Golden Division Special Operations Forces persistently advanced into East Mosul.",
    );
    assert_eq!(found, [("Mosul".to_owned(), "IQ".to_owned())]);
    let found = places(
        "On 10 January, the Syrian Army captured 25 towns and villages including Tell Silmo, \
         Zafar Saghir, Zafar al-Kabir and Rasm Abed in Idlib governorate.",
    );
    assert!(found.iter().all(|(_, c)| c == "SY"), "{found:?}");
    let found = places(
        "The coalition then began to move toward Suwaydiya Saghirah and Suwaydiya Kabir, the \
         last villages before Tabqa Dam.",
    );
    assert!(found.iter().all(|(n, _)| n != "As-Suwayda"), "{found:?}");
}

/// The city of a wire report's dateline is a place however short its name in capitals; the
/// events of the report are not located there. See: #2
#[test]
fn a_dateline_city_in_capitals_is_a_place() {
    let a = extractor().extract(&Document {
        text: "BEIRUT (Reuters) - Syrian government forces shelled Douma on Monday.".into(),
        ..Document::default()
    });
    let names: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Beirut", "Dūmā"]);
    let shelled = a.events.iter().find(|e| e.trigger.text == "shelled").expect("an event");
    assert_eq!(shelled.place.as_ref().map(|p| p.name.as_str()), Some("Dūmā"));
    // Not a short word in capitals elsewhere: an acronym.
    let a = extractor().extract(&Document {
        text: "Rebels fired MILAN ATGM rounds at the base.".into(),
        ..Document::default()
    });
    assert!(a.places.is_empty(), "{:?}", a.places);
}

/// A place name ends before a verb of its sentence: "Kut is" is Kut, not Kutaisi; a group's
/// name may go on through one ("Raqqa is Being Slaughtered Silently").
#[test]
fn place_names_end_before_the_verb() {
    let text =
        "Fighting in Kut is reported. Raqqa is Being Slaughtered Silently said two men died.";
    let a = extractor().extract(&Document { text: text.to_owned(), ..Document::default() });
    let kut = a.places.iter().find(|p| p.name == "Al Kūt").expect("Kut is found");
    assert_eq!(kut.mentions[0].text, "Kut");
    assert!(!a.places.iter().any(|p| p.country == "GE"), "{:?}", a.places);
    let rbss = a.actors.iter().find(|x| x.id == "rbss").expect("the group is found");
    assert_eq!(rbss.mentions[0].text, "Raqqa is Being Slaughtered Silently");
}

/// A part of Syria or Iraq named by a compass word is a region with a point of its own, in
/// lower case or capitalised, in English or Arabic; a compass word alone names nothing.
/// See: #2
#[test]
fn a_compass_part_of_a_country_is_a_region() {
    let places = |text: &str| -> Vec<(String, PlaceKind)> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.iter().map(|p| (p.name.clone(), p.kind)).collect()
    };
    let region = |name: &str| (name.to_owned(), PlaceKind::Region);
    assert!(
        places("Turkish jets struck PKK targets in the Hakurk area in northern Iraq.")
            .contains(&region("northern Iraq"))
    );
    assert_eq!(
        places("Clashes went on in north-western Syria and in Western Iraq."),
        [region("northwestern Syria"), region("western Iraq")]
    );
    assert_eq!(places("قصفت الطائرات مواقع في شمال العراق"), [region("northern Iraq")]);
    assert_eq!(
        places("The column moved north. Syria said nothing."),
        [("Syria".to_owned(), PlaceKind::Country)]
    );
}

/// Seas, gulfs, straits and rivers are places, with what they are as their feature: naval
/// seizures and missile launches happen on them. See: #2
#[test]
fn seas_and_rivers_are_places() {
    let features = |text: &str| -> Vec<(String, Option<String>)> {
        extract(text).places.iter().map(|p| (p.name.clone(), p.feature.clone())).collect()
    };
    let water = |name: &str, feature: &str| (name.to_owned(), Some(feature.to_owned()));
    assert_eq!(
        features("The British personnel were captured by Iranian forces in the Persian Gulf."),
        [water("Persian Gulf", "gulf")]
    );
    assert!(
        features("Russian warships in the Caspian Sea fired 26 cruise missiles at Raqqa.")
            .contains(&water("Caspian Sea", "sea"))
    );
    assert!(
        features("Gunmen shot at boats on the Tigris river north of Baghdad.")
            .contains(&water("Tigris", "river"))
    );
    assert_eq!(
        features("اعترضت زوارق إيرانية ناقلة في مضيق هرمز"),
        [water("Strait of Hormuz", "strait")]
    );
    // The sea before the governorates named after it, the peninsula before a town of its name.
    assert_eq!(features("A tanker was attacked in the Red Sea."), [water("Red Sea", "sea")]);
    assert_eq!(
        features("Militants attacked a checkpoint in the Sinai, killing five soldiers."),
        [water("Sinai Peninsula", "peninsula")]
    );
    // A town has no feature.
    assert_eq!(
        features("Iraqi troops gathered in Hit, on the Euphrates."),
        [("Hīt".to_owned(), None), water("Euphrates", "river")]
    );
}

/// A street or square named after a place is not that place: "Baghdad's Haifa Street" is in
/// Baghdad, "Al-Thawra Street" in Damascus. See: #2
#[test]
fn streets_named_after_places_are_not_those_places() {
    let found = names_and_countries;
    let haifa = found(
        "At least 13 people were killed during intense fighting around central Baghdad's Haifa \
         Street, said the health ministry.",
    );
    assert_eq!(haifa, [("Baghdad".to_owned(), "IQ".to_owned())]);
    let thawra = found("Shells fell on Al-Thawra Street and Arnus Square in Damascus city.");
    assert_eq!(thawra, [("Dimashq".to_owned(), "SY".to_owned())]);
    // The place itself, before a lower-case word, is still the place.
    assert_eq!(found("Clashes broke out in Haifa streets.").len(), 1);
}

/// Mentions of one name are not evidence for each other: a text that says "Alexandria" twice
/// and names Virginia is about the Alexandria in Virginia, though each mention alone would lean
/// to the far bigger one in Egypt and, read first, would make the text look Egyptian to the
/// other. See: #2
#[test]
fn mentions_of_one_name_do_not_vouch_for_each_other() {
    let text = "Alexandria police said a man was arrested on Friday. The Alexandria mayor \
                thanked officers across Virginia.";
    let a = extractor().extract(&Document { text: text.to_owned(), ..Document::default() });
    let alexandria = a.places.iter().find(|p| p.name == "Alexandria").expect("found");
    assert_eq!((alexandria.country.as_str(), alexandria.mentions.len()), ("US", 2));
}

/// A place the text puts inside another ("X village in Hama countryside", "X neighbourhood in
/// Dar'a city", "X in Afrin") is read there; when the gazetteer has no place of that name there,
/// it is not read as a namesake abroad: a note says so, and a village is placed at the place
/// the text puts it in. See: #2, #5
#[test]
fn places_put_inside_another_are_read_there_or_not_at_all() {
    let places = |text: &str| -> (Vec<(String, String)>, Vec<String>) {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        let notes = a.diagnostics.iter().map(|d| d.message.clone()).collect();
        (a.places.iter().map(|p| (p.name.clone(), p.country.clone())).collect(), notes)
    };
    let (found, notes) = places("The Syrian Army shelled Mansura village in Hama countryside.");
    assert_eq!(
        found,
        [("Hama".to_owned(), "SY".to_owned()), ("Mansura".to_owned(), "SY".to_owned())]
    );
    assert!(
        notes.iter().any(|n| n.contains("\"Mansura\"") && n.contains("puts it in")),
        "{notes:?}"
    );
    let (found, _) =
        places("Turkish forces took Jinderes in Afrin, then shelled Kafr Zita in northern Hama.");
    let names: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["Jindayris", "‘Afrīn", "Kafr Zaytā", "Ḩamāh"]);
    // A village is no city of millions whose name folds alike (Jiddah for Ghaydah), nor a
    // Turkish town for a village the text puts in Idlib.
    let (found, _) = places("IS militants burned a house near Ghaydah village, south of Daquq.");
    assert!(found.iter().all(|p| p.1 == "IQ"), "{found:?}");
    let (found, _) = places("Warplanes struck Tal Aas village in Idleb countryside.");
    assert!(found.iter().all(|p| p.1 == "SY") && found.len() == 2, "{found:?}");
    // "in rural Y" as "in Y countryside": not the town of Sakhrah in Jordan.
    let (found, _) = places("Regime forces fired missiles at the village of Sakhra in rural Hama.");
    assert!(found.iter().all(|p| p.1 == "SY") && found.len() == 2, "{found:?}");
    // "X and Y towns in Z" puts both in Z, the town the gazetteer lacks (Al-Na'ema) too: Sayda
    // is no city in Lebanon or Algeria.
    for text in [
        "A shell fell on the road between Sayda and Al-Na'ema towns in eastern Dar'a.",
        "A shell fell on the road between Al-Na'ema and Sayda towns in eastern Dar'a.",
    ] {
        let (found, _) = places(text);
        assert!(found.iter().all(|p| p.1 == "SY") && found.len() == 1, "{text}: {found:?}");
    }
    // "X neighborhood of Y" puts X in Y even where a division elsewhere bears X's name: not
    // Israel's Northern District.
    let (found, _) = places("An IED detonated on the road to Shamali neighborhood of Nawa city.");
    assert!(found.iter().all(|p| p.1 == "SY") && found.len() == 2, "{found:?}");
    // "Y's X" puts X inside Y: not the city of Nada in China.
    let (found, notes) = places("A roadside bomb struck a patrol in Diyala's Nada Basin area.");
    assert_eq!(found, [("Diyala".to_owned(), "IQ".to_owned())]);
    assert!(notes.iter().any(|n| n.contains("\"Nada\"") && n.contains("puts it in")), "{notes:?}");
    // Not after a country, whose possessive is an agent's as often: Afrin is in Syria.
    let (found, _) = places("Turkey's Afrin operation is a military aggression.");
    assert!(found.contains(&("‘Afrīn".to_owned(), "SY".to_owned())), "{found:?}");
    // "X area of northern Y": not the town of Malah 400 km away, but an area of Aleppo.
    let (found, _) =
        places("Regime forces clashed with rebels in the Al-Mallah area of northern Aleppo.");
    assert_eq!(
        found,
        [("Aleppo".to_owned(), "SY".to_owned()), ("Al-Mallah".to_owned(), "SY".to_owned())]
    );
}

/// "In" between two places is presence, not containment, when the first is a country or a
/// well-known city: "the role of Iran in Iraq", "fighters from Baghdad in Syria" keep both.
/// See: #2
#[test]
fn a_country_or_big_city_in_another_place_stays_itself() {
    let text = "The role of Iran in Iraq grew as militias from Baghdad in Syria joined the fight.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let names: Vec<&str> = a.places.iter().map(|p| p.name.as_str()).collect();
    for name in ["Iran", "Iraq", "Baghdad", "Syria"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn a_lone_name_is_read_in_the_region_before_an_unsupported_namesake_abroad() {
    // "Ain Issa" is also an alias of Inisa, a Nigerian city ten times its size; with nothing
    // else in the text, the Syrian town is the reading the gazetteer's region supports.
    let text = "Kurdish fighters repelled an overnight attack on Ain Issa, a commander said.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let found: Vec<(&str, &str)> =
        a.places.iter().map(|p| (p.name.as_str(), p.country.as_str())).collect();
    assert!(found.iter().any(|&(_, c)| c == "SY"), "Ain Issa not read in Syria: {found:?}");
    assert!(!found.iter().any(|&(_, c)| c == "NG"), "read in Nigeria: {found:?}");

    // A text about another country leaves a person's name alone rather than read it as a
    // village of the region ("Mary" is an alias of Mari' in Syria).
    let text = "The book sale in Malta opened on Friday, library staffer Mary Middleton said.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let found: Vec<(&str, &str)> =
        a.places.iter().map(|p| (p.name.as_str(), p.country.as_str())).collect();
    assert_eq!(found, [("Malta", "MT")]);
}

#[test]
fn a_village_the_gazetteer_lacks_is_placed_where_the_text_puts_it() {
    let text = "Government forces shelled the village of Tell Qurayn in the southern countryside \
                of Raqqa on Monday, while a car bomb hit Hay al-Askari neighbourhood near Manbij. \
                A Kurdish town near Afrin was quiet.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let place = |name: &str| a.places.iter().find(|p| p.name == name);
    let raqqa = place("Ar Raqqah").expect("Raqqa");
    let village = place("Tell Qurayn").expect("the village, placed by the text");
    assert_eq!(village.within.as_deref(), Some(raqqa.id.as_str()));
    assert_eq!((village.lat, village.lon), (raqqa.lat, raqqa.lon));
    assert_eq!(village.kind.as_str(), "village");
    let manbij = place("Manbij").expect("Manbij");
    let quarter = place("Hay al-Askari").expect("the neighbourhood, placed by the text");
    assert_eq!(quarter.within.as_deref(), Some(manbij.id.as_str()));
    // A people's adjective before "town" is no name.
    assert!(place("Kurdish").is_none());
    let amerli = extract(
        "A truck bomb detonated at the market in the mixed Shiite Kurdish and Turkoman village \
         of Amerli, near the Tuz-Khurmato town.",
    );
    assert!(amerli.places.iter().all(|p| p.name != "Turkoman"), "{:?}", place_names(&amerli));
    // The shelling hit the village, not Raqqa at large.
    let shelling = a.events.iter().find(|e| e.trigger.text == "shelled").expect("the shelling");
    assert_eq!(shelling.place.as_ref().map(|p| p.name.as_str()), Some("Tell Qurayn"));
}

/// A division named with its kind word ("Narathiwat province", one of GeoNames' names for it)
/// is named by its own name: a one-line report needs no other context for it.
#[test]
fn a_division_named_with_its_kind_word_stands_on_its_own() {
    let text = "Gunmen shot a teacher dead outside a school in Narathiwat province on Friday.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let found: Vec<(&str, &str, &str)> =
        a.places.iter().map(|p| (p.name.as_str(), p.kind.as_str(), p.country.as_str())).collect();
    assert_eq!(found, [("Narathiwat", "admin1", "TH")]);
}

/// A town of one country of the region is not read in a text about another that does not
/// border it, unless the text backs it; Syria's and Iraq's towns are read in a text about any
/// of the region's states, whose forces and volunteers fight there. See: #2
#[test]
fn a_region_town_is_not_read_across_the_region_without_support() {
    let found = names_and_countries;
    // The only Shafa the gazetteer has is a town in Saudi Arabia.
    let shafa = found("Islamic State fighters overran a QSD position near the town of Shafa.");
    assert!(shafa.is_empty(), "{shafa:?}");
    let ashara =
        found("Coalition warplanes struck Iranian Revolutionary Guard positions near Ashara.");
    assert!(ashara.iter().any(|(_, c)| c == "SY"), "{ashara:?}");
    // Named, the country backs its town.
    let saudi = found("Saudi police said a car bomb exploded near Shafa, south of Taif.");
    assert!(saudi.iter().any(|(_, c)| c == "SA"), "{saudi:?}");
    // "Regime forces" in a text naming no country are Syria's, as the actor stage reads them:
    // Salmiya in Kuwait is no reading of a Hama town (whose spelling the gazetteer lacks).
    let salaymiyeh = found("Regime forces shelled the town of as-Salaymiyeh with no injuries.");
    assert!(salaymiyeh.iter().all(|(_, c)| c != "KW"), "{salaymiyeh:?}");
    // A neighbour's town far from the border is no reading either: not Alanya on Turkey's
    // Mediterranean coast; one near it is ("a QSD position near Kilis").
    let alyeh = found("Regime helicopters dropped barrel bombs on Alyeh with no injuries.");
    assert!(alyeh.iter().all(|(_, c)| c != "TR"), "{alyeh:?}");
    let kilis = found("Islamic State fighters overran a QSD position near Kilis.");
    assert!(kilis.iter().any(|(_, c)| c == "TR"), "{kilis:?}");
    // Near the border is near a Syrian place, not inside a box around them all, which reaches
    // into central Israel: Zetan is no reading of the Aleppo village.
    let zeitan = found("Regime forces shelled the village of Zeitan with no injuries.");
    assert!(zeitan.iter().all(|(_, c)| c != "IL"), "{zeitan:?}");
    // Between Syria and Iraq, a town only near the border: the only Hweijeh the gazetteer
    // has is Hawija in Kirkuk, no reading in a note on regime shelling; al-Qaim on the
    // border is ("IS fighters fled from Albu Kamal").
    let hweijeh = found("Regime forces shelled Hweijeh with no injuries or fatalities reported.");
    assert!(hweijeh.iter().all(|(_, c)| c != "IQ"), "{hweijeh:?}");
    let qaim = found("Regime forces said IS fighters fled to al-Qaim.");
    assert!(qaim.iter().any(|(_, c)| c == "IQ"), "{qaim:?}");
    // Near the border is a narrow band there: Hatra (al-Hadar), over 100 km from the
    // border, is no reading of the Quneitra village.
    let hadar =
        found("Two pro-government militiamen were killed by an IED east of the town of Hadar.");
    assert!(hadar.iter().all(|(_, c)| c != "IQ"), "{hadar:?}");
    // Nor is a big city of the region far from the text's country self-evident: QSD forces
    // in Mansura are not in al-Mansurah in Egypt.
    let mansura = found("QSD forces suppressed demonstrations in Mansura.");
    assert!(mansura.iter().all(|(_, c)| c != "EG"), "{mansura:?}");
    // Nor does a country inside an actor's name say where the text is: the Islamic State of
    // Iraq and al-Sham near Palmyra is in Syria.
    let palmyra = found(
        "The Islamic State of Iraq and Al-Sham launched a counter-attack around the western \
         countryside of Palmyra.",
    );
    assert!(palmyra.iter().any(|(_, c)| c == "SY"), "{palmyra:?}");
}

#[test]
fn a_small_town_abroad_is_read_only_where_the_text_backs_it() {
    let found = names_and_countries;
    // The United States has towns called Moore, Taylor, Union and Bell ("Bill" shares its
    // key), Shawnee ("Sunny"): naming the country does not make people's names its towns.
    assert_eq!(
        found(
            "In the United States, spokesman Bill Moore said Sunny Taylor would lead the Union \
             delegation."
        ),
        [("United States".to_string(), "US".to_string())]
    );
    // Its first-level division named, the town is read.
    let tornado = found("A tornado struck Moore, Oklahoma, on Monday, the weather service said.");
    assert!(tornado.contains(&("Moore".into(), "US".into())), "{tornado:?}");
    // A capital's name is the capital unless the text puts more than one place near its
    // namesake: Vienna, Virginia lies beside Washington.
    let talks = found("Syria's opposition will attend the Vienna talks, Washington said.");
    assert!(talks.iter().any(|(n, c)| n == "Vienna" && c == "AT"), "{talks:?}");
}

#[test]
fn a_country_nothing_speaks_for_is_the_division_of_that_name() {
    // Georgia the country has nothing else in the text behind it; the American state has its
    // towns and its country.
    let text = "A state lawmaker wants to stop Georgia communities from restricting modular \
                homes. Only a few Georgia cities, among them Gainesville and Duluth, restrict \
                them, though the issue has come up across the United States.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let georgias: Vec<(&str, PlaceKind)> = a
        .places
        .iter()
        .filter(|p| p.name == "Georgia")
        .map(|p| (p.country.as_str(), p.kind))
        .collect();
    assert_eq!(georgias, [("US", PlaceKind::Admin1)]);
    // With the Caucasus in the text, it is the country.
    let text = "Russian troops stayed in South Ossetia, and Georgia protested to Moscow.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    let georgia = a.places.iter().find(|p| p.name == "Georgia").expect("Georgia");
    assert_eq!((georgia.country.as_str(), georgia.kind), ("GE", PlaceKind::Country));
}

#[test]
fn demonyms_are_spelled_as_listed() {
    // The name index folds spellings so that transliterations meet; a demonym must not meet
    // every capitalised "The" ("Thai") or "Law" ("Lao").
    let g = extractor().gazetteer();
    let found = |text: &str| -> Vec<String> {
        let mut isos: Vec<String> = g.recognize(text).demonyms.into_iter().map(|d| d.0).collect();
        isos.sort();
        isos
    };
    assert_eq!(
        found("The council met. Law and order returned, the Associated Press said."),
        [] as [String; 0]
    );
    assert_eq!(found("Thai and Syrian officials met Iraqi ones."), ["IQ", "SY", "TH"]);
    assert_eq!(found("التقى الوفد السوري بالوفد العراقي"), ["IQ", "SY"]);
}

#[test]
fn a_place_put_beside_a_province_lies_in_its_country() {
    let found = names_and_countries;
    // The Iraqi district the gazetteer lacks is not Kuwait's Ad Du'ayyah, nor the Iraqi
    // Iskandariya the Egyptian city.
    let dawaya = found("Mortar shells hit a home in Dawayah district, northeast Thi-Qar.");
    assert!(dawaya.iter().all(|p| p.1 == "IQ"), "{dawaya:?}");
    let alexandria = found("A bomb wounded four PMF members in Alexandria north of Babylon.");
    assert!(alexandria.iter().all(|p| p.1 == "IQ"), "{alexandria:?}");
    // Beside a town, news style allows any distance: Amara is far south of Baghdad.
    let amara = found("A policeman in Amara, south of Baghdad, was killed.");
    assert!(amara.iter().any(|p| p.0 == "Al ‘Amārah"), "{amara:?}");
}

#[test]
fn a_county_and_its_seat_read_each_other() {
    let found = |text: &str| -> Vec<(String, String, Option<String>)> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.into_iter().map(|p| (p.name, p.country, p.admin1)).collect()
    };
    // Nothing else in the text says which London or which Paris: the county named beside it
    // does, and the town keeps the county in the text.
    let london = found(
        "The Laurel County sheriff said two men were arrested after a chase through London on \
         Friday night.",
    );
    assert!(
        london.contains(&("London".into(), "US".into(), Some("Kentucky".into()))),
        "{london:?}"
    );
    assert!(london.iter().any(|p| p.0 == "Laurel County"), "{london:?}");
    let paris =
        found("Volunteers will plant trees in Paris this spring, the Edgar County board said.");
    assert!(paris.contains(&("Paris".into(), "US".into(), Some("Illinois".into()))), "{paris:?}");
    // A division named after the town is the same name, no pair: the Jordanian Karak stays.
    let karak =
        found("Gunmen attacked tourists at the castle in Karak, in the Karak district of Jordan.");
    assert!(karak.iter().all(|p| p.1 == "JO"), "{karak:?}");
    // Without the county, London is the capital.
    let capital = found("Two men were arrested after a chase through London on Friday night.");
    assert_eq!(capital, [("London".into(), "GB".into(), Some("England".into()))]);
}

#[test]
fn armed_groups_tell_the_country_a_text_is_about() {
    let place = names_and_countries;
    // Ras al-Ain is a town of Syria and (as Rosh HaAyin) of Israel; HTS fights in Syria.
    let found = place("HTS fighters attacked Ras al-Ain at dawn.");
    assert_eq!(found, [("Ra’s al ‘Ayn".to_string(), "SY".to_string())]);
    // A state's forces fight abroad and tell nothing: only armed groups count.
    let x = extractor();
    let text = "Turkish troops and HTS fighters shelled YPG positions.";
    let tokens = sitrep::text::tokens::tokenize(text);
    let mut folds = sitrep::text::tokens::Folds::new(text, &tokens);
    let scan = x.actors().scan(text, &tokens, &mut folds, None);
    assert_eq!(scan.group_countries(x.actors()), [("SY".to_string(), 2)]);
}

#[test]
fn a_country_abroad_is_spelled_as_one_of_its_names() {
    let countries = |text: &str| -> Vec<String> {
        let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
        a.places.into_iter().filter(|p| p.kind == PlaceKind::Country).map(|p| p.country).collect()
    };
    // Transliteration variants meet for the region's names, not for a country abroad whose
    // folded key a town or a word shares.
    assert_eq!(countries("The storm hit Erie on Monday, police said."), [] as [String; 0]);
    assert_eq!(countries("He moved to Morris last year."), [] as [String; 0]);
    assert_eq!(countries("Officials in Eire said so."), ["IE"]);
    // The region's countries keep their variants.
    assert_eq!(countries("Fighters crossed from Irak into Syria."), ["IQ", "SY"]);
}

#[test]
fn a_division_of_a_small_country_needs_the_text_behind_it() {
    let found = names_and_countries;
    // The Isle of Man's parishes are named after saints; "Michael" said alone is a man.
    assert_eq!(found("The mayor thanked Michael for his work on the bridge."), []);
    // With the island named, the parish is read.
    let manx = found("Michael, a parish on the Isle of Man, voted on Friday.");
    assert!(manx.iter().any(|(n, c)| n == "Michael" && c == "IM"), "{manx:?}");
    // A large country's division stands on its own name.
    assert_eq!(
        found("Flooding closed roads across Ohio."),
        [("Ohio".to_string(), "US".to_string())]
    );
}

/// "Kurdistan" alone is the Kurdistan Region of Iraq, a self-governing region weighed like a
/// first-level division, before Iran's province of the name, which the text must back. See: #2
#[test]
fn kurdistan_alone_is_iraqs_region() {
    let found = names_and_countries;
    let huk = found("Teachers continued their protests over withheld salaries in Huk, Kurdistan.");
    assert_eq!(huk, [("Kurdistan Region".to_string(), "IQ".to_string())]);
    let iran = found("An earthquake struck Iran's Kurdistan province near Sanandaj.");
    assert!(iran.contains(&("Kurdistan".into(), "IR".into())), "{iran:?}");
}

/// A region named after its country ("northern Syria") is read in a text about another country,
/// as the country's own name would be, and an air base of the region is read however far it is
/// from the rest of the text: the coalition's jets fly from Incirlik to Iraq. See: #2, #5
#[test]
fn regions_named_after_their_country_and_bases_abroad_are_read() {
    let a = extract(
        "Ankara said Turkish jets killed as many as 200 Kurdish fighters in northern Syria.",
    );
    assert_eq!(place_names(&a), ["Ankara", "northern Syria"]);
    let killing = a.events.iter().find(|e| e.trigger.text == "killed").expect("the killing");
    assert_eq!(killing.place.as_ref().map(|p| p.name.as_str()), Some("northern Syria"));
    let a = extract(
        "A U.S.-led allied air force based in Incirlik has been patrolling over northern Iraq.",
    );
    assert_eq!(place_names(&a), ["United States", "Incirlik air base", "northern Iraq"]);
}

/// A people's adjective says whose forces act, not where: a note on Russian jets striking
/// Palmyra is about Tadmur in Syria, not Palmira in Colombia. See: #2
#[test]
fn a_foreign_power_acting_does_not_move_the_places_abroad() {
    assert_eq!(
        names_and_countries("Russian jets struck Palmyra."),
        [("Tadmur".into(), "SY".into())]
    );
}

/// A lower-case "major" before a place is an adjective, not a title making the place a
/// person's name. See: #2
#[test]
fn a_major_place_is_a_place() {
    let a = extract("Israeli forces have captured six major West Bank cities and towns.");
    assert_eq!(place_names(&a), ["West Bank"]);
}

/// "X area, Y district" puts X in Y, as "X area in Y" does; a reading of X far outside Y (a
/// city in Iran for "al-Zidan") is none, and does not make Y look far from the text. See: #2
#[test]
fn a_place_and_its_district_after_a_comma() {
    let a = extract(
        "An IED exploded in a local market in al-Zidan area, Abu Ghraib district, killing 1 \
         civilian.",
    );
    assert_eq!(place_names(&a), ["Abu Ghraib District"]);
    assert!(a.diagnostics.iter().any(|d| d.message.contains("\"al-Zidan\"")
        && d.message.contains("puts it in Abu Ghraib District")));
}

/// The last name of a list before "areas in Y" is in Y, though the name after it carries an
/// article ("Thawra, and al-Mohafza areas in Damascus"): not the town of al-Thawrah by Raqqa.
/// See: #2
#[test]
fn a_listed_area_with_an_article_after_it_is_in_the_container() {
    let a = extract(
        "Shells fell on the Sheikh Raslan, al-Bahsa, Thawra, and al-Mohafza areas in Damascus \
         which killed one person.",
    );
    let found = place_names(&a);
    assert!(!found.contains(&"Ath Thawrah"), "{found:?}");
    assert!(found.contains(&"Damascus"), "{found:?}");
}
