import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type ExcelTypes, excelJs } from '../../src/server/platform/exceljs.ts';
import { idCheckDigit } from '../../src/shared/domain/id-number.ts';
import type { Role } from '../../src/shared/permissions.ts';
import { createUser, type TestRegions } from './factories.ts';
import { clientFor, type TestClient } from './test-app.ts';
import type { TestContext } from './test-context.ts';

/**
 * Roster files as the import tests need them, built in the test (never checked-in binaries), and an uploader
 * that sends a file the way the web app does (raw body, session cookie and CSRF token).
 */

let idSeq = 500;

/** A valid 18-digit 身份证号 (GB 11643) for a birth date, unique per call unless `seq` is given. */
export function makeId(birth = '19500312', sex: 'M' | 'F' = 'M', seq?: number, prefix = '310107'): string {
  let n = seq ?? ++idSeq;
  if ((n % 2 === 1) !== (sex === 'M')) n++;
  if (seq === undefined) idSeq = n;
  const body = `${prefix}${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

export type Cell = ExcelTypes.CellValue;

export interface SheetSpec {
  name?: string;
  rows: Cell[][];
  /** Ranges such as `A1:L1`. */
  merges?: string[];
  /** Columns (1-based) whose text cells get the text number format `@`, as a careful clerk sets them. */
  textColumns?: number[];
  /** Called after the rows are added, e.g. to set number formats. */
  after?: (sheet: ExcelTypes.Worksheet) => void;
}

/** An .xlsx built with exceljs: one sheet per spec. */
export async function buildXlsx(...sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name ?? 'Sheet1');
    spec.rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 1);
      cells.forEach((v, c) => {
        if (v === undefined) return;
        const cell = row.getCell(c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        if (typeof v === 'string' && spec.textColumns?.includes(c + 1)) cell.numFmt = '@';
      });
      row.commit();
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
    spec.after?.(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads an .xlsx back into plain rows of cell values (first sheet or the named one). */
export async function readXlsx(bytes: Buffer | Uint8Array, sheetName?: string): Promise<ExcelTypes.Worksheet> {
  const workbook = new (excelJs().Workbook)();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelTypes.Buffer);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

let gbk: Map<string, number[]> | null = null;

/** GBK bytes of a text (Node decodes GBK but cannot encode it): the table is built by decoding every pair. */
export function encodeGbk(text: string): Buffer {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbk.has(ch)) gbk.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbk.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export interface Session {
  cookie: string;
  csrf: string;
  client: TestClient;
}

/** Logs in and keeps the raw cookie and CSRF token (uploads are sent with app.inject directly). */
export async function session(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sy_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
  const value = `sy_session=${cookie.value}`;
  return { cookie: value, csrf, client: clientFor(app, { cookie: value, csrf }) };
}

/**
 * A user of every role, each signed in: office and leader at the district, street at the first street, community
 * at its first community, the others without a region.
 */
export async function sessionPerRole(
  ctx: TestContext,
  app: FastifyInstance,
  r: TestRegions,
): Promise<Record<Role, Session & { userId: number; username: string }>> {
  const anchors: Record<Role, { regionId?: number }> = {
    admin: {},
    office: { regionId: r.district },
    street: { regionId: r.streets[0] },
    community: { regionId: r.communities[0][0] },
    department: {},
    troop: {},
    leader: { regionId: r.district },
    auditor: {},
  };
  const users = {} as Record<Role, Session & { userId: number; username: string }>;
  for (const role of Object.keys(anchors) as Role[]) {
    const u = await createUser(ctx, { role, ...anchors[role] });
    users[role] = { ...(await session(app, u.username, u.password)), userId: u.id, username: u.username };
  }
  return users;
}

/** POSTs a file as the raw body (`application/octet-stream`), as the web app's upload does. */
export function upload(app: FastifyInstance, s: Session, url: string, bytes: Buffer): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

/** GETs a binary response (xlsx) with the session. */
export function download(app: FastifyInstance, s: Session, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
}

export interface JobBody {
  id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  errorCode: string | null;
}

/** Polls GET /api/jobs/:id as the UI does, until the job has finished. */
export async function waitForJob(client: TestClient, jobId: number, timeoutMs = 60_000): Promise<JobBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get<JobBody>(`/api/jobs/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} did not finish: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
