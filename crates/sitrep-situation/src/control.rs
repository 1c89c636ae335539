//! Who held which place, when: control intervals from the events that say territory changed
//! hands ("captured", "seized control of", "withdrew from").
//!
//! An event with a territory outcome is a transition at its place on its (last) day: `gained`
//! gives the place to the event's controller, `lost` takes it from the controller, leaving the
//! holder unknown. A place's history is its transitions in date order; a place no event speaks
//! of is unknown. Only events that report something as having happened count. Confidence grows
//! with the number of sources and is halved for claims.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use sitrep::events::Status;
use sitrep_store::StoredEvent;

use crate::happened;

/// A stretch of time in which a place had one holder (or, after a loss, none known).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ControlInterval {
    /// The place's id.
    pub place_id: String,
    /// The place's name.
    pub place: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Who held it; `None` after the holder lost it and no one is reported taking it.
    pub holder: Option<String>,
    /// Who lost it, when the interval starts with a loss.
    pub lost_by: Option<String>,
    /// First day.
    pub from: Date,
    /// Last day: the day before the next transition; `None` while it lasts.
    pub until: Option<Date>,
    /// The event that starts it.
    pub event: i64,
    /// Its evidence sentence.
    pub evidence: String,
    /// 0–1: `1 − 0.5^sources`, halved when the event is only claimed.
    pub confidence: f64,
}

/// Every place's control history, by place id then date.
pub fn history(events: &[StoredEvent]) -> BTreeMap<String, Vec<ControlInterval>> {
    let mut by_place: BTreeMap<String, Vec<ControlInterval>> = BTreeMap::new();
    for stored in events {
        let e = &stored.event;
        let (Some(outcome), Some(place), Some(date)) = (&e.outcome, &e.place, e.date) else {
            continue;
        };
        if !happened(e.status) {
            continue;
        }
        let gained = outcome.territory == "gained";
        let mut confidence = 1.0 - 0.5f64.powi(stored.sources.max(1) as i32);
        if e.status == Status::Claimed {
            confidence /= 2.0;
        }
        by_place.entry(place.id.clone()).or_default().push(ControlInterval {
            place_id: place.id.clone(),
            place: place.name.clone(),
            lat: place.lat,
            lon: place.lon,
            holder: gained.then(|| outcome.controller.clone()),
            lost_by: (!gained).then(|| outcome.controller.clone()),
            from: date.end,
            until: None,
            event: stored.id,
            evidence: e.evidence.text.trim().to_string(),
            confidence,
        });
    }
    for intervals in by_place.values_mut() {
        intervals.sort_by(|a, b| {
            a.from
                .cmp(&b.from)
                .then(b.confidence.total_cmp(&a.confidence))
                .then(a.event.cmp(&b.event))
        });
        // Reports of the same change on the same day: keep the most confident.
        intervals.dedup_by(|later, first| {
            later.from == first.from
                && later.holder == first.holder
                && later.lost_by == first.lost_by
        });
        for i in 1..intervals.len() {
            let next = intervals[i].from;
            // A change superseded the same day ends before it starts: it held no day.
            intervals[i - 1].until = next.yesterday().ok();
        }
    }
    by_place
}

/// Who held each place on a day: the interval of each place that covers it. Places no event
/// speaks of by then are left out (unknown).
pub fn at(events: &[StoredEvent], day: Date) -> Vec<ControlInterval> {
    history(events)
        .into_values()
        .filter_map(|intervals| {
            intervals.into_iter().rev().find(|i| i.from <= day && i.until.is_none_or(|u| u >= day))
        })
        .collect()
}
