//! Ingest: files in, documents extracted in parallel, batches written by one writer.
//!
//! Reading is sequential and cheap; extraction runs on every core (rayon); the store writes
//! one batch per transaction. While batch *n* is being written, batch *n + 1* is being
//! extracted and batch *n + 2* read. Documents the store already holds are skipped before
//! extraction, so re-running an ingest over the same archive costs little more than reading it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use sitrep::text::{InputFormat, ReadConfig, read_input};
use sitrep::{Document, Extractor, Severity};

use crate::{BatchOutcome, Ingested, Result, Store, content_hash, document_key};

/// How to ingest.
#[derive(Clone, Copy, Debug)]
pub struct IngestConfig {
    /// Documents per transaction.
    pub batch_size: usize,
    /// Read every file in this format instead of detecting it.
    pub input_format: Option<InputFormat>,
    /// Limits on input.
    pub read: ReadConfig,
}

impl Default for IngestConfig {
    fn default() -> IngestConfig {
        IngestConfig { batch_size: 256, input_format: None, read: ReadConfig::default() }
    }
}

/// Where an ingest reports how far it has got. Called from any of the ingest's threads (files
/// are read on one while batches are extracted and written on others), one call at a time.
pub trait Progress: Sync {
    /// The work ahead, in bytes of input.
    fn start(&self, total_bytes: u64);
    /// This many more bytes are done.
    fn advance(&self, bytes: u64);
    /// A problem with the input (a file that cannot be read, a malformed line).
    fn warn(&self, message: &str);
    /// The ingest is over.
    fn finish(&self);
}

/// Progress reported nowhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn advance(&self, _: u64) {}
    fn warn(&self, _: &str) {}
    fn finish(&self) {}
}

/// What an ingest did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Documents read from them.
    pub documents: usize,
    /// Documents or files that could not be read (each has a warning).
    pub failed: usize,
    /// Warnings about the input (including the failures).
    pub warnings: usize,
    /// What the store did with the documents read.
    #[serde(flatten)]
    pub stored: BatchOutcome,
    /// Bytes of input.
    pub bytes: u64,
    /// Wall-clock time.
    #[serde(skip)]
    pub elapsed: Duration,
    /// Time spent extracting batches (on every core), summed over batches.
    #[serde(skip)]
    pub extracting: Duration,
    /// Time spent writing batches (one thread, alongside extraction), summed over batches.
    #[serde(skip)]
    pub writing: Duration,
    /// Time spent reading files into batches (parsing and hashing, alongside extraction from
    /// the second batch on) and asking the store which documents it holds, summed over batches.
    #[serde(skip)]
    pub reading: Duration,
}

/// File extensions ingest picks up when walking a directory.
pub const EXTENSIONS: &[&str] =
    &["txt", "text", "md", "html", "htm", "xhtml", "jsonl", "ndjson", "rss", "atom", "xml"];

/// The files under the given paths: files as given, directories walked recursively for files
/// with a known extension (see [`EXTENSIONS`]), each directory's files in name order so runs are
/// repeatable. Paths that do not exist or cannot be walked are reported, not fatal.
pub fn collect_files(paths: &[PathBuf], progress: &dyn Progress) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_known_extension(e.path()) => {
                        files.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => progress.warn(&format!("{}: cannot read: {e}", path.display())),
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A document waiting to be extracted, with its share of its file's bytes for the progress bar.
struct Queued {
    origin: String,
    document: Document,
    weight: u64,
}

/// A document not yet stored, with its key and content hash (computed once, while reading).
struct Keyed {
    key: String,
    hash: String,
    queued: Queued,
}

/// Reads files one after another and hands out batches of documents not yet stored.
struct Reader<'a> {
    files: std::slice::Iter<'a, PathBuf>,
    config: IngestConfig,
    queue: std::collections::VecDeque<Queued>,
    seen: HashSet<String>,
    summary: Summary,
}

impl Reader<'_> {
    /// A reader over `files`, with the work ahead (their bytes) told to `progress`.
    fn start<'a>(
        files: &'a [PathBuf],
        config: IngestConfig,
        progress: &dyn Progress,
    ) -> Reader<'a> {
        let total = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
        progress.start(total);
        let config = IngestConfig { batch_size: config.batch_size.max(1), ..config };
        Reader {
            files: files.iter(),
            config,
            queue: Default::default(),
            seen: HashSet::new(),
            summary: Summary::default(),
        }
    }

    /// The next batch of documents to extract, with the bytes of documents skipped on the way.
    fn next_batch(
        &mut self,
        store: &mut (dyn Store + Send),
        progress: &dyn Progress,
    ) -> Result<(Vec<Keyed>, u64)> {
        let mut batch = Vec::new();
        let mut skipped = 0;
        while batch.len() < self.config.batch_size && !self.exhausted() {
            let keyed = self.read_ahead(self.config.batch_size - batch.len(), progress);
            let (kept, skipped_here) = self.keep_unstored(store, keyed)?;
            batch.extend(kept);
            skipped += skipped_here;
        }
        Ok((batch, skipped))
    }

    /// Up to `want` documents read from the files, with their keys and content hashes; fewer
    /// only when the files are done.
    fn read_ahead(&mut self, want: usize, progress: &dyn Progress) -> Vec<Keyed> {
        while self.queue.len() < want && self.read_next_file(progress) {}
        let candidates: Vec<Queued> = self.queue.drain(..want.min(self.queue.len())).collect();
        candidates
            .into_par_iter()
            .map(|queued| {
                let hash = content_hash(&queued.document.text);
                Keyed { key: document_key(&queued.document, &hash), hash, queued }
            })
            .collect()
    }

    /// The documents of `keyed` that the store does not hold and this run has not met before,
    /// with the bytes of the others.
    fn keep_unstored(
        &mut self,
        store: &mut (dyn Store + Send),
        keyed: Vec<Keyed>,
    ) -> Result<(Vec<Keyed>, u64)> {
        let keys: Vec<&str> = keyed.iter().map(|k| k.key.as_str()).collect();
        let stored = store.contains(&keys)?;
        let mut kept = Vec::with_capacity(keyed.len());
        let mut skipped = 0;
        for (k, stored) in keyed.into_iter().zip(stored) {
            if stored || !self.seen.insert(k.key.clone()) {
                self.summary.stored.present += 1;
                skipped += k.queued.weight;
            } else {
                kept.push(k);
            }
        }
        Ok((kept, skipped))
    }

    /// Whether every file has been read and every document handed out.
    fn exhausted(&self) -> bool {
        self.queue.is_empty() && self.files.len() == 0
    }

    /// Reads the next file into the queue; false when there are no more files.
    fn read_next_file(&mut self, progress: &dyn Progress) -> bool {
        let Some(path) = self.files.next() else { return false };
        let name = path.display().to_string();
        self.summary.files += 1;
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                progress.warn(&format!("{name}: cannot read: {e}"));
                self.summary.failed += 1;
                self.summary.warnings += 1;
                return true;
            }
        };
        let size = bytes.len() as u64;
        self.summary.bytes += size;
        let out = read_input(&name, &bytes, self.config.input_format, &self.config.read);
        for d in &out.diagnostics {
            progress.warn(&d.message);
            self.summary.warnings += 1;
            if d.severity == Severity::Error {
                self.summary.failed += 1;
            }
        }
        let n = out.documents.len() as u64;
        if n == 0 {
            progress.advance(size);
        }
        let multi = out.documents.len() > 1;
        for (i, document) in out.documents.into_iter().enumerate() {
            let i = i as u64;
            // Each document carries an equal share of the file; the last one the remainder.
            let weight = if i + 1 == n { size - (size / n) * (n - 1) } else { size / n };
            let origin = if multi {
                format!("{name}#{}", document.id.as_deref().unwrap_or(&(i + 1).to_string()))
            } else {
                name.clone()
            };
            self.summary.documents += 1;
            self.queue.push_back(Queued { origin, document, weight });
        }
        true
    }
}

/// Runs `f`, returning what it returned and the time it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

/// Extracts a batch of keyed documents on every core.
fn extract_batch(extractor: &Extractor, batch: Vec<Keyed>) -> (Vec<Ingested>, u64) {
    let weight = batch.iter().map(|k| k.queued.weight).sum();
    let items = batch
        .into_par_iter()
        .map(|Keyed { key, hash, queued: q }| {
            let analysis = extractor.extract(&q.document);
            Ingested::keyed(key, hash, q.origin, q.document, analysis)
        })
        .collect();
    (items, weight)
}

/// Ingests files into a store. Input problems are reported through `progress` and counted;
/// a store error (read-only database, full disk) ends the ingest, with every batch before it
/// committed.
pub fn ingest(
    store: &mut (dyn Store + Send),
    extractor: &Extractor,
    files: &[PathBuf],
    config: IngestConfig,
    progress: &dyn Progress,
) -> Result<Summary> {
    let started = Instant::now();
    let mut reader = Reader::start(files, config, progress);
    let batch_size = reader.config.batch_size;
    let mut pending: Option<(Vec<Ingested>, u64)> = None;
    let (mut ahead, reading) = timed(|| reader.read_ahead(batch_size, progress));
    reader.summary.reading += reading;
    loop {
        let (kept, reading) = timed(|| reader.keep_unstored(store, ahead));
        reader.summary.reading += reading;
        let (next, skipped) = kept?;
        progress.advance(skipped);
        if next.is_empty() && pending.is_none() && reader.exhausted() {
            break;
        }
        // Extract this batch while the one before is written and the one after is read.
        let (((extracted, extracting), (read, reading)), (written, writing)) = rayon::join(
            || {
                rayon::join(
                    || timed(|| extract_batch(extractor, next)),
                    || timed(|| reader.read_ahead(batch_size, progress)),
                )
            },
            || {
                timed(|| {
                    let batch = pending.take();
                    batch.map(|(batch, weight)| store.write_batch(&batch).map(|o| (o, weight)))
                })
            },
        );
        reader.summary.extracting += extracting;
        reader.summary.reading += reading;
        reader.summary.writing += writing;
        ahead = read;
        if let Some(written) = written {
            let (outcome, weight) = written?;
            reader.summary.stored += outcome;
            progress.advance(weight);
        }
        if !extracted.0.is_empty() {
            pending = Some(extracted);
        }
    }
    progress.finish();
    let mut summary = reader.summary;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What `enqueue` did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EnqueueSummary {
    /// Files read.
    pub files: usize,
    /// Documents read from them.
    pub documents: usize,
    /// Documents or files that could not be read (each has a warning).
    pub failed: usize,
    /// Documents added to the queue.
    pub queued: usize,
    /// Documents already stored or queued.
    pub present: usize,
}

/// Reads files into a PostgreSQL store's work queue for `work` to extract and store, on this
/// machine or others. Documents already stored or queued are skipped.
pub fn enqueue(
    store: &mut crate::PgStore,
    files: &[PathBuf],
    config: IngestConfig,
    progress: &dyn Progress,
) -> Result<EnqueueSummary> {
    let mut reader = Reader::start(files, config, progress);
    let mut queued = 0;
    let mut offered = 0;
    loop {
        let (batch, skipped) = reader.next_batch(store, progress)?;
        progress.advance(skipped);
        if batch.is_empty() {
            break;
        }
        let weight: u64 = batch.iter().map(|k| k.queued.weight).sum();
        let items: Vec<(String, String, Document)> =
            batch.into_iter().map(|k| (k.key, k.queued.origin, k.queued.document)).collect();
        offered += items.len();
        queued += store.enqueue(&items)?;
        progress.advance(weight);
    }
    progress.finish();
    let s = reader.summary;
    Ok(EnqueueSummary {
        files: s.files,
        documents: s.documents,
        failed: s.failed,
        queued,
        present: s.stored.present + (offered - queued),
    })
}

/// How a worker takes documents from the queue.
#[derive(Clone, Debug)]
pub struct WorkConfig {
    /// The worker's name, recorded on what it claims (host and process id by default).
    pub worker: String,
    /// Documents claimed at a time (and stored in one transaction).
    pub batch_size: usize,
    /// How long a claim lasts: a worker that has not finished by then is taken for dead and
    /// its documents go to another.
    pub lease: Duration,
    /// Claims of one document before it is given up on and marked failed.
    pub max_attempts: i32,
}

/// What a worker did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct WorkSummary {
    /// Documents claimed.
    pub claimed: usize,
    /// Documents that failed this time (back to the queue, or failed for good).
    pub failed: usize,
    /// What the store did with the documents.
    #[serde(flatten)]
    pub stored: BatchOutcome,
    /// Wall-clock time.
    #[serde(skip)]
    pub elapsed: Duration,
}

/// Takes documents from a PostgreSQL store's queue, extracts them on every core and stores
/// them, until nothing is left: no document pending and none claimed by another worker (a
/// worker that died leaves its claims to run out, and this one takes them over).
pub fn work(
    store: &mut crate::PgStore,
    extractor: &Extractor,
    config: &WorkConfig,
    progress: &dyn Progress,
) -> Result<WorkSummary> {
    let started = Instant::now();
    let mut summary = WorkSummary::default();
    let lease = config.lease.as_secs_f64().max(1.0);
    loop {
        let claimed =
            store.claim(&config.worker, config.batch_size.max(1), lease, config.max_attempts)?;
        if claimed.is_empty() {
            if store.queue_counts()?.working == 0 {
                break;
            }
            // Others are at work; wait in case one dies and its claims come free.
            std::thread::sleep(Duration::from_millis(250));
            continue;
        }
        summary.claimed += claimed.len();
        let weight: u64 = claimed.iter().map(|c| c.document.text.len() as u64).sum();
        let extracted: Vec<(i64, std::result::Result<Ingested, String>)> = claimed
            .into_par_iter()
            .map(|c| {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    extractor.extract(&c.document)
                }));
                let item = match outcome {
                    Ok(analysis) => Ok(Ingested::new(c.origin, c.document, analysis)),
                    Err(panic) => Err(format!("extraction failed: {}", panic_message(&panic))),
                };
                (c.id, item)
            })
            .collect();
        let mut ids = Vec::new();
        let mut items = Vec::new();
        for (id, item) in extracted {
            match item {
                Ok(item) => {
                    ids.push(id);
                    items.push(item);
                }
                Err(e) => {
                    progress.warn(&e);
                    store.fail(id, &e, config.max_attempts)?;
                    summary.failed += 1;
                }
            }
        }
        match store.write_batch(&items) {
            Ok(outcome) => {
                summary.stored += outcome;
                store.finish(&ids)?;
            }
            Err(batch_error) => {
                // Find the documents at fault: store the others one by one.
                progress.warn(&format!(
                    "a batch failed ({batch_error}); storing its documents one by one"
                ));
                for (id, item) in ids.into_iter().zip(items) {
                    match store.write_batch(std::slice::from_ref(&item)) {
                        Ok(outcome) => {
                            summary.stored += outcome;
                            store.finish(&[id])?;
                        }
                        Err(e) => {
                            progress.warn(&format!("{}: {e}", item.origin));
                            store.fail(id, &e.to_string(), config.max_attempts)?;
                            summary.failed += 1;
                        }
                    }
                }
            }
        }
        progress.advance(weight);
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
