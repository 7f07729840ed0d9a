/**
 * Test-only: the records and the table runner of the notices scope tests (notices.scope-*.test.ts). Every
 * notices endpoint × every role × a record inside / beside / outside the role's scope, with the expected statuses
 * written out; a 404 must look exactly like a record that does not exist, and what a unit may read must not carry
 * other units' names. Each test file builds its own world on a fresh database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestResponse } from '../../../../test/helpers/test-app.ts';
import type { NoticeDetail, NoticeFileItem } from '../../../shared/api/notices.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import {
  allRoles,
  assign,
  daysFromToday,
  importSeed,
  type NoticeClient,
  noticesWorld,
  publish,
  type World,
} from './notices.fixture.ts';

/** Records the roles are tested against. */
export interface ScopeRecords {
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
}

export type ScopeWorld = ReturnType<typeof noticesWorld> & { rec: ScopeRecords };

const future = daysFromToday(20);

export async function createDraft(client: NoticeClient, assignTo: number[]): Promise<NoticeDetail> {
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

async function seedRecords(w: World): Promise<ScopeRecords> {
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
  const a1 = { deptA: byUnit(1, u.deptA), m1: byUnit(1, u.m1), streetA: byUnit(1, u.streetA) };
  const a2 = { deptB: byUnit(2, u.deptB), m2: byUnit(2, u.m2), streetB: byUnit(2, u.streetB) };

  let outside = await createDraft(w.outsiders.office, [u.deptB, u.m2, u.streetB]);
  const noticeOut = await w.outsiders.office.upload<NoticeFileItem>(
    `/api/notices/${outside.id}/files?name=b.pdf`,
    Buffer.from('%PDF'),
  );
  outside = await publish(w.outsiders.office, outside.id);
  const aOut = outside.tasks[0]!.assignments.find((a) => a.unitId === u.deptB)!.id;
  const draft = await createDraft(w.clients.office, [u.deptA, u.m1, u.streetA]);

  const files = {
    notice: noticeFile.body.id,
    reportIn: await reportWithFile(w.clients.department, a1.deptA, 'in.docx'),
    reportSibling: await reportWithFile(w.outsiders.department, a2.deptB, 'sibling.docx'),
    noticeOut: noticeOut.body.id,
    reportOut: await reportWithFile(w.outsiders.department, aOut, 'out.docx'),
  };
  return { inside, outside, draft, a1, a2, aOut, files };
}

/** The calling test file's world and records on a fresh database, built in its `beforeAll`. */
export function scopeWorld(): ScopeWorld {
  const w = noticesWorld() as ScopeWorld;
  beforeAll(async () => {
    w.rec = await seedRecords(w);
  });
  return w;
}

// ------------------------------------------------------------------------------------------------------------

export type Side = 'inside' | 'sibling' | 'outside';
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

export interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'UPLOAD';
  /** url and body for a role and side; prepared right before the request (fresh drafts, current versions) */
  prepare: (role: Role, side: Side) => Promise<{ url: string; body?: unknown }>;
  expected: (role: Role, side: Side) => Expect;
  sides: Side[];
}

export const managers = new Set<Role>(['admin', 'office']);
const unitRoles = new Set<Role>(['street', 'community', 'department', 'troop']);
export const readers = new Set<Role>([...managers, 'leader', ...unitRoles]);

/** Reading a notice: the owner region's office and leader, the admin, and the units it was assigned to. */
export const readNotice = (role: Role, side: Side): Expect => {
  if (!readers.has(role)) return 403;
  if (side === 'outside') return role === 'admin' ? 200 : 404;
  return 200;
};
export const manageNotice = (role: Role, side: Side): Expect => {
  if (!managers.has(role)) return 403;
  return side === 'outside' && role === 'office' ? 404 : 200;
};
/** Acting on an assignment: only for its own unit; visible but not one's own → 403, invisible → 404. */
export const actOn = (role: Role, side: Side): Expect => {
  if (role === 'leader' || role === 'auditor') return 403;
  if (managers.has(role)) return side === 'outside' && role === 'office' ? 404 : 403;
  if (side !== 'inside') return 404;
  return role === 'community' ? 403 : 200;
};

export const inOut = (rec: ScopeRecords, side: Side) => (side === 'outside' ? rec.outside : rec.inside);

export async function freshVersion(w: World, id: number): Promise<NoticeDetail> {
  return (await w.clients.admin.get<NoticeDetail>(`/api/notices/${id}`)).body;
}

/** One `describe` per case, one test per role × side of it. */
export function describeCases(w: World, cases: Case[]): void {
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
}
