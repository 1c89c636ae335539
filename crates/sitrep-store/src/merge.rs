//! When two reports describe the same happening.
//!
//! A report joins an existing event when all of these hold:
//! - the same PLOVER type;
//! - statuses of one kind: what happened (occurred, ongoing, claimed), what was intended
//!   (planned, threatened), what did not happen (denied, negated), or speculation;
//! - compatible actors: actor 1 the same or unknown on one side, and likewise actor 2;
//! - both placed at a town, village, facility or district (not a country, province or region,
//!   whose centre says nothing of where it happened), and dated to the day or week (not a month
//!   or year);
//! - not two different towns or villages (more than 2 km apart): one report's "Douma" and
//!   another's "Harasta" are two strikes; the radius is for a town and a facility, district or
//!   neighbourhood near it, and for places the gazetteer puts a little apart;
//! - when they name an actor in common: places within `radius_km` of each other and the
//!   report's dates, widened by `days` on either side, overlapping the event's;
//! - when they name none in common ("shelling hit Douma"): the same place and overlapping dates.
//!   Without this, an event whose actors the text left unnamed would swallow every event of its
//!   type around it: in the ACLED notes of March 2018, one such event gathered the airstrikes of
//!   a dozen Ghouta towns.
//! - the event has no report from the same document yet: one article's two sentences about
//!   strikes on one town are two strikes until another article says otherwise.
//!
//! Among several matching events the nearest wins, then the oldest.

use serde::Serialize;
use sitrep::events::{Event, Status};
use sitrep::time::Precision;

/// Merge thresholds, kept in the store's settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MergeSettings {
    /// Whether reports are merged at all; off, every report is its own event.
    pub enabled: bool,
    /// Largest distance between the places of two reports of one event, in km.
    pub radius_km: f64,
    /// Largest gap between the dates of two reports of one event, in days.
    pub days: i64,
}

impl Default for MergeSettings {
    fn default() -> MergeSettings {
        MergeSettings { enabled: true, radius_km: 25.0, days: 2 }
    }
}

impl MergeSettings {
    /// Settings from the store's `merge.*` (key, value) rows over the defaults; the first
    /// value that does not parse is returned as the error.
    pub fn from_rows(
        rows: impl IntoIterator<Item = (String, String)>,
    ) -> std::result::Result<MergeSettings, (String, String)> {
        let mut s = MergeSettings::default();
        for (key, value) in rows {
            let ok = match key.as_str() {
                "merge.enabled" => value.parse().map(|v| s.enabled = v).is_ok(),
                "merge.radius_km" => value.parse().map(|v| s.radius_km = v).is_ok(),
                "merge.days" => value.parse().map(|v| s.days = v).is_ok(),
                _ => true,
            };
            if !ok {
                return Err((key, value));
            }
        }
        Ok(s)
    }
}

/// Statuses that can describe the same happening.
pub fn status_group(status: Status) -> u8 {
    match status {
        Status::Occurred | Status::Ongoing | Status::Claimed => 0,
        Status::Planned | Status::Threatened => 1,
        Status::Denied | Status::Negated => 2,
        Status::Hypothetical => 3,
    }
}

/// Two actor slots agree when they name the same actor or one is unknown.
pub fn actors_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// How the actors of two reports agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorAgreement {
    /// A slot where both name different actors.
    Conflict,
    /// No conflict, and at least one actor both name in the same slot.
    Shared,
    /// No conflict and nothing in common: one or both leave the actors unnamed.
    Unknown,
}

/// How the actor slots (actor 1, actor 2) of an event and a report agree.
pub fn actor_agreement(
    event: (Option<&str>, Option<&str>),
    report: (Option<&str>, Option<&str>),
) -> ActorAgreement {
    if !actors_compatible(event.0, report.0) || !actors_compatible(event.1, report.1) {
        return ActorAgreement::Conflict;
    }
    let shared = |a: Option<&str>, b: Option<&str>| a.is_some() && a == b;
    if shared(event.0, report.0) || shared(event.1, report.1) {
        ActorAgreement::Shared
    } else {
        ActorAgreement::Unknown
    }
}

/// Whether two places are different settlements (cities, towns, villages) more than 2 km
/// apart, given as (id, kind) and their distance.
pub fn distinct_settlements(a: (&str, Option<&str>), b: (&str, Option<&str>), km: f64) -> bool {
    let settlement = |k: Option<&str>| matches!(k, Some("city" | "town" | "village"));
    settlement(a.1) && settlement(b.1) && a.0 != b.0 && km > 2.0
}

/// Longest span of an event that may be merged, in days: a date to the day or week that runs
/// over two months ("from 3 June to 20 August") says too little about when to match.
pub const MAX_SPAN_DAYS: i64 = 62;

/// Whether a report is placed and dated finely enough to be matched with others: a place of
/// one of the kinds `city`, `town`, `village`, `facility`, `admin2`, and a date to the day or
/// week spanning at most [`MAX_SPAN_DAYS`].
pub fn precise_enough(event: &Event, place_kind: Option<&str>) -> bool {
    let place = matches!(place_kind, Some("city" | "town" | "village" | "facility" | "admin2"));
    let date = event.date.is_some_and(|d| {
        matches!(d.precision, Precision::Day | Precision::Week)
            && day_number(d.end) - day_number(d.start) <= MAX_SPAN_DAYS
    });
    place && date
}

/// A box around a point that holds every point within `km` of it: (min lat, max lat, min lon,
/// max lon).
pub fn bounding_box(lat: f64, lon: f64, km: f64) -> (f64, f64, f64, f64) {
    let dlat = km / 111.0;
    // Longitude degrees shrink towards the poles; near them the box spans every longitude.
    let cos = lat.to_radians().cos();
    let dlon = if cos < 0.01 { 180.0 } else { (km / (111.320 * cos)).min(180.0) };
    (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
}

/// A stored event a report might join, as a backend's merge lookup reads it: an event of the
/// report's type, mergeable, near enough in place and time to be worth comparing.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The event's id.
    pub id: i64,
    /// Where it is.
    pub lat: f64,
    /// Where it is.
    pub lon: f64,
    /// Who acts.
    pub actor1: Option<String>,
    /// On whom.
    pub actor2: Option<String>,
    /// Its status, as stored.
    pub status: String,
    /// Its place's id.
    pub place: String,
    /// Its place's kind.
    pub place_kind: Option<String>,
    /// First day, ISO.
    pub date_start: String,
    /// Last day, ISO.
    pub date_end: String,
}

/// The event among `candidates` that a report (placed at `place_kind`) joins under
/// `settings`, by the rules above: the nearest, then the oldest. The same choice for every
/// backend.
pub fn best_candidate(
    event: &Event,
    place_kind: Option<&str>,
    settings: &MergeSettings,
    candidates: impl IntoIterator<Item = Candidate>,
) -> Option<i64> {
    let place = event.place.as_ref()?;
    let date = event.date?;
    let (start, end) = (date.start.to_string(), date.end.to_string());
    let mut best: Option<(f64, i64)> = None;
    for c in candidates {
        let same_status =
            Status::parse(&c.status).is_some_and(|s| status_group(s) == status_group(event.status));
        let agreement = actor_agreement(
            (c.actor1.as_deref(), c.actor2.as_deref()),
            (event.actor1.as_deref(), event.actor2.as_deref()),
        );
        let d = crate::haversine_km(place.lat, place.lon, c.lat, c.lon);
        let two_towns =
            distinct_settlements((&place.id, place_kind), (&c.place, c.place_kind.as_deref()), d);
        let fits = same_status
            && !two_towns
            && match agreement {
                ActorAgreement::Conflict => false,
                ActorAgreement::Shared => d <= settings.radius_km,
                // The same place, and dates that overlap as they are.
                ActorAgreement::Unknown => {
                    c.place == place.id && c.date_start <= end && c.date_end >= start
                }
            };
        if fits && best.is_none_or(|(bd, bid)| (d, c.id) < (bd, bid)) {
            best = Some((d, c.id));
        }
    }
    best.map(|(_, id)| id)
}

/// Days since 1970-01-01.
pub fn day_number(date: jiff::civil::Date) -> i64 {
    const EPOCH: jiff::civil::Date = jiff::civil::Date::constant(1970, 1, 1);
    date.since(EPOCH).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::haversine_km;

    #[test]
    fn statuses_group_by_what_they_say_happened() {
        assert_eq!(status_group(Status::Occurred), status_group(Status::Claimed));
        assert_ne!(status_group(Status::Occurred), status_group(Status::Planned));
        assert_ne!(status_group(Status::Occurred), status_group(Status::Denied));
        assert!(actors_compatible(Some("sdf"), None));
        assert!(!actors_compatible(Some("sdf"), Some("islamic-state")));
        use ActorAgreement::*;
        assert_eq!(actor_agreement((Some("is"), None), (Some("is"), Some("saa"))), Shared);
        assert_eq!(actor_agreement((None, Some("saa")), (Some("is"), Some("saa"))), Shared);
        assert_eq!(actor_agreement((None, None), (Some("is"), Some("saa"))), Unknown);
        assert_eq!(actor_agreement((Some("sdf"), None), (None, Some("is"))), Unknown);
        assert_eq!(actor_agreement((Some("sdf"), None), (Some("is"), None)), Conflict);
    }

    #[test]
    fn boxes_hold_their_circle() {
        for &(lat, lon) in &[(35.33, 40.14), (0.0, 0.0), (-60.0, 170.0), (89.9, 10.0)] {
            let (a, b, c, d) = bounding_box(lat, lon, 50.0);
            for i in 0..72 {
                let bearing = (i as f64 * 5.0).to_radians();
                // A point about 49.9 km away along the bearing.
                let (dlat, dlon) = (49.9 / 111.2 * bearing.cos(), 49.9 / 111.2 * bearing.sin());
                let (plat, plon) = (lat + dlat, lon + dlon / lat.to_radians().cos().max(0.01));
                if haversine_km(lat, lon, plat, plon) <= 50.0 {
                    assert!(a <= plat && plat <= b && c <= plon && plon <= d, "{lat},{lon} {i}");
                }
            }
        }
    }
}
