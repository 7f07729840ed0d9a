import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { engineOf } from '../db/dialect.ts';
import { prepared } from '../db/prepared.ts';
import type { AuditLogTable, DB } from '../db/schema.ts';
import type { Actor } from './access.ts';
import { nowIso } from './clock.ts';

export type AuditAction =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'password.change'
  | 'create'
  | 'update'
  | 'delete'
  | 'export'
  | 'view.idNumber'
  | 'view.designation'
  | 'import'
  | 'job';

export interface AuditEntry {
  action: AuditAction;
  entityType?: string;
  entityId?: string | number;
  summary?: string;
  before?: unknown;
  after?: unknown;
  /** `before` and `after` already as JSON text (a bulk import computes them while validating): stored as given. */
  json?: { before: string; after: string };
}

type Row = Omit<AuditLogTable, 'id' | 'hash'> & { id: number };
type AuditLogRow = Row & { hash: string };

/** The bytes a record's hash covers: every field but the hash itself, in a fixed order. */
export function auditRecordHash(row: Row): string {
  const canonical = JSON.stringify([
    row.id,
    row.at,
    row.actor_user_id,
    row.actor_name,
    row.action,
    row.entity_type,
    row.entity_id,
    row.summary,
    row.before_json,
    row.after_json,
    row.ip,
    row.request_id,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Records appended inside a group transaction wait here, per transaction, until its batch writes them. */
const deferred = new WeakMap<Transaction<DB>, AuditRecord[]>();

export interface AuditRecord {
  actor: Actor;
  entry: AuditEntry;
}

/**
 * Makes `appendAudit` on `trx` collect its records in `into` instead of writing them (platform/group-commit.ts:
 * the batch writes the records of every request that succeeded, in order, just before its one commit, so the
 * chain head is locked once per batch and only for the end of it). `null` stops collecting.
 */
export function collectAudit(trx: Transaction<DB>, into: AuditRecord[] | null): void {
  if (into) deferred.set(trx, into);
  else deferred.delete(trx);
}

/**
 * Appends one record to the hash chain. Must be called with the transaction that makes the change,
 * so the change and its record commit or roll back together. Personal data never goes into `summary`.
 */
export async function appendAudit(trx: Transaction<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  const collecting = deferred.get(trx);
  if (collecting) collecting.push({ actor, entry });
  else await appendAuditRecords(trx, [{ actor, entry }]);
}

/**
 * Appends several records in order, as `appendAudit` would one by one, with one read of the chain head, the
 * hashes chained in memory, inserts in chunks and one update of the head (bulk imports write thousands).
 */
export async function appendAuditBatch(
  trx: Transaction<DB>,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  await appendAuditRecords(
    trx,
    entries.map((entry) => ({ actor, entry })),
  );
}

// Every recorded visit appends through these: prepared statements (db/prepared.ts).
const chainHead = prepared((db, _: Record<string, never>, lock: 'for update' | 'read' | undefined) => {
  const q = db.selectFrom('audit_head').selectAll().where('id', '=', 1);
  return lock === 'for update' ? q.forUpdate() : q;
});
const insertRecords = prepared((db, $: { rows: readonly AuditLogRow[] }) => db.insertInto('audit_log').values($.rows));
const moveHead = prepared((db, $: { lastId: number; lastHash: string }) =>
  db.updateTable('audit_head').set({ last_id: $.lastId, last_hash: $.lastHash }).where('id', '=', 1),
);
/** PostgreSQL: the last chunk of records and the head's move in one statement (one round trip fewer per batch). */
const insertAndMoveHead = prepared((db, $: { rows: readonly AuditLogRow[]; lastId: number; lastHash: string }) =>
  db
    .with('inserted', (qc) => qc.insertInto('audit_log').values($.rows).returning('audit_log.id'))
    .updateTable('audit_head')
    .set({ last_id: $.lastId, last_hash: $.lastHash })
    .where('id', '=', 1),
);

/**
 * Appends records (each with its own actor) to the chain in order: one head read, chunked inserts, one head update
 * (on PostgreSQL in the statement of the last chunk).
 */
export async function appendAuditRecords(trx: Transaction<DB>, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  // Lock the chain head: appends from several app nodes take turns, so the chain never forks.
  const head = await chainHead.first(trx, {}, engineOf(trx) === 'postgres' ? 'for update' : 'read');
  if (!head) throw new Error('audit_head row missing');
  const at = nowIso();
  let lastId = head.last_id;
  let lastHash = head.last_hash;
  const rows: AuditLogRow[] = [];
  for (const { actor, entry } of records) {
    const row: Row = {
      id: lastId + 1,
      at,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      summary: entry.summary ?? null,
      before_json: entry.json ? entry.json.before : entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.json ? entry.json.after : entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: actor.ip,
      request_id: actor.requestId,
      prev_hash: lastHash,
    };
    lastHash = auditRecordHash(row);
    lastId = row.id;
    rows.push({ ...row, hash: lastHash });
  }
  const lastChunk = Math.floor((rows.length - 1) / auditChunk) * auditChunk;
  for (let i = 0; i < lastChunk; i += auditChunk) {
    await insertRecords.affected(trx, { rows: rows.slice(i, i + auditChunk) });
  }
  if (engineOf(trx) === 'postgres') {
    await insertAndMoveHead.affected(trx, { rows: rows.slice(lastChunk), lastId, lastHash });
    return;
  }
  await insertRecords.affected(trx, { rows: rows.slice(lastChunk) });
  await moveHead.affected(trx, { lastId, lastHash });
}

/**
 * Rows per INSERT: 64 × 15 columns = 960 parameters, so the statement is compiled once and kept (db/prepared.ts
 * keeps forms up to 1,000): compiling a 1,000-row insert anew for every chunk cost an import's commit more than
 * writing its audit records.
 */
const auditChunk = 64;

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first record whose content or link does not match its hash. */
  firstBrokenId: number | null;
  reason: string | null;
}

/** Walks the whole chain in id order, in pages so a long log does not fill memory. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = '0'.repeat(64);
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const broken = (reason: string): ChainVerdict => ({ ok: false, checked, firstBrokenId: r.id, reason });
      if (r.id !== expectedId) return { ...broken(`缺少第 ${expectedId} 条记录`), firstBrokenId: expectedId };
      if (r.prev_hash !== prevHash) return broken('与上一条记录的链接不符');
      const { hash, ...rest } = r;
      if (auditRecordHash(rest) !== hash) return broken('记录内容与其哈希不符');
      prevHash = hash;
      expectedId++;
      checked++;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.last_id !== checked || head.last_hash !== prevHash)) {
    return { ok: false, checked, firstBrokenId: checked + 1, reason: '日志末尾的记录缺失' };
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}
