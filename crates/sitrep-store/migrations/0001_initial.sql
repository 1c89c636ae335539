-- The first schema. Migrations run in order by number; PRAGMA user_version holds the last one
-- applied. Never edit a migration that has shipped: add the next one.

-- One row per stored document. `key` is how the store knows it has seen a document before:
-- `url:<url>` when the input gave a URL, `id:<source>:<id>` when it gave an id, else
-- `sha256:<hash of the text>`.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    ext_id       TEXT,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,            -- ISO date: from metadata, else byline or dateline
    language     TEXT,
    origin       TEXT NOT NULL,   -- the file (and line or entry) it was read from
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash);
CREATE INDEX documents_published ON documents (published);

-- Places and actors any document mentions, as the gazetteer and dictionary resolved them.
CREATE TABLE places (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT NOT NULL,
    admin1    TEXT,
    lat       REAL NOT NULL,
    lon       REAL NOT NULL,
    geonameid INTEGER
) WITHOUT ROWID;

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT
) WITHOUT ROWID;

-- Where each document mentions each place and actor: one row per document and target, with
-- the mentions' character offsets into the document's text as a JSON array of [start, end].
CREATE TABLE mentions (
    kind     TEXT NOT NULL CHECK (kind IN ('place', 'actor')),
    target   TEXT NOT NULL,       -- places.id or actors.id
    document INTEGER NOT NULL REFERENCES documents (id),
    count    INTEGER NOT NULL,
    spans    TEXT NOT NULL,
    PRIMARY KEY (kind, target, document)
) WITHOUT ROWID;
CREATE INDEX mentions_document ON mentions (document);

-- What texts state about actors: who backs whom, who is allied or a member of whom.
CREATE TABLE relations (
    document INTEGER NOT NULL REFERENCES documents (id),
    type     TEXT NOT NULL,       -- backs, allied, member_of
    source   TEXT NOT NULL,       -- actors.id
    target   TEXT NOT NULL,       -- actors.id
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX relations_source ON relations (source);
CREATE INDEX relations_target ON relations (target);

-- Time expressions placed on the calendar (first mention of each).
CREATE TABLE times (
    document   INTEGER NOT NULL REFERENCES documents (id),
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    date_start TEXT,
    date_end   TEXT,
    precision  TEXT
);
CREATE INDEX times_document ON times (document);

-- Events: one row per happening. The row's fields are those of its first report (the one with
-- the lowest id, whose JSON is the event's); `reports`, `documents` and `sources` count what
-- was merged into it.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    type       TEXT NOT NULL,
    actor1     TEXT,
    actor2     TEXT,
    place      TEXT,
    lat        REAL,
    lon        REAL,
    date_start TEXT,
    date_end   TEXT,
    status     TEXT NOT NULL,
    reports    INTEGER NOT NULL,
    documents  INTEGER NOT NULL,
    sources    INTEGER NOT NULL,
    first_report INTEGER,           -- reports.id of the first report, whose JSON is the event's
    source_names TEXT NOT NULL DEFAULT '[]'  -- JSON array of its reports' outlets, first first
);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_actor1 ON events (actor1);
CREATE INDEX events_actor2 ON events (actor2);

-- Where and when placed events are: latitude, longitude, day number since 1970-01-01. Events
-- without a date sit at day -10,000,000. Used to find merge candidates and for --near.
CREATE VIRTUAL TABLE event_locations USING rtree (
    id,
    min_lat, max_lat,
    min_lon, max_lon,
    min_day, max_day
);

-- The events reports may join (placed at a town, dated to the week), by place, day and a code
-- of their type (20 bits of the type's FNV-1a hash), so the merge lookup reads only events of
-- the report's type. Kept apart from event_locations: a fourth dimension slows --near.
CREATE VIRTUAL TABLE merge_candidates USING rtree (
    id,
    min_lat, max_lat,
    min_lon, max_lon,
    min_day, max_day,
    min_type, max_type
);

-- Every event as one document reported it, with its own evidence sentence. Reports are never
-- deleted by merging: `sitrep merge` rebuilds events from them.
CREATE TABLE reports (
    id       INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (id),
    seq      INTEGER NOT NULL,     -- the event's index in the document's analysis
    event    INTEGER NOT NULL,
    source   TEXT NOT NULL,        -- the document's outlet, else `document:<id>`
    json     TEXT NOT NULL,        -- the event as `sitrep extract` prints it
    UNIQUE (document, seq)
);
CREATE INDEX reports_event ON reports (event);

-- Store settings (merge thresholds), as text.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
