//! The geoparsing corpora of Gritta et al.: LGL and TR-News (`<toponym>` with a GeoNames
//! `<gaztag>`) and GeoVirus (`<location>` with `<lat>`/`<lon>`). Toponym recognition is scored
//! on spans (exact, and overlapping), resolution on the recognised gold toponyms that have
//! coordinates: accuracy within 161 km, mean and median error, AUC.
//!
//! Some corpora's offsets are shifted by a character or two; each gold span is re-aligned to
//! the nearest occurrence of its phrase within 8 characters.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;
use serde::Serialize;

use super::{Counts, Error, ErrorStats, read};
use crate::gazetteer::{Place, PlaceMentionOut, distance_km};
use crate::{Document, Extractor};

/// Scores of one corpus.
#[derive(Clone, Debug, Serialize)]
pub struct GeoparsingReport {
    /// The corpus file.
    pub path: String,
    /// Articles read.
    pub articles: usize,
    /// Gold toponyms.
    pub gold_toponyms: usize,
    /// Spans equal to gold spans.
    pub recognition_exact: Counts,
    /// Spans overlapping gold spans.
    pub recognition_overlap: Counts,
    /// Resolution of gold toponyms whose span was recognised (overlap).
    pub resolution: ErrorStats,
    /// Of the recognised gold toponyms that carry a GeoNames id (LGL, TR-News), the share
    /// resolved to that very id: identity, whatever point each side uses for it.
    pub geonameid_accuracy: (usize, f64),
    /// Accuracy within 161 km counting as a hit every toponym resolved to the gold's own
    /// GeoNames id, wherever each side puts it: sitrep places a country or a first-level
    /// division at its middle (Canada at 60° N 96° W), GeoNames at a point of its own (Canada
    /// in northern Alberta), and a distance between the two says nothing about resolution.
    pub accuracy_161km_same_id: f64,
    /// Resolution of the recognised toponyms whose place has at least a given confidence:
    /// (threshold, toponyms, accuracy within 161 km). Shows how well confidence is calibrated.
    pub by_confidence: Vec<(f64, usize, f64)>,
    /// The most frequent resolutions off by more than 161 km: "phrase → place (country)" and count.
    pub frequent_errors: Vec<(String, usize)>,
}

#[derive(Default, Debug)]
struct Toponym {
    start: usize,
    end: usize,
    phrase: String,
    geonameid: Option<u32>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Default, Debug)]
struct Article {
    text: String,
    toponyms: Vec<Toponym>,
}

/// Parses a corpus file.
fn parse(path: &Path, xml: &str) -> Result<Vec<Article>, Error> {
    let mut reader = Reader::from_str(xml);
    let mut articles = Vec::new();
    let mut article: Option<Article> = None;
    let mut toponym: Option<Toponym> = None;
    let mut stack: Vec<String> = Vec::new();
    let err = |pos: u64, message: String| Error::Format {
        path: format!("{}: byte {pos}", path.display()),
        message,
    };
    loop {
        let event =
            reader.read_event().map_err(|e| err(reader.buffer_position(), e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "article" => article = Some(Article::default()),
                    "toponym" | "location" => toponym = Some(Toponym::default()),
                    "gaztag" => {
                        if let Some(t) = toponym.as_mut() {
                            t.geonameid = e
                                .try_get_attribute("geonameid")
                                .ok()
                                .flatten()
                                .and_then(|a| String::from_utf8_lossy(&a.value).parse().ok());
                        }
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                stack.pop();
                match name.as_str() {
                    "article" => articles.extend(article.take()),
                    "toponym" | "location" => {
                        if let (Some(a), Some(t)) = (article.as_mut(), toponym.take()) {
                            a.toponyms.push(t);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let value = t
                    .xml_content()
                    .map_err(|e| err(reader.buffer_position(), e.to_string()))?
                    .into_owned();
                set_field(&stack, &mut article, &mut toponym, value);
            }
            Event::CData(t) => {
                let value = String::from_utf8_lossy(&t.into_inner()).into_owned();
                set_field(&stack, &mut article, &mut toponym, value);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(articles)
}

fn set_field(
    stack: &[String],
    article: &mut Option<Article>,
    toponym: &mut Option<Toponym>,
    value: String,
) {
    let Some(field) = stack.last() else { return };
    let in_toponym = toponym.is_some();
    match (field.as_str(), in_toponym) {
        ("text", false) => {
            if let Some(a) = article.as_mut() {
                a.text.push_str(&value);
            }
        }
        ("start", true) => {
            toponym.as_mut().expect("checked").start = value.trim().parse().unwrap_or(0)
        }
        ("end", true) => toponym.as_mut().expect("checked").end = value.trim().parse().unwrap_or(0),
        ("phrase" | "name", true) if stack.iter().all(|s| s != "gaztag") => {
            toponym.as_mut().expect("checked").phrase = value.trim().to_owned()
        }
        ("lat", true) => toponym.as_mut().expect("checked").lat = value.trim().parse().ok(),
        ("lon", true) => toponym.as_mut().expect("checked").lon = value.trim().parse().ok(),
        _ => {}
    }
}

/// Moves a gold span onto its phrase when the corpus offsets are shifted.
fn align(chars: &[char], t: &Toponym) -> (usize, usize) {
    let phrase: Vec<char> = t.phrase.chars().collect();
    let at = |s: usize| chars.get(s..s + phrase.len()).is_some_and(|w| w == phrase.as_slice());
    if at(t.start) || phrase.is_empty() {
        return (t.start, t.end);
    }
    for d in 1..=8 {
        for s in [t.start.checked_sub(d), Some(t.start + d)].into_iter().flatten() {
            if at(s) {
                return (s, s + phrase.len());
            }
        }
    }
    (t.start, t.end)
}

/// The article texts of a corpus, in order (benchmarks read real news through this).
pub fn article_texts(path: &Path) -> Result<Vec<String>, Error> {
    Ok(parse(path, &read(path)?)?.into_iter().map(|a| a.text).collect())
}

/// Scores extraction on a corpus.
pub fn evaluate(extractor: &Extractor, path: &Path) -> Result<GeoparsingReport, Error> {
    let articles = parse(path, &read(path)?)?;
    let mut report = GeoparsingReport {
        path: path.display().to_string(),
        articles: articles.len(),
        gold_toponyms: 0,
        recognition_exact: Counts::default(),
        recognition_overlap: Counts::default(),
        resolution: ErrorStats::default(),
        frequent_errors: Vec::new(),
        by_confidence: Vec::new(),
        geonameid_accuracy: (0, 0.0),
        accuracy_161km_same_id: 0.0,
    };
    let mut hits_or_same_id = 0usize;
    let (mut with_id, mut same_id) = (0usize, 0usize);
    let mut scored: Vec<(f64, f64)> = Vec::new();
    let mut errors = Vec::new();
    let mut wrong: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for article in &articles {
        let chars: Vec<char> = article.text.chars().collect();
        let gold: Vec<((usize, usize), &Toponym)> =
            article.toponyms.iter().map(|t| (align(&chars, t), t)).collect();
        report.gold_toponyms += gold.len();
        let analysis =
            extractor.extract(&Document { text: article.text.clone(), ..Document::default() });
        // Every predicted mention with its place.
        let predicted: Vec<(&PlaceMentionOut, &Place)> =
            analysis.places.iter().flat_map(|p| p.mentions.iter().map(move |m| (m, p))).collect();
        let mut gold_hit_exact = vec![false; gold.len()];
        let mut gold_hit_overlap = vec![false; gold.len()];
        for &(m, place) in &predicted {
            let (s, e, lat, lon) = (m.start, m.end, place.lat, place.lon);
            let exact = gold.iter().position(|((gs, ge), _)| *gs == s && *ge == e);
            let overlap = gold.iter().position(|((gs, ge), _)| s < *ge && *gs < e);
            match exact {
                Some(j) if !gold_hit_exact[j] => {
                    gold_hit_exact[j] = true;
                    report.recognition_exact.true_positives += 1;
                }
                _ => report.recognition_exact.false_positives += 1,
            }
            match overlap {
                Some(j) if !gold_hit_overlap[j] => {
                    gold_hit_overlap[j] = true;
                    report.recognition_overlap.true_positives += 1;
                    if let (Some(glat), Some(glon)) = (gold[j].1.lat, gold[j].1.lon) {
                        let d = distance_km(lat, lon, glat, glon);
                        errors.push(d);
                        scored.push((place.confidence, d));
                        let same = gold[j].1.geonameid.is_some_and(|g| place.geonameid == Some(g));
                        if gold[j].1.geonameid.is_some() {
                            with_id += 1;
                            same_id += usize::from(same);
                        }
                        hits_or_same_id += usize::from(d <= 161.0 || same);
                        if d > 161.0 {
                            let label = format!(
                                "{} ({} {})",
                                place.name,
                                place.kind.as_str(),
                                place.country
                            );
                            *wrong.entry(format!("{} → {label}", gold[j].1.phrase)).or_default() +=
                                1;
                        }
                    }
                }
                Some(_) => {}
                None => report.recognition_overlap.false_positives += 1,
            }
        }
        report.recognition_exact.false_negatives += gold_hit_exact.iter().filter(|h| !**h).count();
        report.recognition_overlap.false_negatives +=
            gold_hit_overlap.iter().filter(|h| !**h).count();
    }
    report.accuracy_161km_same_id = super::ratio(hits_or_same_id, errors.len());
    report.resolution = ErrorStats::from_errors(errors);
    report.geonameid_accuracy = (with_id, super::ratio(same_id, with_id));
    for threshold in [0.0, 0.6, 0.8, 0.9] {
        let sel: Vec<f64> =
            scored.iter().filter(|(c, _)| *c >= threshold).map(|(_, d)| *d).collect();
        let acc = ErrorStats::from_errors(sel.clone()).accuracy_161km;
        report.by_confidence.push((threshold, sel.len(), acc));
    }
    let mut wrong: Vec<(String, usize)> = wrong.into_iter().collect();
    wrong.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    wrong.truncate(25);
    report.frequent_errors = wrong;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_layouts_and_aligns_shifted_offsets() {
        let xml = r#"<articles><article><text><![CDATA[Shelling hit Homs.]]></text><toponyms><toponym>
            <start>13</start><end>17</end><phrase>Homs</phrase><gaztag geonameid="169577"><name>Homs</name>
            <lat>34.72</lat><lon>36.72</lon></gaztag></toponym></toponyms></article>
            <article><text>Cases in Idlib rose.</text><locations><location><name>Idlib</name>
            <start>10</start><end>15</end><lat>35.93</lat><lon>36.63</lon></location></locations></article></articles>"#;
        let articles = parse(Path::new("t.xml"), xml).unwrap();
        assert_eq!(articles.len(), 2);
        let t = &articles[0].toponyms[0];
        assert_eq!((t.start, t.end, t.phrase.as_str(), t.lat), (13, 17, "Homs", Some(34.72)));
        let chars: Vec<char> = articles[1].text.chars().collect();
        assert_eq!(align(&chars, &articles[1].toponyms[0]), (9, 14));
    }
}
