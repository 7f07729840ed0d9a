import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../../shared/domain/troops/local-date.ts';
import { buildWorld, designations, pngBytes, type UserKey, uploadAs, type World } from './troops.fixture.ts';

/**
 * Every endpoint of the troop and army–people modules × every role, inside and outside its scope. The
 * visibility tables are written out literally; an action's answer follows from them: out of scope → 404
 * (exactly like a missing record), in scope but not this role's step → 403, in scope but the status does
 * not allow it → 409. And no response of any role carries a 番号 it is not cleared for.
 */

let w: World;
const today = localDateOf(new Date().toISOString());
const roles: UserKey[] = [
  'admin',
  'office',
  'officeOut',
  'street',
  'street2',
  'community',
  'department',
  'department2',
  'troop',
  'troop2',
  'leader',
  'auditor',
];
const client = (key: UserKey) => w.users[key].client;
const ids = {} as Record<string, number>;
const files = {} as Record<string, number>;

/** Which 番号 each role may read (the rest must never appear in anything it receives). */
const cleared: Record<UserKey, (keyof typeof designations)[]> = {
  admin: ['m1', 'm2', 'mOut'],
  office: ['m1', 'm2', 'mOut'],
  officeOut: ['m1', 'm2', 'mOut'],
  street: [],
  street2: [],
  community: [],
  department: [],
  department2: [],
  troop: ['m1'],
  troop2: ['m2'],
  leader: ['m1', 'm2', 'mOut'],
  auditor: [],
};
const leaks: string[] = [];
function checkLeaks(key: UserKey, body: unknown, where: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  for (const unit of ['m1', 'm2', 'mOut'] as const) {
    if (cleared[key].includes(unit)) continue;
    const digits = designations[unit].slice(0, 5);
    if (text.includes(digits)) leaks.push(`${key} ← ${where}: ${designations[unit]}`);
  }
}

async function get(key: UserKey, url: string) {
  const res = await client(key).get<unknown>(url);
  checkLeaks(key, res.raw.body, url);
  return res;
}

beforeAll(async () => {
  w = await buildWorld();
  const admin = client('admin');
  const ok = <T>(res: { status: number; body: T }) => {
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body as T & { id: number };
  };
  const units = { A: w.units.m1, B: w.units.m2, C: w.units.mOut } as const;
  const depts = { A: w.units.deptA, B: w.units.deptB, C: w.units.deptB } as const;
  const regions = { A: w.r.communities[0][0], B: w.r.communities[1][0], C: w.otherDistrict } as const;
  const unitKey = { A: 'm1', B: 'm2', C: 'mOut' } as const;

  for (const k of ['A', 'B', 'C'] as const) {
    const title = `${designations[unitKey[k]]}诉求${k}`;
    // In progress (R) and resolved (X) requests of each unit.
    for (const set of ['R', 'X'] as const) {
      const r = ok(
        await admin.post<{ id: number }>('/api/troops/requests', {
          militaryUnitId: units[k],
          kindCode: 'camp_environment',
          title,
          content: `${title}的内容`,
        }),
      );
      ok(
        await admin.post(`/api/troops/requests/${r.id}/assign`, {
          departmentId: depts[k],
          dueDate: addDays(today, 5),
        }),
      );
      if (set === 'X') ok(await admin.post(`/api/troops/requests/${r.id}/resolve`, { comment: '已办结' }));
      ids[`${set}${k}`] = r.id;
    }
    const file = await uploadAs(w, 'admin', `/api/troops/requests/${ids[`R${k}`]}/attachments`, pngBytes, {
      name: `${designations[unitKey[k]]}.png`,
    });
    files[`R${k}`] = file.body.id!;

    ids[`M${k}`] = ok(
      await admin.post<{ id: number }>('/api/troops/meetings', {
        kind: 'symposium',
        title: `${designations[unitKey[k]]}军地座谈会`,
        heldOn: today,
        regionId: k === 'C' ? w.otherDistrict : w.r.district,
        minutes: `${designations[unitKey[k]]}发言`,
        attendees: [{ unitId: units[k] }, { unitId: depts[k] }],
      }),
    ).id;
    ok(await admin.post(`/api/troops/meetings/${ids[`M${k}`]}/requests`, { requestId: ids[`R${k}`] }));

    ids[`P${k}`] = ok(
      await admin.post<{ id: number }>('/api/army-people/pairings', {
        militaryUnitId: units[k],
        regionId: regions[k],
        beneficiaryName: `结对对象${k}`,
        categoryCode: 'left_behind_child',
        cadenceDays: 30,
        startedOn: addDays(today, -60),
        notes: `${designations[unitKey[k]]}负责`,
      }),
    ).id;

    ids[`A${k}`] = ok(
      await admin.post<{ id: number }>('/api/army-people/activities', {
        typeCode: 'publicity',
        title: `${designations[unitKey[k]]}双拥宣传${k}`,
        heldOn: today,
        regionId: regions[k],
        organiserUnitIds: [units[k], depts[k]],
        spendCents: 100,
        summary: `${designations[unitKey[k]]}参加`,
      }),
    ).id;
    const photo = await uploadAs(w, 'admin', `/api/army-people/activities/${ids[`A${k}`]}/photos`, pngBytes);
    files[`A${k}`] = photo.body.id!;

    ids[`S${k}`] = ok(
      await admin.post<{ id: number }>('/api/army-people/supporters', {
        kind: 'volunteer_team',
        name: `志愿服务队${k}`,
        regionId: k === 'A' ? w.r.streets[0] : k === 'B' ? w.r.district : w.otherDistrict,
        pledge: '义务理发',
      }),
    ).id;
    ok(await admin.post(`/api/troops/requests/${ids[`R${k}`]}/supporters`, { supporterId: ids[`S${k}`] }));

    ids[`H${k}`] = ok(
      await admin.post<{ id: number }>('/api/army-people/honorees', {
        kind: 'unit',
        name: designations[unitKey[k]],
        unitId: units[k],
        honour: '双拥模范单位',
        level: 'city',
        year: 2025,
        regionId: k === 'C' ? w.otherDistrict : w.r.district,
        published: k === 'A',
      }),
    ).id;
  }
});
afterAll(async () => {
  await w.close();
});

type Seen = string[] | 'denied';

const requestsSeen: Record<UserKey, Seen> = {
  admin: ['A', 'B', 'C'],
  office: ['A', 'B'],
  officeOut: ['C'],
  street: 'denied',
  street2: 'denied',
  community: 'denied',
  department: ['A'],
  department2: ['B', 'C'],
  troop: ['A'],
  troop2: ['B'],
  leader: ['A', 'B'],
  auditor: 'denied',
};
const meetingsSeen: Record<UserKey, Seen> = { ...requestsSeen };
const pairingsSeen: Record<UserKey, Seen> = {
  admin: ['A', 'B', 'C'],
  office: ['A', 'B'],
  officeOut: ['C'],
  street: ['A'],
  street2: ['B'],
  community: 'denied',
  department: [],
  department2: [],
  troop: ['A'],
  troop2: ['B'],
  leader: ['A', 'B'],
  auditor: 'denied',
};
const activitiesSeen: Record<UserKey, Seen> = {
  admin: ['A', 'B', 'C'],
  office: ['A', 'B'],
  officeOut: ['C'],
  street: ['A'],
  street2: ['B'],
  community: 'denied',
  department: ['A'],
  department2: ['B', 'C'],
  troop: ['A'],
  troop2: ['B'],
  leader: ['A', 'B'],
  auditor: 'denied',
};
const supportersSeen: Record<UserKey, Seen> = {
  admin: ['A', 'B', 'C'],
  office: ['A', 'B'],
  officeOut: ['C'],
  street: ['A'],
  street2: [],
  community: 'denied',
  department: ['A', 'B', 'C'],
  department2: ['A', 'B', 'C'],
  troop: ['A', 'B', 'C'],
  troop2: ['A', 'B', 'C'],
  leader: ['A', 'B'],
  auditor: 'denied',
};
const honoreesSeen: Record<UserKey, Seen> = {
  admin: ['A', 'B', 'C'],
  office: ['A', 'B'],
  officeOut: ['A', 'C'],
  street: ['A'],
  street2: ['A'],
  community: 'denied',
  department: ['A'],
  department2: ['A'],
  troop: ['A'],
  troop2: ['A'],
  leader: ['A', 'B'],
  auditor: 'denied',
};

const keys = ['A', 'B', 'C'] as const;
/** 200 inside, 404 outside, 403 for a role that never reads these records. */
const readStatus = (seen: Seen, k: string) => (seen === 'denied' ? 403 : seen.includes(k) ? 200 : 404);

/**
 * The answer to an action: `allowed` lists who may take it on a record it sees, `inState` the status code the
 * step itself gives them (200, or 409 when the record's status refuses it).
 */
function actionStatus(
  seen: Seen,
  k: string,
  role: UserKey,
  allowed: (role: UserKey, k: string) => boolean,
  inState: number,
) {
  if (seen === 'denied') return 403;
  if (!seen.includes(k)) return writeCapable(role) ? 404 : 403;
  return writeCapable(role) && allowed(role, k) ? inState : 403;
}
const troopsWriters = new Set<UserKey>([
  'admin',
  'office',
  'officeOut',
  'department',
  'department2',
  'troop',
  'troop2',
]);
const activityWriters = new Set<UserKey>(['admin', 'office', 'officeOut', 'street', 'street2', 'troop', 'troop2']);
let writeCapable: (role: UserKey) => boolean = (role) => troopsWriters.has(role);
const isOffice = (role: UserKey) => role === 'admin' || role === 'office' || role === 'officeOut';
const ownTroop = (role: UserKey, k: string) => (role === 'troop' && k === 'A') || (role === 'troop2' && k === 'B');
const assignedDept = (role: UserKey, k: string) =>
  (role === 'department' && k === 'A') || (role === 'department2' && (k === 'B' || k === 'C'));

function each(title: string, fn: (role: UserKey) => Promise<void>) {
  for (const role of roles) it(`${title} — ${role}`, () => fn(role));
}

const byId = (a: number, b: number) => a - b;

/** A list answers 403 to a role that never reads it, else exactly the seen records of the given sets. */
function expectListed(list: { status: number; body: unknown }, seen: Seen, ...sets: string[]) {
  if (seen === 'denied') expect(list.status).toBe(403);
  else
    expect((list.body as { items: { id: number }[] }).items.map((i) => i.id).sort(byId)).toEqual(
      seen.flatMap((k) => sets.map((set) => ids[`${set}${k}`]!)).sort(byId),
    );
}

describe('requests', () => {
  each('list and detail', async (role) => {
    const list = await get(role, '/api/troops/requests?pageSize=200');
    const seen = requestsSeen[role];
    expectListed(list, seen, 'R', 'X');
    for (const k of keys) {
      for (const set of ['R', 'X']) {
        expect((await get(role, `/api/troops/requests/${ids[`${set}${k}`]}`)).status, `${set}${k}`).toBe(
          readStatus(seen, k),
        );
      }
      expect((await get(role, `/api/troops/requests/${ids[`R${k}`]}/attachments/${files[`R${k}`]}`)).status).toBe(
        readStatus(seen, k),
      );
    }
    const stats = await get(role, '/api/troops/requests/stats');
    expect(stats.status).toBe(seen === 'denied' ? 403 : 200);
    if (seen !== 'denied') expect((stats.body as { total: number }).total).toBe(seen.length * 2);
  });

  each('steps: comment, edit, assign, resolve, return, reopen, rate, link a supporter', async (role) => {
    writeCapable = (r) => troopsWriters.has(r);
    const seen = requestsSeen[role];
    for (const k of keys) {
      const R = ids[`R${k}`]!;
      const X = ids[`X${k}`]!;
      const dept = k === 'A' ? w.units.deptA : w.units.deptB;
      const cases: [string, () => Promise<{ status: number }>, number][] = [
        [
          'comment',
          () => client(role).post(`/api/troops/requests/${R}/comments`, { comment: '意见' }),
          actionStatus(seen, k, role, () => true, 200),
        ],
        [
          'edit (in progress → 409)',
          () => client(role).put(`/api/troops/requests/${R}`, { kindCode: 'medical', title: 't', content: 'c' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'assign (same department again → 200)',
          () =>
            client(role).post(`/api/troops/requests/${R}/assign`, { departmentId: dept, dueDate: addDays(today, 6) }),
          actionStatus(seen, k, role, isOffice, 200),
        ],
        [
          'assign a resolved one → 409',
          () =>
            client(role).post(`/api/troops/requests/${X}/assign`, { departmentId: dept, dueDate: addDays(today, 6) }),
          actionStatus(seen, k, role, isOffice, 409),
        ],
        [
          'resolve a resolved one → 409',
          () => client(role).post(`/api/troops/requests/${X}/resolve`, { comment: '再办结' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || assignedDept(r, k), 409),
        ],
        [
          'return a resolved one → 409',
          () => client(role).post(`/api/troops/requests/${X}/return`, { comment: '退回' }),
          actionStatus(seen, k, role, assignedDept, 409),
        ],
        [
          'reopen one in progress → 409',
          () => client(role).post(`/api/troops/requests/${R}/reopen`, { comment: '未解决' }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'rate one in progress → 409',
          () => client(role).post(`/api/troops/requests/${R}/rate`, { rating: 3 }),
          actionStatus(seen, k, role, (r) => isOffice(r) || ownTroop(r, k), 409),
        ],
        [
          'link a supporter it sees',
          () => client(role).post(`/api/troops/requests/${R}/supporters`, { supporterId: ids[`S${k}`] }),
          // The office of the other district does not see supporter A/B; nor the office A's supporter C.
          actionStatus(seen, k, role, isOffice, 200),
        ],
        [
          'upload an attachment',
          async () => uploadAs(w, role, `/api/troops/requests/${R}/attachments`, pngBytes),
          actionStatus(seen, k, role, () => true, 200),
        ],
      ];
      for (const [name, run, want] of cases) {
        const res = await run();
        expect(res.status, `${name} on ${k}`).toBe(want);
      }
    }
  });

  each('raising a request', async (role) => {
    const res = await client(role).post<{ militaryUnit: { id: number } | null }>('/api/troops/requests', {
      militaryUnitId: role === 'troop' ? w.units.m1 : role === 'troop2' ? w.units.m2 : w.units.m1,
      kindCode: 'medical',
      title: '新诉求',
      content: '内容',
    });
    const want: Record<UserKey, number> = {
      admin: 200,
      office: 200,
      officeOut: 404, // unit 1 lies outside its district
      street: 403,
      street2: 403,
      community: 403,
      department: 403,
      department2: 403,
      troop: 200,
      troop2: 200,
      leader: 403,
      auditor: 403,
    };
    expect(res.status).toBe(want[role]);
    // Naming another unit is answered as if it did not exist.
    if (role === 'troop') {
      const other = await client(role).post('/api/troops/requests', {
        militaryUnitId: w.units.m2,
        kindCode: 'medical',
        title: 'x',
        content: 'x',
      });
      expect(other.status).toBe(404);
    }
  });
});

describe('meetings', () => {
  each('list, detail, edit and link', async (role) => {
    writeCapable = (r) => troopsWriters.has(r);
    const seen = meetingsSeen[role];
    const list = await get(role, '/api/troops/meetings');
    expectListed(list, seen, 'M');
    for (const k of keys) {
      const M = ids[`M${k}`]!;
      const detail = await get(role, `/api/troops/meetings/${M}`);
      expect(detail.status, k).toBe(readStatus(seen, k));
      if (detail.status === 200) {
        // The linked request is listed only for those who see it.
        const linked = (detail.body as { requests: { id: number }[] }).requests.map((r) => r.id);
        const seesRequest = requestsSeen[role] !== 'denied' && requestsSeen[role].includes(k);
        expect(linked.includes(ids[`R${k}`]!)).toBe(seesRequest);
        expect(linked.every((id) => id === ids[`R${k}`] || id === ids[`X${k}`])).toBe(true);
        // The list's count is of the requests the viewer sees, too.
        const listed = (list.body as { items: { id: number; requestCount: number }[] }).items.find((i) => i.id === M);
        expect(listed?.requestCount).toBe(linked.length);
      }
      const edit = await client(role).put(`/api/troops/meetings/${M}`, {
        kind: 'symposium',
        title: `座谈会${k}`,
        heldOn: today,
        regionId: k === 'C' ? w.otherDistrict : w.r.district,
        attendees: [
          { unitId: k === 'A' ? w.units.m1 : k === 'B' ? w.units.m2 : w.units.mOut },
          { unitId: k === 'A' ? w.units.deptA : w.units.deptB },
        ],
      });
      expect(edit.status, `edit ${k}`).toBe(actionStatus(seen, k, role, isOffice, 200));
      const link = await client(role).post(`/api/troops/meetings/${M}/requests`, { requestId: ids[`X${k}`] });
      expect(link.status, `link ${k}`).toBe(actionStatus(seen, k, role, isOffice, 200));
    }
    // An office cannot link a request it does not see to its own meeting.
    if (role === 'office') {
      const res = await client(role).post(`/api/troops/meetings/${ids.MA}/requests`, { requestId: ids.RC });
      expect(res.status).toBe(404);
    }
  });
});

describe('pairings', () => {
  each('list, detail, edit and contacts', async (role) => {
    writeCapable = (r) => activityWriters.has(r);
    const seen = pairingsSeen[role];
    const list = await get(role, '/api/army-people/pairings');
    expectListed(list, seen, 'P');
    for (const k of keys) {
      const P = ids[`P${k}`]!;
      expect((await get(role, `/api/army-people/pairings/${P}`)).status, k).toBe(readStatus(seen, k));
      const contact = await client(role).post(`/api/army-people/pairings/${P}/contacts`, {
        contactedOn: today,
        kindCode: 'visit',
      });
      const keeper = (r: UserKey) => isOffice(r) || ownTroop(r, k);
      const want = actionStatus(seen, k, role, keeper, 200);
      expect(contact.status, `contact ${k}`).toBe(want);
    }
  });
});

describe('activities', () => {
  each('list, detail, photos, calendar, summary, export and edit', async (role) => {
    writeCapable = (r) => activityWriters.has(r);
    const seen = activitiesSeen[role];
    const list = await get(role, '/api/army-people/activities');
    expectListed(list, seen, 'A');
    const want = seen === 'denied' ? null : seen.map((k) => ids[`A${k}`]!).sort(byId);

    const month = today.slice(0, 7);
    const calendar = await get(role, `/api/army-people/activities/calendar?month=${month}`);
    const summary = await get(role, '/api/army-people/activities/summary');
    const xlsx = await client(role).get(`/api/army-people/activities/export`);
    if (!want) {
      expect([calendar.status, summary.status, xlsx.status]).toEqual([403, 403, 403]);
    } else {
      const days = (calendar.body as { days: { items: { id: number }[] }[] }).days;
      expect(days.flatMap((d) => d.items.map((i) => i.id)).sort(byId)).toEqual(want);
      expect((summary.body as { count: number; spendCents: number }).count).toBe(want.length);
      expect(xlsx.status).toBe(200);
      const ExcelJS = (await import('../../platform/exceljs.ts')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((row) => {
        cells.push(JSON.stringify(row.values));
      });
      checkLeaks(role, cells.join('\n'), 'export');
      expect(cells.filter((c) => /宣传[ABC]/.test(c))).toHaveLength(want.length);
    }
    for (const k of keys) {
      const A = ids[`A${k}`]!;
      expect((await get(role, `/api/army-people/activities/${A}`)).status, k).toBe(readStatus(seen, k));
      expect((await client(role).get(`/api/army-people/activities/${A}/photos/${files[`A${k}`]}`)).status).toBe(
        readStatus(seen, k),
      );
      const edit = await client(role).put(`/api/army-people/activities/${A}`, {
        typeCode: 'publicity',
        title: `宣传${k}`,
        heldOn: today,
        regionId: k === 'A' ? w.r.communities[0][0] : k === 'B' ? w.r.communities[1][0] : w.otherDistrict,
        organiserUnitIds: [
          k === 'A' ? w.units.m1 : k === 'B' ? w.units.m2 : w.units.mOut,
          k === 'A' ? w.units.deptA : w.units.deptB,
        ],
        spendCents: 100,
      });
      const editor = (r: UserKey) => isOffice(r) || r === 'street' || r === 'street2' || ownTroop(r, k);
      // Departments and leaders read activities only (no write capability: 403 everywhere).
      const wantEdit = actionStatus(seen, k, role, editor, 200);
      expect(edit.status, `edit ${k}`).toBe(wantEdit);
    }
  });
});

describe('supporters and models', () => {
  each('supporters: list, detail and edit', async (role) => {
    const seen = supportersSeen[role];
    const list = await get(role, '/api/army-people/supporters');
    expectListed(list, seen, 'S');
    for (const k of keys) {
      const detail = await get(role, `/api/army-people/supporters/${ids[`S${k}`]}`);
      expect(detail.status, k).toBe(readStatus(seen, k));
      if (detail.status === 200) {
        // The request the supporter helps with is listed only for those who see the request.
        const listed = (detail.body as { requests: { id: number }[] }).requests.map((r) => r.id);
        const seesRequest = requestsSeen[role] !== 'denied' && requestsSeen[role].includes(k);
        expect(listed).toEqual(seesRequest ? [ids[`R${k}`]] : []);
        const row = (list.body as { items: { id: number; requestCount: number }[] }).items.find(
          (i) => i.id === ids[`S${k}`],
        );
        expect(row?.requestCount).toBe(listed.length);
      }
      const edit = await client(role).put(`/api/army-people/supporters/${ids[`S${k}`]}`, {
        kind: 'volunteer_team',
        name: `志愿服务队${k}`,
        regionId: k === 'A' ? w.r.streets[0] : k === 'B' ? w.r.district : w.otherDistrict,
        pledge: '义务理发',
      });
      const want = seen === 'denied' ? 403 : !seen.includes(k) ? 404 : isOffice(role) ? 200 : 403;
      expect(edit.status, `edit ${k}`).toBe(want);
    }
  });

  each('models: list and detail', async (role) => {
    const seen = honoreesSeen[role];
    const list = await get(role, '/api/army-people/honorees');
    expectListed(list, seen, 'H');
    for (const k of keys) {
      expect((await get(role, `/api/army-people/honorees/${ids[`H${k}`]}`)).status, k).toBe(readStatus(seen, k));
    }
  });

  each('dictionaries and programmes', async (role) => {
    const denied = role === 'community' || role === 'auditor';
    expect((await get(role, '/api/troops/lookups')).status).toBe(denied ? 403 : 200);
    expect((await get(role, '/api/troops/programmes')).status).toBe(denied ? 403 : 200);
    const add = await client(role).post('/api/troops/programmes', { name: `专项${role}` });
    expect(add.status).toBe(isOffice(role) ? 200 : 403);
    // Places to pick for pairings and activities: the own subtree (a liaison: its unit's region's).
    const places = await get(role, '/api/army-people/places');
    const want: Record<UserKey, number | 'denied'> = {
      admin: 9, // the test city, its district (2 streets, 4 communities) and the other district
      office: 7,
      officeOut: 1,
      street: 3,
      street2: 3,
      community: 'denied',
      department: 0,
      department2: 0,
      troop: 7,
      troop2: 7,
      leader: 7,
      auditor: 'denied',
    };
    if (want[role] === 'denied') expect(places.status).toBe(403);
    else expect((places.body as { items: unknown[] }).items).toHaveLength(want[role] as number);
  });
});

describe('confidentiality', () => {
  it('no response carried a 番号 its reader is not cleared for', () => {
    expect(leaks).toEqual([]);
  });
});
