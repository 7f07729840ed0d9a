/** The registry service as import and export call it. */
import { describe, expect, it } from 'vitest';
import type { PersonDetail, PersonListItem, PersonVersionItem } from '../../../shared/api/registry.api.ts';
import type { Actor } from '../../platform/access.ts';
import { create, idNumber, list, registryWorld } from './registry.fixture.ts';
import * as registry from './registry.service.ts';

const w = registryWorld();

describe('the service used by import and export', () => {
  it('writes nothing when the caller’s transaction fails part-way', async () => {
    const number = idNumber('19700101');
    await expect(
      w.ctx.db.transaction().execute(async (trx) => {
        await registry.savePersonInTransaction(
          trx,
          w.ctx,
          w.officeActor,
          w.person({ name: '导入甲', idNumber: number }),
          {
            source: '导入：测试.xlsx',
          },
        );
        throw new Error('row 2 failed');
      }),
    ).rejects.toThrow('row 2 failed');
    expect(await registry.findPersonIdByIdNumber(w.ctx.db, w.ctx, w.officeActor, number)).toBeNull();
  });

  it('merges a row into the person with that number, previews it, and notes the source', async () => {
    const number = idNumber('19710101');
    const id = await create(w.office, w.person({ name: '导入乙', idNumber: number }));
    const input = {
      ...(await registry.getPersonInput(w.ctx.db, w.ctx, w.officeActor, id)),
      idNumber: number,
      phone: '13600001111',
    };
    const preview = await w.ctx.db
      .transaction()
      .execute((trx) =>
        registry.savePersonInTransaction(trx, w.ctx, w.officeActor, input, { upsertByIdNumber: true, dryRun: true }),
      );
    expect(preview).toMatchObject({ id, changed: true, created: false });
    expect(preview.changes).toEqual([{ field: 'phone', label: '联系电话', before: null, after: '136****1111' }]);
    expect((await w.office.get<PersonDetail>(`/api/persons/${id}`)).body.phone).toBeNull();

    const saved = await w.ctx.db.transaction().execute((trx) =>
      registry.savePersonInTransaction(trx, w.ctx, w.officeActor, input, {
        upsertByIdNumber: true,
        source: '导入：2026年名册.xlsx',
      }),
    );
    expect(saved).toMatchObject({ id, version: 2, created: false });
    const history = (await w.office.get<{ items: PersonVersionItem[] }>(`/api/persons/${id}/history`)).body.items;
    expect(history[0]!.source).toBe('导入：2026年名册.xlsx');
    expect(
      await registry.checkPersonInput(w.ctx.db, w.ctx, w.officeActor, { ...input, idNumber: '123' }, { personId: id }),
    ).toEqual([expect.objectContaining({ path: 'idNumber' })]);
  });

  it('keeps a qualification (and what refers to it) when an import row names its category again', async () => {
    const number = idNumber('19720101');
    const id = await create(w.office, w.person({ name: '导入丙', idNumber: number }));
    const before = (await w.office.get<PersonDetail>(`/api/persons/${id}`)).body.qualifications[0]!;
    await w.ctx.db
      .transaction()
      .execute((trx) =>
        registry.savePersonInTransaction(
          trx,
          w.ctx,
          w.officeActor,
          w.person({ name: '导入丙', idNumber: number, qualifications: [{ category: '复退军人', flags: ['参战'] }] }),
          { upsertByIdNumber: true, source: '导入：测试.xlsx' },
        ),
      );
    const after = (await w.office.get<PersonDetail>(`/api/persons/${id}`)).body.qualifications;
    expect(after).toEqual([expect.objectContaining({ id: before.id, categoryCode: 'retired_soldier' })]);
    expect(after[0]!.flags.map((f) => f.code)).toEqual(['combat']);
  });

  it('streams the scoped, masked list in batches for export', async () => {
    // Street 1's people: one living there, one living elsewhere with 户籍 there.
    await create(
      w.office,
      w.person({ residenceRegionId: w.r.communities[1][1], hukouRegionId: w.r.communities[1][1] }),
    );
    await create(w.office, w.person({ hukouRegionId: w.r.communities[1][0] }));
    const streetActor: Actor = {
      ...w.officeActor,
      role: 'street',
      regionId: w.r.streets[1],
      regionIds: [w.r.streets[1], ...w.r.communities[1]],
    };
    const seen: PersonListItem[] = [];
    let batches = 0;
    for await (const batch of registry.streamPersons(w.ctx, streetActor, { regionBasis: 'any', status: 'all' }, 1)) {
      batches++;
      seen.push(...batch);
    }
    const expected = await list(w.office, `regionId=${w.r.streets[1]}&status=all&pageSize=200`);
    expect(seen.map((s) => s.id).sort()).toEqual(expected.body.items.map((i) => i.id).sort());
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(batches).toBe(seen.length);
    expect(seen.every((s) => /^\d{6}\*{8}[\dX]{4}$/.test(s.idNumber))).toBe(true);
  });
});
