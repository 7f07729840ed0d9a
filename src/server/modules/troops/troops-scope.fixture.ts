/**
 * Shared set-up of the troop scope tests (not used by the application): their world and visibility tables.
 *
 * The scope tests: every endpoint of the troop and army–people modules × every role, inside and outside its
 * scope. The visibility tables are written out literally; an action's answer follows from them: out of scope →
 * 404 (exactly like a missing record), in scope but not this role's step → 403, in scope but the status does
 * not allow it → 409. And no response of any role carries a 番号 it is not cleared for.
 */
import { beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/troops/local-date.ts';
import { designations, pngBytes, today, troopsWorld, type UserKey, uploadAs } from './troops.fixture.ts';

export const roles: UserKey[] = [
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

/** The 番号 in `body` that `key` is not cleared for, one line each. */
export function leaksIn(key: UserKey, body: unknown, where: string): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const leaks: string[] = [];
  for (const unit of ['m1', 'm2', 'mOut'] as const) {
    if (cleared[key].includes(unit)) continue;
    const digits = designations[unit].slice(0, 5);
    if (text.includes(digits)) leaks.push(`${key} ← ${where}: ${designations[unit]}`);
  }
  return leaks;
}

/** The rows of the first sheet of an xlsx answer, each as the JSON of its values. */
export async function sheetRows(raw: { rawPayload: Buffer }): Promise<string[]> {
  const { excelJs } = await import('../../platform/exceljs.ts');
  const book = new (excelJs().Workbook)();
  await book.xlsx.load(raw.rawPayload as unknown as Parameters<typeof book.xlsx.load>[0]);
  const cells: string[] = [];
  book.worksheets[0]!.eachRow((row) => {
    cells.push(JSON.stringify(row.values));
  });
  return cells;
}

export type Seen = string[] | 'denied';

export const requestsSeen: Record<UserKey, Seen> = {
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
export const meetingsSeen: Record<UserKey, Seen> = { ...requestsSeen };
export const pairingsSeen: Record<UserKey, Seen> = {
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
export const activitiesSeen: Record<UserKey, Seen> = {
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
export const supportersSeen: Record<UserKey, Seen> = {
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
export const honoreesSeen: Record<UserKey, Seen> = {
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

export const keys = ['A', 'B', 'C'] as const;
/** 200 inside, 404 outside, 403 for a role that never reads these records. */
export const readStatus = (seen: Seen, k: string) => (seen === 'denied' ? 403 : seen.includes(k) ? 200 : 404);

export const troopsWriters = new Set<UserKey>([
  'admin',
  'office',
  'officeOut',
  'department',
  'department2',
  'troop',
  'troop2',
]);
export const activityWriters = new Set<UserKey>([
  'admin',
  'office',
  'officeOut',
  'street',
  'street2',
  'troop',
  'troop2',
]);

/**
 * The answer to an action for a module whose writers are `writers`: `allowed` lists who may take it on a record
 * it sees, `inState` the status code the step itself gives them (200, or 409 when the record's status refuses it).
 */
export function actionStatusFor(writers: Set<UserKey>) {
  const writeCapable = (role: UserKey) => writers.has(role);
  return (seen: Seen, k: string, role: UserKey, allowed: (role: UserKey, k: string) => boolean, inState: number) => {
    if (seen === 'denied') return 403;
    if (!seen.includes(k)) return writeCapable(role) ? 404 : 403;
    return writeCapable(role) && allowed(role, k) ? inState : 403;
  };
}
export const isOffice = (role: UserKey) => role === 'admin' || role === 'office' || role === 'officeOut';
export const ownTroop = (role: UserKey, k: string) =>
  (role === 'troop' && k === 'A') || (role === 'troop2' && k === 'B');
export const assignedDept = (role: UserKey, k: string) =>
  (role === 'department' && k === 'A') || (role === 'department2' && (k === 'B' || k === 'C'));

/** One test per role. */
export function each(title: string, fn: (role: UserKey) => Promise<void>) {
  for (const role of roles) it(`${title} — ${role}`, () => fn(role));
}

export const byId = (a: number, b: number) => a - b;

/**
 * The calling scope test file's world, with records of units A (m1), B (m2) and C (mOut, another district):
 * in progress (R…) and resolved (X…) requests, meetings (M…), pairings (P…), activities (A…), supporters (S…)
 * and honorees (H…, only A's published), with an attachment on R… and a photo on A… (`files`).
 */
export function scopeWorld() {
  const w = troopsWorld();
  const ids = {} as Record<string, number>;
  const files = {} as Record<string, number>;
  const day = today();
  const client = (key: UserKey) => w.users[key].client;

  /** A read that must carry no 番号 its reader is not cleared for. */
  async function get(key: UserKey, url: string) {
    const res = await client(key).get<unknown>(url);
    expect(leaksIn(key, res.raw.body, url)).toEqual([]);
    return res;
  }

  /** A list answers 403 to a role that never reads it, else exactly the seen records of the given sets. */
  function expectListed(list: { status: number; body: unknown }, seen: Seen, ...sets: string[]) {
    if (seen === 'denied') expect(list.status).toBe(403);
    else
      expect((list.body as { items: { id: number }[] }).items.map((i) => i.id).sort(byId)).toEqual(
        seen.flatMap((k) => sets.map((set) => ids[`${set}${k}`]!)).sort(byId),
      );
  }

  beforeAll(async () => {
    const admin = client('admin');
    const ok = <T>(res: { status: number; body: T }) => {
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      return res.body as T & { id: number };
    };
    const units = { A: w.units.m1, B: w.units.m2, C: w.units.mOut } as const;
    const depts = { A: w.units.deptA, B: w.units.deptB, C: w.units.deptB } as const;
    const regions = { A: w.r.communities[0][0], B: w.r.communities[1][0], C: w.otherDistrict } as const;
    const unitKey = { A: 'm1', B: 'm2', C: 'mOut' } as const;

    for (const k of keys) {
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
            dueDate: addDays(day, 5),
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
          heldOn: day,
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
          startedOn: addDays(day, -60),
          notes: `${designations[unitKey[k]]}负责`,
        }),
      ).id;

      ids[`A${k}`] = ok(
        await admin.post<{ id: number }>('/api/army-people/activities', {
          typeCode: 'publicity',
          title: `${designations[unitKey[k]]}双拥宣传${k}`,
          heldOn: day,
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

  return { w, ids, files, today: day, client, get, expectListed };
}
