/** Households: members and their places in them. */
import { describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { create, idNumber, registryWorld } from './registry.fixture.ts';

const w = registryWorld();

describe('households', () => {
  it('groups people with their place in the household', async () => {
    const created = await w.community.post<{ id: number }>('/api/households', {
      name: '陈明户',
      regionId: w.r.communities[0][0],
      address: '梅岭北路 100 弄 1 号',
    });
    expect(created.status).toBe(200);
    const hid = created.body.id;
    const wife = await create(w.community, w.person({ name: '林芳', idNumber: idNumber('19550101', 'F') }));
    const head = await create(w.community, w.person({ name: '陈明' }));
    const edit = async (id: number, name: string, role: string) => {
      const p = (await w.community.get<PersonDetail>(`/api/persons/${id}`)).body;
      return w.community.put(`/api/persons/${id}`, {
        name,
        residenceRegionId: p.residenceRegionId,
        hukouRegionId: p.hukouRegionId,
        householdId: hid,
        householdRole: role,
        qualifications: p.qualifications.map((q) => ({ id: q.id, category: q.categoryCode })),
      });
    };
    expect((await edit(wife, '林芳', '配偶')).status).toBe(200);
    expect((await edit(head, '陈明', '户主')).status).toBe(200);
    const h = await w.community.get<{ memberCount: number; members: { id: number; role: string }[] }>(
      `/api/households/${hid}`,
    );
    expect(h.body.memberCount).toBe(2);
    expect(h.body.members.map((m) => [m.id, m.role])).toEqual([
      [head, '户主'],
      [wife, '配偶'],
    ]);
    const p = (await w.community.get<PersonDetail>(`/api/persons/${wife}`)).body;
    expect(p.household).toMatchObject({ id: hid, name: '陈明户' });
    expect(p.householdRole).toBe('配偶');
    const found = await w.community.get<{ items: { id: number }[] }>(`/api/households?q=${encodeURIComponent('陈明')}`);
    expect(found.body.items.map((i) => i.id)).toEqual([hid]);
    // A household elsewhere cannot be joined.
    const other = await w.office.post<{ id: number }>('/api/households', {
      name: '外街户',
      regionId: w.r.communities[1][0],
    });
    const join = await w.community.put<{ error: { details: { path: string }[] } }>(`/api/persons/${wife}`, {
      name: '林芳',
      residenceRegionId: p.residenceRegionId,
      hukouRegionId: p.hukouRegionId,
      householdId: other.body.id,
      qualifications: p.qualifications.map((q) => ({ id: q.id, category: q.categoryCode })),
    });
    expect(join.status).toBe(400);
    expect(join.body.error.details[0]!.path).toBe('householdId');
  });
});
