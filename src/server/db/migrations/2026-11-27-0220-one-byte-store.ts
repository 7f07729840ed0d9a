import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// One store of bytes in the database: `files` (content-addressed). It gains an expiry for generated documents;
// the PDFs that campaign document jobs kept in `campaign_document_files` move into it (the job's result names
// the file, so download links by job id keep working) and the notices' attachments move out of the base64
// column of `notice_files` (whose rows, ids and links stay: they keep the file's hash, name and owner).

/** What the bytes are, as platform/files.ts sniffs them today (copied: a migration does not follow later code). */
function sniff(bytes: Buffer): string {
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return 'application/octet-stream';
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
type AnyDb = Kysely<any>;

/** Stores the bytes once; kept for good (null) wins over an expiry, the later expiry over the earlier. */
async function putBytes(db: AnyDb, bytes: Buffer, createdAt: string, expiresAt: string | null): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [kept, offered] = [sql.ref('files.expires_at'), sql.ref('excluded.expires_at')];
  await db
    .insertInto('files')
    .values({
      sha256,
      mime: sniff(bytes),
      size: bytes.length,
      content: bytes,
      created_at: createdAt,
      expires_at: expiresAt,
    })
    .onConflict((oc) =>
      oc
        .column('sha256')
        .doUpdateSet({
          expires_at: sql`case when ${kept} is null or ${offered} is null then null
            when ${kept} > ${offered} then ${kept} else ${offered} end`,
        })
        .where(sql<boolean>`${kept} is not null`),
    )
    .execute();
  return sha256;
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('files').addColumn('expires_at', 'text').execute();
  await db.schema.createIndex('files_expiry').on('files').column('expires_at').execute();

  // Notice and report attachments: one row at a time (a file may be megabytes).
  const noticeFiles: { id: number }[] = await db.selectFrom('notice_files').select('id').orderBy('id').execute();
  for (const { id } of noticeFiles) {
    const f = await db
      .selectFrom('notice_files')
      .select(['content_b64', 'uploaded_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const sha256 = await putBytes(db, Buffer.from(f.content_b64, 'base64'), f.uploaded_at, null);
    await db.updateTable('notice_files').set({ sha256 }).where('id', '=', id).execute();
  }
  await db.schema.alterTable('notice_files').dropColumn('content_b64').execute();

  // Campaign PDFs made by jobs: the bytes into `files` with their expiry, the hash into the job's result.
  const documents: { id: number }[] = await db
    .selectFrom('campaign_document_files')
    .select('id')
    .orderBy('id')
    .execute();
  for (const { id } of documents) {
    const d = await db.selectFrom('campaign_document_files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const sha256 = await putBytes(db, Buffer.from(d.content), d.created_at, d.expires_at);
    const job = await db.selectFrom('jobs').select('result_json').where('id', '=', d.job_id).executeTakeFirst();
    if (!job) continue;
    let result: Record<string, unknown> = {};
    try {
      result = job.result_json ? JSON.parse(job.result_json) : {};
    } catch {
      // rebuilt below from the file's own row
    }
    const rebuilt = {
      jobId: d.job_id,
      kind: d.kind,
      filename: d.filename,
      pages: Number(d.pages),
      count: 0,
      sizeBytes: Number(d.size_bytes),
      unprintable: JSON.parse(d.unprintable_json),
      expiresAt: d.expires_at,
      downloadUrl: `/api/campaign-documents/${d.campaign_id}/files/${d.job_id}`,
      ...result,
      sha256,
    };
    await db
      .updateTable('jobs')
      .set({ result_json: JSON.stringify(rebuilt) })
      .where('id', '=', d.job_id)
      .execute();
  }
  await db.schema.dropTable('campaign_document_files').execute();
}
