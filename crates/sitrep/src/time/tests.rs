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
