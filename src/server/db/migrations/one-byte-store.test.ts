import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, type Migration, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testEngine } from '../../../../test/helpers/test-context.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import type { DB } from '../schema.ts';
import { migrations } from './index.ts';

/**
 * 2026-11-27-0220-one-byte-store on a database of the version before it: notice attachments and campaign job
 * PDFs move into `files`, their ids and download links keep working, and the old byte tables are gone.
 */

const before = '2026-11-26-0160-job-commit';
let db: Kysely<DB>;
let close: () => Promise<void>;

async function openFresh(): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sy-migration-'));
  const cleanDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (testEngine === 'sqlite') {
    const d = openDatabase({ dataDir });
    return {
      db: d.db,
      close: async () => {
        await d.close();
        cleanDir();
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const d = openDatabase({ databaseUrl: url, dataDir });
  return {
    db: d.db,
    close: async () => {
      await d.close();
      await drop();
      cleanDir();
    },
  };
}

beforeAll(async () => {
  ({ db, close } = await openFresh());
  const migrator = new Migrator({
    db,
    allowUnorderedMigrations: true,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
  });
  const { error } = await migrator.migrateTo(before);
  if (error) throw error;
});
afterAll(() => close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const at = '2026-11-20T08:00:00.000Z';

describe('one store of bytes (migration)', () => {
  it('moves notice attachments and job PDFs into files, keeping their ids and links', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration
    const old = db as Kysely<any>;
    const region = (
      await old
        .insertInto('regions')
        .values({ code: '110101', name: '东城区', level: 'district', parent_id: null, path: '/' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const notice = (
      await old
        .insertInto('notices')
        .values({
          region_id: region,
          status: 'draft',
          title: '通知',
          issuers_json: '[]',
          recipients_json: '[]',
          cc_json: '[]',
          body: '',
          requirements_json: '[]',
          attachments_json: '[]',
          search_text: '',
          source_warnings_json: '[]',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const docx = Buffer.from('PK\u0003\u0004 word/document.xml 会议纪要');
    const pdf = Buffer.from('%PDF-1.7\nattachment\n%%EOF');
    const noticeFiles = [];
    for (const [name, bytes] of [
      ['纪要.docx', docx],
      ['附件.pdf', pdf],
      ['同一份.docx', docx],
    ] as const) {
      const row = await old
        .insertInto('notice_files')
        .values({
          notice_id: notice,
          assignment_id: null,
          report_id: null,
          name,
          content_type: 'application/octet-stream',
          size: bytes.length,
          sha256: sha(bytes),
          content_b64: bytes.toString('base64'),
          uploaded_by: null,
          uploaded_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      noticeFiles.push({ id: row.id as number, bytes });
    }

    const campaign = (
      await old
        .insertInto('campaigns')
        .values({
          region_id: region,
          name: '2026 春节慰问',
          year: 2026,
          window_start: '2026-01-01',
          window_end: '2026-02-28',
          spring_festival: '2026-02-17',
          due_date: '2026-02-10',
          ref_date: '2026-01-01',
          dedup_policy: 'highest',
          status: 'draft',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const letters = Buffer.from('%PDF-1.7\nletters\n%%EOF');
    const expiresAt = '2026-11-21T08:00:00.000Z';
    // as the job recorded it (its id and link are filled in below, as the job knew them)
    const result = { kind: 'letters', filename: '慰问信.pdf', pages: 3, count: 2, sizeBytes: letters.length };
    const job = (
      await old
        .insertInto('jobs')
        .values({
          kind: 'campaign-document:letters',
          status: 'succeeded',
          params_json: JSON.stringify({ campaignId: campaign, kind: 'letters' }),
          result_json: JSON.stringify(result),
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await old
      .insertInto('campaign_document_files')
      .values({
        job_id: job,
        campaign_id: campaign,
        kind: 'letters',
        filename: '慰问信.pdf',
        content: letters,
        size_bytes: letters.length,
        pages: 3,
        unprintable_json: '[]',
        created_by: null,
        created_at: at,
        expires_at: expiresAt,
      })
      .execute();

    await migrateToLatest(db);

    const files = await db
      .selectFrom('files')
      .select(['sha256', 'mime', 'size', 'content', 'expires_at'])
      .orderBy('size')
      .execute();
    // by size: letters 22 bytes, the PDF attachment 25, the document 35 (stored once for two attachments)
    expect(files.map((f) => [f.sha256, f.mime, f.expires_at])).toEqual([
      [sha(letters), 'application/pdf', expiresAt],
      [sha(pdf), 'application/pdf', null],
      [sha(docx), 'application/octet-stream', null],
    ]);
    for (const f of files) expect(sha(Buffer.from(f.content))).toBe(f.sha256);
    for (const f of noticeFiles) {
      const row = await db.selectFrom('notice_files').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
      expect(row.sha256).toBe(sha(f.bytes));
      expect(row).not.toHaveProperty('content_b64');
    }
    const jobRow = await db.selectFrom('jobs').select('result_json').where('id', '=', job).executeTakeFirstOrThrow();
    expect(JSON.parse(jobRow.result_json!)).toEqual({
      ...result,
      jobId: job,
      unprintable: [],
      expiresAt,
      downloadUrl: `/api/campaign-documents/${campaign}/files/${job}`,
      sha256: sha(letters),
    });
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('campaign_document_files');
  });
});
