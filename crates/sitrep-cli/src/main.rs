//! The `sitrep` command: parses arguments, calls the library, prints. No extraction logic here.

mod db;
mod output;
mod situation;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

/// Extraction allocates many small, short-lived vectors and strings per sentence, from every
/// core at once; mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sitrep::text::{InputFormat, ReadConfig, read_input};
use sitrep::{Dictionary, Document, Extractor, Gazetteer, Severity};

/// sitrep reads war reporting and turns it into a geolocated, dated event database.
#[derive(Parser)]
#[command(name = "sitrep", version, about)]
struct Cli {
    /// The event database: an SQLite file (created by `ingest` when missing) or a PostgreSQL
    /// URL (postgres://user@host/dbname).
    #[arg(
        long,
        global = true,
        value_name = "PATH|URL",
        env = "SITREP_DB",
        default_value = "sitrep.db"
    )]
    db: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum DbCommand {
    /// Copy everything one database holds into another, empty one (SQLite file or PostgreSQL
    /// URL at either end), verified by row counts and a checksum per table.
    Copy {
        /// The database to copy.
        #[arg(long, value_name = "PATH|URL")]
        from: String,
        /// The empty database to copy into.
        #[arg(long, value_name = "PATH|URL")]
        to: String,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Extract places from documents (txt, HTML, JSON Lines; `-` reads standard input).
    Extract(ExtractArgs),
    /// Score extraction against gold data and print precision, recall and location accuracy.
    Eval(EvalArgs),
    /// Manage the gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Read files and directories into the event database: documents, mentions, events.
    Ingest(db::IngestArgs),
    /// Take documents queued by `ingest --enqueue` from the PostgreSQL database, extract and
    /// store them, until the queue is empty. Run one per machine.
    Work(db::WorkArgs),
    /// Whole-database operations.
    #[command(subcommand)]
    Db(DbCommand),
    /// List the database's events, filtered, as a table or in an export format.
    Events(db::EventsArgs),
    /// Print one event with every report's evidence sentence.
    Show(db::ShowArgs),
    /// List the database's documents.
    Documents(db::DocumentsArgs),
    /// List the places the database's documents mention, most mentioned first.
    Places(db::ListArgs),
    /// List the actors the database's documents mention; `actors suggest` finds unknown ones.
    Actors(ActorsArgs),
    /// Rebuild events from the stored reports under new merge settings.
    Merge(db::MergeArgs),
    /// Each actor's reported positions relative to an objective, and who reached it first.
    Race(situation::RaceArgs),
    /// Who held which place on a day, from the events that say territory changed hands.
    Control(situation::ControlArgs),
    /// Alliances and hostilities between actors, from events and stated relations.
    Relations(situation::RelationsArgs),
    /// Serve the database read-only over HTTP as JSON (see /api/openapi.json).
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Read-only database connections (queries run in parallel up to this many).
    #[arg(long, default_value_t = 4)]
    connections: usize,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct ActorsArgs {
    #[command(subcommand)]
    command: Option<ActorsCommand>,
    #[command(flatten)]
    list: db::ListArgs,
}

#[derive(Subcommand)]
enum ActorsCommand {
    /// List frequent group-like names the dictionary does not know ("... Brigade", "Liwa ...",
    /// "Jaysh ...", "Force 313"), with counts and an example sentence each.
    Suggest {
        /// Files to read (txt, HTML, JSON Lines).
        #[arg(required = true)]
        inputs: Vec<String>,
        /// How many to list.
        #[arg(long, default_value_t = 50)]
        top: usize,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

#[derive(Args)]
struct GazetteerArgs {
    /// A user gazetteer (made by `sitrep gazetteer import`) that extends the embedded one.
    #[arg(long, global = true, value_name = "PATH")]
    gazetteer: Option<PathBuf>,
    /// A user actor dictionary (TOML, the schema of data/actors/actors.toml) that extends and
    /// overrides the embedded one by id.
    #[arg(long, global = true, value_name = "PATH")]
    actors: Option<PathBuf>,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files to read; `-` is standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Input format; detected from the file name and content when absent.
    #[arg(long, value_name = "FORMAT", value_parser = ["txt", "html", "jsonl", "rss", "atom"])]
    input_format: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_document_bytes: usize,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// One JSON document (an array when there are several analyses).
    Json,
    /// One analysis per line.
    Jsonl,
    /// A readable summary.
    Text,
    /// Events as ACLED CSV rows (ACLED's columns).
    AcledCsv,
    /// Events as POLECAT-style PLOVER JSON Lines.
    Plover,
    /// Placed events as one GeoJSON FeatureCollection.
    Geojson,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold files (the JSON gold format) or folders of them.
    #[arg(long, value_name = "PATH")]
    gold: Vec<PathBuf>,
    /// Geoparsing corpora (LGL, TR-News, GeoVirus XML).
    #[arg(long, value_name = "XML")]
    geoparsing: Vec<PathBuf>,
    /// ACLED CSV files.
    #[arg(long, value_name = "CSV")]
    acled: Vec<PathBuf>,
    /// The re3d corpus folder.
    #[arg(long, value_name = "DIR")]
    re3d: Vec<PathBuf>,
    /// Time-expression tables (publication date, text, expression, expected interval).
    #[arg(long, value_name = "TSV")]
    times: Vec<PathBuf>,
    /// Event-location linking records (JSON Lines with VERB and LOCATION spans).
    #[arg(long, value_name = "JSONL")]
    event_location: Vec<PathBuf>,
    /// PETRARCH validation records (XML with gold CAMEO codings).
    #[arg(long, value_name = "XML")]
    petrarch: Vec<PathBuf>,
    /// ACLED event and sub-event types labelled by hand for some rows of the --acled files
    /// (TSV: event_id_cnty, event_type, sub_event_type, confidence); --all uses the
    /// repository's sample of the March 2018 rows.
    #[arg(long, value_name = "TSV")]
    acled_labels: Option<PathBuf>,
    /// Use the data sets of `../shared/data` that exist (gold files of this repository included).
    #[arg(long)]
    all: bool,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// List misses, spurious predictions and frequent resolution errors.
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Import GeoNames dumps (cities500.txt, SY.txt, allCountries.txt) into a user gazetteer.
    Import {
        /// GeoNames dump files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The user gazetteer file to create or extend.
        #[arg(long, value_name = "PATH")]
        gazetteer: PathBuf,
    },
    /// Show the places a name may refer to, best known first.
    Lookup {
        /// The name, in any spelling or script.
        name: String,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`sitrep extract ... | head`) ends the run quietly, whichever
            // writer (io, serde_json, csv) saw it.
            let broken = |k: Option<std::io::ErrorKind>| k == Some(std::io::ErrorKind::BrokenPipe);
            if err.chain().any(|e| {
                broken(e.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
                    || broken(e.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind()))
                    || e.downcast_ref::<csv::Error>().is_some_and(|c| match c.kind() {
                        csv::ErrorKind::Io(io) => broken(Some(io.kind())),
                        _ => false,
                    })
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: {}", error_message(&err));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes, joined by ": ", each cause once: the library's errors name the
/// file and say what went wrong, and also hand that cause on as their source, which anyhow's
/// `{:#}` would print a second time ("x.gaz: No such file: No such file").
fn error_message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let message = cause.to_string();
        if out.ends_with(&message) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&message);
    }
    out
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
        Command::Ingest(args) => {
            let extractor = load_extractor(&args.gazetteer)?;
            db::ingest(&cli.db, args, extractor)
        }
        Command::Work(args) => {
            let extractor = load_extractor(&args.gazetteer)?;
            db::work(&cli.db, args, extractor)
        }
        Command::Db(DbCommand::Copy { from, to }) => db::copy(&from, &to),
        Command::Events(args) => {
            static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
            let gazetteer = GazetteerArgs {
                gazetteer: args.gazetteer.gazetteer.clone(),
                actors: args.gazetteer.actors.clone(),
            };
            let load = move || -> Result<&'static Extractor> {
                if let Some(x) = EXTRACTOR.get() {
                    return Ok(x);
                }
                let x = load_extractor(&gazetteer)?;
                Ok(EXTRACTOR.get_or_init(|| x))
            };
            db::events(&cli.db, args, &load)
        }
        Command::Show(args) => db::show(&cli.db, args),
        Command::Race(args) => {
            let extractor = load_extractor(&args.gazetteer)?;
            situation::race(&cli.db, args, &extractor)
        }
        Command::Control(args) => {
            let extractor = load_extractor(&args.gazetteer)?;
            situation::control(&cli.db, args, &extractor)
        }
        Command::Serve(args) => serve(&cli.db, args),
        Command::Relations(args) => {
            let extractor = load_extractor(&args.gazetteer)?;
            situation::relations(&cli.db, args, &extractor)
        }
        Command::Documents(args) => db::documents(&cli.db, args),
        Command::Places(args) => db::places(&cli.db, args),
        Command::Merge(args) => db::merge(&cli.db, args),
        Command::Actors(ActorsArgs { command: None, list }) => db::actors(&cli.db, list),
        Command::Actors(ActorsArgs {
            command: Some(ActorsCommand::Suggest { inputs, top, gazetteer }),
            ..
        }) => {
            let extractor = load_extractor(&gazetteer)?;
            let mut documents = Vec::new();
            for input in &inputs {
                let (name, bytes) = read_bytes(input)?;
                let read = read_input(&name, &bytes, None, &ReadConfig::default());
                for d in &read.diagnostics {
                    eprintln!("sitrep: {}: {}", severity_word(d.severity), d.message);
                }
                documents.extend(read.documents);
            }
            let mut out = std::io::stdout().lock();
            for s in sitrep::actors::suggest::suggest(&extractor, &documents).into_iter().take(top)
            {
                writeln!(out, "{:>5}  {}\n       e.g. {}", s.count, s.name, s.example)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Import { files, gazetteer }) => {
            let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let started = std::time::Instant::now();
            let summary = sitrep::gazetteer::import(&gazetteer, &paths)
                .with_context(|| format!("importing into {}", gazetteer.display()))?;
            eprintln!(
                "sitrep: read {} rows, kept {} places; {} now holds {} places ({:.1}s)",
                summary.rows,
                summary.kept,
                gazetteer.display(),
                summary.total,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Gazetteer(GazetteerCommand::Lookup { name, gazetteer }) => {
            let g = load_gazetteer(&gazetteer)?;
            let mut out = std::io::stdout().lock();
            for r in g.lookup(&name) {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{:.4},{:.4}\tpop {}",
                    r.id(),
                    r.name,
                    r.kind.as_str(),
                    r.country,
                    r.admin1,
                    r.lat,
                    r.lon,
                    r.population
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn serve(db: &str, args: ServeArgs) -> Result<ExitCode> {
    if !sitrep_store::is_postgres(db) && !Path::new(db).exists() {
        bail!(
            "{}: no database here; run `sitrep ingest PATH...` first (or give --db)",
            sitrep_store::redact(db)
        );
    }
    let extractor = load_extractor(&args.gazetteer)?;
    let state = sitrep_server::AppState::open(db, args.connections, extractor)?;
    let runtime = tokio::runtime::Runtime::new().context("starting the server's runtime")?;
    runtime.block_on(async {
        let shutdown = async {
            // Ctrl-C or SIGTERM: stop taking connections, finish the requests under way.
            let ctrl_c = tokio::signal::ctrl_c();
            #[cfg(unix)]
            {
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                        .expect("a SIGTERM handler");
                tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
            }
            #[cfg(not(unix))]
            let _ = ctrl_c.await;
        };
        let bound =
            |addr| eprintln!(
                "sitrep: serving {} on http://{addr} (read-only): the map at http://{addr}/, the API under http://{addr}/api/",
                sitrep_store::redact(db)
            );
        sitrep_server::serve(std::sync::Arc::new(state), args.addr, bound, shutdown)
            .await
            .with_context(|| format!("serving on {}", args.addr))
    })?;
    eprintln!("sitrep: stopped");
    Ok(ExitCode::SUCCESS)
}

fn load_gazetteer(args: &GazetteerArgs) -> Result<Gazetteer> {
    match &args.gazetteer {
        None => Ok(Gazetteer::embedded()),
        Some(path) => Gazetteer::with_user_file(path).context("loading the user gazetteer"),
    }
}

/// The extractor over the embedded data and the user's gazetteer and actor dictionary.
fn load_extractor(args: &GazetteerArgs) -> Result<Extractor> {
    let actors = match &args.actors {
        None => Dictionary::embedded(),
        Some(path) => {
            Dictionary::with_user_file(path).context("loading the user actor dictionary")?
        }
    };
    Ok(Extractor::with_actors(load_gazetteer(args)?, actors))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let extractor = load_extractor(&args.gazetteer)?;
    let format = args.input_format.as_deref().and_then(InputFormat::parse);
    let config = ReadConfig { max_document_bytes: args.max_document_bytes };
    let progress = output::Progress::new(args.inputs.len() as u64, "files");
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all = Vec::new();
    let exporter = sitrep::export::Exporter::new(&extractor);
    let mut features = Vec::new();
    // ACLED rows go through a CSV writer per document, so quoting is the csv crate's.
    let csv_rows =
        |write: &dyn Fn(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>| -> Result<Vec<u8>> {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            write(&mut w)?;
            w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
        };
    if let OutputFormat::AcledCsv = args.format {
        out.write_all(&csv_rows(&|w| w.write_record(sitrep::export::ACLED_COLUMNS))?)?;
    }
    for input in &args.inputs {
        let (name, bytes) = match read_bytes(input) {
            Ok(v) => v,
            Err(e) => {
                progress.println(&format!("sitrep: error: {e:#}"));
                failed = true;
                progress.inc();
                continue;
            }
        };
        let read = read_input(&name, &bytes, format, &config);
        for d in &read.diagnostics {
            failed |= d.severity == Severity::Error;
            progress.println(&format!("sitrep: {}: {}", severity_word(d.severity), d.message));
        }
        let analyses: Vec<_> =
            read.documents.par_iter().map(|d: &Document| extractor.extract(d)).collect();
        for (doc, analysis) in read.documents.iter().zip(analyses) {
            match args.format {
                OutputFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &analysis)?;
                    out.write_all(b"\n")?;
                }
                OutputFormat::Text => output::write_text(&mut out, doc, &analysis)?,
                OutputFormat::Json => all.push(analysis),
                OutputFormat::AcledCsv => {
                    out.write_all(&csv_rows(&|w| exporter.write_acled(w, &analysis))?)?;
                }
                OutputFormat::Plover => {
                    for record in exporter.plover(&analysis) {
                        serde_json::to_writer(&mut out, &record)?;
                        out.write_all(b"\n")?;
                    }
                }
                OutputFormat::Geojson => features.extend(exporter.geojson_features(&analysis)),
            }
        }
        progress.inc();
    }
    progress.finish();
    if let OutputFormat::Geojson = args.format {
        let collection = serde_json::json!({"type": "FeatureCollection", "features": features});
        serde_json::to_writer_pretty(&mut out, &collection)?;
        out.write_all(b"\n")?;
    }
    if let OutputFormat::Json = args.format {
        if all.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &all[0])?;
        } else {
            serde_json::to_writer_pretty(&mut out, &all)?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Reads a file or standard input, with the name used in messages.
fn read_bytes(input: &str) -> Result<(String, Vec<u8>)> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading standard input")?;
        return Ok(("<stdin>".into(), buf));
    }
    let path = Path::new(input);
    if path.is_dir() {
        bail!("{input}: is a directory; name the files to read");
    }
    let bytes = std::fs::read(path).with_context(|| input.to_owned())?;
    Ok((input.to_owned(), bytes))
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let extractor = load_extractor(&args.gazetteer)?;
    let mut gold = args.gold.clone();
    let mut geoparsing = args.geoparsing.clone();
    let mut acled = args.acled.clone();
    let mut re3d = args.re3d.clone();
    let mut times = args.times.clone();
    let mut event_location = args.event_location.clone();
    let mut petrarch = args.petrarch.clone();
    let mut acled_labels = args.acled_labels.clone();
    if args.all {
        let shared = Path::new("../shared/data");
        if !shared.exists() {
            bail!(
                "--all needs ../shared/data beside the repository (run from the repository root)"
            );
        }
        gold.push(PathBuf::from("crates/sitrep/tests/data/gold"));
        for f in ["lgl.xml", "TR-News.xml", "GeoVirus.xml"] {
            geoparsing.push(shared.join("geoparsing").join(f));
        }
        acled.push(shared.join("acled-2018-03/acled-syria-iraq-2018-03.csv"));
        acled_labels.get_or_insert_with(|| {
            PathBuf::from("crates/sitrep/tests/data/acled/sub-event-labels.tsv")
        });
        re3d.push(shared.join("re3d"));
        times.push(PathBuf::from("crates/sitrep/tests/data/time/expressions.tsv"));
        event_location.push(
            shared.join("event-location/labeled_text_syria_iraq_plus_all_RELABEL_gold.jsonl"),
        );
        for f in
            ["UniversalPetrarch_PETR2_GSR_validation.xml", "petrarch2_PETR.UnitTest.records.xml"]
        {
            petrarch.push(shared.join("petrarch").join(f));
        }
    }
    if gold.is_empty()
        && geoparsing.is_empty()
        && acled.is_empty()
        && re3d.is_empty()
        && times.is_empty()
        && event_location.is_empty()
        && petrarch.is_empty()
    {
        bail!(
            "nothing to evaluate: give --gold, --geoparsing, --acled, --re3d, --times, \
             --event-location, --petrarch or --all"
        );
    }

    let mut report = sitrep::eval::Report::default();
    for path in &gold {
        report.gold.push(
            sitrep::eval::gold::evaluate(&extractor, path)
                .with_context(|| format!("gold {}", path.display()))?,
        );
    }
    for path in &geoparsing {
        report.geoparsing.push(
            sitrep::eval::geoparsing::evaluate(&extractor, path)
                .with_context(|| format!("geoparsing corpus {}", path.display()))?,
        );
    }
    let labels = match &acled_labels {
        Some(path) => sitrep::eval::acled::SubEventLabels::read(path)
            .with_context(|| format!("ACLED labels {}", path.display()))?,
        None => sitrep::eval::acled::SubEventLabels::default(),
    };
    for path in &acled {
        report.acled.push(
            sitrep::eval::acled::evaluate(&extractor, path, &labels)
                .with_context(|| format!("ACLED {}", path.display()))?,
        );
    }
    for path in &re3d {
        report.re3d.push(
            sitrep::eval::re3d::evaluate(&extractor, path)
                .with_context(|| format!("re3d {}", path.display()))?,
        );
    }
    for path in &times {
        report.times.push(
            sitrep::eval::times::evaluate(path)
                .with_context(|| format!("time table {}", path.display()))?,
        );
    }
    for path in &event_location {
        report.event_location.push(
            sitrep::eval::event_location::evaluate(&extractor, path)
                .with_context(|| format!("event-location {}", path.display()))?,
        );
    }
    for path in &petrarch {
        report.petrarch.push(
            sitrep::eval::petrarch::evaluate(&extractor, path)
                .with_context(|| format!("PETRARCH {}", path.display()))?,
        );
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report.to_table(args.verbose))?;
    }
    Ok(ExitCode::SUCCESS)
}
