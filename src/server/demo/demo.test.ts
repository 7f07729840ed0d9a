import { statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { pinyinKeys } from '../../shared/domain/text.ts';
import { idNumberHash, nameColumns } from '../modules/registry/person-row.ts';
import { copyValue } from './copy-lines.ts';
import { copyInto } from './copy-text.ts';
import { loadDemo } from './demo.service.ts';
import { createPeopleGenerator, type PeopleBatch, personTable } from './people-generator.ts';

let ctx: TestContext;

/** The indexes of the registry tables and, on PostgreSQL, their constraints (foreign keys included). */
async function registryIndexes(): Promise<string[]> {
  const rows =
    ctx.engine === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'
          AND tbl_name IN ('persons', 'qualifications', 'households')`.execute(ctx.db)
      : await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
          WHERE tablename IN ('persons', 'qualifications', 'households')
          UNION ALL SELECT conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c
          WHERE conrelid IN ('persons'::regclass, 'qualifications'::regclass, 'households'::regclass)`.execute(ctx.db);
  return rows.rows.map((r) => r.name).sort();
}

async function sqliteSettings(): Promise<unknown[]> {
  if (ctx.engine !== 'sqlite') return [];
  const read = async (name: string) => (await sql.raw(`PRAGMA ${name}`).execute(ctx.db)).rows;
  return [await read('synchronous'), await read('threads'), await read('cache_size'), await read('temp_store')];
}

let before: string[];
let settingsBefore: unknown[];

beforeAll(async () => {
  ctx = await createTestContext();
  before = await registryIndexes();
  settingsBefore = await sqliteSettings();
  await loadDemo(ctx, { deployment: 'putuo', people: 1200 });
});
afterAll(async () => {
  await ctx?.close();
});

describe('demo people, loaded in bulk', () => {
  it('loads the number of people asked for, each with a qualification', async () => {
    const people = await ctx.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const without = await ctx.db
      .selectFrom('persons')
      .select('persons.id')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('qualifications').select('id').whereRef('person_id', '=', 'persons.id'))),
      )
      .execute();
    expect(Number(people?.n)).toBe(1200);
    expect(without).toEqual([]);
  });

  it('leaves every registry index (and key) in place after building them again', async () => {
    expect(await registryIndexes()).toEqual(before);
    expect(before.length).toBeGreaterThan(10);
  });

  it('keeps the registry counts exact: living people, and per category the living people holding it', async () => {
    const kept = await sql<{ code: string; n: number }>`SELECT category_code AS code, sum(n) AS n
      FROM registry_counts GROUP BY 1 HAVING sum(n) <> 0`.execute(ctx.db);
    const counted = await sql<{ code: string; n: number }>`SELECT '' AS code, count(*) AS n FROM persons
      WHERE alive = 1 UNION ALL SELECT q.category_code, count(DISTINCT p.id) FROM qualifications q
      JOIN persons p ON p.id = q.person_id WHERE p.alive = 1 GROUP BY 1`.execute(ctx.db);
    const text = (rows: { code: string; n: number }[]) => rows.map((r) => `${r.code}=${Number(r.n)}`).sort();
    expect(text(kept.rows)).toEqual(text(counted.rows));
    expect(kept.rows.length).toBeGreaterThan(5);
  });

  it('gives the connection back with the settings it had before the bulk load, the WAL checkpointed', async () => {
    expect(await sqliteSettings()).toEqual(settingsBefore);
    if (ctx.engine === 'sqlite') expect(statSync(path.join(ctx.config.dataDir, 'shuangyong.db-wal')).size).toBe(0);
  });

  it('numbers people and households after the ids already used, so none is handed out twice', async () => {
    const last = await ctx.db
      .selectFrom('persons')
      .select((eb) => [eb.fn.max('id').as('id'), eb.fn.countAll<number>().as('n')])
      .executeTakeFirstOrThrow();
    expect(Number(last.n)).toBe(Number(last.id));
    // The next person written the ordinary way continues after them.
    const household = await ctx.db
      .insertInto('households')
      .values({ name: '新户', region_id: null, address: null, created_at: 'now', updated_at: 'now' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const households = await ctx.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(household.id)).toBe(Number(households.n));
    const orphans = await ctx.db
      .selectFrom('persons')
      .leftJoin('households', 'households.id', 'persons.household_id')
      .select('persons.id')
      .where('households.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
  });

  it('stores ID numbers encrypted with their lookup hash, and the pinyin keys of each name', async () => {
    const rows = await ctx.db
      .selectFrom('persons')
      .select(['name', 'id_number_enc', 'id_number_hash', 'pinyin_initials', 'pinyin_full', 'household_id'])
      .orderBy('id')
      .limit(300)
      .execute();
    for (const r of rows) {
      const idNumber = ctx.cipher.decrypt(r.id_number_enc);
      expect(idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(r.id_number_hash).toBe(idNumberHash(ctx.cipher, idNumber));
      expect({ initials: r.pinyin_initials, full: r.pinyin_full }).toEqual(pinyinKeys(r.name));
    }
    // Families: some households have more than one member.
    const shared = new Set(rows.map((r) => r.household_id)).size;
    expect(shared).toBeLessThan(rows.length);
  });
});

describe('demo people generator', () => {
  const options = { ownCode: '310107', communities: [11, 12, 13], seed: 7, now: '2026-12-07T00:00:00.000Z' };
  const width = personTable.columns.length;
  /** The persons of a batch as objects, ciphertexts decrypted (their nonces differ from run to run). */
  const persons = (batch: PeopleBatch) =>
    Array.from({ length: batch.persons.length / width }, (_, r) =>
      Object.fromEntries(
        personTable.columns.map((c, i) => {
          const v = batch.persons[r * width + i];
          return [c, c.endsWith('_enc') && typeof v === 'string' ? ctx.cipher.decrypt(v) : v];
        }),
      ),
    );

  it('gives every name the search keys nameColumns gives it', () => {
    const rows = persons(createPeopleGenerator(ctx.cipher, options)(0, 5000));
    const wrong = rows
      .map((r) => ({ stored: [r.name, r.name_search, r.pinyin_initials, r.pinyin_full], name: r.name as string }))
      .filter(({ stored, name }) => {
        const keys = nameColumns(name);
        return stored.join('|') !== [name, keys.name_search, keys.pinyin_initials, keys.pinyin_full].join('|');
      });
    expect(rows.length).toBe(5000);
    expect(wrong).toEqual([]);
  });

  it('makes the same people when two workers share the batches', () => {
    const one = createPeopleGenerator(ctx.cipher, options);
    const shared = [createPeopleGenerator(ctx.cipher, options), createPeopleGenerator(ctx.cipher, options)];
    for (let n = 0; n < 8; n++) {
      const alone = one(n * 300, 300);
      const [own, other] = [shared[n % 2]!, shared[(n + 1) % 2]!];
      const built = own(n * 300, 300);
      expect(other(n * 300, 300, false).persons).toEqual([]);
      expect(persons(built)).toEqual(persons(alone));
      expect([built.households, built.qualifications, built.newHousehold]).toEqual([
        alone.households,
        alone.qualifications,
        alone.newHousehold,
      ]);
    }
  });
});

describe('COPY text (PostgreSQL)', () => {
  it('carries tabs, line breaks, backslashes, rare characters and nulls through unchanged', async () => {
    if (ctx.engine !== 'postgres') return;
    const values = ['a\tb', 'line\nnext\r\n', 'C:\\dir\\N', '\\N', '𡒄 张三'];
    const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await client.connect();
    try {
      await copyInto(client, { name: 'settings', columns: ['key', 'value'] }, async (write) => {
        for (const [i, v] of values.entries()) await write(`copy.${i}\t${copyValue(v)}\n`);
      });
    } finally {
      await client.end();
    }
    const rows = await ctx.db
      .selectFrom('settings')
      .selectAll()
      .where('key', 'like', 'copy.%')
      .orderBy('key')
      .execute();
    expect(rows.map((r) => r.value)).toEqual(values);
    expect(copyValue(null)).toBe('\\N');
  });
});
