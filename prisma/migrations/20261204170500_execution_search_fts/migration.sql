-- Payload search on SQLite through an FTS5 index (SQLite only: PostgreSQL keeps its pg_trgm GIN
-- index on "searchText", prisma/postgres/migrations/20261122030000_list_indexes).
--
-- "ExecutionSearch" is a contentless FTS5 table with the trigram tokenizer: a quoted phrase of
-- three or more characters matches exactly the rows whose text contains it as a substring. Its
-- rowid is the Execution row's rowid, and it holds only the index (no second copy of the text).
-- What it indexes is lower("searchText"): SQLite's lower() folds ASCII only, the same folding
-- LIKE applies, and `case_sensitive 1` keeps the tokenizer from folding anything else (its
-- default would also fold non-ASCII letters, which LIKE does not). lib/db/search-page.ts queries it.
--
-- The triggers keep it exact inside the statement that changes "Execution", so every save,
-- re-ingestion (update) and prune (delete) updates it in that same transaction; nothing in
-- lib/db writes to it directly. The inserts replace any entry already under that rowid, so even a
-- row removed without its delete trigger (INSERT OR REPLACE into "Execution" does that) cannot
-- leave a stale entry behind for a later row that reuses its rowid; until then such an entry
-- points at no row and the query's join drops it.
-- "Execution" has no INTEGER PRIMARY KEY, so its rowids are SQLite's own; VACUUM keeps them
-- (lib/db/search-literal.test.ts checks the search after a VACUUM).
--
-- Prisma's schema language cannot describe a virtual table: it is not in schema.prisma, the
-- generated clients never read it, and lib/db/migrate.ts applies this file like any other.
-- (`prisma migrate diff`/`db pull` would report it and its shadow tables as unknown to the schema.)

-- CreateVirtualTable
CREATE VIRTUAL TABLE "ExecutionSearch" USING fts5(
    "text",
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram case_sensitive 1'
);

-- Backfill: the index of every execution already stored.
INSERT INTO "ExecutionSearch" (rowid, "text") SELECT rowid, lower("searchText") FROM "Execution";

-- CreateTrigger
CREATE TRIGGER "Execution_search_insert" AFTER INSERT ON "Execution" BEGIN
    INSERT OR REPLACE INTO "ExecutionSearch" (rowid, "text") VALUES (new.rowid, lower(new."searchText"));
END;

-- CreateTrigger
CREATE TRIGGER "Execution_search_delete" AFTER DELETE ON "Execution" BEGIN
    DELETE FROM "ExecutionSearch" WHERE rowid = old.rowid;
END;

-- CreateTrigger
CREATE TRIGGER "Execution_search_update" AFTER UPDATE ON "Execution"
WHEN old."searchText" IS NOT new."searchText" OR old.rowid IS NOT new.rowid BEGIN
    DELETE FROM "ExecutionSearch" WHERE rowid = old.rowid;
    INSERT OR REPLACE INTO "ExecutionSearch" (rowid, "text") VALUES (new.rowid, lower(new."searchText"));
END;
