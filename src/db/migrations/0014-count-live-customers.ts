import { sql, type Kysely } from 'kysely';
import { isPostgres } from './column-types.ts';

/*
 * PostgreSQL only: the number of live customers, kept by the database itself, so the unfiltered list's
 * total is a sum over a few rows instead of a count(*) of every live customer (~100 ms at 1,000,000 on
 * the build machine, on every page 1). SQLite needs none: its bare count(*) reads only the smallest
 * index's pages (customer-store.ts).
 *
 * Each statement that changes customers adds one row holding its net change in live customers (an
 * AFTER … FOR EACH STATEMENT trigger reading the transition tables), so a 10,000-row import chunk adds
 * one row, not 10,000. The rows are added, never updated: concurrent writers take no shared lock, and
 * the sum is exact in every snapshot because a change and its delta commit together. Whatever writes
 * customers (the API, an import, an undo, a merge, destruction, plain SQL) is counted by the same
 * triggers. The store folds the rows into one when they pile up (compactLiveCounts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE TABLE customer_live_counts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n bigint NOT NULL)`.execute(db);
  // one function for the three triggers: plpgsql plans a statement when it first runs, so the branch
  // naming a transition table this trigger lacks is never planned
  await sql`
    CREATE FUNCTION customer_live_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE d bigint := 0;
    BEGIN
      IF TG_OP <> 'DELETE' THEN d := d + (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL); END IF;
      IF TG_OP <> 'INSERT' THEN d := d - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL); END IF;
      IF d <> 0 THEN INSERT INTO customer_live_counts (n) VALUES (d); END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER customers_live_count_insert AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_live_counts_change()`.execute(db);
  await sql`CREATE TRIGGER customers_live_count_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_live_counts_change()`.execute(db);
  await sql`CREATE TRIGGER customers_live_count_update AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_live_counts_change()`.execute(db);
  // a TRUNCATE fires no row-changing trigger; it empties the counts with the customers
  await sql`
    CREATE FUNCTION customer_live_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM customer_live_counts;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER customers_live_count_truncate AFTER TRUNCATE ON customers FOR EACH STATEMENT EXECUTE FUNCTION customer_live_counts_truncate()`.execute(db);
  // the triggers above hold a lock on customers that blocks writers until the migration commits: the starting count is exact
  await sql`INSERT INTO customer_live_counts (n) SELECT count(*) FROM customers WHERE deleted_at IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
