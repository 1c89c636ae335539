//! Output for people: the text summary and the progress bar (shown only on a terminal).

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use sitrep::{Analysis, Document};

/// Writes a readable summary of one analysis.
pub fn write_text(
    out: &mut impl Write,
    doc: &Document,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let id = doc.id.as_deref().unwrap_or("(document)");
    write!(out, "== {id}")?;
    if let Some(t) = &doc.title {
        write!(out, ": {t}")?;
    }
    writeln!(out)?;
    if let Some(p) = &analysis.published {
        let from = p.text.as_deref().map(|t| format!(" from {t:?}")).unwrap_or_default();
        writeln!(out, "published {} ({:?}{from}, conf {:.2})", p.date, p.source, p.confidence)?;
    }
    writeln!(out, "places ({}):", analysis.places.len())?;
    for p in &analysis.places {
        let mentions: Vec<&str> = p.mentions.iter().map(|m| m.text.as_str()).collect();
        writeln!(
            out,
            "  {:<28} {:<8} {:<2} {:>9.4},{:<9.4} conf {:.2}  ← {}",
            p.name,
            p.kind.as_str(),
            p.country,
            p.lat,
            p.lon,
            p.confidence,
            dedup(&mentions).join(", ")
        )?;
    }
    writeln!(out, "actors ({}):", analysis.actors.len())?;
    for a in &analysis.actors {
        let mentions: Vec<&str> = a.mentions.iter().map(|m| m.text.as_str()).collect();
        writeln!(
            out,
            "  {:<36} {:<20} {:<2}  ← {}",
            a.name,
            a.kind,
            a.country.as_deref().unwrap_or(""),
            dedup(&mentions).join(", ")
        )?;
    }
    for r in &analysis.relations {
        writeln!(out, "  relation: {} {} {}  ({:?})", r.from, r.kind, r.to, r.evidence.text)?;
    }
    writeln!(out, "times ({}):", analysis.times.len())?;
    for t in &analysis.times {
        let mentions: Vec<&str> = t.mentions.iter().map(|m| m.text.as_str()).collect();
        let when = match (t.start, t.end, t.precision, &t.duration) {
            (Some(s), Some(e), Some(p), _) if s == e => format!("{s} ({p:?})"),
            (Some(s), Some(e), Some(p), _) => format!("{s}..{e} ({p:?})"),
            (_, _, _, Some(d)) => format!("duration {d}"),
            _ => "unplaced".to_string(),
        };
        writeln!(out, "  {:<34} ← {}", when, dedup(&mentions).join(", "))?;
    }
    for d in &analysis.diagnostics {
        writeln!(out, "  note: {}", d.message)?;
    }
    writeln!(out)
}

fn dedup<'a>(items: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(i);
        }
    }
    out
}

/// A progress bar on standard error when it is a terminal; nothing otherwise.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(total: u64, unit: &str) -> Progress {
        if total < 2 || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::new(total);
        let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} {{elapsed}} (eta {{eta}})");
        bar.set_style(ProgressStyle::with_template(&template).expect("template literal is valid"));
        Progress { bar: Some(bar) }
    }

    pub fn inc(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Prints a line above the bar, or to standard error when there is no bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// The ingest's progress: a bar of bytes on standard error when it is a terminal; warnings
/// printed above it (or plainly when there is no bar).
pub struct BytesProgress {
    bar: Option<ProgressBar>,
}

impl BytesProgress {
    pub fn new() -> BytesProgress {
        if !std::io::stderr().is_terminal() {
            return BytesProgress { bar: None };
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {elapsed} (eta {eta})",
            )
            .expect("template literal is valid"),
        );
        BytesProgress { bar: Some(bar) }
    }
}

impl sitrep_store::Progress for BytesProgress {
    fn start(&self, total_bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_length(total_bytes);
        }
    }

    fn advance(&self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(bytes);
        }
    }

    fn warn(&self, message: &str) {
        let line = format!("sitrep: warning: {message}");
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
