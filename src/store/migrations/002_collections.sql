-- Collections: a name is unique whatever its (ASCII) case, items are read in order, and each
-- item remembers the last title its case had, so a case that left the library is still shown
-- by name instead of disappearing.
ALTER TABLE collection_items ADD COLUMN title TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX collections_name ON collections (name COLLATE NOCASE);
CREATE INDEX collection_items_order ON collection_items (collection_id, position);
