//! Time: the reference article's expressions and byline, the expression table, sentence dates
//! and impossible dates. See: #4

use sitrep::Document;
use sitrep::eval::gold::read_gold;
use sitrep::time::{DateBasis, DateSource, Precision, Time};

use crate::{extractor, test_data};

fn reference() -> (String, sitrep::Analysis) {
    let (_, text) = read_gold(&test_data("gold/race-to-deir-al-zour.json")).unwrap();
    let a = extractor().extract(&Document { text: text.clone(), ..Document::default() });
    (text, a)
}

/// The time whose mentions include one written exactly `written`.
fn time<'a>(a: &'a sitrep::Analysis, written: &str) -> &'a Time {
    a.times
        .iter()
        .find(|t| t.mentions.iter().any(|m| m.text == written))
        .unwrap_or_else(|| panic!("no time written {written:?} among {:#?}", a.times))
}

fn interval(t: &Time) -> (String, String, Precision) {
    (t.start.unwrap().to_string(), t.end.unwrap().to_string(), t.precision.unwrap())
}

fn days(start: &str, end: &str, p: Precision) -> (String, String, Precision) {
    (start.to_string(), end.to_string(), p)
}

#[test]
fn reference_article_is_dated_from_its_byline() {
    let (_, a) = reference();
    let p = a.published.as_ref().expect("a publication date");
    assert_eq!((p.date.to_string().as_str(), p.source), ("2017-05-19", DateSource::Byline));
    assert!(p.confidence >= 0.8, "{p:?}");
}

#[test]
fn reference_article_relative_expressions_resolve() {
    use Precision::*;
    let (_, a) = reference();
    let month = |s, e| days(s, e, Month);
    assert_eq!(interval(time(&a, "late last month, April")), month("2017-04-20", "2017-04-30"));
    assert_eq!(interval(time(&a, "late last month \" April")), month("2017-04-20", "2017-04-30"));
    assert_eq!(interval(time(&a, "June last year 2016")), month("2016-06-01", "2016-06-30"));
    assert_eq!(interval(time(&a, "the same month")), month("2016-06-01", "2016-06-30"));
    assert_eq!(interval(time(&a, "24 hours ago")), days("2017-05-18", "2017-05-18", Day));
    assert_eq!(interval(time(&a, "last February")), month("2017-02-01", "2017-02-28"));
    assert_eq!(interval(time(&a, "February")), month("2017-02-01", "2017-02-28"));
    assert_eq!(interval(time(&a, "two months ago")), month("2017-03-01", "2017-03-31"));
    assert_eq!(interval(time(&a, "More than two months after")), month("2017-04-01", "2017-05-19"));
    let few = time(&a, "a few days ago");
    let (start, end) = (few.start.unwrap(), few.end.unwrap());
    assert!(
        start.to_string().as_str() >= "2017-05-10" && end.to_string().as_str() < "2017-05-19",
        "a few days ago: {start}..{end}"
    );
}

/// Each sentence is dated by its own expression, else by the last one of its paragraph, else
/// by the week before publication.
#[test]
fn reference_article_sentences_are_dated() {
    let (text, a) = reference();
    let sentence_with = |words: &str| {
        let at = text.find(words).unwrap_or_else(|| panic!("{words:?} not in the article"));
        let at = text[..at].chars().count();
        a.sentences.iter().find(|s| s.start <= at && at < s.end).unwrap()
    };
    let s = sentence_with("paid the organization to transfer");
    assert_eq!(s.basis, Some(DateBasis::Expression));
    assert_eq!(s.date.unwrap().start.to_string(), "2017-04-20");
    let s = sentence_with("Now the army has been equiped");
    assert_eq!(s.basis, Some(DateBasis::Expression));
    assert_eq!(s.date.unwrap().end.to_string(), "2017-05-17");
    let s = sentence_with("SDF began to move from the west");
    assert_eq!(s.basis, Some(DateBasis::Publication));
    let d = s.date.unwrap();
    assert_eq!(
        (d.start.to_string().as_str(), d.end.to_string().as_str()),
        ("2017-05-13", "2017-05-19")
    );
    let s = sentence_with("However, the formation was soon exposed");
    assert_eq!(s.basis, Some(DateBasis::Expression), "{s:?}");
    assert!(a.sentences.iter().all(|s| s.date.is_some()));
}

/// The table of English and Arabic expressions (at least 150 cases) resolves as expected.
#[test]
fn expression_table() {
    let r = sitrep::eval::times::evaluate(&test_data("time/expressions.tsv")).unwrap();
    assert!(r.cases >= 150 && r.arabic.0 >= 50, "{} cases, {} Arabic", r.cases, r.arabic.0);
    assert!(r.pass_rate() >= 0.98, "pass rate {:.3}:\n{}", r.pass_rate(), r.failures.join("\n"));
}

#[test]
fn impossible_dates_are_diagnosed_not_used() {
    let text = "Talks were set for 31 February 2017 and the ceasefire for 2017-13-45, \
                then moved to 30/02/2016.";
    let a = extractor().extract(&Document {
        text: text.into(),
        published: Some("2017-05-19".into()),
        ..Document::default()
    });
    assert!(a.times.is_empty(), "{:#?}", a.times);
    let notes: Vec<&str> = a.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(notes.iter().filter(|m| m.contains("impossible date")).count(), 3, "{notes:?}");
    assert!(notes.iter().any(|m| m.contains("February has 28 days in 2017")), "{notes:?}");
}

#[test]
fn bad_metadata_date_falls_back_to_the_byline() {
    let a = extractor().extract(&Document {
        text: "Levant Desk | 5 September, 2017\n\nThe siege was broken yesterday.".into(),
        published: Some("2017-13-45".into()),
        ..Document::default()
    });
    let p = a.published.as_ref().unwrap();
    assert_eq!((p.date.to_string().as_str(), p.source), ("2017-09-05", DateSource::Byline));
    assert_eq!(time(&a, "yesterday").start.unwrap().to_string(), "2017-09-04");
    assert!(a.diagnostics.iter().any(|d| d.message.contains("\"2017-13-45\" is not a real")));
}

#[test]
fn arabic_byline_with_levantine_month_and_indic_digits() {
    let a = extractor().extract(&Document {
        text: "دمشق | ١٩ أيار ٢٠١٧\n\nقصفت الطائرات مدينة الميادين أمس.".into(),
        ..Document::default()
    });
    assert_eq!(a.published.as_ref().unwrap().date.to_string(), "2017-05-19");
    assert_eq!(time(&a, "أمس").start.unwrap().to_string(), "2017-05-18");
}

#[test]
fn agency_dateline_takes_the_year_from_the_text() {
    let a = extractor().extract(&Document {
        text: "BEIRUT, Sept 5 (Reuters) - Syrian troops broke the three-year siege of Deir \
               ez-Zor, which began in 2014. The army vowed to take the whole province in 2017."
            .into(),
        ..Document::default()
    });
    let p = a.published.as_ref().unwrap();
    assert_eq!((p.date.to_string().as_str(), p.source), ("2017-09-05", DateSource::Dateline));
    assert!(p.confidence <= 0.5);
}

#[test]
fn yearless_dates_follow_the_narrative_without_a_publication_date() {
    // The Wikipedia article on the siege of Deir ez-Zor has no publication date; its days and
    // months without a year follow the years its narrative has stated.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/data/wikipedia/frontlines-website/siege_of_deir_ez-zor_(2014–2017).md",
    );
    let text = std::fs::read_to_string(path).unwrap();
    let a = extractor().extract(&Document { text, ..Document::default() });
    assert!(a.published.is_none(), "{:?}", a.published);
    let t = time(&a, "29 August");
    assert_eq!(interval(t), days("2017-08-29", "2017-08-29", Precision::Day));
    assert_eq!(t.anchor, Some(sitrep::time::Anchor::Text));
    let attack = a
        .events
        .iter()
        .find(|e| e.evidence.text.starts_with("In the morning of 29 August"))
        .expect("the attack of 29 August");
    assert_eq!(attack.date.map(|d| d.start.to_string()).as_deref(), Some("2017-08-29"));
}

/// A full date in the prose of a text's first lines after a preposition is an event's, not the
/// publication's ("a timeline of the war from 15 March 2011"): the text's later bare dates take
/// their years from the dates written near them. One the text says was reported then is the
/// report's. See: #4
#[test]
fn a_date_after_a_preposition_in_the_lead_is_no_byline() {
    let text = "This is a broad timeline of the course of major events of the civil war in Syria \
                from 15 March 2011 to the present, including its main offensives.\n\n\
                The American attack took place on 7 April 2017. American forces struck the \
                Syrian military again on 18 May, near al-Tanf.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    assert!(a.published.is_none(), "{:?}", a.published);
    assert_eq!(interval(time(&a, "18 May")), days("2017-05-18", "2017-05-18", Precision::Day));
    let text = "Agence France Presse reported on 03/10/2007 that a suicide bomber attacked an army \
                checkpoint in Baghdad on Saturday, killing 26 people.";
    let a = extractor().extract(&Document { text: text.into(), ..Document::default() });
    assert_eq!(a.published.as_ref().map(|p| p.date.to_string()).as_deref(), Some("2007-10-03"));
}
