//! Placing a [`Value`] on the calendar: against the publication date, or against the
//! previous expression in the text. All arithmetic is `jiff`'s.

use jiff::ToSpan;
use jiff::civil::Date;

use super::grammar::{Value, WeekdayRef, YearRef};
use super::lexicon::{Part, Unit};
use super::{Anchor, Interval, Precision};

/// What a value is placed against.
#[derive(Clone, Copy, Debug)]
pub struct Anchors {
    /// The publication date.
    pub published: Option<Date>,
    /// The interval of the previous expression in the text, if any.
    pub previous: Option<Interval>,
    /// Whether that previous expression is in the same sentence.
    pub previous_in_sentence: bool,
}

/// Places a value; `None` when it needs an anchor that is missing or falls off the calendar.
pub fn resolve(value: &Value, anchors: &Anchors) -> Option<(Interval, Option<Anchor>)> {
    let p = anchors.published;
    let publication = |i: Interval| Some((i, Some(Anchor::Publication)));
    match value {
        Value::Days { year, month, first, last } => {
            let (y, anchor) = match *year {
                YearRef::Absolute(y) => (y, None),
                // Without a publication date, a narrative's "29 August" follows the text: the
                // first such day from a month before the previous expression on.
                YearRef::Nearest if p.is_none() => {
                    (year_after_previous(anchors, *month, *first)?, Some(Anchor::Text))
                }
                _ => {
                    let p = p?;
                    // The occurrence nearest the publication date; ties go to the past.
                    let candidates = [p.year() as i32 - 1, p.year() as i32, p.year() as i32 + 1];
                    let y = candidates
                        .into_iter()
                        .filter_map(|y| Some((y, date(y, *month, *first)?)))
                        .min_by_key(|(_, d)| {
                            let days = (*d - p).get_days();
                            (days.abs(), days > 0)
                        })?
                        .0;
                    (y, Some(Anchor::Publication))
                }
            };
            let i =
                Interval::new(date(y, *month, *first)?, date(y, *month, *last)?, Precision::Day);
            Some((i, anchor))
        }
        Value::Month { year, month } => {
            let (y, anchor) = match *year {
                YearRef::Absolute(y) => (y, None),
                // "In August" in a narrative without a publication date: as for days above.
                YearRef::Nearest if p.is_none() => {
                    (year_after_previous(anchors, *month, 28)?, Some(Anchor::Text))
                }
                reference => (month_year(reference, *month, p?)?, Some(Anchor::Publication)),
            };
            Some((month_interval(date(y, *month, 1)?), anchor))
        }
        Value::Years { first, last } => {
            Some((Interval::new(date(*first, 1, 1)?, date(*last, 12, 31)?, Precision::Year), None))
        }
        Value::Season { year, season } => {
            let (y, anchor) = match *year {
                YearRef::Absolute(y) => (y, None),
                reference => (season_year(reference, *season, p?)?, Some(Anchor::Publication)),
            };
            Some((season_interval(y, *season)?, anchor))
        }
        Value::Relative { unit, offset } => publication(relative(p?, *unit, *offset)?),
        Value::HoursAgo(h) => {
            let p = p?;
            let h = i64::from(*h);
            let start = p.checked_sub(((h + 23) / 24).days()).ok()?;
            let end = p.checked_sub((h / 24).days()).ok()?;
            publication(Interval::new(start, end, Precision::Day))
        }
        Value::Weekday { day, reference } => {
            let p = p?;
            let today = p.weekday().to_monday_zero_offset() as i64;
            let day = i64::from(*day);
            let delta = match reference {
                WeekdayRef::Past => -(today - day).rem_euclid(7),
                WeekdayRef::Last => -((today - day - 1).rem_euclid(7) + 1),
                WeekdayRef::Future => (day - today).rem_euclid(7),
                WeekdayRef::Next => (day - today - 1).rem_euclid(7) + 1,
            };
            let d = p.checked_add(delta.days()).ok()?;
            publication(Interval::new(d, d, Precision::Day))
        }
        Value::Window { unit, from, to } => publication(window(p?, *unit, *from, *to)?),
        Value::Past { unit, n } => {
            let p = p?;
            let n = i64::from(*n);
            let (start, precision) = match unit {
                Unit::Hour => (p.checked_sub(((n + 23) / 24).days()).ok()?, Precision::Day),
                Unit::Day => (p.checked_sub(n.days()).ok()?, Precision::Day),
                Unit::Week => (p.checked_sub(n.weeks()).ok()?, Precision::Week),
                Unit::Month => (p.checked_sub(n.months()).ok()?, Precision::Month),
                Unit::Year => (p.checked_sub(n.years()).ok()?, Precision::Year),
                _ => return None,
            };
            publication(Interval::new(start, p, precision))
        }
        Value::Recent(unit) => {
            let p = p?;
            let (start, precision) = match unit {
                Unit::Hour | Unit::Day => (p.checked_sub(6.days()).ok()?, Precision::Week),
                Unit::Week => (p.checked_sub(42.days()).ok()?, Precision::Month),
                Unit::Month => (p.checked_sub(6.months()).ok()?, Precision::Month),
                Unit::Year => (p.checked_sub(3.years()).ok()?, Precision::Year),
                _ => return None,
            };
            publication(Interval::new(start, p, precision))
        }
        Value::Adjacent { unit, offset } => {
            let (a, anchor) = previous(anchors)?;
            Some((relative(a.start, *unit, *offset)?, Some(anchor)))
        }
        Value::Shift { unit, n, more_than, to_event, restates } => {
            let (a, anchor) = previous(anchors)?;
            // "took the stadium yesterday, four months after the battle began": the earlier
            // expression of the same sentence already dates it; the event after "after" is
            // the one that is four months earlier. So with "the raids came two days after":
            // the raids are the ones dated before.
            if *to_event && (anchors.previous_in_sentence || *restates) {
                return Some((a, Some(anchor)));
            }
            let mut shifted = shift(a, *unit, *n)?;
            if *more_than
                && let Some(p) = p
                && p > shifted.start
            {
                shifted.end = p;
            }
            Some((shifted, Some(anchor)))
        }
        Value::Since(inner) => {
            let (i, _) = resolve(inner, anchors)?;
            let p = p?;
            let end = if p >= i.start { p } else { i.end };
            publication(Interval::new(i.start, end, i.precision))
        }
        Value::Qualified(part, inner) => {
            let (i, anchor) = resolve(inner, anchors)?;
            Some((qualify(i, *part)?, anchor))
        }
        Value::Between(first, last) => {
            let (a, anchor) = resolve(first, anchors)?;
            let (b, _) = resolve(last, anchors)?;
            // "From November to February" placed month by month may come out backwards.
            let end = if b.end >= a.start { b.end } else { b.end.checked_add(1.year()).ok()? };
            Some((Interval::new(a.start, end, a.precision), anchor))
        }
        Value::WeekOf(week, inner) => {
            let (i, anchor) = resolve(inner, anchors)?;
            if i.precision != Precision::Month {
                return None;
            }
            let last = i.start.last_of_month();
            let start = if *week == 0 {
                last.checked_sub(6.days()).ok()?
            } else {
                i.start.checked_add((7 * (i64::from(*week) - 1)).days()).ok()?
            };
            if start > last {
                return None;
            }
            let end = start.checked_add(6.days()).ok()?.min(last);
            Some((Interval::new(start, end, Precision::Week), anchor))
        }
        Value::Duration { .. } | Value::Impossible(_) => None,
    }
}

/// The year of a day written without one, in a narrative without a publication date: the
/// first such day from a month before the previous expression on.
fn year_after_previous(anchors: &Anchors, month: u8, day: u8) -> Option<i32> {
    let prev = anchors.previous?;
    let from = prev.start.checked_sub(jiff::Span::new().days(31)).ok()?;
    let y = prev.start.year() as i32;
    [y, y + 1].into_iter().find(|&y| date(y, month, day).is_some_and(|d| d >= from))
}

fn previous(anchors: &Anchors) -> Option<(Interval, Anchor)> {
    match (anchors.previous, anchors.published) {
        (Some(a), _) => Some((a, Anchor::Text)),
        (None, Some(p)) => Some((Interval::new(p, p, Precision::Day), Anchor::Publication)),
        (None, None) => None,
    }
}

fn date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()
}

fn month_interval(first: Date) -> Interval {
    Interval::new(first, first.last_of_month(), Precision::Month)
}

fn year_interval(year: i16) -> Option<Interval> {
    Some(Interval::new(date(year.into(), 1, 1)?, date(year.into(), 12, 31)?, Precision::Year))
}

/// Months counted from year 0, to compare months across years.
fn month_index(year: i32, month: u8) -> i32 {
    year * 12 + i32::from(month) - 1
}

/// The year of a month without its own year, by its reference.
fn month_year(reference: YearRef, month: u8, p: Date) -> Option<i32> {
    let y = i32::from(p.year());
    let now = month_index(y, p.month() as u8);
    Some(match reference {
        YearRef::Absolute(y) => y,
        YearRef::Relative(k) => y + k,
        YearRef::This => y,
        YearRef::Last => {
            if month_index(y, month) < now {
                y
            } else {
                y - 1
            }
        }
        YearRef::Next => {
            if month_index(y, month) > now {
                y
            } else {
                y + 1
            }
        }
        YearRef::Nearest => (y - 1..=y + 1)
            .min_by_key(|&c| {
                let d = month_index(c, month) - now;
                (d.abs(), d > 0)
            })
            .unwrap_or(y),
    })
}

fn season_interval(year: i32, season: u8) -> Option<Interval> {
    let (start, end) = match season {
        0 => (date(year, 3, 1)?, date(year, 5, 31)?),
        1 => (date(year, 6, 1)?, date(year, 8, 31)?),
        2 => (date(year, 9, 1)?, date(year, 11, 30)?),
        _ => (date(year, 12, 1)?, date(year + 1, 3, 1)?.yesterday().ok()?),
    };
    Some(Interval::new(start, end, Precision::Season))
}

/// The year a season without its own year starts in.
fn season_year(reference: YearRef, season: u8, p: Date) -> Option<i32> {
    let y = i32::from(p.year());
    let interval = |y| season_interval(y, season);
    Some(match reference {
        YearRef::Absolute(y) => y,
        YearRef::Relative(k) => y + k,
        YearRef::This => y,
        YearRef::Last => (y - 2..=y).rev().find(|&c| interval(c).is_some_and(|i| i.end < p))?,
        YearRef::Next => (y - 1..=y + 1).find(|&c| interval(c).is_some_and(|i| i.start > p))?,
        YearRef::Nearest => (y - 1..=y + 1).min_by_key(|&c| {
            let start = interval(c).map_or(Date::MAX, |i| i.start);
            let d = (start - p).get_days();
            (d.abs(), d > 0)
        })?,
    })
}

/// The calendar unit containing `p`, shifted by `offset` units.
fn relative(p: Date, unit: Unit, offset: i32) -> Option<Interval> {
    let k = i64::from(offset);
    match unit {
        Unit::Day => {
            let d = p.checked_add(k.days()).ok()?;
            Some(Interval::new(d, d, Precision::Day))
        }
        Unit::Week | Unit::Weekend => {
            let monday = monday_of(p)?.checked_add(k.weeks()).ok()?;
            let (start, end) = if unit == Unit::Week {
                (monday, monday.checked_add(6.days()).ok()?)
            } else {
                (monday.checked_add(5.days()).ok()?, monday.checked_add(6.days()).ok()?)
            };
            Some(Interval::new(start, end, Precision::Week))
        }
        Unit::Month => Some(month_interval(p.first_of_month().checked_add(k.months()).ok()?)),
        Unit::Year => year_interval(p.year().checked_add(i16::try_from(offset).ok()?)?),
        _ => None,
    }
}

fn monday_of(d: Date) -> Option<Date> {
    d.checked_sub(i64::from(d.weekday().to_monday_zero_offset()).days()).ok()
}

/// From `from` to `to` units before the publication date.
fn window(p: Date, unit: Unit, from: u32, to: u32) -> Option<Interval> {
    let (from, to) = (i64::from(from), i64::from(to));
    match unit {
        Unit::Day => Some(Interval::new(
            p.checked_sub(from.days()).ok()?,
            p.checked_sub(to.days()).ok()?,
            Precision::Week,
        )),
        Unit::Week => Some(Interval::new(
            monday_of(p.checked_sub(from.weeks()).ok()?)?,
            monday_of(p.checked_sub(to.weeks()).ok()?)?.checked_add(6.days()).ok()?,
            Precision::Month,
        )),
        Unit::Month => {
            let first = p.first_of_month();
            Some(Interval::new(
                first.checked_sub(from.months()).ok()?,
                first.checked_sub(to.months()).ok()?.last_of_month(),
                Precision::Month,
            ))
        }
        Unit::Year => {
            let y = i32::from(p.year());
            Some(Interval::new(
                date(y - from as i32, 1, 1)?,
                date(y - to as i32, 12, 31)?,
                Precision::Year,
            ))
        }
        _ => None,
    }
}

/// An interval moved by `n` units; a month or year that was whole stays whole.
fn shift(a: Interval, unit: Unit, n: i32) -> Option<Interval> {
    let k = i64::from(n);
    let (start, end, precision) = match unit {
        Unit::Hour => {
            let days = (k.abs() + 23) / 24 * k.signum();
            (
                a.start.checked_add(days.days()).ok()?,
                a.end.checked_add(days.days()).ok()?,
                Precision::Day,
            )
        }
        Unit::Day => {
            (a.start.checked_add(k.days()).ok()?, a.end.checked_add(k.days()).ok()?, Precision::Day)
        }
        Unit::Week | Unit::Weekend => (
            a.start.checked_add(k.weeks()).ok()?,
            a.end.checked_add(k.weeks()).ok()?,
            Precision::Week,
        ),
        Unit::Month => {
            let end = a.end.checked_add(k.months()).ok()?;
            let end = if a.end == a.end.last_of_month() { end.last_of_month() } else { end };
            (a.start.checked_add(k.months()).ok()?, end, Precision::Month)
        }
        Unit::Year => (
            a.start.checked_add(k.years()).ok()?,
            a.end.checked_add(k.years()).ok()?,
            Precision::Year,
        ),
        Unit::Minute => (a.start, a.end, Precision::Day),
        Unit::Decade => return None,
    };
    Some(Interval::new(start, end, precision.max(a.precision)))
}

/// "early", "mid", "late" of a month (days 1–10, 10–20, 20–end) or of a year (January–April,
/// May–August, September–December). Other precisions are left as they are.
fn qualify(i: Interval, part: Part) -> Option<Interval> {
    match i.precision {
        Precision::Month => {
            let (first, last) = match part {
                Part::Early => (1, 10),
                Part::Mid => (10, 20),
                Part::Late => (20, i.start.days_in_month()),
            };
            Some(Interval::new(
                i.start.with().day(first).build().ok()?,
                i.start.with().day(last).build().ok()?,
                Precision::Month,
            ))
        }
        Precision::Year => {
            let y = i32::from(i.start.year());
            let (first, last) = match part {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
            };
            Some(Interval::new(
                date(y, first, 1)?,
                date(y, last, 1)?.last_of_month(),
                Precision::Year,
            ))
        }
        _ => Some(i),
    }
}
