/** Test-only: a district with streets, units and one user per role (plus outsiders), for the notices tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createUnit, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { clientFor, type TestClient, type TestResponse } from '../../../../test/helpers/test-app.ts';
import type { TestContext } from '../../../../test/helpers/test-context.ts';
import type { NoticeDetail, ParseResponse } from '../../../shared/api/notices.api.ts';
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
