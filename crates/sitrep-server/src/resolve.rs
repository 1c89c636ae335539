//! What a user types, resolved: actor names to dictionary ids, place names to points, dates.
//! Shared by the CLI's flags and the API's query parameters, so both read the same way.

use jiff::civil::Date;
use sitrep::{Extractor, Gazetteer};

/// A query value that cannot be used, with a message naming the parameter.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadQuery(pub String);

/// A date as `YYYY-MM-DD`.
pub fn date(name: &str, s: Option<&str>) -> Result<Option<Date>, BadQuery> {
    s.map(|s| {
        s.parse::<Date>()
            .map_err(|_| BadQuery(format!("{name} {s:?}: expected a date as YYYY-MM-DD")))
    })
    .transpose()
}

/// The dictionary record an actor value names: an id, a name, or any alias the recogniser
/// knows, in either script.
pub fn actor_record(extractor: &Extractor, name: &str, query: &str) -> Result<u32, BadQuery> {
    let dict = extractor.actors();
    let found = dict.by_id(query).or_else(|| {
        (0..dict.len() as u32).find(|&i| dict.record(i).name.eq_ignore_ascii_case(query))
    });
    let found = found.or_else(|| {
        // A name in any spelling or script: let the recogniser read it.
        let doc = sitrep::Document { text: query.to_string(), ..Default::default() };
        extractor.extract(&doc).actors.first().and_then(|a| dict.by_id(&a.id))
    });
    found.ok_or_else(|| {
        BadQuery(format!(
            "{name} {query:?}: no such actor in the dictionary (try an id like \"sdf\")"
        ))
    })
}

/// The actor ids an actor value stands for: the actor and every actor under it (its units,
/// members, components).
pub fn actor_ids(extractor: &Extractor, name: &str, query: &str) -> Result<Vec<String>, BadQuery> {
    let dict = extractor.actors();
    let root = actor_record(extractor, name, query)?;
    Ok((0..dict.len() as u32)
        .filter(|&i| dict.is_within(i, root))
        .map(|i| dict.record(i).id.clone())
        .collect())
}

/// "LAT,LON" as a point; `None` when the value is not written as coordinates.
pub fn coordinates(name: &str, query: &str) -> Result<Option<(f64, f64)>, BadQuery> {
    let Some((a, b)) = query.split_once(',') else { return Ok(None) };
    let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) else {
        return Ok(None);
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(BadQuery(format!("{name} {query:?}: latitude or longitude out of range")));
    }
    Ok(Some((lat, lon)))
}

/// The best-known place of a name, in any spelling or script.
pub fn place(gazetteer: &Gazetteer, name: &str, query: &str) -> Result<(f64, f64), BadQuery> {
    let places = gazetteer.lookup(query);
    let p = places.first().ok_or_else(|| {
        BadQuery(format!(
            "{name} {query:?}: no such place in the gazetteer; give a name or \"LAT,LON\""
        ))
    })?;
    Ok((f64::from(p.lat), f64::from(p.lon)))
}

/// A radius in km: finite, not negative, at most half the Earth's circumference.
pub fn radius(name: &str, km: f64) -> Result<f64, BadQuery> {
    if km.is_finite() && (0.0..=20_000.0).contains(&km) {
        Ok(km)
    } else {
        Err(BadQuery(format!("{name} {km}: expected a distance from 0 to 20000 km")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_resolve_or_say_why_not() {
        assert_eq!(date("since", Some("2017-09-05")).unwrap(), Some(jiff::civil::date(2017, 9, 5)));
        let err = date("since", Some("5 Sept")).unwrap_err().to_string();
        assert_eq!(err, "since \"5 Sept\": expected a date as YYYY-MM-DD");
        assert_eq!(coordinates("near", "35.33, 40.14").unwrap(), Some((35.33, 40.14)));
        assert_eq!(coordinates("near", "Deir ez-Zor").unwrap(), None);
        assert!(coordinates("near", "135,40").is_err());
        assert!(radius("radius", f64::NAN).is_err());
        let g = Gazetteer::embedded();
        let (lat, lon) = place(&g, "near", "دير الزور").unwrap();
        assert!((lat - 35.33).abs() < 0.1 && (lon - 40.14).abs() < 0.1, "{lat},{lon}");
        let x = Extractor::new(g);
        let ids = actor_ids(&x, "actor", "Syrian Democratic Forces").unwrap();
        assert!(ids.iter().any(|i| i == "sdf") && ids.iter().any(|i| i == "ypg"), "{ids:?}");
        assert!(actor_record(&x, "actor", "Nobody At All Brigade 77").is_err());
    }
}
