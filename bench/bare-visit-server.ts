import Fastify from 'fastify';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';

/**
 * The baseline of the visit-over-HTTP benchmark, run as its own process like the real server: a bare Fastify
 * route that does the one INSERT a visit needs, on the same database with the same durability settings
 * (openDatabase: SQLite WAL + synchronous=FULL; PostgreSQL defaults), and nothing else — no session, scope,
 * validation or audit.
 */
const database = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data' });
const db = database.db;
await sql`CREATE TABLE IF NOT EXISTS bench_bare_visits (client_key text PRIMARY KEY, entry_id integer NOT NULL, body text NOT NULL, created_at text NOT NULL)`.execute(
  db,
);
const app = Fastify({ logger: false });
app.post<{ Body: { clientKey: string; entryId: number } }>('/visit', async (request) => {
  await sql`INSERT INTO bench_bare_visits (client_key, entry_id, body, created_at) VALUES (${request.body.clientKey}, ${request.body.entryId}, ${JSON.stringify(request.body)}, ${new Date().toISOString()})`.execute(
    db,
  );
  return { ok: true };
});
app.get('/api/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
