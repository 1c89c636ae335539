//! Alliances and hostilities: for each pair of actors, how the events between them and the
//! relations texts state add up, month by month.
//!
//! - *allied*: COOPERATE, SUPPORT, AID and AGREE events between them, and the two acting
//!   together (one an associate of the other's action), and texts calling them allies;
//! - *hostile*: ASSAULT, COERCE and THREATEN events between them;
//! - *backing*: texts stating that one backs the other ("the US-backed SDF"), and AID or
//!   SUPPORT from one to the other.
//!
//! Each event counts once per pair whatever its number of reports; only events reported as
//! having happened count. Every score keeps its evidence (event ids, document ids).

use std::collections::BTreeMap;

use serde::Serialize;
use sitrep_store::{StatedRelation, StoredEvent};

use crate::happened;

const ALLIED: &[&str] = &["COOPERATE", "SUPPORT", "AID", "AGREE"];
const HOSTILE: &[&str] = &["ASSAULT", "COERCE", "THREATEN"];
const BACKING: &[&str] = &["AID", "SUPPORT"];

/// Scores of one month (or of all time).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Cooperation between them.
    pub allied: u32,
    /// Attacks, coercion and threats between them.
    pub hostile: u32,
    /// The first backing the second.
    pub backs: u32,
    /// The second backing the first.
    pub backed_by: u32,
}

impl Scores {
    fn add(&mut self, o: &Scores) {
        self.allied += o.allied;
        self.hostile += o.hostile;
        self.backs += o.backs;
        self.backed_by += o.backed_by;
    }

    /// `allied` or `hostile` when one side outweighs the other more than twice, else `mixed`;
    /// `none` without evidence.
    pub fn stance(&self) -> &'static str {
        let friendly = self.allied + self.backs + self.backed_by;
        match (friendly, self.hostile) {
            (0, 0) => "none",
            (f, h) if f > 2 * h => "allied",
            (f, h) if h > 2 * f => "hostile",
            _ => "mixed",
        }
    }
}

/// Two actors and what lies between them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// The first actor (the smaller id).
    pub a: String,
    /// The second actor.
    pub b: String,
    /// `allied`, `hostile`, `mixed` or `none`, over all time (see [`Scores::stance`]).
    pub stance: &'static str,
    /// Over all time.
    pub total: Scores,
    /// By month (`YYYY-MM`); undated evidence counts only in the total.
    pub months: BTreeMap<String, Scores>,
    /// The events that scored.
    pub events: Vec<i64>,
    /// The documents whose stated relations scored.
    pub documents: Vec<i64>,
}

/// Adds up the events and stated relations between every pair of actors; pairs with the most
/// evidence first.
pub fn relations(events: &[StoredEvent], stated: &[StatedRelation]) -> Vec<Pair> {
    let mut pairs: BTreeMap<(String, String), Pair> = BTreeMap::new();
    let mut score = |from: &str,
                     to: &str,
                     month: Option<String>,
                     s: Scores,
                     ev: Option<i64>,
                     doc: Option<i64>| {
        if from == to {
            return;
        }
        // Stored with the smaller id first; backing turned round to match.
        let (a, b, s) = if from <= to {
            (from, to, s)
        } else {
            (to, from, Scores { backs: s.backed_by, backed_by: s.backs, ..s })
        };
        let pair = pairs.entry((a.to_string(), b.to_string())).or_insert_with(|| Pair {
            a: a.to_string(),
            b: b.to_string(),
            stance: "none",
            total: Scores::default(),
            months: BTreeMap::new(),
            events: Vec::new(),
            documents: Vec::new(),
        });
        pair.total.add(&s);
        if let Some(m) = month {
            pair.months.entry(m).or_default().add(&s);
        }
        pair.events.extend(ev.filter(|e| !pair.events.contains(e)));
        pair.documents.extend(doc.filter(|d| !pair.documents.contains(d)));
    };
    for stored in events {
        let e = &stored.event;
        if !happened(e.status) {
            continue;
        }
        let month = e.date.map(|d| format!("{:04}-{:02}", d.start.year(), d.start.month()));
        let kind = e.kind.as_str();
        if let (Some(a1), Some(a2)) = (e.actor1.as_deref(), e.actor2.as_deref()) {
            let s = Scores {
                allied: u32::from(ALLIED.contains(&kind)),
                hostile: u32::from(HOSTILE.contains(&kind)),
                backs: u32::from(BACKING.contains(&kind)),
                backed_by: 0,
            };
            if s != Scores::default() {
                score(a1, a2, month.clone(), s, Some(stored.id), None);
            }
        }
        if let Some(a1) = e.actor1.as_deref() {
            for partner in &e.assoc_actor1 {
                let s = Scores { allied: 1, ..Scores::default() };
                score(a1, partner, month.clone(), s, Some(stored.id), None);
            }
        }
    }
    for r in stated {
        let month = r.published.map(|d| format!("{:04}-{:02}", d.year(), d.month()));
        let s = match r.kind.as_str() {
            "backs" => Scores { backs: 1, ..Scores::default() },
            "allied" | "member_of" => Scores { allied: 1, ..Scores::default() },
            _ => continue,
        };
        score(&r.from, &r.to, month, s, None, Some(r.document));
    }
    let mut out: Vec<Pair> = pairs.into_values().collect();
    for p in &mut out {
        p.stance = p.total.stance();
    }
    let weight = |p: &Pair| p.total.allied + p.total.hostile + p.total.backs + p.total.backed_by;
    out.sort_by(|x, y| weight(y).cmp(&weight(x)).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_follow_the_balance() {
        let s = |allied, hostile, backs| Scores { allied, hostile, backs, backed_by: 0 };
        assert_eq!(s(0, 0, 0).stance(), "none");
        assert_eq!(s(3, 0, 1).stance(), "allied");
        assert_eq!(s(0, 5, 0).stance(), "hostile");
        assert_eq!(s(1, 5, 0).stance(), "hostile");
        assert_eq!(s(2, 3, 0).stance(), "mixed");
    }
}
