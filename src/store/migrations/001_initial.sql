-- Settings: small key/value pairs (cases folder, UI language, theme).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The index catalog: what the search index holds for each case file of a library, so a
-- rescan reindexes only what changed. Rebuildable: losing it only costs a full reindex.
CREATE TABLE catalog (
    library      TEXT NOT NULL,            -- canonical path of the cases folder
    path         TEXT NOT NULL,            -- file path relative to the library, '/'-separated
    id           TEXT,                     -- case id, when the front matter parsed
    lang         TEXT NOT NULL,
    hash         TEXT NOT NULL,            -- blake3 of the file bytes
    mtime        INTEGER NOT NULL,         -- modification time, seconds
    size         INTEGER NOT NULL,
    ok           INTEGER NOT NULL,         -- 1 when the file has no errors
    indexed_hash TEXT,                     -- hash of the version in the index, NULL if none
    diagnostics  TEXT NOT NULL DEFAULT '[]', -- JSON array of the file's diagnostics
    PRIMARY KEY (library, path)
) STRICT;

-- Collections (workshop playlists) and notes refer to cases by id, never by path, so they
-- survive renames and moves.
CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE collection_items (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    case_id       TEXT NOT NULL,
    position      INTEGER NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (collection_id, case_id)
) STRICT;

CREATE TABLE notes (
    case_id TEXT PRIMARY KEY NOT NULL,
    body    TEXT NOT NULL,
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
