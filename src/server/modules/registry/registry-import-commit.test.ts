/** A commit is all or nothing: a row that fails or a crash part-way writes no one and no import audit. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildXlsx, makeId } from '../../../../test/helpers/roster-files.ts';
import type { ImportItem } from '../../../shared/api/registry-import.api.ts';
import { createPerson as registerPerson } from './registry.service.ts';
import { importWorld } from './registry-import.fixture.ts';

const w = importWorld();

describe('all or nothing', () => {
  async function fiveNew() {
    const ids = [1, 2, 3, 4, 5].map(() => makeId('19700101', 'M'));
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别', '社区'],
        ...ids.map((id, i) => [`测试${'甲乙丙丁戊'[i]}`, id, '退役士兵', '甲一社区']),
      ],
    });
    const v = await w.validate(w.users.office, bytes);
    expect(v.item.counts.create).toBe(5);
    return { ids, importId: v.importId };
  }

  async function nothingWritten(ids: string[], except?: string) {
    for (const id of ids) {
      if (id === except) continue;
      expect(await w.personByIdNumber(id)).toBeUndefined();
    }
  }

  const versionCount = async () =>
    Number(
      (
        await w.ctx.db
          .selectFrom('person_versions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes nothing when a row fails part-way through the commit', async () => {
    const { ids, importId } = await fiveNew();
    // Someone registers the fourth person between the report and the commit.
    await registerPerson(w.ctx, w.officeActor, {
      name: '抢先',
      idNumber: ids[3],
      residenceRegionId: w.r.communities[0][0],
      hukouRegionId: w.r.communities[0][0],
      qualifications: [{ category: '退役士兵' }],
    });
    const imports = await w.countAudit('import');
    const job = await w.commit(w.users.office, importId);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'CONFLICT' });
    expect(job.message).toContain('第 5 行');
    expect(job.message).toContain('没有写入任何数据');
    await nothingWritten(ids, ids[3]);
    expect(await w.countAudit('import')).toBe(imports);
    const item = (await w.users.office.client.get<ImportItem>(`/api/registry/imports/${importId}`)).body;
    expect(item.status).toBe('failed');
  });

  it('writes nothing when the commit crashes part-way', async () => {
    const { ids, importId } = await fiveNew();
    // A staged row that can no longer be read: the commit dies on it after copying the batch's people.
    await w.ctx.db
      .updateTable('registry_import_persons')
      .set({ audit_after_json: null })
      .where('import_id', '=', importId)
      .where('row_number', '=', 5)
      .execute();
    const versions = await versionCount();
    const job = await w.commit(w.users.office, importId);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'INTERNAL' });
    await nothingWritten(ids);
    expect(await versionCount()).toBe(versions);
  });
});

describe('what is stored', () => {
  it('keeps backslashes, quotes and text like \\N in a cell exactly as written', async () => {
    const id = makeId('19650304', 'F');
    // Characters the staging's bulk format escapes (PostgreSQL streams it as COPY text) and JSON escapes.
    const notes = '档案号 A\\01\\N "旧证" 第\\t2页';
    const address = '\\N';
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别', '社区', '住址', '备注'],
        ['测试己', id, '退役士兵', '甲一社区', address, notes],
      ],
    });
    const v = await w.validate(w.users.office, bytes);
    expect(v.item.counts.create).toBe(1);
    expect(await w.commit(w.users.office, v.importId)).toMatchObject({ status: 'succeeded' });
    const person = await w.personByIdNumber(id);
    expect(person).toMatchObject({ name: '测试己', notes, address });
    const version = await w.ctx.db
      .selectFrom('person_versions')
      .select('changes_json')
      .where('person_id', '=', person!.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(version.changes_json)).toContainEqual(expect.objectContaining({ label: '备注', after: notes }));
  });

  it('leaves every other write waited onto disk after a validation (staged batches alone are not)', async () => {
    const bytes = await buildXlsx({
      rows: [
        ['姓名', '身份证号', '优抚类别', '社区'],
        ['测试庚', makeId('19600101', 'M'), '退役士兵', '甲一社区'],
      ],
    });
    expect((await w.validate(w.users.office, bytes)).item.counts.create).toBe(1);
    if (w.ctx.engine === 'sqlite') {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(w.ctx.db);
      expect(rows[0]?.synchronous).toBe(2); // FULL
    } else {
      const { rows } = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(w.ctx.db);
      expect(rows[0]?.synchronous_commit).toBe('on');
    }
  });
});
