//! The race to an objective: for each actor, how close its reported positions come to a place,
//! day by day, and when it is first reported within a radius of it.
//!
//! A position is where an event puts its first actor (see [`crate::actor_position`]): the
//! location of its attacks and mobilisations, the destination of a movement that happened (the
//! origin of one still under way), the place of territory it gained. Only events placed at a
//! town, village or facility (a province's or country's centre says nothing of a front line) and
//! dated to the day or week count; a week-dated event counts on its last day, the day by which
//! the text says it had happened. The place must be named in the event's own sentence (not
//! inherited from its paragraph), air and artillery strikes do not count (they say where the
//! target is, not the attacker), and "within 40 kilometres of Deir ez-Zor" puts the actor 40 km
//! from the place, not at it.

use jiff::civil::Date;
use serde::Serialize;
use sitrep_store::{StoredEvent, haversine_km};

use crate::{actor_position, dated_finely};

/// An actor in the race, with every actor id that counts as it (its units, its members).
#[derive(Clone, Debug)]
pub struct Racer {
    /// The actor's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The ids whose positions count as the racer's, its own included.
    pub members: Vec<String>,
}

/// What to race for.
#[derive(Clone, Debug)]
pub struct RaceQuery {
    /// The objective's name, for output.
    pub objective: String,
    /// Its latitude.
    pub lat: f64,
    /// Its longitude.
    pub lon: f64,
    /// Within this many km of the objective counts as reaching it.
    pub radius_km: f64,
    /// First day of the period.
    pub since: Option<Date>,
    /// Last day of the period.
    pub until: Option<Date>,
    /// Who races.
    pub racers: Vec<Racer>,
}

/// One reported position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Position {
    /// The day.
    pub date: Date,
    /// Distance to the objective, km.
    pub km: f64,
    /// The place's name.
    pub place: String,
    /// The place's id.
    pub place_id: String,
    /// The event that reports it.
    pub event: i64,
    /// The event's type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The actor the event names (the racer or one of its members).
    pub actor: String,
    /// The evidence sentence.
    pub evidence: String,
    /// How many sources report the event.
    pub sources: u64,
}

/// One racer's course.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RaceLine {
    /// The racer's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// The first position within the radius.
    pub first_within: Option<Position>,
    /// The first position within the radius that another report confirms: one from two
    /// sources or more, or followed within 30 days by another report within the radius on
    /// another day. A single report may be wrong (a province taken for its capital, a plan
    /// read as a deed); two seldom are wrong the same way.
    pub confirmed_within: Option<Position>,
    /// The closest position (the earliest of equals).
    pub closest: Option<Position>,
    /// The closest position of each day with one, by date.
    pub positions: Vec<Position>,
}

/// The event types that report an actor's whereabouts: attacks, mobilisations, movements.
/// Events of other types count when they gain territory.
const POSITION_TYPES: &[&str] = &["ASSAULT", "MOBILIZE"];

/// Attack modes that strike from afar.
const REMOTE_MODES: &[&str] = &["aerial", "drone", "heavy-weapons"];

/// Runs the race over stored events. `precise` tells whether a place id is precise enough to
/// mark a front line (a town, village or facility); `remote` whether an actor strikes from
/// afar (an air force). Lines come out in the order they reached the objective (confirmed),
/// then the others by how close they came.
pub fn race(
    events: &[StoredEvent],
    query: &RaceQuery,
    precise: &dyn Fn(&str) -> bool,
    remote: &dyn Fn(&str) -> bool,
) -> Vec<RaceLine> {
    let mut lines: Vec<RaceLine> = query
        .racers
        .iter()
        .map(|r| RaceLine {
            actor: r.id.clone(),
            name: r.name.clone(),
            first_within: None,
            confirmed_within: None,
            closest: None,
            positions: Vec::new(),
        })
        .collect();
    for stored in events {
        let e = &stored.event;
        let Some(actor) = e.actor1.as_deref() else { continue };
        let gains = e.outcome.as_ref().is_some_and(|o| o.territory == "gained");
        if !(POSITION_TYPES.contains(&e.kind.as_str()) || gains) || !dated_finely(e) {
            continue;
        }
        if remote(actor) || e.mode.as_deref().is_some_and(|m| REMOTE_MODES.contains(&m)) {
            continue;
        }
        let Some(date) = e.date.map(|d| d.end) else { continue };
        if query.since.is_some_and(|s| date < s) || query.until.is_some_and(|u| date > u) {
            continue;
        }
        let in_sentence = |p: &&sitrep::events::EventPlace| {
            p.start >= e.evidence.start && p.end <= e.evidence.end
        };
        let Some(place) = actor_position(e).filter(|p| precise(&p.id)).filter(in_sentence) else {
            continue;
        };
        let at_place = haversine_km(query.lat, query.lon, place.lat, place.lon);
        let off = stated_distance(&e.evidence.text, place.start - e.evidence.start);
        let position = Position {
            date,
            km: off.map_or(at_place, |d| at_place.max(d)),
            place: place.name.clone(),
            place_id: place.id.clone(),
            event: stored.id,
            kind: e.kind.clone(),
            actor: actor.to_string(),
            evidence: e.evidence.text.trim().to_string(),
            sources: stored.sources,
        };
        for (racer, line) in query.racers.iter().zip(&mut lines) {
            if racer.members.iter().any(|m| m == actor) {
                line.positions.push(position.clone());
            }
        }
    }
    for line in &mut lines {
        // The closest position per day, ties to the lowest event id.
        line.positions.sort_by(|a, b| {
            a.date.cmp(&b.date).then(a.km.total_cmp(&b.km)).then(a.event.cmp(&b.event))
        });
        line.positions.dedup_by(|later, first| later.date == first.date);
        let within: Vec<&Position> =
            line.positions.iter().filter(|p| p.km <= query.radius_km).collect();
        line.first_within = within.first().map(|p| (*p).clone());
        line.confirmed_within = within
            .iter()
            .enumerate()
            .find(|(i, p)| {
                p.sources >= 2
                    || within[i + 1..].iter().any(|q| {
                        q.date > p.date && q.date.since(p.date).is_ok_and(|s| s.get_days() <= 30)
                    })
            })
            .map(|(_, p)| (*p).clone());
        line.closest = line
            .positions
            .iter()
            .min_by(|a, b| a.km.total_cmp(&b.km).then(a.date.cmp(&b.date)))
            .cloned();
    }
    lines.sort_by(|a, b| {
        let reached = |l: &RaceLine| l.confirmed_within.as_ref().map(|p| p.date);
        match (reached(a), reached(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => {
                let km = |l: &RaceLine| l.closest.as_ref().map_or(f64::INFINITY, |p| p.km);
                km(a).total_cmp(&km(b))
            }
        }
    });
    lines
}

/// A distance the sentence states just before the place it names, in km: "within 40
/// kilometres of Deir ez-Zor", "12 km from Mayadin", "30 miles from Raqqa". `at` is the
/// place's character offset in the sentence.
fn stated_distance(sentence: &str, at: usize) -> Option<f64> {
    let before: String = sentence.chars().take(at).collect();
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    // Reversed: [of|from, unit, number, ...]
    let [link, unit, number, ..] = words[..] else { return None };
    if !matches!(link, "of" | "from") {
        return None;
    }
    let per_unit = match unit.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "km" | "kms" | "kilometers" | "kilometres" | "kilometer" | "kilometre" => 1.0,
        "miles" | "mile" => 1.609,
        _ => return None,
    };
    let n: f64 = number.replace(',', "").parse().ok()?;
    (n > 0.0 && n < 2000.0).then_some(n * per_unit)
}

#[cfg(test)]
mod tests {
    use super::stated_distance;

    #[test]
    fn distances_before_a_place() {
        let s = "By 31 July, the army came within 40 kilometers of Deir ez-Zor.";
        assert_eq!(stated_distance(s, s.find("Deir").unwrap()), Some(40.0));
        let s = "Troops were 30 miles from Raqqa";
        assert!((stated_distance(s, s.find("Raqqa").unwrap()).unwrap() - 48.27).abs() < 0.01);
        let s = "The army entered Deir ez-Zor";
        assert_eq!(stated_distance(s, s.find("Deir").unwrap()), None);
        let s = "It lost 3 of Deir ez-Zor's districts";
        assert_eq!(stated_distance(s, s.find("Deir").unwrap()), None);
    }
}
