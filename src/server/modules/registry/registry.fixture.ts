/** Test data for the registry's person tests (not used by the application). */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createUser, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import { createTestApp, login, type TestClient } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type { PersonListItem, QualificationInput } from '../../../shared/api/registry.api.ts';
import { idCheckDigit } from '../../../shared/domain/id-number.ts';
import type { Actor } from '../../platform/access.ts';

let seq = 100;
/** A valid 18-digit number (GB 11643) born on `birth`, odd sequence = male. */
export function idNumber(birth = '19500305', sex: 'M' | 'F' = 'M', prefix = '310107'): string {
  seq += 2;
  const body = `${prefix}${birth}${String(seq + (sex === 'M' ? 1 : 0)).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

const veteran: QualificationInput = { category: '退役士兵' };

/** A person as the form sends one: a veteran living in and registered in `communityId`, with `overrides`. */
function personBody(communityId: number, overrides: Record<string, unknown> = {}) {
  return {
    name: '测试人员',
    idNumber: idNumber(),
    residenceRegionId: communityId,
    hukouRegionId: communityId,
    qualifications: [veteran],
    ...overrides,
  };
}

export async function create(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post<{ id: number; version: number }>('/api/persons', body);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export const list = async (client: TestClient, query: string) =>
  client.get<{ items: PersonListItem[]; total: number }>(`/api/persons?${query}`);

export interface RegistryWorld {
  ctx: TestContext;
  app: FastifyInstance;
  r: TestRegions;
  office: TestClient;
  street: TestClient;
  community: TestClient;
  leader: TestClient;
  /** The office's actor as the server builds it from a session, for the service-level tests. */
  officeActor: Actor;
  /** A person in the first community (see `personBody`). */
  person(overrides?: Record<string, unknown>): ReturnType<typeof personBody>;
}

/**
 * The calling test file's world: a fresh database of district 310107 with an office, street, community and
 * leader signed in. Its fields are set by the file's `beforeAll` and closed by its `afterAll`.
 */
export function registryWorld(): RegistryWorld {
  const w = {} as RegistryWorld;
  beforeAll(async () => {
    const ctx = await createTestContext();
    const app = await createTestApp(ctx);
    const r = await seedRegions(ctx);
    await ctx.db.insertInto('settings').values({ key: 'deployment.regionCode', value: '310107' }).execute();
    const u = {
      office: await createUser(ctx, { role: 'office', regionId: r.district }),
      street: await createUser(ctx, { role: 'street', regionId: r.streets[0] }),
      community: await createUser(ctx, { role: 'community', regionId: r.communities[0][0] }),
      leader: await createUser(ctx, { role: 'leader', regionId: r.district }),
    };
    Object.assign(w, {
      ctx,
      app,
      r,
      office: await login(app, u.office.username, u.office.password),
      street: await login(app, u.street.username, u.street.password),
      community: await login(app, u.community.username, u.community.password),
      leader: await login(app, u.leader.username, u.leader.password),
      officeActor: {
        userId: u.office.id,
        username: u.office.username,
        displayName: `测试${u.office.username}`,
        role: 'office',
        regionId: r.district,
        unitId: null,
        regionIds: (await ctx.db.selectFrom('regions').select('id').execute()).map((x) => x.id),
        ip: null,
        requestId: null,
      },
      person: (overrides?: Record<string, unknown>) => personBody(r.communities[0][0], overrides),
    } satisfies RegistryWorld);
  });
  afterAll(async () => {
    await w.app.close();
    await w.ctx.close();
  });
  return w;
}
