/** Living situation assessments and the annual confirmation. */
import { describe, expect, it } from 'vitest';
import type { PersonDetail, PersonVersionItem } from '../../../shared/api/registry.api.ts';
import { create, idNumber, registryWorld } from './registry.fixture.ts';

const w = registryWorld();

describe('living situation and annual confirmation', () => {
  it('keeps assessments over time; the newest is the current situation', async () => {
    const id = await create(w.office, w.person({ name: '郑桂兰', idNumber: idNumber('19360101', 'F') }));
    const add = (assessedOn: string, situations: string[], needs?: string) =>
      w.community.post(`/api/persons/${id}/assessments`, { assessedOn, situations, needs: needs ?? null });
    expect((await add('2025-03-01', ['空巢'])).status).toBe(200);
    expect((await add('2026-01-10', ['独居', '失能'], '需要助餐')).status).toBe(200);
    // Entered late, an older assessment goes into the archive without replacing the newer one.
    expect((await add('2024-05-01', ['低保'])).status).toBe(200);
    const bad = await add('2026-01-10', ['富裕']);
    expect(bad.status).toBe(400);
    const p = (await w.community.get<PersonDetail>(`/api/persons/${id}`)).body;
    expect(p.livingSituations).toEqual(['独居', '失能']);
    expect(p.assessments.map((a) => a.assessedOn)).toEqual(['2026-01-10', '2025-03-01', '2024-05-01']);
    expect(p.assessments[0]).toMatchObject({ needs: '需要助餐', source: '人工评估' });
    const history = (await w.community.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history.filter((h) => h.action === 'assessment')).toHaveLength(3);
    expect(history[1]!.changes.find((c) => c.field === 'livingSituations')).toEqual({
      field: 'livingSituations',
      label: '生活状况',
      before: '空巢',
      after: '独居、失能',
    });
  });

  it('lists who still needs the year’s confirmation and records it', async () => {
    const year = Number(new Date().toISOString().slice(0, 4)) - 1;
    const disabled = await create(w.office, {
      ...w.person({ name: '冯残军' }),
      qualifications: [{ category: '残疾军人', disabilityGrade: 6, disabilityNature: '因公' }],
    });
    const plain = await create(w.office, w.person({ name: '冯普通' }));
    const pending = await w.office.get<{
      items: { person: { id: number }; confirmation: unknown }[];
      counts: { total: number; done: number };
    }>(`/api/registry/confirmations?year=${year}&q=fcj`);
    expect(pending.body.items.map((i) => i.person.id)).toEqual([disabled]);
    expect(pending.body.counts).toEqual({ total: 1, done: 0 });

    const confirm = await w.community.post<{ result: string; confirmedByName: string }>(
      `/api/persons/${disabled}/confirmations`,
      { year, result: 'confirmed', method: '上门', confirmedOn: `${year}-12-20`, notes: null },
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.confirmedByName).toMatch(/^测试community/);
    const after = await w.office.get<{ items: unknown[]; counts: { total: number; done: number } }>(
      `/api/registry/confirmations?year=${year}&q=fcj`,
    );
    expect(after.body.items).toEqual([]);
    expect(after.body.counts).toEqual({ total: 1, done: 1 });
    const done = await w.office.get<{ items: { confirmation: { result: string; method: string } }[] }>(
      `/api/registry/confirmations?year=${year}&q=fcj&status=done`,
    );
    expect(done.body.items[0]!.confirmation).toMatchObject({ result: 'confirmed', method: '上门' });

    const notPeriodic = await w.office.post<{ error: { code: string; message: string } }>(
      `/api/persons/${plain}/confirmations`,
      { year, result: 'confirmed', confirmedOn: `${year}-12-20` },
    );
    expect(notPeriodic.status).toBe(409);
    expect(notPeriodic.body.error.message).toContain('无需年度确认');

    await w.office.post(`/api/persons/${disabled}/deceased`, { deathDate: `${year}-12-25` });
    const deceased = await w.office.post(`/api/persons/${disabled}/confirmations`, {
      year: year + 1,
      result: 'confirmed',
      confirmedOn: `${year + 1}-01-02`,
    });
    expect(deceased.status).toBe(409);
    const history = (await w.office.get<{ items: PersonVersionItem[] }>(`/api/persons/${disabled}/history`)).body.items;
    expect(history.find((h) => h.action === 'confirmation')!.changes[0]).toMatchObject({
      label: `${year} 年度确认`,
      before: '未确认',
    });
  });
});
