-- The first schema, for PostgreSQL: the tables of ../0001_initial.sql (SQLite) with the same
-- columns and meanings, plus the work queue. Migrations run in order by number; the table
-- sitrep_schema holds the last one applied. Never edit a migration that has shipped: add the
-- next one, for both backends.
--
-- SQLite's R*-trees have no counterpart without PostGIS; events carry instead a grid cell
-- (a quarter degree of latitude by a quarter of longitude) and day numbers, and B-tree indexes on
-- (cell, day) and (cell, type, day) answer --near and the merge lookup (cell first: a generic
-- plan of the prepared lookup then bounds the scan by the cells, not by the type alone).

CREATE TABLE documents (
    id           BIGSERIAL PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    ext_id       TEXT,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,
    language     TEXT,
    origin       TEXT NOT NULL,
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents (content_hash);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE places (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT NOT NULL,
    admin1    TEXT,
    lat       DOUBLE PRECISION NOT NULL,
    lon       DOUBLE PRECISION NOT NULL,
    geonameid BIGINT
);

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT
);

CREATE TABLE mentions (
    kind     TEXT NOT NULL CHECK (kind IN ('place', 'actor')),
    target   TEXT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents (id),
    count    INTEGER NOT NULL,
    spans    TEXT NOT NULL,
    PRIMARY KEY (kind, target, document)
);
CREATE INDEX mentions_document ON mentions (document);

CREATE TABLE relations (
    id       BIGSERIAL PRIMARY KEY,   -- the order they were stored in (SQLite's rowid)
    document BIGINT NOT NULL REFERENCES documents (id),
    type     TEXT NOT NULL,
    source   TEXT NOT NULL,
    target   TEXT NOT NULL,
    "start"  INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX relations_source ON relations (source);
CREATE INDEX relations_target ON relations (target);

CREATE TABLE times (
    id         BIGSERIAL PRIMARY KEY,
    document   BIGINT NOT NULL REFERENCES documents (id),
    text       TEXT NOT NULL,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    date_start TEXT,
    date_end   TEXT,
    precision  TEXT
);
CREATE INDEX times_document ON times (document);

CREATE TABLE events (
    id           BIGSERIAL PRIMARY KEY,
    type         TEXT NOT NULL,
    actor1       TEXT,
    actor2       TEXT,
    place        TEXT,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    date_start   TEXT,
    date_end     TEXT,
    status       TEXT NOT NULL,
    reports      INTEGER NOT NULL,
    documents    INTEGER NOT NULL,
    sources      INTEGER NOT NULL,
    first_report BIGINT,
    source_names TEXT NOT NULL DEFAULT '[]',
    -- The location index (SQLite: event_locations, merge_candidates): grid cell, days since
    -- 1970-01-01 (-10,000,000 when undated), whether reports may merge into it.
    cell         INTEGER,
    day_start    INTEGER,
    day_end      INTEGER,
    mergeable    BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_actor1 ON events (actor1);
CREATE INDEX events_actor2 ON events (actor2);
CREATE INDEX events_location ON events (cell, day_start) WHERE cell IS NOT NULL;
CREATE INDEX events_merge ON events (cell, type, day_start) WHERE mergeable;

CREATE TABLE reports (
    id       BIGSERIAL PRIMARY KEY,
    document BIGINT NOT NULL REFERENCES documents (id),
    seq      INTEGER NOT NULL,
    event    BIGINT NOT NULL,
    source   TEXT NOT NULL,
    json     TEXT NOT NULL,
    UNIQUE (document, seq)
);
CREATE INDEX reports_event ON reports (event);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Documents waiting to be extracted and stored by `sitrep work` on any machine
-- (`sitrep ingest --enqueue`). A worker claims a few with FOR UPDATE SKIP LOCKED and a lease;
-- a worker that dies leaves its lease to expire, and another takes the documents again.
CREATE TABLE queue (
    id           BIGSERIAL PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    origin       TEXT NOT NULL,
    ext_id       TEXT,
    synthetic_id BOOLEAN NOT NULL,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'working', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    worker       TEXT,
    leased_until TIMESTAMPTZ,
    error        TEXT,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX queue_open ON queue (id) WHERE state IN ('pending', 'working');
