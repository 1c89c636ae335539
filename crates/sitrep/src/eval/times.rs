//! The time-expression table: one case per line, tab-separated — publication date, text, the
//! expression as written in the text, and what it must resolve to (`START..END PRECISION`,
//! `duration P2W`, `none` for words that are no time expression, `rejected` for impossible
//! dates). A case passes when the expression found over the written span resolves as
//! expected; separately counted, whether the found span is exactly the written one.

use std::path::Path;

use serde::Serialize;

use super::{Error, read};
use crate::text::tokens::tokenize;
use crate::time::{self, TimeKind};

/// Scores on the table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TimeTableReport {
    /// The table file.
    pub path: String,
    /// Cases read.
    pub cases: usize,
    /// Cases resolved as expected.
    pub passed: usize,
    /// Arabic cases, and how many passed.
    pub arabic: (usize, usize),
    /// Passed cases whose found span is exactly the written one.
    pub exact_spans: usize,
    /// What failed: line, the span, expected and found.
    pub failures: Vec<String>,
}

impl TimeTableReport {
    /// Share of cases passed.
    pub fn pass_rate(&self) -> f64 {
        super::ratio(self.passed, self.cases)
    }
}

/// Runs every case of a table.
pub fn evaluate(path: &Path) -> Result<TimeTableReport, Error> {
    let table = read(path)?;
    let mut report = TimeTableReport { path: path.display().to_string(), ..Default::default() };
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [anchor, text, span, expected] = fields[..] else {
            return Err(Error::Format {
                path: format!("{}:{}", path.display(), n + 1),
                message: format!("expected 4 tab-separated fields, found {}", fields.len()),
            });
        };
        let Some(at) = text.find(span) else {
            return Err(Error::Format {
                path: format!("{}:{}", path.display(), n + 1),
                message: format!("span {span:?} is not in the text"),
            });
        };
        let (cstart, cend) = (text[..at].chars().count(), text[..at + span.len()].chars().count());
        let tokens = tokenize(text);
        let spans = crate::text::sentences::sentences(text, &tokens);
        let analysis = time::analyze(text, &tokens, &spans, Some(anchor));
        let found = analysis.times.iter().find_map(|t| {
            let m = t.mentions.iter().find(|m| m.start < cend && cstart < m.end)?;
            Some((t, m))
        });
        let got = match found {
            None => {
                let rejected =
                    analysis.diagnostics.iter().any(|d| d.message.contains("impossible date"));
                if rejected { "rejected".to_string() } else { "none".to_string() }
            }
            Some((t, _)) => match (t.kind, t.start, t.end, t.precision, &t.duration) {
                (TimeKind::Duration, _, _, _, Some(d)) => format!("duration {d}"),
                (_, Some(s), Some(e), Some(p), _) => {
                    format!("{s}..{e} {}", format!("{p:?}").to_lowercase())
                }
                _ => "unplaced".to_string(),
            },
        };
        let arabic = text.chars().any(|c| matches!(c as u32, 0x0600..=0x06FF));
        report.cases += 1;
        report.arabic.0 += usize::from(arabic);
        if got == expected.trim() {
            report.passed += 1;
            report.arabic.1 += usize::from(arabic);
            if found.is_some_and(|(_, m)| m.start == cstart && m.end == cend) {
                report.exact_spans += 1;
            }
        } else {
            let found_span = found.map_or(String::new(), |(_, m)| format!(" over {:?}", m.text));
            report.failures.push(format!(
                "line {}: {span:?} (published {anchor}): expected {expected}, found {got}{found_span}",
                n + 1
            ));
        }
    }
    Ok(report)
}
