/**
 * The world the troop and army–people tests share: one district with two streets, a second district, two
 * departments, three military units (two in the district, one outside) and a user of every role, logged in.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createUnit, createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { clientFor, createTestApp, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import { addDays, localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { insertRegion } from '../regions/regions.repo.ts';

export const designations = { m1: '91001部队', m2: '91002部队', mOut: '91003部队' } as const;
export const aliases = { m1: '驻区某部（一）', m2: '驻区某部（二）', mOut: '外区某部' } as const;

export type UserKey =
  | 'admin'
  | 'office'
  | 'officeOut'
  | 'street'
  | 'street2'
  | 'community'
  | 'department'
  | 'department2'
  | 'troop'
  | 'troop2'
  | 'leader'
  | 'auditor';

export interface World {
  ctx: TestContext;
  app: FastifyInstance;
  r: TestRegions;
  otherDistrict: number;
  units: { deptA: number; deptB: number; m1: number; m2: number; mOut: number; street1Office: number };
  users: Record<UserKey, { id: number; client: TestClient; session: { cookie: string; csrf: string } }>;
  close(): Promise<void>;
}

export async function buildWorld(): Promise<World> {
  const ctx = await createTestContext();
  const app = await createTestApp(ctx);
  const r = await seedRegions(ctx);
  const otherDistrict = await insertRegion(ctx.db, { code: '310108', name: '外区', level: 'district', parentId: null });
  const units = {
    deptA: await createUnit(ctx, { kind: 'department', name: '区教育局' }),
    deptB: await createUnit(ctx, { kind: 'department', name: '区卫健委' }),
    m1: await createUnit(ctx, {
      kind: 'military',
      name: aliases.m1,
      designation: designations.m1,
      regionId: r.district,
    }),
    m2: await createUnit(ctx, {
      kind: 'military',
      name: aliases.m2,
      designation: designations.m2,
      regionId: r.district,
    }),
    mOut: await createUnit(ctx, {
      kind: 'military',
      name: aliases.mOut,
      designation: designations.mOut,
      regionId: otherDistrict,
    }),
    street1Office: await createUnit(ctx, { kind: 'street_office', name: '甲街道办事处', regionId: r.streets[0] }),
  };
  const anchors: Record<UserKey, Parameters<typeof createUser>[1]> = {
    admin: { role: 'admin' },
    office: { role: 'office', regionId: r.district },
    officeOut: { role: 'office', regionId: otherDistrict },
    street: { role: 'street', regionId: r.streets[0] },
    street2: { role: 'street', regionId: r.streets[1] },
    community: { role: 'community', regionId: r.communities[0][0] },
    department: { role: 'department', unitId: units.deptA },
    department2: { role: 'department', unitId: units.deptB },
    troop: { role: 'troop', unitId: units.m1 },
    troop2: { role: 'troop', unitId: units.m2 },
    leader: { role: 'leader', regionId: r.district },
    auditor: { role: 'auditor' },
  };
  const users = {} as World['users'];
  for (const key of Object.keys(anchors) as UserKey[]) {
    const user = await createUser(ctx, anchors[key]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: user.password },
    });
    const cookie = res.cookies.find((c) => c.name === 'sy_session');
    if (res.statusCode !== 200 || !cookie) throw new Error(`login ${user.username} failed: ${res.body}`);
    const session = {
      cookie: `sy_session=${cookie.value}`,
      csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken,
    };
    users[key] = { id: user.id, client: clientFor(app, session), session };
  }
  return {
    ctx,
    app,
    r,
    otherDistrict,
    units,
    users,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

/** The calling test file's world: built by its `beforeAll` and closed by its `afterAll`. */
export function troopsWorld(): World {
  const w = {} as World;
  beforeAll(async () => {
    Object.assign(w, await buildWorld());
  });
  afterAll(async () => {
    await w.close();
  });
  return w;
}

/** Today's calendar date in Beijing. */
export const today = () => localDateOf(new Date().toISOString());
export type Step = { id: number; status: string; request: RequestDetail | null };
export type ErrorBody = { error: { code: string; message: string } };

/** The request steps the flow tests take, as the users of `w` take them. */
export function requestSteps(w: World) {
  const client = (key: UserKey) => w.users[key].client;

  async function raise(key: UserKey = 'troop', title = '营区门口道路破损', extra: Record<string, unknown> = {}) {
    const res = await client(key).post<RequestDetail>('/api/troops/requests', {
      kindCode: 'camp_environment',
      title,
      content: '营区东门外道路坑洼，雨天积水，影响车辆出入和官兵训练。',
      ...extra,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function assign(
    id: number,
    departmentId: number,
    dueDate = addDays(today(), 10),
    comment: string | null = '请尽快办理',
  ) {
    return client('office').post<Step>(`/api/troops/requests/${id}/assign`, { departmentId, dueDate, comment });
  }

  return { client, raise, assign };
}

/** Unread notifications of one user, newest first. */
export async function inbox(w: World, key: UserKey) {
  const res = await w.users[key].client.get<{
    items: { kind: string; title: string; body: string | null; link: string | null }[];
  }>('/api/notifications?unreadOnly=true&pageSize=100');
  return res.body.items;
}

/** Marks every notification of every user read, so the next assertions see only what comes after. */
export async function clearInboxes(w: World) {
  for (const key of Object.keys(w.users) as UserKey[]) {
    if (key === 'auditor') continue;
    await w.users[key].client.post('/api/notifications/read', { ids: 'all' });
  }
}

/** A minimal valid PNG (1×1). */
export const pngBytes = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Posts raw bytes as `application/octet-stream` (an upload) with the user's session. */
export async function uploadAs(
  w: World,
  key: UserKey,
  url: string,
  bytes: Buffer,
  query: Record<string, string> = {},
): Promise<{ status: number; body: { id?: number; name?: string; error?: { code: string; message: string } } }> {
  const qs = new URLSearchParams(query).toString();
  const { session } = w.users[key];
  const res = await w.app.inject({
    method: 'POST',
    url: qs ? `${url}?${qs}` : url,
    payload: bytes,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : {} };
}
