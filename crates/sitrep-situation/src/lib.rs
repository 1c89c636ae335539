//! The situation picture: what the stored events say, taken together, about who is fighting
//! whom, who holds which place, and who is closing in on an objective.
//!
//! The last stage of the pipeline. Everything here is a pure function of stored events (and
//! the relations texts state) and of the dates asked about: [`relations`], [`control`] and
//! [`race`]. The store finds the events; these modules only read them.

#![warn(missing_docs)]

pub mod control;
pub mod race;
pub mod relations;

use sitrep::Dictionary;
use sitrep::events::{Event, EventPlace, Status};

/// The statuses that report something as having happened (or happening).
pub fn happened(status: Status) -> bool {
    matches!(status, Status::Occurred | Status::Ongoing | Status::Claimed)
}

/// Whether an event's date is fine enough to place it in a sequence: a day or a week.
pub fn dated_finely(event: &Event) -> bool {
    use sitrep::time::Precision;
    event.date.is_some_and(|d| matches!(d.precision, Precision::Day | Precision::Week))
}

/// The actor an actor rolls up to: up its parents (a brigade to its army, an army to its
/// state), then up its memberships (the YPG to the SDF), until neither leads further.
pub fn roll_up<'a>(dictionary: &'a Dictionary, id: &'a str) -> &'a str {
    let Some(mut at) = dictionary.by_id(id) else { return id };
    let mut seen = vec![at];
    loop {
        let r = dictionary.record(at);
        let next = r.parent.or_else(|| r.member_of.first().copied());
        match next {
            Some(n) if !seen.contains(&n) => {
                seen.push(n);
                at = n;
            }
            _ => return &dictionary.record(at).id,
        }
    }
}

/// Where an event puts its first actor: a movement's destination once it has happened, else
/// the place it set out from; any other event's location. `None` when the event is not a
/// report of the actor's whereabouts (planned, denied, speculated) or has no place.
pub fn actor_position(event: &Event) -> Option<&EventPlace> {
    if !happened(event.status) {
        return None;
    }
    let by_role = |role: &str| event.places.iter().find(|p| p.role == role);
    match by_role("destination") {
        Some(d) if event.status == Status::Occurred => Some(d),
        Some(_) => by_role("origin"),
        None => by_role("location").or(event.place.as_ref()),
    }
}
