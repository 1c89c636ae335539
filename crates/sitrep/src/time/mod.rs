//! Time: the document's publication date, every time expression of its text placed on the
//! calendar, and a date for every sentence.
//!
//! Three steps, each in its own module: [`lexicon`] classifies words (English and Arabic),
//! [`grammar`] finds expressions and says what they mean, [`resolve`] places each meaning on
//! the calendar against the publication date or the previous expression. The rules, one line
//! each:
//!
//! - Every expression becomes an interval of whole days, `start..=end`, with the precision of
//!   the unit it speaks in (day, week, month, season, year). Weeks run Monday to Sunday;
//!   seasons are the northern meteorological ones (summer = June–August).
//! - "early", "mid", "late" (and "the beginning/middle/end of") narrow a month to days 1–10,
//!   10–20, 20–end, and a year to January–April, May–August, September–December, keeping the
//!   precision: "late last month, April" in an article of 19 May 2017 is 2017-04-20..2017-04-30.
//! - A month or date without a year is its occurrence nearest the publication date (ties go to
//!   the past); "last February" is the most recent February before the publication month;
//!   "June last year" is June of the year before.
//! - "N units ago" counts back from the publication date, whole calendar units: "two months
//!   ago" in May is March; "24 hours ago" is the day before. "a few" and "several" stand for
//!   two to six units, so "a few days ago" is the window 6 to 2 days back.
//! - "the same month", "the following day", "N units later/after ..." count from the closest
//!   preceding expression (anchor "text"); "More than two months after" is open up to the
//!   publication date.
//! - A weekday alone is the most recent one up to the publication date, or the next one from
//!   it when the sentence speaks of the future ("will").
//! - Durations ("two weeks", "six or seven hours") are reported as ISO 8601 durations, with no
//!   interval. Impossible dates ("31 February") are reported as diagnostics, never used.

pub mod grammar;
pub mod lexicon;
pub mod resolve;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::text::sentences::SentenceSpan;
use crate::text::tokens::{Token, lower_case};
use grammar::{Count, Grammar, Parsed, Value, YearRef};
use lexicon::Unit;

/// How fine a time is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A day (or a few named days).
    Day,
    /// A week, or a window of days.
    Week,
    /// A month, or part of one.
    Month,
    /// A season.
    Season,
    /// A year, or part of one.
    Year,
}

/// What a relative expression was placed against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The publication date.
    Publication,
    /// The previous time expression of the text.
    Text,
}

/// A stretch of whole days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// The unit the text speaks in.
    pub precision: Precision,
}

impl Interval {
    /// An interval; `start` and `end` are put in order.
    pub fn new(start: Date, end: Date, precision: Precision) -> Interval {
        Interval { start: start.min(end), end: start.max(end), precision }
    }
}

/// Whether a time expression is a point or stretch on the calendar, or a length of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A date, month, year, ... : has an interval once placed.
    Date,
    /// A length of time ("two weeks"): has a duration, no interval.
    Duration,
}

/// One time expression of the text, with all the places it occurs that mean the same.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Time {
    /// As first written.
    pub text: String,
    /// Date or duration.
    pub kind: TimeKind,
    /// First day, when placed.
    pub start: Option<Date>,
    /// Last day, when placed.
    pub end: Option<Date>,
    /// Precision, when placed.
    pub precision: Option<Precision>,
    /// What it was placed against; absent for absolute dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// ISO 8601 duration, for durations ("P2W").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Where it occurs.
    pub mentions: Vec<TimeMention>,
}

/// One occurrence of a time expression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeMention {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last.
    pub end: usize,
    /// As written.
    pub text: String,
}

/// Where the publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The document's metadata (JSON Lines `published`, HTML meta, RSS `pubDate`).
    Metadata,
    /// A byline or date line at the top of the text ("Editor | 19 May, 2017").
    Byline,
    /// A news-agency dateline without a year ("BEIRUT, Sept 5 (Reuters) -"), the year taken
    /// from the latest year the text names.
    Dateline,
}

/// The publication date, where it came from and how sure it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Publication {
    /// The day.
    pub date: Date,
    /// Where it came from.
    pub source: DateSource,
    /// From 0 to 1.
    pub confidence: f32,
    /// The words it was read from, for byline and dateline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// How a sentence got its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A time expression in the sentence.
    Expression,
    /// The last time expression before it in the same paragraph.
    Previous,
    /// The publication date, widened to the week before it.
    Publication,
}

/// One sentence and its date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last.
    pub end: usize,
    /// When what it tells happened, as far as the text says.
    pub date: Option<Interval>,
    /// How the date was found.
    pub basis: Option<DateBasis>,
    /// The index in `times` of the expression that dates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<usize>,
}

/// Everything the time stage finds in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeAnalysis {
    /// The publication date.
    pub published: Option<Publication>,
    /// Time expressions, in order of first mention.
    pub times: Vec<Time>,
    /// Sentences with their dates.
    pub sentences: Vec<Sentence>,
    /// Impossible dates and a missing publication date.
    pub diagnostics: Vec<Diagnostic>,
}

/// One expression placed, before grouping.
struct Placed {
    parsed: Parsed,
    interval: Option<Interval>,
    anchor: Option<Anchor>,
}

/// Finds the publication date, the time expressions and the sentence dates of a text, whose
/// sentences are `spans` (from [`crate::text::sentences::sentences`]). `metadata` is the
/// publication date the document came with, if any (ISO 8601).
pub fn analyze(
    text: &str,
    tokens: &[Token],
    spans: &[SentenceSpan],
    metadata: Option<&str>,
) -> TimeAnalysis {
    let mut out = TimeAnalysis::default();
    let mut lex = Vec::new();
    lexicon::classify(text, tokens, &mut lex);
    let parsed = Grammar::new(text, tokens, &lex).expressions();

    out.published = match metadata {
        Some(m) => match crate::text::iso_date_prefix(m).and_then(|d| d.parse::<Date>().ok()) {
            Some(date) => Some(Publication {
                date,
                source: DateSource::Metadata,
                confidence: 1.0,
                text: None,
            }),
            None => {
                out.diagnostics.push(Diagnostic::warning(format!(
                    "publication date \"{m}\" is not a real ISO 8601 date; looking in the text"
                )));
                None
            }
        },
        None => None,
    };
    if out.published.is_none() {
        out.published = from_byline(text, tokens, &parsed);
    }
    let published = out.published.as_ref().map(|p| p.date);
    if published.is_none() && !parsed.is_empty() {
        out.diagnostics.push(Diagnostic::info(
            "no publication date in metadata or byline: relative time expressions are left unplaced",
        ));
    }

    // Place each expression, in text order, against the publication date and the previous one.
    let sentence_of = |token: usize| spans.partition_point(|s| s.tokens.end <= token);
    let mut placed: Vec<Placed> = Vec::with_capacity(parsed.len());
    let mut previous: Option<(Interval, usize)> = None;
    for p in parsed {
        if let Value::Impossible(why) = &p.value {
            out.diagnostics.push(Diagnostic::warning(format!(
                "impossible date at character {}: {why}; not used",
                tokens[p.first].cstart
            )));
            continue;
        }
        let sentence = sentence_of(p.first);
        let anchors = resolve::Anchors {
            published,
            previous: previous.map(|(i, _)| i),
            previous_in_sentence: previous.is_some_and(|(_, s)| s == sentence),
        };
        let (interval, anchor) = match resolve::resolve(&p.value, &anchors) {
            Some((i, a)) => (Some(i), a),
            None => (None, None),
        };
        if let Some(i) = interval {
            previous = Some((i, sentence));
        }
        placed.push(Placed { parsed: p, interval, anchor });
    }

    // Group the mentions that mean the same.
    let mut index_of: Vec<usize> = Vec::with_capacity(placed.len());
    for p in &placed {
        let first = &tokens[p.parsed.first];
        let last = &tokens[p.parsed.end - 1];
        let mention = TimeMention {
            start: first.cstart,
            end: last.cend,
            text: text[first.start..last.end].to_string(),
        };
        let duration = match &p.parsed.value {
            Value::Duration { unit, count } => Some(iso_duration(*unit, *count)),
            _ => None,
        };
        let kind = if duration.is_some() { TimeKind::Duration } else { TimeKind::Date };
        let same = |t: &Time| {
            t.kind == kind
                && t.duration == duration
                && t.start == p.interval.map(|i| i.start)
                && t.end == p.interval.map(|i| i.end)
                && t.precision == p.interval.map(|i| i.precision)
                && (p.interval.is_some() || duration.is_some() || t.text == mention.text)
        };
        let k = match out.times.iter().position(same) {
            Some(k) => {
                out.times[k].mentions.push(mention);
                k
            }
            None => {
                out.times.push(Time {
                    text: mention.text.clone(),
                    kind,
                    start: p.interval.map(|i| i.start),
                    end: p.interval.map(|i| i.end),
                    precision: p.interval.map(|i| i.precision),
                    anchor: p.anchor,
                    duration,
                    mentions: vec![mention],
                });
                out.times.len() - 1
            }
        };
        index_of.push(k);
    }

    // A date for every sentence.
    let mut next = 0;
    let mut last_in_paragraph: Option<(usize, usize)> = None; // (paragraph, placed index)
    let week_before = published.and_then(|p| {
        let start = p.checked_sub(jiff::Span::new().days(6)).ok()?;
        Some(Interval::new(start, p, Precision::Week))
    });
    for s in spans {
        let mut own = None;
        while next < placed.len() && placed[next].parsed.first < s.tokens.end {
            if placed[next].interval.is_some() && own.is_none() {
                own = Some(next);
            }
            if placed[next].interval.is_some() {
                last_in_paragraph = Some((s.paragraph, next));
            }
            next += 1;
        }
        let (date, basis, time) = match own {
            Some(k) => (placed[k].interval, Some(DateBasis::Expression), Some(index_of[k])),
            None => match last_in_paragraph {
                Some((para, k)) if para == s.paragraph => {
                    (placed[k].interval, Some(DateBasis::Previous), Some(index_of[k]))
                }
                _ => (week_before, week_before.map(|_| DateBasis::Publication), None),
            },
        };
        out.sentences.push(Sentence {
            start: tokens[s.tokens.start].cstart,
            end: tokens[s.tokens.end - 1].cend,
            date,
            basis,
            time,
        });
    }
    out
}

/// The publication date from a byline or dateline near the top of the text: the first full
/// date (day, month and year) in the first five lines, or a dateline's day and month with the
/// latest year the text names.
fn from_byline(text: &str, tokens: &[Token], parsed: &[Parsed]) -> Option<Publication> {
    let head_end = text.match_indices('\n').nth(4).map_or(text.len(), |(i, _)| i).min(800);
    let line_of = |byte: usize| {
        let a = text[..byte].rfind('\n').map_or(0, |i| i + 1);
        let b = text[byte..].find('\n').map_or(text.len(), |i| byte + i);
        text[a..b].trim()
    };
    let word = |i: usize| lower_case(&text[tokens[i].start..tokens[i].end]);
    // A date alone on a short line is a byline; inside prose it may be anything, but after a
    // preposition it is an event's ("a timeline of the war from 15 March 2011", "struck again
    // on 18 May"), unless the text says it was published or reported then ("AFP reported on
    // 03/10/2007 that").
    let events_date = |p: &Parsed| {
        p.first > 0
            && matches!(
                &*word(p.first - 1),
                "from"
                    | "since"
                    | "until"
                    | "till"
                    | "to"
                    | "between"
                    | "after"
                    | "before"
                    | "by"
                    | "and"
                    | "in"
                    | "on"
                    | "during"
            )
            && !(p.first > 1
                && matches!(
                    &*word(p.first - 2),
                    "published" | "posted" | "updated" | "dated" | "reported" | "said"
                ))
    };
    for p in parsed.iter().take_while(|p| tokens[p.first].start < head_end) {
        let start = tokens[p.first].start;
        let words = &text[start..tokens[p.end - 1].end];
        let line = line_of(start);
        let prose = line.chars().count() > 80;
        if prose && events_date(p) {
            continue;
        }
        match p.value {
            Value::Days { year: YearRef::Absolute(y), month, first, last } if first == last => {
                let date = Date::new(y as i16, month as i8, first as i8).ok()?;
                let confidence = if prose { 0.6 } else { 0.9 };
                return Some(Publication {
                    date,
                    source: DateSource::Byline,
                    confidence,
                    text: Some(words.to_string()),
                });
            }
            Value::Days { year: YearRef::Nearest, month, first, last }
                if first == last && line.contains(['(', '-', '—']) =>
            {
                let year = parsed.iter().filter_map(|q| year_named(&q.value)).max()?;
                let date = Date::new(year as i16, month as i8, first as i8).ok()?;
                return Some(Publication {
                    date,
                    source: DateSource::Dateline,
                    confidence: 0.5,
                    text: Some(words.to_string()),
                });
            }
            _ => {}
        }
    }
    None
}

/// The latest year an expression writes out.
fn year_named(value: &Value) -> Option<i32> {
    match value {
        Value::Years { last, .. } => Some(*last),
        Value::Days { year: YearRef::Absolute(y), .. }
        | Value::Month { year: YearRef::Absolute(y), .. }
        | Value::Season { year: YearRef::Absolute(y), .. } => Some(*y),
        Value::Since(v) | Value::Qualified(_, v) | Value::WeekOf(_, v) => year_named(v),
        _ => None,
    }
}

/// An ISO 8601 duration: the larger bound of a range, "a few" as its upper bound.
fn iso_duration(unit: Unit, count: Count) -> String {
    let n = count.high();
    match unit {
        Unit::Minute => format!("PT{n}M"),
        Unit::Hour => format!("PT{n}H"),
        Unit::Day => format!("P{n}D"),
        Unit::Week => format!("P{n}W"),
        Unit::Weekend => format!("P{}D", 2 * n),
        Unit::Month => format!("P{n}M"),
        Unit::Year => format!("P{n}Y"),
        Unit::Decade => format!("P{}Y", 10 * n),
    }
}

#[cfg(test)]
mod tests;
