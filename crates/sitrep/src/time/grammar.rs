//! The grammar of time expressions: classified tokens in, [`Parsed`] expressions out, each with
//! a [`Value`] that says what it means before it is placed on the calendar.
//!
//! Hand-written: the Rust date-parsing crates (chrono-english, dateparser, two_timer, interim)
//! parse a whole string that is known to be a date, in English only; none finds expressions in
//! running text, and none reads Arabic. Calendar arithmetic is left to `jiff` (see
//! [`super::resolve`]).

use super::lexicon::{Lex, Part, Unit};
use crate::text::tokens::Token;

/// Which year a month, day or season without its own year falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearRef {
    /// Written out.
    Absolute(i32),
    /// The occurrence nearest the publication date.
    Nearest,
    /// The publication year plus this ("June last year": −1).
    Relative(i32),
    /// The most recent occurrence before the publication date's month ("last February").
    Last,
    /// The first occurrence after it ("next February").
    Next,
    /// The occurrence in the publication year ("this February").
    This,
}

/// How a weekday is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekdayRef {
    /// "last Monday": the most recent one strictly before.
    Last,
    /// "next Monday": the first one strictly after.
    Next,
    /// "on Monday" in past-tense text: the most recent one up to the publication date.
    Past,
    /// "on Monday" after "will": the first one from the publication date on.
    Future,
}

/// How many units: one number, a range ("six or seven"), or a vague few.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    /// Exactly this many.
    Exact(u32),
    /// Between these.
    Range(u32, u32),
    /// "a few", "several", "days ago".
    Few,
}

impl Count {
    /// The largest value the count stands for.
    pub fn high(self) -> u32 {
        match self {
            Count::Exact(n) | Count::Range(_, n) => n,
            Count::Few => FEW.1,
        }
    }
}

/// What "a few" and "several" stand for: from two to six units.
pub const FEW: (u32, u32) = (2, 6);

/// The meaning of one expression, before it is placed on the calendar.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Days `first..=last` of a month.
    Days {
        /// The year.
        year: YearRef,
        /// 1–12.
        month: u8,
        /// First day.
        first: u8,
        /// Last day.
        last: u8,
    },
    /// A whole month.
    Month {
        /// The year.
        year: YearRef,
        /// 1–12.
        month: u8,
    },
    /// Whole years `first..=last`.
    Years {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
    },
    /// A season: 0 spring, 1 summer, 2 autumn, 3 winter.
    Season {
        /// The year it starts in.
        year: YearRef,
        /// Which season.
        season: u8,
    },
    /// The calendar unit containing the publication date, shifted by `offset` units:
    /// "yesterday" (day, −1), "last month" (month, −1), "two years ago" (year, −2).
    Relative {
        /// The unit.
        unit: Unit,
        /// How many units from the publication date's.
        offset: i32,
    },
    /// "24 hours ago".
    HoursAgo(u32),
    /// A weekday.
    Weekday {
        /// 0 = Monday.
        day: u8,
        /// How to place it.
        reference: WeekdayRef,
    },
    /// "a few days ago": from `from` to `to` units before the publication date.
    Window {
        /// The unit.
        unit: Unit,
        /// Farthest back.
        from: u32,
        /// Nearest.
        to: u32,
    },
    /// "the past two weeks": from `n` units before the publication date up to it.
    Past {
        /// The unit.
        unit: Unit,
        /// How many.
        n: u32,
    },
    /// "in recent days".
    Recent(Unit),
    /// "the same month" (offset 0), "the following week" (offset 1): the unit containing the
    /// start of the previous expression, or the one after it.
    Adjacent {
        /// The unit.
        unit: Unit,
        /// 0 or 1.
        offset: i32,
    },
    /// "two days later", "the following month": the previous expression shifted.
    Shift {
        /// The unit.
        unit: Unit,
        /// How many (negative: earlier).
        n: i32,
        /// "more than two months after": open up to the publication date.
        more_than: bool,
        /// "after ..."/"before ..." (an event follows), not "later"/"earlier".
        to_event: bool,
        /// "The raids came two days after a jet was shot down": what came is the act already
        /// dated (the raids); the one after "after" lies that long before it.
        restates: bool,
    },
    /// "since 2014": from the start of the inner expression up to the publication date.
    Since(Box<Value>),
    /// "January–March 2017", "from June to August": from the start of the first to the end of
    /// the second.
    Between(Box<Value>, Box<Value>),
    /// "early 2017", "the end of last year".
    Qualified(Part, Box<Value>),
    /// "the first week of May" (week 1–5; 0 = the last week).
    WeekOf(u8, Box<Value>),
    /// A length of time, not a point in it: "two weeks", "six or seven hours".
    Duration {
        /// The unit.
        unit: Unit,
        /// How many.
        count: Count,
    },
    /// A date that cannot exist ("31 February"): why.
    Impossible(String),
}

/// One expression found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What it means.
    pub value: Value,
}

/// Finds the time expressions among a text's classified tokens.
pub struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a [Lex],
}

type Step = Option<(usize, Value)>;

impl<'a> Grammar<'a> {
    /// A grammar over a text, its tokens and their classes.
    pub fn new(text: &'a str, tokens: &'a [Token], lex: &'a [Lex]) -> Grammar<'a> {
        Grammar { text, tokens, lex }
    }

    /// All expressions, in text order, none overlapping (the longest wins at each start).
    pub fn expressions(&self) -> Vec<Parsed> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            if matches!(self.lex[i], Lex::Other | Lex::TimePrep | Lex::And | Lex::Or | Lex::Of) {
                i += 1;
                continue;
            }
            match self.expression(i) {
                Some((end, value)) => {
                    out.push(Parsed { first: i, end, value });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn lex(&self, i: usize) -> Lex {
        self.lex.get(i).copied().unwrap_or(Lex::Other)
    }

    /// The text between tokens `i − 1` and `i`.
    fn gap(&self, i: usize) -> &str {
        if i == 0 || i >= self.tokens.len() {
            return "";
        }
        &self.text[self.tokens[i - 1].end..self.tokens[i].start]
    }

    /// Whether token `i` continues the expression that token `i − 1` is part of: on the same
    /// line, separated only by spaces and light punctuation.
    fn linked(&self, i: usize) -> bool {
        if i == 0 || i >= self.tokens.len() {
            return false;
        }
        let gap = self.gap(i);
        gap.chars().count() <= 4
            && gap.chars().all(|c| {
                matches!(c, ' ' | '\u{a0}' | ',' | '.' | '-' | '–' | '/' | '"' | '\'' | '“' | '”')
                    || c == '،'
            })
    }

    /// Token `i` is linked and of class `lex`.
    fn is(&self, i: usize, lex: Lex) -> bool {
        self.linked(i) && self.lex(i) == lex
    }

    /// Token `i` is linked and satisfies `f`.
    fn test(&self, i: usize, f: impl Fn(Lex) -> bool) -> bool {
        self.linked(i) && f(self.lex(i))
    }

    /// The gap before `i` is exactly one of `seps` (digits joined by "-", "/" or ".").
    fn tight(&self, i: usize, seps: &[&str]) -> bool {
        i < self.tokens.len() && seps.contains(&self.gap(i))
    }

    /// The number of digits of token `i`, when it is all digits.
    fn digit_count(&self, i: usize) -> usize {
        let t = &self.tokens[i];
        let w = &self.text[t.start..t.end];
        let digit = |c: char| {
            c.is_ascii_digit() || matches!(c, '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}')
        };
        if w.chars().all(digit) { w.chars().count() } else { 0 }
    }

    fn expression(&self, i: usize) -> Step {
        let (end, value) = self.expression_body(i)?;
        Some(self.apposition(end, value))
    }

    /// An apposition that repeats what the expression means: "late last month, April",
    /// "in June last year 2016". It is part of the expression.
    fn apposition(&self, end: usize, value: Value) -> (usize, Value) {
        let inner = match &value {
            Value::Qualified(_, v) => v.as_ref(),
            v => v,
        };
        let month_like = matches!(inner, Value::Relative { unit: Unit::Month, .. });
        let year_like = matches!(
            inner,
            Value::Relative { unit: Unit::Year, .. }
                | Value::Month { year: YearRef::Relative(_), .. }
        );
        if month_like
            && self.test(end, |l| matches!(l, Lex::Month(_) | Lex::WeakMonth(_)))
            && self.gap(end).contains([',', '"', '“', '('])
        {
            return (end + 1, value);
        }
        if year_like && self.linked(end) && self.year_number(end).is_some() {
            return (end + 1, value);
        }
        (end, value)
    }

    fn expression_body(&self, i: usize) -> Step {
        match self.lex(i) {
            Lex::Since => {
                // Arabic منذ before a count is "ago": منذ يومين, two days ago.
                if self.tokens[i].arabic
                    && let Some((end, count, unit)) = self.count_unit(i + 1)
                {
                    return Some((end, ago(count, unit)));
                }
                let (end, v) = match self.lex(i + 1) {
                    Lex::Part(part) if self.linked(i + 1) => {
                        let (end, v) = self.point(i + 2, true)?;
                        (end, Value::Qualified(part, Box::new(v)))
                    }
                    _ => self.point(i + 1, true)?,
                };
                Some((end, Value::Since(Box::new(v))))
            }
            Lex::Before if self.tokens[i].arabic => {
                let (end, count, unit) = self.count_unit(i + 1)?;
                Some((end, ago(count, unit)))
            }
            Lex::After if self.tokens[i].arabic => {
                let (end, count, unit) = self.count_unit(i + 1)?;
                Some((
                    end,
                    Value::Shift {
                        unit,
                        n: count.high() as i32,
                        more_than: false,
                        to_event: false,
                        restates: false,
                    },
                ))
            }
            Lex::More if self.is(i + 1, Lex::Than) => {
                let (end, value) = self.counted(i + 2)?;
                Some(match value {
                    Value::Shift { unit, n, to_event, restates, .. } if n > 0 => {
                        (end, Value::Shift { unit, n, more_than: true, to_event, restates })
                    }
                    other => (end, other),
                })
            }
            Lex::Approx => self.counted(i + 1).or_else(|| self.point(i, false)),
            Lex::Part(part) => {
                let (end, v) = self.point(i + 1, true)?;
                Some((end, Value::Qualified(part, Box::new(v))))
            }
            Lex::The => self.the(i),
            Lex::Recent if self.test(i + 1, |l| matches!(l, Lex::Units(_))) => {
                let Lex::Units(unit) = self.lex(i + 1) else { return None };
                Some((i + 2, Value::Recent(unit)))
            }
            Lex::Past | Lex::Last if self.test(i + 1, is_count_start) => self.past_span(i + 1),
            _ => self.counted(i).or_else(|| self.point(i, false)),
        }
    }

    /// Expressions that begin with "the".
    fn the(&self, i: usize) -> Step {
        let next = self.lex(i + 1);
        if !self.linked(i + 1) {
            return None;
        }
        match next {
            Lex::Beginning | Lex::Middle | Lex::End if self.is(i + 2, Lex::Of) => {
                let part = match next {
                    Lex::Beginning => Part::Early,
                    Lex::Middle => Part::Mid,
                    _ => Part::Late,
                };
                let (end, v) = self.point(i + 3, true)?;
                Some((end, Value::Qualified(part, Box::new(v))))
            }
            Lex::Ordinal(_) | Lex::Last
                if self.is(i + 2, Lex::Unit(Unit::Week)) && self.is(i + 3, Lex::Of) =>
            {
                let week = match next {
                    Lex::Ordinal(n @ 1..=5) => n as u8,
                    Lex::Last => 0,
                    _ => return None,
                };
                let (end, v) = self.point(i + 4, true)?;
                Some((end, Value::WeekOf(week, Box::new(v))))
            }
            Lex::Same => match self.lex(i + 2) {
                Lex::Unit(unit) if self.linked(i + 2) && unit != Unit::Decade => {
                    Some((i + 3, Value::Adjacent { unit, offset: 0 }))
                }
                _ => None,
            },
            Lex::Following | Lex::Next => match self.lex(i + 2) {
                Lex::Unit(unit) if self.linked(i + 2) && unit != Unit::Decade => {
                    Some((i + 3, Value::Adjacent { unit, offset: 1 }))
                }
                _ => None,
            },
            Lex::Unit(Unit::Day) if self.is(i + 2, Lex::Before) || self.is(i + 2, Lex::After) => {
                let sign = if self.lex(i + 2) == Lex::Before { -1 } else { 1 };
                match self.lex(i + 3) {
                    Lex::Deictic(d) if self.linked(i + 3) && d != 0 && d.signum() == sign as i8 => {
                        Some((i + 4, Value::Relative { unit: Unit::Day, offset: d as i32 + sign }))
                    }
                    _ if sign == 1 => Some((
                        i + 3,
                        Value::Shift {
                            unit: Unit::Day,
                            n: 1,
                            more_than: false,
                            to_event: false,
                            restates: false,
                        },
                    )),
                    _ => None,
                }
            }
            Lex::Past | Lex::Last => {
                if self.test(i + 2, is_count_start) {
                    return self.past_span(i + 2);
                }
                // "the past week", "the past year": one unit up to publication.
                match self.lex(i + 2) {
                    Lex::Unit(unit)
                        if next == Lex::Past
                            && self.linked(i + 2)
                            && matches!(
                                unit,
                                Unit::Day | Unit::Week | Unit::Month | Unit::Year
                            ) =>
                    {
                        Some((i + 3, Value::Past { unit, n: 1 }))
                    }
                    _ => self.point(i + 1, false),
                }
            }
            Lex::Season(_) | Lex::Fall | Lex::Month(_) | Lex::WeakMonth(_) => {
                self.point(i + 1, true)
            }
            _ => None,
        }
    }

    /// "the past two weeks", "last 24 hours", "the past few days": `i` is the count.
    fn past_span(&self, i: usize) -> Step {
        let (end, count, unit) = self.count_unit(i)?;
        if matches!(unit, Unit::Minute | Unit::Decade | Unit::Weekend) {
            return None;
        }
        if count == Count::Few {
            return Some((end, Value::Recent(unit)));
        }
        Some((end, Value::Past { unit, n: count.high() }))
    }

    /// A count and its unit, then what makes it a point: "ago", "later", "after ...", or
    /// nothing (a duration).
    fn counted(&self, i: usize) -> Step {
        let (end, count, unit) = self.count_unit(i)?;
        match self.lex(end) {
            Lex::Ago if self.linked(end) => Some((end + 1, ago(count, unit))),
            Lex::Later | Lex::Earlier if self.linked(end) => {
                let sign = if self.lex(end) == Lex::Later { 1 } else { -1 };
                Some((
                    end + 1,
                    Value::Shift {
                        unit,
                        n: sign * count.high() as i32,
                        more_than: false,
                        to_event: false,
                        restates: false,
                    },
                ))
            }
            // "two days after the attack"; not a bare "days after", which says too little, nor
            // "for two weeks before ...", a length, nor Arabic "ثلاثة أسابيع قبل أن", where the
            // preposition opens a clause.
            Lex::After | Lex::Before
                if self.linked(end)
                    && end + 1 < self.tokens.len()
                    && !self.tokens[end + 1].sentence_start
                    && !self.tokens[end].arabic
                    && !self.word_before_is(i, "for")
                    && (count != Count::Few || matches!(self.lex(i), Lex::Few | Lex::A)) =>
            {
                let sign = if self.lex(end) == Lex::After { 1 } else { -1 };
                let came =
                    ["came", "comes", "come", "coming"].iter().any(|w| self.word_before_is(i, w));
                Some((
                    end + 1,
                    Value::Shift {
                        unit,
                        n: sign * count.high() as i32,
                        more_than: false,
                        to_event: true,
                        restates: came,
                    },
                ))
            }
            _ => match count {
                // A bare Arabic singular ("العام") is no length: it heads "العام الماضي" etc.
                _ if self.tokens[i].arabic && matches!(self.lex(i), Lex::Unit(_)) => None,
                // A bare plural ("days") is no length.
                Count::Few if !matches!(self.lex(i), Lex::Few | Lex::A) => None,
                _ if unit == Unit::Weekend => None,
                _ => Some((end, Value::Duration { unit, count })),
            },
        }
    }

    /// A count followed by a unit: "two weeks", "six or seven hours", "a few days", "20-plus
    /// months", "يومين", "ثلاثة أيام", "days". Returns the end, the count and the unit.
    fn count_unit(&self, i: usize) -> Option<(usize, Count, Unit)> {
        let first = self.lex(i);
        match first {
            Lex::UnitPair(unit) => return Some((i + 1, Count::Exact(2), unit)),
            Lex::Units(unit) => return Some((i + 1, Count::Few, unit)),
            // A bare Arabic singular is one unit ("منذ عام", a year ago), unless a year
            // follows ("منذ عام 2015", since 2015).
            Lex::Unit(unit) if self.tokens[i].arabic => {
                if self.linked(i + 1) && self.year_number(i + 1).is_some() {
                    return None;
                }
                return Some((i + 1, Count::Exact(1), unit));
            }
            _ => {}
        }
        let (mut j, count) = match first {
            Lex::Number(n) if n > 0 && n < 1000 => {
                if self.is(i + 1, Lex::Or)
                    && matches!(self.lex(i + 2), Lex::Number(m) if m > n && m < 1000)
                    && self.linked(i + 2)
                {
                    let Lex::Number(m) = self.lex(i + 2) else { return None };
                    (i + 3, Count::Range(n, m))
                } else if self.tight(i + 1, &["-", "–"])
                    && matches!(self.lex(i + 1), Lex::Number(m) if m > n)
                {
                    let Lex::Number(m) = self.lex(i + 1) else { return None };
                    (i + 2, Count::Range(n, m))
                } else {
                    (i + 1, Count::Exact(n))
                }
            }
            Lex::A if self.is(i + 1, Lex::Few) => {
                (if self.is(i + 2, Lex::Of) { i + 3 } else { i + 2 }, Count::Few)
            }
            Lex::A => (i + 1, Count::Exact(1)),
            Lex::Few => (i + 1, Count::Few),
            _ => return None,
        };
        if self.is(j, Lex::Plus) {
            j += 1;
        }
        if self.is(j, Lex::Filler) {
            j += 1;
        }
        if !self.linked(j) {
            return None;
        }
        match (self.lex(j), count) {
            (Lex::Unit(unit), Count::Exact(1)) => Some((j + 1, count, unit)),
            (Lex::Units(unit), c) if c != Count::Exact(1) || self.tokens[j].arabic => {
                Some((j + 1, c, unit))
            }
            // Arabic counts above ten take the singular: "24 ساعة".
            (Lex::Unit(unit), Count::Exact(n)) if self.tokens[j].arabic && n > 10 => {
                Some((j + 1, count, unit))
            }
            (Lex::DayWord, Count::Exact(n)) if n > 10 => Some((j + 1, count, Unit::Day)),
            _ => None,
        }
    }

    /// A point or stretch of time that needs no count: dates, months, years, seasons,
    /// weekdays, "yesterday", "last month". `qualified` says a qualifier or "since" came
    /// before, which lets a bare year or "the year" stand alone.
    fn point(&self, i: usize, qualified: bool) -> Step {
        if i >= self.tokens.len() || (i > 0 && qualified && !self.linked(i)) {
            return None;
        }
        let lex = self.lex(i);
        match lex {
            Lex::Deictic(d) => {
                if d == 0 && self.is(i + 1, Lex::Following) {
                    return Some((i + 2, Value::Adjacent { unit: Unit::Day, offset: 1 }));
                }
                let mut end = i + 1;
                if self.is(end, Lex::DayPeriod) {
                    end += 1;
                }
                Some((end, Value::Relative { unit: Unit::Day, offset: d as i32 }))
            }
            Lex::First if self.is(i + 1, Lex::Deictic(-1)) => {
                Some((i + 2, Value::Relative { unit: Unit::Day, offset: -2 }))
            }
            Lex::Last | Lex::Next | Lex::This => self.relative(i),
            Lex::ThisBefore => match self.lex(i + 1) {
                Lex::Unit(unit) if self.linked(i + 1) => {
                    Some((i + 2, Value::Relative { unit, offset: 0 }))
                }
                _ => None,
            },
            Lex::The if qualified => match self.lex(i + 1) {
                Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year)) if self.linked(i + 1) => {
                    Some((i + 2, Value::Relative { unit, offset: 0 }))
                }
                _ => self.point(i + 1, true),
            },
            Lex::Unit(unit) if self.tokens[i].arabic => self.arabic_unit(i, unit, qualified),
            Lex::DayWord => self.arabic_unit(i, Unit::Day, qualified),
            Lex::Units(unit) if self.tokens[i].arabic => {
                // "الأيام الماضية", "الأيام الأخيرة": recent days.
                match self.lex(i + 1) {
                    Lex::Last | Lex::Recent if self.linked(i + 1) => {
                        Some((i + 2, Value::Recent(unit)))
                    }
                    _ => None,
                }
            }
            Lex::Unit(Unit::Year) if self.linked(i + 1) => {
                // "the year 2016"
                let y = self.year_number(i + 1)?;
                Some((i + 2, Value::Years { first: y, last: y }))
            }
            Lex::Same => match self.lex(i + 1) {
                Lex::Unit(unit) if self.linked(i + 1) => {
                    Some((i + 2, Value::Adjacent { unit, offset: 0 }))
                }
                Lex::DayWord if self.linked(i + 1) => {
                    Some((i + 2, Value::Adjacent { unit: Unit::Day, offset: 0 }))
                }
                _ => None,
            },
            Lex::Weekday(day) => self.weekday(i, day),
            Lex::Month(_) | Lex::WeakMonth(_) | Lex::ArabicMonthHead(_) => self.month(i, qualified),
            Lex::Number(_) | Lex::Ordinal(_) => self.numeric(i, qualified),
            Lex::Season(season) => self.season(i, season, qualified),
            Lex::Fall => {
                let s = self.season(i, 2, qualified)?;
                (s.0 > i + 1).then_some(s)
            }
            // "11am"; a separate "am" is the verb unless a number comes before it.
            Lex::Meridiem if self.word(i).starts_with(|c: char| c.is_ascii_digit()) => {
                self.clock(i + 1)
            }
            _ => None,
        }
    }

    /// After a clock time: "11am on Thursday 28 July" is the date; "at 10 a.m." alone is the
    /// same day as the previous expression.
    fn clock(&self, j: usize) -> Step {
        let k = if self.is(j, Lex::TimePrep) { j + 1 } else { j };
        if self.linked(k)
            && let Some(found) = self.point(k, false)
        {
            return Some(found);
        }
        Some((j, Value::Adjacent { unit: Unit::Day, offset: 0 }))
    }

    /// "last month", "next Monday", "this summer", "last February".
    fn relative(&self, i: usize) -> Step {
        let offset = match self.lex(i) {
            Lex::Last => -1,
            Lex::Next => 1,
            _ => 0,
        };
        if !self.linked(i + 1) {
            return None;
        }
        match self.lex(i + 1) {
            Lex::Unit(
                unit @ (Unit::Day | Unit::Week | Unit::Weekend | Unit::Month | Unit::Year),
            ) => Some((i + 2, Value::Relative { unit, offset })),
            Lex::Month(month) | Lex::WeakMonth(month) => {
                Some((i + 2, Value::Month { year: year_ref(offset), month }))
            }
            Lex::Weekday(day) => {
                let reference = match offset {
                    -1 => WeekdayRef::Last,
                    1 => WeekdayRef::Next,
                    _ => WeekdayRef::Future,
                };
                Some((i + 2, Value::Weekday { day, reference }))
            }
            Lex::Season(season) => Some((i + 2, Value::Season { year: year_ref(offset), season })),
            Lex::Fall => Some((i + 2, Value::Season { year: year_ref(offset), season: 2 })),
            Lex::DayPeriod if offset == 0 => {
                Some((i + 2, Value::Relative { unit: Unit::Day, offset: 0 }))
            }
            _ => None,
        }
    }

    /// Arabic expressions that begin with a unit noun: "الشهر الماضي", "العام 2016", "الشهر
    /// نفسه", "اليوم التالي", "يوم الجمعة", "يوم 19 أيار".
    fn arabic_unit(&self, i: usize, unit: Unit, qualified: bool) -> Step {
        let next = self.lex(i + 1);
        let linked = self.linked(i + 1);
        match next {
            Lex::Last | Lex::Next | Lex::This if linked => {
                let offset = match next {
                    Lex::Last => -1,
                    Lex::Next => 1,
                    _ => 0,
                };
                Some((i + 2, Value::Relative { unit, offset }))
            }
            Lex::Same if linked => Some((i + 2, Value::Adjacent { unit, offset: 0 })),
            Lex::Following if linked => Some((i + 2, Value::Adjacent { unit, offset: 1 })),
            Lex::Number(_) if linked && unit == Unit::Year => {
                let y = self.year_number(i + 1)?;
                Some((i + 2, Value::Years { first: y, last: y }))
            }
            Lex::Weekday(_) | Lex::Number(_) | Lex::Deictic(_) if linked && unit == Unit::Day => {
                self.point(i + 1, true)
            }
            Lex::Month(_) | Lex::WeakMonth(_) | Lex::ArabicMonthHead(_)
                if linked && unit == Unit::Month =>
            {
                self.month(i + 1, true)
            }
            // "مطلع العام": the year of publication, after a qualifier.
            _ if qualified && matches!(unit, Unit::Week | Unit::Month | Unit::Year) => {
                Some((i + 1, Value::Relative { unit, offset: 0 }))
            }
            _ => None,
        }
    }

    fn weekday(&self, i: usize, day: u8) -> Step {
        // "Monday 19 December", "Thursday, Dec. 15": the date decides.
        if self.linked(i + 1)
            && let Some(found) = self.date_after_weekday(i + 1)
        {
            return Some(found);
        }
        let mut end = i + 1;
        if self.is(end, Lex::DayPeriod) {
            end += 1;
        }
        let reference = if self.future_before(i) { WeekdayRef::Future } else { WeekdayRef::Past };
        Some((end, Value::Weekday { day, reference }))
    }

    fn date_after_weekday(&self, j: usize) -> Step {
        match self.lex(j) {
            Lex::Number(_) | Lex::Ordinal(_) => {
                let (end, v) = self.numeric(j, true)?;
                matches!(v, Value::Days { .. } | Value::Impossible(_)).then_some((end, v))
            }
            Lex::Month(_) | Lex::WeakMonth(_) | Lex::ArabicMonthHead(_) => {
                let (end, v) = self.month(j, true)?;
                matches!(v, Value::Days { .. } | Value::Impossible(_)).then_some((end, v))
            }
            _ => None,
        }
    }

    /// Whether the word before token `i` is `word` (in any case).
    fn word_before_is(&self, i: usize, word: &str) -> bool {
        i > 0 && self.linked(i) && self.word(i - 1).eq_ignore_ascii_case(word)
    }

    /// The text of token `i`; empty past the last token.
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Whether the sentence before token `i` speaks of the future ("will", "is scheduled").
    fn future_before(&self, i: usize) -> bool {
        let mut j = i;
        for _ in 0..12 {
            if j == 0 || self.tokens[j].sentence_start {
                return false;
            }
            j -= 1;
            if self.lex[j] == Lex::Future || self.lex[j] == Lex::Next {
                return true;
            }
            // "is to reach", "are to meet"
            if j > 0
                && self.word(j).eq_ignore_ascii_case("to")
                && ["is", "are"].iter().any(|w| self.word(j - 1).eq_ignore_ascii_case(w))
            {
                return true;
            }
        }
        false
    }

    /// The month named at `i` (one or two words) and the index after it.
    fn month_name(&self, i: usize) -> Option<(usize, u8, bool)> {
        match self.lex(i) {
            Lex::Month(m) => Some((i + 1, m, true)),
            Lex::WeakMonth(m) => {
                // An abbreviation's full stop is part of it.
                Some((i + 1, m, false))
            }
            Lex::ArabicMonthHead(head) => {
                let ord = match self.lex(i + 1) {
                    Lex::Ordinal(n) if self.linked(i + 1) => n,
                    _ => return None,
                };
                let m = match (head, ord) {
                    (1, 2) => 1,
                    (1, 1) => 12,
                    (10, 1) => 10,
                    (10, 2) => 11,
                    _ => return None,
                };
                Some((i + 2, m, true))
            }
            _ => None,
        }
    }

    /// After a month name, a second name of the same month in the other series:
    /// "أيار/مايو", "أيار (مايو)".
    fn skip_month_gloss(&self, j: usize, month: u8) -> usize {
        if (self.linked(j) || self.gap(j).trim() == "(")
            && let Some((end, m, _)) = self.month_name(j)
            && m == month
            && self.tokens[j].arabic
        {
            return end;
        }
        j
    }

    /// A range of whole months from the month at `i` (ending before token `j`) to a second month
    /// name after a dash, "to", "through", "until", or "and" after "between". A year after the
    /// second month is the range's; the first month is in the year before when it comes later
    /// in the calendar ("November–February 2017").
    fn month_range(&self, i: usize, j: usize, first: u8) -> Step {
        let dash = self.tight(j, &["-", "–", "—", " - ", " – ", " — "]);
        let k = if dash {
            j
        } else {
            let between = self.word_before_is(i, "between");
            let word = self.word(j);
            let joins =
                ["to", "through", "until", "till"].iter().any(|w| word.eq_ignore_ascii_case(w))
                    || (between && word.eq_ignore_ascii_case("and"));
            if !(self.linked(j) && joins && self.linked(j + 1)) {
                return None;
            }
            j + 1
        };
        let (mut end, last, _) = self.month_name(k)?;
        end = self.skip_month_gloss(end, last);
        if last == first {
            return None;
        }
        let (from, to) = if self.linked(end)
            && let Some(y) = self.year_number(end)
        {
            end += 1;
            let y0 = if first > last { y - 1 } else { y };
            (YearRef::Absolute(y0), YearRef::Absolute(y))
        } else {
            (YearRef::Nearest, YearRef::Nearest)
        };
        Some((
            end,
            Value::Between(
                Box::new(Value::Month { year: from, month: first }),
                Box::new(Value::Month { year: to, month: last }),
            ),
        ))
    }

    /// Expressions that begin with a month name.
    fn month(&self, i: usize, qualified: bool) -> Step {
        let (mut j, month, strong) = self.month_name(i)?;
        j = self.skip_month_gloss(j, month);
        // Month Day[-Day][,] [Year]
        if self.linked(j)
            && let Lex::Number(d) | Lex::Ordinal(d) = self.lex(j)
            && (1..=31).contains(&d)
            && self.digit_count_or_ordinal(j) <= 2
        {
            let mut end = j + 1;
            let mut last = d;
            if self.tight(end, &["-", "–", " - ", " – "])
                && let Lex::Number(d2) | Lex::Ordinal(d2) = self.lex(end)
                && d2 > d
                && d2 <= 31
            {
                last = d2;
                end += 1;
            }
            let year = if self.linked(end)
                && let Some(y) = self.year_number(end)
            {
                end += 1;
                Some(y)
            } else {
                None
            };
            return Some((end, days(year, month, d as u8, last as u8, &self.span_text(i, end))));
        }
        // Month–Month [,] [Year], Month to/through/until Month [Year], between Month and Month.
        if let Some(range) = self.month_range(i, j, month) {
            return Some(range);
        }
        // Month [,] Year
        if self.linked(j)
            && let Some(y) = self.year_number(j)
        {
            return Some((j + 1, Value::Month { year: YearRef::Absolute(y), month }));
        }
        // Month last year / Month of last year / Arabic: Month (من) العام الماضي; Month الماضي.
        let k = if self.is(j, Lex::Of) { j + 1 } else { j };
        if self.linked(k) {
            match (self.lex(k), self.lex(k + 1)) {
                (Lex::Last | Lex::Next | Lex::This, Lex::Unit(Unit::Year))
                    if self.linked(k + 1) =>
                {
                    let off = match self.lex(k) {
                        Lex::Last => -1,
                        Lex::Next => 1,
                        _ => 0,
                    };
                    return Some((k + 2, Value::Month { year: YearRef::Relative(off), month }));
                }
                (Lex::Unit(Unit::Year), Lex::Last | Lex::Next | Lex::This)
                    if self.linked(k + 1) =>
                {
                    let off = match self.lex(k + 1) {
                        Lex::Last => -1,
                        Lex::Next => 1,
                        _ => 0,
                    };
                    return Some((k + 2, Value::Month { year: YearRef::Relative(off), month }));
                }
                (Lex::Last, _) if self.tokens[k].arabic => {
                    return Some((k + 1, Value::Month { year: YearRef::Last, month }));
                }
                (Lex::Next, _) if self.tokens[k].arabic => {
                    return Some((k + 1, Value::Month { year: YearRef::Next, month }));
                }
                (Lex::This, _) if self.tokens[k].arabic => {
                    return Some((k + 1, Value::Month { year: YearRef::This, month }));
                }
                _ => {}
            }
        }
        // A month alone: a weak one ("May", "Jan") only after a time word.
        let context = qualified
            || i > 0
                && !self.tokens[i].sentence_start
                && matches!(self.lex(i - 1), Lex::TimePrep | Lex::Since | Lex::Of | Lex::Part(_));
        let t = &self.tokens[i];
        let alone = if strong { context || t.arabic || t.cap } else { context && t.cap };
        if alone {
            return Some((j, Value::Month { year: YearRef::Nearest, month }));
        }
        None
    }

    fn digit_count_or_ordinal(&self, i: usize) -> usize {
        match self.lex(i) {
            Lex::Ordinal(_) => 2,
            _ => self.digit_count(i),
        }
    }

    /// The year written at token `i`: four digits from 1900 to 2099.
    fn year_number(&self, i: usize) -> Option<i32> {
        match self.lex(i) {
            Lex::Number(y) if (1900..=2099).contains(&y) && self.digit_count(i) == 4 => {
                Some(y as i32)
            }
            _ => None,
        }
    }

    fn span_text(&self, first: usize, end: usize) -> String {
        self.text[self.tokens[first].start..self.tokens[end - 1].end].to_string()
    }

    /// Expressions that begin with a number: "19 May 2017", "5-6 April", "2017-05-19",
    /// "19/05/2017", "1977-1979", "2016".
    fn numeric(&self, i: usize, qualified: bool) -> Step {
        let (n, ordinal) = match self.lex(i) {
            Lex::Number(n) => (n, false),
            Lex::Ordinal(n) => (n, true),
            _ => return None,
        };
        let digits = self.digit_count(i);
        // A clock time: "10 am", "10 a.m.".
        if !ordinal && (1..=12).contains(&n) && self.linked(i + 1) {
            if self.lex(i + 1) == Lex::Meridiem {
                return self.clock(i + 2);
            }
            if self.lex(i + 1) == Lex::A
                && self.tight(i + 2, &["."])
                && matches!(self.word(i + 2), "m" | "M")
            {
                return self.clock(i + 3);
            }
        }
        // Day [-Day] [of] Month [Year]
        if (1..=31).contains(&n) && (digits <= 2 || ordinal) {
            let mut j = i + 1;
            let mut last = n;
            if self.tight(j, &["-", "–"])
                && let Lex::Number(d2) = self.lex(j)
                && d2 > n
                && d2 <= 31
                && self.digit_count(j) <= 2
            {
                last = d2;
                j += 1;
            }
            if self.is(j, Lex::Of) {
                j += 1;
            }
            if self.linked(j)
                && let Some((mut end, month, _)) = self.month_name(j)
            {
                end = self.skip_month_gloss(end, month);
                let year = if self.linked(end)
                    && let Some(y) = self.year_number(end)
                {
                    end += 1;
                    Some(y)
                } else {
                    None
                };
                return Some((
                    end,
                    days(year, month, n as u8, last as u8, &self.span_text(i, end)),
                ));
            }
            // Day/Month/Year or Day.Month.Year, no spaces.
            if !ordinal
                && self.tight(i + 1, &["/", "."])
                && self.tight(i + 2, &[self.gap(i + 1)])
                && let (Lex::Number(b), Some(y)) = (self.lex(i + 1), self.year_number(i + 2))
                && self.digit_count(i + 1) <= 2
            {
                // Day first unless the second number cannot be a month.
                let (day, month) = if b > 12 && n <= 12 { (b, n) } else { (n, b) };
                let text = self.span_text(i, i + 3);
                if !(1..=12).contains(&month) {
                    return Some((
                        i + 3,
                        Value::Impossible(format!("\"{text}\": no month {month}")),
                    ));
                }
                return Some((i + 3, days(Some(y), month as u8, day as u8, day as u8, &text)));
            }
            return None;
        }
        let year = self.year_number(i)?;
        // ISO 8601: 2017-05-19
        if self.tight(i + 1, &["-"])
            && self.tight(i + 2, &["-"])
            && self.digit_count(i + 1) == 2
            && self.digit_count(i + 2) == 2
            && let (Lex::Number(m), Lex::Number(d)) = (self.lex(i + 1), self.lex(i + 2))
        {
            let text = self.span_text(i, i + 3);
            if !(1..=12).contains(&m) {
                return Some((i + 3, Value::Impossible(format!("\"{text}\": no month {m}"))));
            }
            return Some((i + 3, days(Some(year), m as u8, d as u8, d as u8, &text)));
        }
        // Year ranges: 1977-1979, 1980-88.
        if self.tight(i + 1, &["-", "–", "/"])
            && let Lex::Number(m) = self.lex(i + 1)
        {
            let last = match self.digit_count(i + 1) {
                4 => m as i32,
                2 => year - year % 100 + m as i32,
                _ => 0,
            };
            if last > year && last - year < 100 {
                return Some((i + 2, Value::Years { first: year, last }));
            }
        }
        if qualified || self.year_context(i) {
            return Some((i + 1, Value::Years { first: year, last: year }));
        }
        None
    }

    /// Whether a four-digit number at `i` reads as a year: after a time preposition, or
    /// closing a clause ("in 2016.", "(2016)"), but not counting things ("2000 fighters") or
    /// naming them ("Resolution 2254").
    fn year_context(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if i > 0 && !t.sentence_start {
            let prev = self.lex(i - 1);
            if self.gap(i) == "," && matches!(prev, Lex::Number(_)) {
                return false; // 2,017 is a count
            }
            if matches!(
                prev,
                Lex::TimePrep | Lex::Since | Lex::Before | Lex::After | Lex::And | Lex::Of
            ) && self.linked(i)
            {
                return !self.counts_something(i + 1);
            }
            if self.gap(i).ends_with('(') {
                return true;
            }
            // "the 2003 war", "a 2008 raid": a year naming what follows; not "a 2000-strong".
            if matches!(prev, Lex::The | Lex::A)
                && self.gap(i) == " "
                && i + 1 < self.tokens.len()
                && self.linked(i + 1)
                && self.gap(i + 1) == " "
            {
                return true;
            }
            if self.tokens[i - 1].arabic || self.tokens[i - 1].cap && self.names_a_number(i - 1) {
                return false;
            }
        }
        let after = if i + 1 < self.tokens.len() {
            &self.text[t.end..self.tokens[i + 1].start]
        } else {
            &self.text[t.end..]
        };
        after.is_empty() || after.starts_with(['.', ',', ';', ')', '،'])
    }

    /// Whether the word at `i` names things by number ("Resolution 2254", "Brigade 313"),
    /// or is an Arabic word: then a four-digit number after it is no year.
    fn names_a_number(&self, i: usize) -> bool {
        const NAMING: &[&str] = &[
            "resolution",
            "brigade",
            "division",
            "regiment",
            "battalion",
            "no",
            "number",
            "article",
            "route",
            "highway",
            "road",
            "flight",
            "unit",
            "hill",
            "camp",
            "force",
            "committee",
            "decree",
            "law",
            "code",
            "room",
            "block",
            "building",
            "sector",
            "base",
            "point",
            "checkpoint",
            "group",
            "task",
            "operation",
            "model",
            "type",
            "class",
            "list",
        ];
        let w = self.word(i);
        w.len() <= 12 && NAMING.iter().any(|n| n.eq_ignore_ascii_case(w))
    }

    /// Whether the word at `i` is a noun a number would count ("fighters").
    fn counts_something(&self, i: usize) -> bool {
        i < self.tokens.len()
            && self.linked(i)
            && self.gap(i) == " "
            && self.lex(i) == Lex::Other
            && !self.tokens[i].cap
            && !self.tokens[i].arabic
            && !crate::text::tokens::is_function_word(
                &self.text[self.tokens[i].start..self.tokens[i].end],
            )
    }

    fn season(&self, i: usize, season: u8, qualified: bool) -> Step {
        let j = if self.is(i + 1, Lex::Of) { i + 2 } else { i + 1 };
        if self.linked(j)
            && let Some(y) = self.year_number(j)
        {
            return Some((j + 1, Value::Season { year: YearRef::Absolute(y), season }));
        }
        if self.tokens[i].arabic && self.linked(i + 1) {
            match self.lex(i + 1) {
                Lex::Last => return Some((i + 2, Value::Season { year: YearRef::Last, season })),
                Lex::Next => return Some((i + 2, Value::Season { year: YearRef::Next, season })),
                Lex::This => return Some((i + 2, Value::Season { year: YearRef::This, season })),
                _ => {}
            }
        }
        let context =
            qualified || i > 0 && matches!(self.lex(i - 1), Lex::TimePrep | Lex::The | Lex::Since);
        context.then_some((i + 1, Value::Season { year: YearRef::Nearest, season }))
    }
}

fn is_count_start(l: Lex) -> bool {
    matches!(l, Lex::Number(_) | Lex::Few | Lex::A | Lex::Units(_))
}

fn year_ref(offset: i32) -> YearRef {
    match offset {
        -1 => YearRef::Last,
        1 => YearRef::Next,
        _ => YearRef::This,
    }
}

/// "N units ago".
fn ago(count: Count, unit: Unit) -> Value {
    match (count, unit) {
        (Count::Exact(n), Unit::Hour) => Value::HoursAgo(n),
        (Count::Range(_, n), Unit::Hour) => Value::HoursAgo(n),
        (Count::Few, Unit::Hour | Unit::Minute) => Value::HoursAgo(FEW.1),
        (_, Unit::Minute) => Value::Relative { unit: Unit::Day, offset: 0 },
        (Count::Exact(n), _) => Value::Relative { unit, offset: -(n as i32) },
        (Count::Range(lo, hi), _) => Value::Window { unit, from: hi, to: lo },
        (Count::Few, _) => Value::Window { unit, from: FEW.1, to: FEW.0 },
    }
}

/// A day or day range, checked against the calendar (a year is needed only for 29 February).
fn days(year: Option<i32>, month: u8, first: u8, last: u8, text: &str) -> Value {
    let max = match month {
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if first == 0 || last > max {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let in_year = year.map(|y| format!(" in {y}")).unwrap_or_default();
        return Value::Impossible(format!(
            "\"{text}\": {} has {max} days{in_year}",
            NAMES[month as usize - 1]
        ));
    }
    let year = year.map_or(YearRef::Nearest, YearRef::Absolute);
    Value::Days { year, month, first, last }
}
