import { type Compilable, type CompiledQuery, createQueryId, type Kysely, type QueryResult } from 'kysely';
import { engineOf } from './dialect.ts';
import { nameStatement } from './named-statements.ts';
import type { DB } from './schema.ts';

/**
 * Statements of the hottest requests (every API call's session lookup, recording a visit), built and compiled by
 * Kysely ONCE per engine and then run with fresh parameter values: building and compiling a query cost more CPU
 * than SQLite took to run it (a profile of recording visits: about half of the server's time in Kysely).
 *
 * `build` receives stand-ins for the arguments and must hand each one to Kysely as a value (`where`, `values`,
 * `set`, a `sql` template), never look at it: the compiled SQL keeps only `?`/`$n` placeholders, and each run binds
 * the caller's values in their place, so values are never part of the SQL text. A list argument (values for an
 * `in` list, rows to insert, each with the same fields) stands for as many items as it holds: one compiled form per
 * length. `form` names the few shapes a statement may take (which branches `build` takes) and is part of the cache
 * key. An argument the compiled statement does not bind (read in JavaScript instead) is refused when the statement
 * is first compiled.
 */
export type Value = string | number | bigint | boolean | null | Uint8Array;
type Row = Readonly<Record<string, Value>>;
type Args = Record<string, Value | readonly Value[] | readonly Row[]>;

/** Compiled forms kept per statement (lengths of list arguments vary): the oldest go first. */
const maxForms = 200;
/** A bulk statement (thousands of rows in one insert) is compiled for its one run and not kept. */
const maxKeptParameters = 1000;

/** What one placeholder of the compiled SQL takes: an argument, an item of a list argument or a field of a row. */
class Slot {
  constructor(
    readonly name: string,
    readonly index = -1,
    readonly field: string | null = null,
  ) {}

  valueIn(args: Args): unknown {
    const arg = args[this.name];
    if (this.index < 0) return arg;
    const item = (arg as readonly (Value | Row)[])[this.index];
    return this.field === null ? item : (item as Row)[this.field];
  }
}

function isRow(item: Value | Row): item is Row {
  return typeof item === 'object' && item !== null && !(item instanceof Uint8Array);
}

/** Stand-ins for the arguments, in their shape: what `build` gets instead of values. */
function standIns(args: Args): Record<string, Slot | (Slot | Record<string, Slot>)[]> {
  const stand: Record<string, Slot | (Slot | Record<string, Slot>)[]> = {};
  for (const [name, value] of Object.entries(args)) {
    if (!Array.isArray(value)) stand[name] = new Slot(name);
    else
      stand[name] = value.map((item: Value | Row, i) =>
        isRow(item)
          ? Object.fromEntries(Object.keys(item).map((field) => [field, new Slot(name, i, field)]))
          : new Slot(name, i),
      );
  }
  return stand;
}

function slotsOf(stand: ReturnType<typeof standIns>): Slot[] {
  return Object.values(stand).flatMap((s) =>
    s instanceof Slot ? [s] : s.flatMap((item) => (item instanceof Slot ? [item] : Object.values(item))),
  );
}

interface Plan {
  sql: string;
  query: CompiledQuery['query'];
  slots: readonly (Slot | { constant: unknown })[];
}

export interface Prepared<A extends Args, R, F extends string> {
  /** Every row (of a select, or of a statement with `returning`). */
  rows(db: Kysely<DB>, args: A, form?: F): Promise<R[]>;
  first(db: Kysely<DB>, args: A, form?: F): Promise<R | undefined>;
  /** How many rows an insert, update or delete changed. */
  affected(db: Kysely<DB>, args: A, form?: F): Promise<number>;
}

export function prepared<A extends Args, R, F extends string = never>(
  build: (db: Kysely<DB>, args: A, form: F | undefined) => Compilable<R>,
): Prepared<A, R, F> {
  const plans = new Map<string, Plan>();

  function compile(db: Kysely<DB>, args: A, form: F | undefined): Plan {
    const stand = standIns(args);
    const compiled = build(db, stand as unknown as A, form).compile();
    const bound = new Set(compiled.parameters.filter((p) => p instanceof Slot));
    for (const slot of slotsOf(stand)) {
      if (!bound.has(slot)) throw new Error(`prepared statement: argument "${slot.name}" is not bound as a value`);
    }
    const slots = compiled.parameters.map((p) => (p instanceof Slot ? p : { constant: p }));
    return { sql: compiled.sql, query: compiled.query, slots };
  }

  function run(db: Kysely<DB>, args: A, form: F | undefined): Promise<QueryResult<R>> {
    let key: string = engineOf(db);
    if (form !== undefined) key += `/${form}`;
    for (const name in args) {
      const value = args[name];
      if (Array.isArray(value)) key += `/${name}:${value.length}`;
    }
    let plan = plans.get(key);
    if (!plan) {
      plan = compile(db, args, form);
      if (plan.slots.length <= maxKeptParameters) {
        plans.set(key, plan);
        if (key.startsWith('postgres')) nameStatement(plan.sql);
      }
      if (plans.size > maxForms) plans.delete(plans.keys().next().value!);
    }
    const parameters = plan.slots.map((s) => {
      if (!(s instanceof Slot)) return s.constant;
      const value = s.valueIn(args);
      if (value === undefined) throw new Error(`prepared statement: argument "${s.name}" is undefined`);
      return value;
    });
    return db.executeQuery<R>({ sql: plan.sql, query: plan.query, parameters, queryId: createQueryId() });
  }

  return {
    rows: async (db, args, form) => (await run(db, args, form)).rows,
    first: async (db, args, form) => (await run(db, args, form)).rows[0],
    affected: async (db, args, form) => Number((await run(db, args, form)).numAffectedRows ?? 0),
  };
}
