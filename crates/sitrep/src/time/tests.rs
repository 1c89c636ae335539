use super::*;
use crate::text::tokens::tokenize;

fn times(text: &str, published: &str) -> Vec<(String, String)> {
    let tokens = tokenize(text);
    let spans = crate::text::sentences::sentences(text, &tokens);
    let a = analyze(text, &tokens, &spans, Some(published));
    a.times
        .iter()
        .flat_map(|t| {
            t.mentions.iter().map(move |m| {
                let v = match (t.start, t.end, t.precision, &t.duration) {
                    (Some(s), Some(e), Some(p), _) => format!("{s}..{e} {p:?}"),
                    (_, _, _, Some(d)) => d.clone(),
                    _ => "unplaced".into(),
                };
                (m.text.clone(), v)
            })
        })
        .collect()
}

#[test]
fn smoke() {
    let t = times("They moved late last month, April, and again 24 hours ago.", "2017-05-19");
    assert_eq!(
        t,
        [
            ("late last month, April".into(), "2017-04-20..2017-04-30 Month".into()),
            ("24 hours ago".into(), "2017-05-18..2017-05-18 Day".into())
        ]
    );
}

/// An Arabic ordinal before "من" and a month is the day of that month; alone it is no date
/// ("الفيلق الخامس", the Fifth Corps). See: #4
#[test]
fn arabic_ordinal_days_of_the_month() {
    let t = times("أعلنت قسد في السادس من حزيران بدء المعركة.", "2017-06-08");
    assert_eq!(t, [("السادس من حزيران".into(), "2017-06-06..2017-06-06 Day".into())]);
    assert!(times("تقدم الفيلق الخامس نحو المدينة.", "2017-06-08").is_empty());
}
