/** Test world for the roster-import tests: a session per role and the wizard's steps (not used by the application). */
import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import {
  type JobBody,
  type Session,
  sessionPerRole,
  upload,
  waitForJob,
} from '../../../../test/helpers/roster-files.ts';
import { createTestApp } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { ImportItem, ImportRowItem } from '../../../shared/api/registry-import.api.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { PersonTable } from '../../db/schema.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { idNumberHash } from './person-row.ts';

export interface ImportWorld {
  ctx: TestContext;
  app: FastifyInstance;
  r: TestRegions;
  /** One session per role: office, leader at the district; street at the first street; community at its first. */
  users: Record<Role, Session>;
  /** The office as a service-level actor with the whole district, for writes made behind the import's back. */
  officeActor: Actor;
  /** Upload → validate job → the report, as the wizard does it. */
  validate(
    as: Session,
    bytes: Buffer,
    fileName?: string,
  ): Promise<{ importId: number; job: JobBody; item: ImportItem; rows: ImportRowItem[] }>;
  /** Starts the commit of a validated import and waits for its job. */
  commit(as: Session, importId: number): Promise<JobBody>;
  /** The stored person with this ID number, if any. */
  personByIdNumber(idNumber: string): Promise<Selectable<PersonTable> | undefined>;
  /** How many audit records carry `action`. */
  countAudit(action: string): Promise<number>;
}

/**
 * The calling test file's world: a fresh database with the test regions and a user of every role signed in.
 * Its fields are set by the file's `beforeAll` and closed by its `afterAll`.
 */
export function importWorld(): ImportWorld {
  const w = {} as ImportWorld;
  beforeAll(async () => {
    const ctx = await createTestContext();
    const app = await createTestApp(ctx);
    const r = await seedRegions(ctx);
    const users = await sessionPerRole(ctx, app, r);
    Object.assign(w, {
      ctx,
      app,
      r,
      users,
      officeActor: {
        ...systemActor(),
        userId: users.office.userId,
        role: 'office',
        regionId: r.district,
        regionIds: 'all',
      },
    });
  });
  afterAll(async () => {
    await w.app.close();
    await w.ctx.close();
  });

  w.validate = async (as, bytes, fileName = '名册.xlsx') => {
    const res = await upload(w.app, as, `/api/registry/imports?fileName=${encodeURIComponent(fileName)}`, bytes);
    expect(res.statusCode, res.body).toBe(200);
    const { importId, jobId } = JSON.parse(res.body) as { importId: number; jobId: number };
    const job = await waitForJob(as.client, jobId);
    const item = (await as.client.get<ImportItem>(`/api/registry/imports/${importId}`)).body;
    const rows = (
      await as.client.get<{ items: ImportRowItem[] }>(`/api/registry/imports/${importId}/rows?pageSize=200`)
    ).body.items;
    return { importId, job, item, rows };
  };
  w.commit = async (as, importId) => {
    const res = await as.client.post<{ jobId: number }>(`/api/registry/imports/${importId}/commit`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return waitForJob(as.client, res.body.jobId);
  };
  w.personByIdNumber = (idNumber) =>
    w.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id_number_hash', '=', idNumberHash(w.ctx.cipher, idNumber))
      .executeTakeFirst();
  w.countAudit = async (action) =>
    Number(
      (
        await w.ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return w;
}
