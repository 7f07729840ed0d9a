/** Masked ID numbers and phones, and who may reveal them. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { create, idNumber, registryWorld } from './registry.fixture.ts';

const w = registryWorld();

describe('masking and revealing', () => {
  let id: number;
  let number: string;
  beforeAll(async () => {
    number = idNumber('19450815');
    id = await create(w.office, w.person({ name: '吴守国', idNumber: number, phone: '13812345678' }));
  });

  it('reveals the full number to a cleared role, and records that it did', async () => {
    const res = await w.street.post<{ idNumber: string }>(`/api/persons/${id}/reveal`);
    expect(res.status).toBe(200);
    expect(res.body.idNumber).toBe(number);
    const audit = await w.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'view.idNumber')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_type).toBe('person');
    expect(audit[0]!.actor_name).toMatch(/^测试street/);
    expect(JSON.stringify(audit[0])).not.toContain(number);
  });

  it('refuses roles not cleared for full numbers, and writes nothing', async () => {
    const before = await w.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'view.idNumber').execute();
    expect((await w.community.post(`/api/persons/${id}/reveal`)).status).toBe(403);
    expect((await w.leader.post(`/api/persons/${id}/reveal`)).status).toBe(403);
    const after = await w.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'view.idNumber').execute();
    expect(after.length).toBe(before.length);
  });

  it('shows phones in full to those who call people, masked to leaders', async () => {
    const byLeader = (await w.leader.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(byLeader.phone).toBe('138****5678');
    expect(byLeader.phonesMasked).toBe(true);
    expect(byLeader.permissions).toEqual({ edit: false, revealIdNumber: false });
    expect(JSON.stringify(byLeader)).not.toContain('13812345678');
    const byCommunity = (await w.community.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(byCommunity.phone).toBe('13812345678');
    expect(byCommunity.idNumber).toBe(`310107********${number.slice(-4)}`);
    expect(byCommunity.permissions).toEqual({ edit: true, revealIdNumber: false });
  });
});
