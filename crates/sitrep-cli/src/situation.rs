//! The situation commands: `race`, `control`, `relations`. They fetch events from the store,
//! hand them to `sitrep-situation` and print what comes back.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sitrep::Extractor;
use sitrep_server::answers::{self, RaceParams};
use sitrep_server::resolve;
use sitrep_situation::race::RaceLine;
use sitrep_store::Near;

use crate::GazetteerArgs;
use crate::db::{clip, near_point, open_existing, parse_date};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SituationFormat {
    /// Aligned columns (and, for `race` on a terminal, a chart).
    Table,
    /// JSON.
    Json,
}

#[derive(Args)]
pub struct RaceArgs {
    /// The objective: a place name in any spelling or script, or "LAT,LON".
    #[arg(long, value_name = "PLACE")]
    objective: String,
    /// The racers (ids or names; each counts its units and members). Default: every actor
    /// reported near the objective, rolled up to its army, state or coalition.
    #[arg(long, value_name = "ACTOR", num_args = 1.., value_delimiter = ',')]
    actors: Vec<String>,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Last day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Within this many km counts as reaching the objective.
    #[arg(long, default_value_t = 10.0, value_name = "KM")]
    radius: f64,
    /// Positions farther than this from the objective are left out, km.
    #[arg(long, default_value_t = 400.0, value_name = "KM")]
    region: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SituationFormat::Table)]
    format: SituationFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

#[derive(Args)]
pub struct ControlArgs {
    /// The day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    at: String,
    /// Only places near this place (a name, or "LAT,LON").
    #[arg(long, value_name = "PLACE")]
    near: Option<String>,
    /// Radius for --near, km.
    #[arg(long, default_value_t = 50.0, value_name = "KM")]
    radius: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SituationFormat::Table)]
    format: SituationFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

#[derive(Args)]
pub struct RelationsArgs {
    /// Only pairs with this actor (id or name).
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Events ending on or after this day.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Events starting on or before this day.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// At most this many pairs; 0 for all.
    #[arg(long, default_value_t = 40)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SituationFormat::Table)]
    format: SituationFormat,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
}

pub fn race(db: &str, args: RaceArgs, extractor: &Extractor) -> Result<ExitCode> {
    let since = parse_date("--since", args.since.as_deref())?;
    let until = parse_date("--until", args.until.as_deref())?;
    let mut store = open_existing(db)?;
    let params = RaceParams {
        objective: args.objective.clone(),
        actors: args.actors.clone(),
        since,
        until,
        radius_km: args.radius,
        region_km: args.region,
    };
    let answer = answers::race(store.as_mut(), extractor, &params)?;
    let lines = &answer.lines;
    let objective = &answer.objective;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == SituationFormat::Json {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "race to {} ({:.4}, {:.4}): reached = first reported within {} km and confirmed by a \
         second source or a second report within 30 days",
        args.objective, objective.lat, objective.lon, args.radius
    )?;
    writeln!(
        out,
        "{:<28} {:>9}  {:<10}  {:<11}  {:<26} {:>7}  {:<10}",
        "actor", "positions", "reached", "first report", "closest", "km", "on"
    )?;
    for l in lines {
        let reached = l.confirmed_within.as_ref().map(|p| p.date.to_string());
        let first = l.first_within.as_ref().map(|p| p.date.to_string());
        let closest = l.closest.as_ref();
        writeln!(
            out,
            "{:<28} {:>9}  {:<10}  {:<11}  {:<26} {:>7}  {:<10}",
            clip(&l.name, 28),
            l.positions.len(),
            reached.as_deref().unwrap_or("never"),
            first.as_deref().unwrap_or("-"),
            clip(closest.map_or("-", |p| p.place.as_str()), 26),
            closest.map_or("-".to_string(), |p| format!("{:.1}", p.km)),
            closest.map_or(String::new(), |p| p.date.to_string()),
        )?;
    }
    if std::io::stdout().is_terminal()
        && let (Some(since), Some(until)) = (since, until)
    {
        write_chart(&mut out, lines, since, until, args.radius)?;
    }
    for l in lines {
        if let Some(p) = &l.confirmed_within {
            writeln!(out, "\n{} reached {} on {}: {}", l.name, args.objective, p.date, p.evidence)?;
        }
        match &l.first_within {
            Some(p) if l.confirmed_within.as_ref() != Some(p) => writeln!(
                out,
                "{} first reported within {} km on {} (unconfirmed): {}",
                l.name, args.radius, p.date, p.evidence
            )?,
            _ => {}
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One row per actor, one column per week: how close its nearest report that week came.
fn write_chart(
    out: &mut impl Write,
    lines: &[RaceLine],
    since: jiff::civil::Date,
    until: jiff::civil::Date,
    radius: f64,
) -> std::io::Result<()> {
    let weeks = (until.since(since).map_or(0, |s| s.get_days()) / 7 + 1).clamp(1, 104) as usize;
    writeln!(
        out,
        "\nweekly, nearest report: █ within {radius} km  ▓ 25 km  ▒ 50 km  ░ 100 km  · farther"
    )?;
    for l in lines {
        let mut cells = vec![' '; weeks];
        for p in &l.positions {
            let week = (p.date.since(since).map_or(0, |s| s.get_days()) / 7) as usize;
            let Some(cell) = cells.get_mut(week) else { continue };
            let mark = match p.km {
                k if k <= radius => '█',
                k if k <= 25.0 => '▓',
                k if k <= 50.0 => '▒',
                k if k <= 100.0 => '░',
                _ => '·',
            };
            // Keep the nearest mark of the week.
            let rank = |c: char| "█▓▒░· ".find(c).unwrap_or(99);
            if rank(mark) < rank(*cell) {
                *cell = mark;
            }
        }
        writeln!(out, "{:<28} |{}|", clip(&l.name, 28), cells.into_iter().collect::<String>())?;
    }
    writeln!(out, "{:<28}  {} … {}", "", since, until)
}

pub fn control(db: &str, args: ControlArgs, extractor: &Extractor) -> Result<ExitCode> {
    let day = parse_date("--at", Some(&args.at))?.expect("given");
    let load = || -> Result<&Extractor> { Ok(extractor) };
    let near: Option<Near> =
        args.near.as_deref().map(|q| near_point(&load, q, args.radius)).transpose()?;
    let mut store = open_existing(db)?;
    let held = answers::control(store.as_mut(), day, near)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == SituationFormat::Json {
        serde_json::to_writer_pretty(&mut out, &held)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{:<26} {:<24} {:<10} {:>5}  evidence", "place", "held by", "since", "conf")?;
    for c in &held {
        let holder = match (&c.holder, &c.lost_by) {
            (Some(h), _) => h.clone(),
            (None, Some(l)) => format!("unknown (lost by {l})"),
            (None, None) => "unknown".into(),
        };
        writeln!(
            out,
            "{:<26} {:<24} {:<10} {:>5.2}  {}",
            clip(&c.place, 26),
            clip(&holder, 24),
            c.from,
            c.confidence,
            clip(&c.evidence, 90)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn relations(db: &str, args: RelationsArgs, extractor: &Extractor) -> Result<ExitCode> {
    let actor = match args.actor.as_deref() {
        Some(a) => {
            let r = resolve::actor_record(extractor, "--actor", a)?;
            Some(extractor.actors().record(r).id.clone())
        }
        None => None,
    };
    let since = parse_date("--since", args.since.as_deref())?;
    let until = parse_date("--until", args.until.as_deref())?;
    let mut store = open_existing(db)?;
    let limit = (args.limit > 0).then_some(args.limit);
    let pairs = answers::relations(store.as_mut(), actor.as_deref(), since, until, limit)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == SituationFormat::Json {
        serde_json::to_writer_pretty(&mut out, &pairs)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<24} {:<24} {:<8} {:>6} {:>7} {:>5} {:>9}  months",
        "actor", "actor", "stance", "allied", "hostile", "backs", "backed by"
    )?;
    for p in &pairs {
        let months: Vec<&String> = p.months.keys().collect();
        let span = match (months.first(), months.last()) {
            (Some(f), Some(l)) if f == l => f.to_string(),
            (Some(f), Some(l)) => format!("{f} … {l}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:<24} {:<24} {:<8} {:>6} {:>7} {:>5} {:>9}  {}",
            clip(&p.a, 24),
            clip(&p.b, 24),
            p.stance,
            p.total.allied,
            p.total.hostile,
            p.total.backs,
            p.total.backed_by,
            span
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
