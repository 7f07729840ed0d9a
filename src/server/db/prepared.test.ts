import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, testEngine } from '../../../test/helpers/test-context.ts';
import { prepared } from './prepared.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const insertSettings = prepared((db, $: { rows: readonly { key: string; value: string }[] }) =>
  db.insertInto('settings').values($.rows),
);
const settingsIn = prepared((db, $: { keys: readonly string[]; prefix: string }, order: 'asc' | 'desc' | undefined) =>
  db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', $.keys)
    .where('value', 'like', $.prefix)
    .orderBy('key', order ?? 'asc'),
);
const setValue = prepared((db, $: { key: string; value: string }) =>
  db.updateTable('settings').set({ value: $.value }).where('key', '=', $.key),
);

describe('prepared statements', () => {
  it('bind each run’s values (lists of any length, rows to insert) and never keep one run’s values', async () => {
    await insertSettings.affected(ctx.db, {
      rows: [
        { key: 'prep.a', value: 'x1' },
        { key: 'prep.b', value: 'x2' },
      ],
    });
    await insertSettings.affected(ctx.db, { rows: [{ key: "prep.c'; drop table settings; --", value: 'y3' }] });
    expect(await settingsIn.rows(ctx.db, { keys: ['prep.a', 'prep.b'], prefix: 'x%' })).toEqual([
      { key: 'prep.a', value: 'x1' },
      { key: 'prep.b', value: 'x2' },
    ]);
    // Same statement, another list length, other values, the other form.
    expect(
      await settingsIn.rows(
        ctx.db,
        { keys: ['prep.a', 'prep.b', "prep.c'; drop table settings; --"], prefix: '%' },
        'desc',
      ),
    ).toEqual([
      { key: "prep.c'; drop table settings; --", value: 'y3' },
      { key: 'prep.b', value: 'x2' },
      { key: 'prep.a', value: 'x1' },
    ]);
    expect(await settingsIn.first(ctx.db, { keys: ['prep.b'], prefix: 'y%' })).toBeUndefined();
    expect(await setValue.affected(ctx.db, { key: 'prep.a', value: 'z' })).toBe(1);
    expect(await setValue.affected(ctx.db, { key: 'prep.none', value: 'z' })).toBe(0);
    expect(await settingsIn.first(ctx.db, { keys: ['prep.a'], prefix: '%' })).toEqual({ key: 'prep.a', value: 'z' });
  });

  it('runs inside a transaction on its connection', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      await setValue.affected(trx, { key: 'prep.b', value: 'in-trx' });
      expect(await settingsIn.first(trx, { keys: ['prep.b'], prefix: '%' })).toEqual({
        key: 'prep.b',
        value: 'in-trx',
      });
    });
  });

  it('refuses a statement that reads an argument instead of binding it', async () => {
    const misuse = prepared((db, $: { key: string }) =>
      db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', $.key === 'prep.a' ? 'prep.a' : 'other'),
    );
    await expect(misuse.first(ctx.db, { key: 'prep.a' })).rejects.toThrow(/argument "key" is not bound/);
  });

  it('stays usable after a failed run, and on PostgreSQL is parsed once per connection and then only bound', async () => {
    // A run that fails (a duplicate key) leaves the connection and the statement usable.
    await insertSettings.affected(ctx.db, { rows: [{ key: 'prep.dup', value: '1' }] });
    await expect(insertSettings.affected(ctx.db, { rows: [{ key: 'prep.dup', value: '2' }] })).rejects.toThrow();
    expect(await settingsIn.first(ctx.db, { keys: ['prep.dup'], prefix: '%' })).toEqual({
      key: 'prep.dup',
      value: '1',
    });
    // SQLite keeps its compiled statements in the driver's cache; PostgreSQL's named statements live per connection.
    if (testEngine !== 'postgres') return;
    const parsed = (trx: typeof ctx.db) =>
      sql<{ n: number }>`SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%"settings"%'`
        .execute(trx)
        .then((r) => r.rows[0]!.n);
    await ctx.db.transaction().execute(async (trx) => {
      await settingsIn.rows(trx, { keys: ['prep.a'], prefix: '%' });
      const once = await parsed(trx);
      expect(once).toBeGreaterThan(0);
      await settingsIn.rows(trx, { keys: ['prep.b'], prefix: '%' });
      expect(await parsed(trx)).toBe(once);
    });
  });
});
