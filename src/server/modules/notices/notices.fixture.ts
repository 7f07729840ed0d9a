/** Test-only: a district with streets, units and one user per role (plus outsiders), for the notices tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createUnit, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { clientFor, createTestApp, type TestClient, type TestResponse } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { MyTaskItem, NoticeDetail, ParseResponse } from '../../../shared/api/notices.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import { insertRegion } from '../regions/regions.repo.ts';

export const seedsDir = path.resolve(process.cwd(), '../shared/seeds');

export function seedText(prefix: '000_' | '004_'): string {
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return readFileSync(path.join(seedsDir, file), 'utf8');
}

export function seedPath(prefix: '000_' | '004_'): string {
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return path.join(seedsDir, file);
}

/** A logged-in client that can also upload raw bytes (application/octet-stream). */
export interface NoticeClient extends TestClient {
  upload<T = unknown>(url: string, bytes: Buffer, contentType?: string): Promise<TestResponse<T>>;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<NoticeClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sy_session');
  if (!cookie) throw new Error('no session cookie');
  const session = {
    cookie: `sy_session=${cookie.value}`,
    csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken,
  };
  const client = clientFor(app, session);
  return {
    ...client,
    async upload<T>(url: string, bytes: Buffer, contentType = 'application/octet-stream') {
      const raw = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType },
        payload: bytes,
      });
      const type = String(raw.headers['content-type'] ?? '');
      const body = type.includes('json') && raw.body ? JSON.parse(raw.body) : raw.body;
      return { status: raw.statusCode, body: body as T, headers: raw.headers, raw };
    },
  };
}

export const allRoles: Role[] = ['admin', 'office', 'street', 'community', 'department', 'troop', 'leader', 'auditor'];

export interface World {
  r: TestRegions;
  otherDistrict: number;
  units: {
    deptA: number;
    deptB: number;
    m1: number;
    m2: number;
    streetA: number;
    streetB: number;
    social: number;
    officeUnit: number;
  };
  /** one client per role, inside the notices under test */
  clients: Record<Role, NoticeClient>;
  userIds: Record<Role, number>;
  /** users whose scope is beside the inside ones: the other district's office, the other street, deptB, m2 */
  outsiders: {
    office: NoticeClient;
    street: NoticeClient;
    department: NoticeClient;
    troop: NoticeClient;
    community: NoticeClient;
    leader: NoticeClient;
  };
  outsiderIds: { office: number; street: number; department: number; troop: number; community: number; leader: number };
}

export async function buildWorld(ctx: TestContext, app: FastifyInstance): Promise<World> {
  const r = await seedRegions(ctx);
  const district = await ctx.db
    .selectFrom('regions')
    .select('parent_id')
    .where('id', '=', r.district)
    .executeTakeFirstOrThrow();
  const otherDistrict = await insertRegion(ctx.db, {
    code: '310108',
    name: '邻区',
    level: 'district',
    parentId: district.parent_id,
  });
  const units = {
    deptA: await createUnit(ctx, { kind: 'department', name: '测试区教育局', regionId: r.district }),
    deptB: await createUnit(ctx, { kind: 'department', name: '测试区卫健委', regionId: r.district }),
    m1: await createUnit(ctx, {
      kind: 'military',
      name: '驻区某部（一）',
      designation: '91001部队',
      regionId: r.district,
    }),
    m2: await createUnit(ctx, {
      kind: 'military',
      name: '驻区某部（二）',
      designation: '91002部队',
      regionId: r.district,
    }),
    streetA: await createUnit(ctx, { kind: 'street_office', name: '甲街道办事处', regionId: r.streets[0] }),
    streetB: await createUnit(ctx, { kind: 'street_office', name: '乙街道办事处', regionId: r.streets[1] }),
    social: await createUnit(ctx, { kind: 'social_org', name: '测试区双拥促进会', regionId: r.district }),
    officeUnit: await createUnit(ctx, { kind: 'office', name: '测试区双拥办', regionId: r.district }),
  };
  const anchors: Record<Role, { regionId?: number; unitId?: number }> = {
    admin: {},
    office: { regionId: r.district },
    street: { regionId: r.streets[0] },
    community: { regionId: r.communities[0][0] },
    department: { unitId: units.deptA },
    troop: { unitId: units.m1 },
    leader: { regionId: r.district },
    auditor: {},
  };
  const clients = {} as Record<Role, NoticeClient>;
  const userIds = {} as Record<Role, number>;
  for (const role of allRoles) {
    const user = await createUser(ctx, { role, ...anchors[role] });
    userIds[role] = user.id;
    clients[role] = await login(app, user.username, user.password);
  }
  const outsiderAnchors = {
    office: { role: 'office' as const, regionId: otherDistrict },
    street: { role: 'street' as const, regionId: r.streets[1] },
    department: { role: 'department' as const, unitId: units.deptB },
    troop: { role: 'troop' as const, unitId: units.m2 },
    community: { role: 'community' as const, regionId: r.communities[1][0] },
    leader: { role: 'leader' as const, regionId: otherDistrict },
  };
  const outsiders = {} as World['outsiders'];
  const outsiderIds = {} as World['outsiderIds'];
  for (const [key, anchor] of Object.entries(outsiderAnchors) as [
    keyof World['outsiders'],
    (typeof outsiderAnchors)['office'],
  ][]) {
    const user = await createUser(ctx, anchor);
    outsiderIds[key] = user.id;
    outsiders[key] = await login(app, user.username, user.password);
  }
  return { r, otherDistrict, units, clients, userIds, outsiders, outsiderIds };
}

/** Parses a seed through the API and saves the draft as it came out. */
export async function importSeed(client: TestClient, prefix: '000_' | '004_', title?: string): Promise<NoticeDetail> {
  const parsed = await client.post<ParseResponse>('/api/notices/parse', {
    text: seedText(prefix),
    name: `${prefix}.txt`,
  });
  if (parsed.status !== 200) throw new Error(`parse: ${parsed.status} ${JSON.stringify(parsed.body)}`);
  const d = parsed.body.draft;
  const saved = await client.post<NoticeDetail>('/api/notices', {
    docNumber: d.docNumber,
    title: title ?? d.title ?? '2025年春节期间拥军优属拥政爱民工作',
    issuers: d.issuers,
    date: d.date,
    recipients: d.recipients,
    cc: d.cc,
    body: d.body,
    requirements: d.requirements,
    attachments: d.attachments,
    inner: d.inner,
    tasks: d.tasks.map((t) => ({ no: t.no, title: t.title, body: t.body, suggestedKinds: t.suggestedKinds })),
    source: { name: parsed.body.sourceName, text: parsed.body.sourceText, warnings: parsed.body.warnings },
  });
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
  return saved.body;
}

export async function assign(
  client: TestClient,
  noticeId: number,
  taskId: number,
  assignments: { unitId: number; deadline: string }[],
): Promise<NoticeDetail> {
  const res = await client.put<NoticeDetail>(`/api/notices/${noticeId}/tasks/${taskId}/assignments`, { assignments });
  if (res.status !== 200) throw new Error(`assign: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function publish(client: TestClient, noticeId: number): Promise<NoticeDetail> {
  const res = await client.post<NoticeDetail>(`/api/notices/${noticeId}/publish`);
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A date relative to today in China: `daysFromToday(-3)` is three days ago. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A notice's detail as the body of 修改通知 (PUT /api/notices/:id), its tasks as they stand. */
export function editBody(d: NoticeDetail) {
  return {
    docNumber: d.docNumber,
    title: d.title,
    issuers: d.issuers,
    date: d.date,
    recipients: d.recipients,
    cc: d.cc,
    body: d.body ?? '',
    requirements: d.requirements,
    attachments: d.attachments,
    inner: d.inner ? { ...d.inner, body: d.inner.body ?? '' } : null,
    tasks: d.tasks.map((t) => ({ id: t.id, no: t.no, title: t.title, body: t.body })),
    version: d.version,
  };
}

/** The calling test file's world on a fresh database: built by its `beforeAll` and closed by its `afterAll`. */
export function noticesWorld(): World & { ctx: TestContext; app: FastifyInstance } {
  const w = {} as World & { ctx: TestContext; app: FastifyInstance };
  beforeAll(async () => {
    const ctx = await createTestContext();
    const app = await createTestApp(ctx);
    Object.assign(w, { ctx, app }, await buildWorld(ctx, app));
  });
  afterAll(async () => {
    await w.app.close();
    await w.ctx.close();
  });
  return w;
}

export async function unreadTitles(client: TestClient): Promise<string[]> {
  const res = await client.get<{ items: { title: string; read: boolean; body: string | null }[] }>(
    '/api/notifications?unreadOnly=true&pageSize=200',
  );
  return res.body.items.map((n) => n.title);
}

export async function markAllRead(client: TestClient) {
  await client.post('/api/notifications/read', { ids: 'all' });
}

/** Marks read every notification of the people who hear of notices, so the next assertions see only what follows. */
async function clearInboxes(w: World) {
  const c = w.clients;
  for (const client of [c.department, c.troop, c.street, c.community, c.office, c.leader]) await markAllRead(client);
  for (const client of Object.values(w.outsiders)) await markAllRead(client);
}

/**
 * The Putuo seed as a draft with its four tasks assigned: 1 to deptA, m1 and street A (due in 10 days); 2 to
 * deptA and deptB and 3 to street B (both three days overdue); 4 to m2 (due in 10 days). Every inbox is read.
 */
export async function assignedNotice(w: World): Promise<NoticeDetail> {
  const past = daysFromToday(-3);
  const future = daysFromToday(10);
  const notice = await importSeed(w.clients.office, '000_');
  const [t1, t2, t3, t4] = notice.tasks;
  await assign(w.clients.office, notice.id, t1!.id, [
    { unitId: w.units.deptA, deadline: future },
    { unitId: w.units.m1, deadline: future },
    { unitId: w.units.streetA, deadline: future },
  ]);
  await assign(w.clients.office, notice.id, t2!.id, [
    { unitId: w.units.deptA, deadline: past },
    { unitId: w.units.deptB, deadline: past },
  ]);
  await assign(w.clients.office, notice.id, t3!.id, [{ unitId: w.units.streetB, deadline: past }]);
  const assigned = await assign(w.clients.office, notice.id, t4!.id, [{ unitId: w.units.m2, deadline: future }]);
  await clearInboxes(w);
  return assigned;
}

/** `assignedNotice`, published; every inbox read again. */
export async function publishedNotice(w: World): Promise<NoticeDetail> {
  const notice = await assignedNotice(w);
  const published = await publish(w.clients.office, notice.id);
  await clearInboxes(w);
  return published;
}

/** The tasks of one notice in a user's own task list (`/api/notices/tasks` lists those of every notice). */
export async function myTasks(client: TestClient, noticeId: number): Promise<MyTaskItem[]> {
  const res = await client.get<{ items: MyTaskItem[] }>('/api/notices/tasks');
  return res.body.items.filter((i) => i.noticeId === noticeId);
}

/**
 * `publishedNotice`, worked on: deptA has reported task 1 on time and task 2 late, street A has acknowledged
 * task 1; deptB (task 2) and street B (task 3) are overdue, m1 (task 1) and m2 (task 4) still pending.
 */
export async function workedNotice(w: World): Promise<NoticeDetail> {
  const notice = await publishedNotice(w);
  const ok = async (res: Promise<{ status: number; body: unknown }>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  };
  const dept = await myTasks(w.clients.department, notice.id);
  for (const a of dept) {
    await ok(w.clients.department.post(`/api/notices/assignments/${a.id}/acknowledge`));
    await ok(
      w.clients.department.post(`/api/notices/assignments/${a.id}/reports`, { text: `第${a.taskNo}项已落实。` }),
    );
  }
  const [street] = await myTasks(w.clients.street, notice.id);
  await ok(w.clients.street.post(`/api/notices/assignments/${street!.id}/acknowledge`));
  await clearInboxes(w);
  return (await w.clients.office.get<NoticeDetail>(`/api/notices/${notice.id}`)).body;
}
