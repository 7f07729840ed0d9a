/** Finding people: names in either script and pinyin, numbers, filters, paging. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { create, idNumber, list, registryWorld } from './registry.fixture.ts';

const w = registryWorld();

describe('search', () => {
  let zhang: number;
  let zhangDeceased: number;
  let zhangNumber: string;
  beforeAll(async () => {
    zhangNumber = idNumber('19520817');
    zhang = await create(w.office, w.person({ name: '張國強', idNumber: zhangNumber, phone: '13912345678' }));
    zhangDeceased = await create(w.office, w.person({ name: '张国华' }));
    await w.office.post(`/api/persons/${zhangDeceased}/deceased`, { deathDate: '2025-12-01' });
  });

  it('finds a name typed in either script, by initials and by full pinyin', async () => {
    for (const q of ['张国强', '張國強', '张国', 'zgq', 'ZGQ', 'zhangguoqiang', 'zhangguo']) {
      const res = await list(w.office, `q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(
        res.body.items.map((i) => i.id),
        q,
      ).toContain(zhang);
    }
    expect((await list(w.office, 'q=zs')).body.items.map((i) => i.id)).not.toContain(zhang);
  });

  it('finds by the last 4 or 6 of the ID number, the full number and the phone', async () => {
    for (const q of [zhangNumber.slice(-4), zhangNumber.slice(-6), zhangNumber, '139 1234 5678', '+8613912345678']) {
      const res = await list(w.office, `q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((i) => i.id),
        q,
      ).toContain(zhang);
    }
    expect((await list(w.office, 'q=13912345670')).body.items).toEqual([]);
  });

  it('leaves the deceased out of the active list but finds them on request', async () => {
    expect((await list(w.office, `q=zgh`)).body.items).toEqual([]);
    const deceased = await list(w.office, `q=zgh&status=deceased`);
    expect(deceased.body.items.map((i) => i.id)).toEqual([zhangDeceased]);
    expect(deceased.body.items[0]!.deathDate).toBe('2025-12-01');
    expect((await list(w.office, `q=zgh&status=all`)).body.items).toHaveLength(1);
  });

  it('masks numbers in every list, whatever the role', async () => {
    const res = await list(w.office, `q=zgq`);
    const item = res.body.items.find((i) => i.id === zhang)!;
    expect(item.idNumber).toBe(`310107********${zhangNumber.slice(-4)}`);
    expect(item.phone).toBe('139****5678');
    expect(JSON.stringify(res.body)).not.toContain(zhangNumber.slice(6, 14));
  });

  it('filters by category, street, community, living situation and 本区户籍', async () => {
    const martyr = await create(w.office, {
      ...w.person({ name: '赵烈属', residenceRegionId: w.r.communities[1][1], hukouRegionId: null }),
      hukouAddress: '江苏省南京市玄武区',
      livingSituations: ['獨居', '低保'],
      qualifications: [{ category: '烈属', relation: '母亲', servicemanName: '赵 卫国' }],
    });
    const ids = async (q: string) => (await list(w.office, q)).body.items.map((i) => i.id);
    expect(await ids('category=martyr_family')).toEqual([martyr]);
    expect(await ids(`category=${encodeURIComponent('烈属')}`)).toEqual([martyr]);
    expect(await ids(`regionId=${w.r.streets[1]}&q=zls`)).toEqual([martyr]);
    expect(await ids(`regionId=${w.r.communities[1][1]}`)).toEqual([martyr]);
    expect(await ids(`regionId=${w.r.communities[1][0]}&q=zls`)).toEqual([]);
    expect(await ids(`livingSituation=${encodeURIComponent('独居')}`)).toEqual([martyr]);
    expect(await ids(`hukouLocal=no&q=zls`)).toEqual([martyr]);
    expect(await ids(`hukouLocal=yes&q=zls`)).toEqual([]);
    expect(await ids(`regionId=${w.r.communities[1][1]}&regionBasis=hukou`)).toEqual([]);
    const detail = (await w.office.get<PersonDetail>(`/api/persons/${martyr}`)).body;
    expect(detail.hukouLocal).toBe(false);
    expect(detail.qualifications[0]).toMatchObject({ relation: '父母', servicemanName: '赵卫国' });
    expect(detail.livingSituations).toEqual(['独居', '低保']);
    expect(detail.assessments).toHaveLength(1);
  });

  it('pages through results with a total', async () => {
    for (let i = 0; i < 5; i++) await create(w.office, w.person({ name: `钱多${'一二三四五'[i]}` }));
    const first = await list(w.office, 'q=qd&pageSize=2&page=1');
    const third = await list(w.office, 'q=qd&pageSize=2&page=3');
    expect(first.body.total).toBe(5);
    expect(first.body.items).toHaveLength(2);
    expect(third.body.items).toHaveLength(1);
    const all = new Set([...first.body.items, ...third.body.items].map((i) => i.id));
    expect(all.size).toBe(3);
  });

  it('says what it understands when a query is not one of them', async () => {
    const res = await list(w.office, `q=${encodeURIComponent('12-ab')}`);
    expect(res.status).toBe(400);
    expect((res.body as unknown as { error: { message: string } }).error.message).toContain('拼音');
  });
});
