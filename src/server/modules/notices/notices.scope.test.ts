/**
 * Every notices endpoint × every role × a record inside / beside / outside the role's scope. Expected statuses
 * are written out; a 404 must look exactly like a record that does not exist, and what a unit may read must not
 * carry other units' names.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestResponse } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { MyTaskItem, NoticeDetail, NoticeFileItem } from '../../../shared/api/notices.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import {
  allRoles,
  assign,
  buildWorld,
  daysFromToday,
  editBody,
  importSeed,
  type NoticeClient,
  publish,
  seedText,
  type World,
} from './notices.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let w: World;

/** Records the roles are tested against. */
const rec = {} as {
  /** the district office's published notice: task 1 → deptA, m1, streetA; task 2 → deptB, m2, streetB */
  inside: NoticeDetail;
  /** the neighbouring district's published notice: assigned to deptB, m2 and street B only */
  outside: NoticeDetail;
  /** the district office's draft, assigned to the inside units but not published */
  draft: NoticeDetail;
  /** assignments of `inside` by unit, task 1 and task 2 */
  a1: Record<'deptA' | 'm1' | 'streetA', number>;
  a2: Record<'deptB' | 'm2' | 'streetB', number>;
  aOut: number;
  files: { notice: number; reportIn: number; reportSibling: number; noticeOut: number; reportOut: number };
};

const future = daysFromToday(20);

async function createDraft(client: NoticeClient, assignTo: number[]): Promise<NoticeDetail> {
  const res = await client.post<NoticeDetail>('/api/notices', {
    title: `测试通知${Math.random().toString(36).slice(2, 8)}`,
    issuers: ['测试区双拥办'],
    tasks: [{ no: 1, title: '做好走访慰问', body: '各街道要逐户走访。' }],
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  if (assignTo.length === 0) return res.body;
  return assign(
    client,
    res.body.id,
    res.body.tasks[0]!.id,
    assignTo.map((unitId) => ({ unitId, deadline: future })),
  );
}

async function reportWithFile(client: NoticeClient, assignmentId: number, name: string): Promise<number> {
  const f = await client.upload<NoticeFileItem>(
    `/api/notices/assignments/${assignmentId}/files?name=${name}`,
    Buffer.from('报告'),
  );
  if (f.status !== 200) throw new Error(JSON.stringify(f.body));
  const r = await client.post(`/api/notices/assignments/${assignmentId}/reports`, {
    text: '已落实',
    fileIds: [f.body.id],
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return f.body.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  w = await buildWorld(ctx, app);
  const u = w.units;

  let inside = await importSeed(w.clients.office, '000_');
  const [t1, t2] = inside.tasks;
  await assign(
    w.clients.office,
    inside.id,
    t1!.id,
    [u.deptA, u.m1, u.streetA].map((unitId) => ({ unitId, deadline: future })),
  );
  await assign(
    w.clients.office,
    inside.id,
    t2!.id,
    [u.deptB, u.m2, u.streetB].map((unitId) => ({ unitId, deadline: future })),
  );
  const noticeFile = await w.clients.office.upload<NoticeFileItem>(
    `/api/notices/${inside.id}/files?name=a.pdf`,
    Buffer.from('%PDF'),
  );
  inside = await publish(w.clients.office, inside.id);
  const byUnit = (taskNo: number, unitId: number) =>
    inside.tasks.find((t) => t.no === taskNo)!.assignments.find((a) => a.unitId === unitId)!.id;
  rec.inside = inside;
  rec.a1 = { deptA: byUnit(1, u.deptA), m1: byUnit(1, u.m1), streetA: byUnit(1, u.streetA) };
  rec.a2 = { deptB: byUnit(2, u.deptB), m2: byUnit(2, u.m2), streetB: byUnit(2, u.streetB) };

  let outside = await createDraft(w.outsiders.office, [u.deptB, u.m2, u.streetB]);
  const noticeOut = await w.outsiders.office.upload<NoticeFileItem>(
    `/api/notices/${outside.id}/files?name=b.pdf`,
    Buffer.from('%PDF'),
  );
  outside = await publish(w.outsiders.office, outside.id);
  rec.outside = outside;
  rec.aOut = outside.tasks[0]!.assignments.find((a) => a.unitId === u.deptB)!.id;
  rec.draft = await createDraft(w.clients.office, [u.deptA, u.m1, u.streetA]);

  rec.files = {
    notice: noticeFile.body.id,
    reportIn: await reportWithFile(w.clients.department, rec.a1.deptA, 'in.docx'),
    reportSibling: await reportWithFile(w.outsiders.department, rec.a2.deptB, 'sibling.docx'),
    noticeOut: noticeOut.body.id,
    reportOut: await reportWithFile(w.outsiders.department, rec.aOut, 'out.docx'),
  };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

// ------------------------------------------------------------------------------------------------------------

type Side = 'inside' | 'sibling' | 'outside';
type Expect = 200 | 403 | 404;

/** What a 404 for a record that does not exist looks like, per URL shape. */
async function missing(client: NoticeClient, method: string, url: string, body?: unknown): Promise<unknown> {
  const ghost = url.replace(/\/(\d+)(?=\/|$|\.xlsx|\?)/, '/987654');
  const res = await send(client, method, ghost, body);
  return (res.body as { error?: unknown }).error;
}

async function send(client: NoticeClient, method: string, url: string, body?: unknown): Promise<TestResponse> {
  if (method === 'GET') return client.get(url);
  if (method === 'DELETE') return client.delete(url);
  if (method === 'PUT') return client.put(url, body);
  if (method === 'UPLOAD') return client.upload(url, Buffer.from('内容'));
  return client.post(url, body);
}

const foreignUnitNames: Partial<Record<Role, string[]>> = {
  department: ['测试区卫健委', '驻区某部', '甲街道办事处', '乙街道办事处', '9100'],
  troop: ['测试区教育局', '测试区卫健委', '驻区某部（二）', '甲街道办事处', '乙街道办事处', '91002'],
  street: ['测试区教育局', '测试区卫健委', '驻区某部', '乙街道办事处', '9100'],
  community: ['测试区教育局', '测试区卫健委', '驻区某部', '乙街道办事处', '9100'],
};

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'UPLOAD';
  /** url and body for a role and side; prepared right before the request (fresh drafts, current versions) */
  prepare: (role: Role, side: Side) => Promise<{ url: string; body?: unknown }>;
  expected: (role: Role, side: Side) => Expect;
  sides: Side[];
}

const managers = new Set<Role>(['admin', 'office']);
const unitRoles = new Set<Role>(['street', 'community', 'department', 'troop']);
const readers = new Set<Role>([...managers, 'leader', ...unitRoles]);

/** Reading a notice: the owner region's office and leader, the admin, and the units it was assigned to. */
const readNotice = (role: Role, side: Side): Expect => {
  if (!readers.has(role)) return 403;
  if (side === 'outside') return role === 'admin' ? 200 : 404;
  return 200;
};
const manageNotice = (role: Role, side: Side): Expect => {
  if (!managers.has(role)) return 403;
  return side === 'outside' && role === 'office' ? 404 : 200;
};
/** Acting on an assignment: only for its own unit; visible but not one's own → 403, invisible → 404. */
const actOn = (role: Role, side: Side): Expect => {
  if (role === 'leader' || role === 'auditor') return 403;
  if (managers.has(role)) return side === 'outside' && role === 'office' ? 404 : 403;
  if (side !== 'inside') return 404;
  return role === 'community' ? 403 : 200;
};

const inOut = (side: Side) => (side === 'outside' ? rec.outside : rec.inside);
const ownAssignment = (role: Role): number =>
  role === 'troop' ? rec.a1.m1 : role === 'street' || role === 'community' ? rec.a1.streetA : rec.a1.deptA;
const siblingAssignment = (role: Role): number =>
  role === 'troop' ? rec.a2.m2 : role === 'street' || role === 'community' ? rec.a2.streetB : rec.a2.deptB;
const assignmentFor = (role: Role, side: Side) =>
  side === 'inside' ? ownAssignment(role) : side === 'sibling' ? siblingAssignment(role) : rec.aOut;

async function freshVersion(id: number): Promise<NoticeDetail> {
  return (await w.clients.admin.get<NoticeDetail>(`/api/notices/${id}`)).body;
}

const cases: Case[] = [
  {
    name: 'GET /api/notices/:id',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(side).id}` }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/:id (draft)',
    method: 'GET',
    sides: ['inside'],
    prepare: async () => ({ url: `/api/notices/${rec.draft.id}` }),
    expected: (role) => (role === 'auditor' ? 403 : managers.has(role) || role === 'leader' ? 200 : 404),
  },
  {
    name: 'GET /api/notices/:id/matrix',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(side).id}/matrix` }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/:id/matrix.xlsx',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(side).id}/matrix.xlsx` }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/files/:id (notice attachment)',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({
      url: `/api/notices/files/${side === 'outside' ? rec.files.noticeOut : rec.files.notice}`,
    }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/files/:id (report attachment)',
    method: 'GET',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (_r, side) => ({
      url: `/api/notices/files/${side === 'inside' ? rec.files.reportIn : side === 'sibling' ? rec.files.reportSibling : rec.files.reportOut}`,
    }),
    // the report of deptA on task 1 (inside), of deptB on task 2 (sibling), of deptB on the other notice (outside)
    expected: (role, side) => {
      if (!readers.has(role)) return 403;
      if (side === 'outside') return role === 'admin' ? 200 : 404;
      if (managers.has(role) || role === 'leader') return 200;
      return role === 'department' && side === 'inside' ? 200 : 404;
    },
  },
  {
    name: 'PUT /api/notices/:id',
    method: 'PUT',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await freshVersion(inOut(side).id);
      return {
        url: `/api/notices/${d.id}`,
        body: editBody(d),
      };
    },
    expected: manageNotice,
  },
  {
    name: 'PUT /api/notices/:id/tasks/:taskId/assignments',
    method: 'PUT',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await freshVersion(inOut(side).id);
      const t = d.tasks[0]!;
      return {
        url: `/api/notices/${d.id}/tasks/${t.id}/assignments`,
        body: { assignments: t.assignments.map((a) => ({ unitId: a.unitId, deadline: a.deadline })) },
      };
    },
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/publish',
    method: 'POST',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d =
        side === 'outside'
          ? await createDraft(w.outsiders.office, [w.units.deptB])
          : await createDraft(w.clients.office, [w.units.deptA]);
      return { url: `/api/notices/${d.id}/publish` };
    },
    expected: manageNotice,
  },
  {
    name: 'DELETE /api/notices/:id',
    method: 'DELETE',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await createDraft(side === 'outside' ? w.outsiders.office : w.clients.office, []);
      return { url: `/api/notices/${d.id}` };
    },
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/reminders',
    method: 'POST',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(side).id}/reminders` }),
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/files',
    method: 'UPLOAD',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(side).id}/files?name=x.txt` }),
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/assignments/:id/acknowledge',
    method: 'POST',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({ url: `/api/notices/assignments/${assignmentFor(role, side)}/acknowledge` }),
    expected: actOn,
  },
  {
    name: 'POST /api/notices/assignments/:id/files',
    method: 'UPLOAD',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({ url: `/api/notices/assignments/${assignmentFor(role, side)}/files?name=y.txt` }),
    expected: actOn,
  },
  {
    name: 'POST /api/notices/assignments/:id/reports',
    method: 'POST',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({
      url: `/api/notices/assignments/${assignmentFor(role, side)}/reports`,
      body: { text: '已按要求落实。' },
    }),
    expected: actOn,
  },
];

describe.each(cases)('$name', (c) => {
  const rows = allRoles.flatMap((role) => c.sides.map((side) => ({ role, side })));
  it.each(rows)('$role × $side', async ({ role, side }) => {
    const client = w.clients[role];
    const { url, body } = await c.prepare(role, side);
    const want = c.expected(role, side);
    const res = await send(client, c.method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(want);
    if (want === 404) {
      // indistinguishable from a record that does not exist
      expect((res.body as { error: unknown }).error).toEqual(await missing(client, c.method, url, body));
    }
    if (want === 200 && c.method === 'GET' && foreignUnitNames[role]) {
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      for (const name of foreignUnitNames[role] ?? []) expect(text, name).not.toContain(name);
      if (typeof res.body !== 'string') {
        // the full text of the notice (all sections) is for those who see it whole
        expect(text).not.toContain('深入开展军地共建活动');
      }
    }
  });
});

describe('capability-only endpoints', () => {
  it.each(allRoles)(
    '%s: parse, upload-parse and create are for managers; list and my tasks for readers',
    async (role) => {
      const client = w.clients[role];
      const manage = managers.has(role) ? 200 : 403;
      expect((await client.post('/api/notices/parse', { text: seedText('004_') })).status).toBe(manage);
      expect((await client.upload('/api/notices/parse-file?name=a.txt', Buffer.from(seedText('004_')))).status).toBe(
        manage,
      );
      expect((await client.post('/api/notices', { title: 't', issuers: ['x'] })).status).toBe(manage);
      const read = readers.has(role) ? 200 : 403;
      expect((await client.get('/api/notices')).status).toBe(read);
      expect((await client.get('/api/notices/tasks')).status).toBe(read);
    },
  );
});

describe('lists show exactly what is in scope', () => {
  const titles = async (client: NoticeClient) =>
    (await client.get<{ items: { id: number }[] }>('/api/notices?pageSize=200')).body.items.map((i) => i.id);

  it.each(allRoles.filter((r) => r !== 'auditor'))('%s', async (role) => {
    const ids = await titles(w.clients[role]);
    const sees = (id: number) => ids.includes(id);
    expect(sees(rec.inside.id)).toBe(true);
    expect(sees(rec.outside.id)).toBe(role === 'admin');
    expect(sees(rec.draft.id)).toBe(managers.has(role) || role === 'leader');
  });

  it('outsiders see their own notice and not the inside draft', async () => {
    expect(await titles(w.outsiders.office)).not.toContain(rec.inside.id);
    expect(await titles(w.outsiders.department)).toEqual(expect.arrayContaining([rec.inside.id, rec.outside.id]));
    expect(await titles(w.outsiders.leader)).toContain(rec.outside.id);
    expect(await titles(w.outsiders.leader)).not.toContain(rec.inside.id);
    expect(await titles(w.outsiders.community)).toEqual(expect.arrayContaining([rec.inside.id, rec.outside.id]));
  });

  it('my tasks list only the own unit’s assignments', async () => {
    const units = async (client: NoticeClient) => [
      ...new Set((await client.get<{ items: MyTaskItem[] }>('/api/notices/tasks')).body.items.map((i) => i.unitId)),
    ];
    expect(await units(w.clients.department)).toEqual([w.units.deptA]);
    expect(await units(w.clients.troop)).toEqual([w.units.m1]);
    expect(await units(w.clients.street)).toEqual([w.units.streetA]);
    expect(await units(w.clients.community)).toEqual([w.units.streetA]);
    expect(await units(w.clients.leader)).toEqual([]);
    expect(await units(w.clients.office)).toEqual([]);
    expect(await units(w.outsiders.department)).toEqual([w.units.deptB]);
  });

  it('the list counts only what the viewer may see', async () => {
    const item = async (client: NoticeClient) =>
      (
        await client.get<{ items: { id: number; taskCount: number; counts: { total: number } }[] }>('/api/notices')
      ).body.items.find((i) => i.id === rec.inside.id);
    expect(await item(w.clients.office)).toMatchObject({ taskCount: 4, counts: { total: 6 } });
    expect(await item(w.clients.department)).toMatchObject({ taskCount: 1, counts: { total: 1 } });
  });
});

describe('a liaison of an office unit acts for it', () => {
  it('an office user attached to the office unit sees and acknowledges that unit’s task', async () => {
    const d = await createDraft(w.clients.office, [w.units.officeUnit]);
    await publish(w.clients.office, d.id);
    // the neighbouring office's user does not see it even when it names a unit of its own
    expect((await w.outsiders.office.get(`/api/notices/${d.id}`)).status).toBe(404);
    const detail = await w.clients.office.get<NoticeDetail>(`/api/notices/${d.id}`);
    const a = detail.body.tasks[0]!.assignments[0]!;
    expect(a.canAct).toBe(false);
  });
});
