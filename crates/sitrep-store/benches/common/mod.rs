//! What the `--near` benchmarks of both backends share: the same million generated events and
//! the same query.

use sitrep::events::Event;
use sitrep::{Document, Extractor};
use sitrep_store::{EventFilter, Near};

pub const DEIR_EZ_ZOR: (f64, f64) = (35.336, 40.140);
pub const EVENTS: i64 = 1_000_000;

/// One generated event.
pub struct Generated {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub date: jiff::civil::Date,
    /// Days since 1970-01-01.
    pub days: i32,
    /// The event as a report stores it.
    pub json: String,
}

/// Calls `f` with each of the million events, the same on every run: spread over Syria and
/// Iraq, a fifth of them clustered around fifty towns (Deir ez-Zor among them), as conflict
/// data is; dated over five years from 2014.
pub fn million_events(extractor: &Extractor, mut f: impl FnMut(Generated)) {
    let template = extractor
        .extract(&Document {
            text: "Government forces shelled IS positions in Deir ez-Zor on Tuesday.".into(),
            published: Some("2017-05-19".into()),
            ..Document::default()
        })
        .events
        .into_iter()
        .next()
        .expect("an event");
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        // xorshift64*: a fixed, dependency-free stream, so every run builds the same database.
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    };
    // Fifty towns: Deir ez-Zor and points spread over the region.
    let mut towns = vec![DEIR_EZ_ZOR];
    while towns.len() < 50 {
        towns.push((29.0 + 8.5 * next(), 35.5 + 13.0 * next()));
    }
    let epoch = jiff::civil::date(2014, 1, 1);
    for id in 1..=EVENTS {
        let (lat, lon) = if next() < 0.2 {
            let (tlat, tlon) = towns[(next() * 50.0) as usize % 50];
            (tlat + (next() - 0.5) * 0.2, tlon + (next() - 0.5) * 0.2)
        } else {
            (29.0 + 8.5 * next(), 35.5 + 13.0 * next())
        };
        let day = (next() * 1800.0) as i64;
        let date = epoch.checked_add(jiff::Span::new().days(day)).expect("date");
        let mut e: Event = template.clone();
        if let Some(p) = e.place.as_mut() {
            (p.lat, p.lon) = (lat, lon);
        }
        let json = serde_json::to_string(&e).expect("json");
        let days = date.since(jiff::civil::date(1970, 1, 1)).expect("days").get_days();
        f(Generated { id, lat, lon, date, days, json });
    }
}

/// `--near "Deir ez-Zor" --radius 50`, the first `limit` or all.
pub fn near(limit: Option<usize>) -> EventFilter {
    let (lat, lon) = DEIR_EZ_ZOR;
    EventFilter { near: Some(Near { lat, lon, km: 50.0 }), limit, ..EventFilter::default() }
}
