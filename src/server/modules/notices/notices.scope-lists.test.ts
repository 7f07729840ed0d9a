/** Notices scope, lists and capabilities: what each role's lists hold and which endpoints a role may call at all. */
import { describe, expect, it } from 'vitest';
import type { MyTaskItem, NoticeDetail } from '../../../shared/api/notices.api.ts';
import { allRoles, type NoticeClient, publish, seedText } from './notices.fixture.ts';
import { createDraft, managers, readers, scopeWorld } from './notices-scope.fixture.ts';

const w = scopeWorld();

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
    const { rec } = w;
    const ids = await titles(w.clients[role]);
    const sees = (id: number) => ids.includes(id);
    expect(sees(rec.inside.id)).toBe(true);
    expect(sees(rec.outside.id)).toBe(role === 'admin');
    expect(sees(rec.draft.id)).toBe(managers.has(role) || role === 'leader');
  });

  it('outsiders see their own notice and not the inside draft', async () => {
    const { rec } = w;
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
      ).body.items.find((i) => i.id === w.rec.inside.id);
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
