import type { RegionLevel, UnitKind } from '../../src/server/db/schema.ts';
import { insertRegion } from '../../src/server/modules/regions/regions.repo.ts';
import { nameColumns, sensitiveColumns } from '../../src/server/modules/registry/person-row.ts';
import { insertUnit } from '../../src/server/modules/units/units.repo.ts';
import { insertUser } from '../../src/server/modules/users/users.repo.ts';
import { hashPassword } from '../../src/server/platform/passwords.ts';
import { idCheckDigit as checkDigit } from '../../src/shared/domain/id-number.ts';
import type { Role } from '../../src/shared/permissions.ts';
import type { TestContext } from './test-context.ts';

export const testPassword = 'Test-Passw0rd!';
let passwordHash: Promise<string> | undefined;
let seq = 0;
const next = () => ++seq;

export interface TestRegions {
  district: number;
  streets: [number, number];
  /** communities[i] are the two communities of streets[i]. */
  communities: [[number, number], [number, number]];
}

/** A district with two streets of two communities each: enough to test inside/outside every scope. */
export async function seedRegions(ctx: TestContext, codePrefix = '310107'): Promise<TestRegions> {
  const add = (code: string, name: string, level: RegionLevel, parentId: number | null) =>
    insertRegion(ctx.db, { code, name, level, parentId });
  const city = await add(`${codePrefix.slice(0, 2)}0000`, '测试市', 'city', null);
  const district = await add(codePrefix, '测试区', 'district', city);
  const s1 = await add(`${codePrefix}001000`, '甲街道', 'street', district);
  const s2 = await add(`${codePrefix}002000`, '乙街道', 'street', district);
  const c11 = await add(`${codePrefix}001001`, '甲一社区', 'community', s1);
  const c12 = await add(`${codePrefix}001002`, '甲二社区', 'community', s1);
  const c21 = await add(`${codePrefix}002001`, '乙一社区', 'community', s2);
  const c22 = await add(`${codePrefix}002002`, '乙二社区', 'community', s2);
  return {
    district,
    streets: [s1, s2],
    communities: [
      [c11, c12],
      [c21, c22],
    ],
  };
}

export async function createUnit(
  ctx: TestContext,
  u: { kind: UnitKind; name?: string; regionId?: number | null; designation?: string },
): Promise<number> {
  const now = new Date().toISOString();
  return insertUnit(
    ctx.db,
    {
      kind: u.kind,
      name: u.name ?? `测试单位${next()}`,
      region_id: u.regionId ?? null,
      designation_enc: u.designation ? ctx.cipher.encrypt(u.designation) : null,
      contact_name: null,
      contact_phone_enc: null,
      address: null,
      active: 1,
    },
    now,
  );
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

export async function createUser(
  ctx: TestContext,
  u: { role: Role; regionId?: number | null; unitId?: number | null; mustChangePassword?: boolean; username?: string },
): Promise<TestUser> {
  passwordHash ??= hashPassword(testPassword);
  const username = u.username ?? `${u.role}${next()}`;
  const id = await insertUser(
    ctx.db,
    {
      username,
      displayName: `测试${username}`,
      passwordHash: await passwordHash,
      role: u.role,
      regionId: u.regionId ?? null,
      unitId: u.unitId ?? null,
      mustChangePassword: u.mustChangePassword ?? false,
    },
    new Date().toISOString(),
  );
  return { id, username, password: testPassword };
}

let personSeq = 0;

/**
 * A person placed in a community (户籍 and residence), with one qualification. The ID number is valid
 * (GB 11643) and unique per call.
 */
export async function createPerson(
  ctx: TestContext,
  p: {
    regionId: number;
    hukouRegionId?: number | null;
    name?: string;
    categoryCode?: string;
    alive?: boolean;
    birthDate?: string;
    sex?: 'M' | 'F';
  },
): Promise<{ id: number; idNumber: string; name: string }> {
  const birthDate = p.birthDate ?? '1950-03-05';
  const sex = p.sex ?? 'M';
  const seqNo = (++personSeq % 499) * 2 + (sex === 'M' ? 1 : 0);
  const body = `310107${birthDate.replaceAll('-', '')}${String(seqNo).padStart(3, '0')}`;
  const idNumber = body + checkDigit(body);
  const name = p.name ?? `测试${['甲', '乙', '丙', '丁'][personSeq % 4]}${personSeq}`;
  const now = new Date().toISOString();
  const row = await ctx.db
    .insertInto('persons')
    .values({
      ...sensitiveColumns(ctx.cipher, idNumber, null),
      ...nameColumns(name),
      sex,
      birth_date: birthDate,
      hukou_region_id: p.hukouRegionId === undefined ? p.regionId : p.hukouRegionId,
      residence_region_id: p.regionId,
      address: null,
      household_id: null,
      alive: p.alive === false ? 0 : 1,
      death_date: p.alive === false ? '2025-01-01' : null,
      living_situations_json: '[]',
      notes: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addQualification(ctx, row.id, p.categoryCode ?? 'retired_soldier', now);
  return { id: row.id, idNumber, name };
}

/** A further qualification of `categoryCode` for a person, with no details. */
export async function addQualification(
  ctx: TestContext,
  personId: number,
  categoryCode: string,
  now = new Date().toISOString(),
): Promise<void> {
  await ctx.db
    .insertInto('qualifications')
    .values({
      person_id: personId,
      category_code: categoryCode,
      disability_grade: null,
      disability_nature: null,
      relation: null,
      serviceman_name: null,
      certificate_no: null,
      start_date: null,
      end_date: null,
      flags_json: '[]',
      created_at: now,
    })
    .execute();
}
