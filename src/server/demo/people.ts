import type { AppContext } from '../context.ts';
import { nameColumns, sensitiveColumns } from '../modules/registry/person-row.ts';
import { nowIso } from '../platform/clock.ts';
import { withIndexesDeferred } from './bulk-indexes.ts';
import { type DemoQualification, demoCategoryPlan, pickQualification } from './demo-categories.ts';
import type { DemoDeployment, DemoRegion } from './deployments.ts';
import { makeIdNumber } from './id-numbers.ts';
import { createRandom, type Random } from './random.ts';

const surnameText =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenText =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕红梅玉兰凤英德胜永清宝山金凤春生淑珍桂兰秀珍';
// As arrays once (characters, not UTF-16 units), not spread again for every name.
const surnames = [...surnameText];
const givenChars = [...givenText];
/** Rare characters beyond the BMP that real names carry (GB 18030-2022): stored and shown intact. */
const rareChars = ['𡒄', '𪚥', '𠇔', '𡛟'];
const nonLocalPrefixes = ['320102', '330106', '410105', '510104', '130102', '370102'];
const livingOptions = ['独居', '空巢', '孤老', '失能', '半失能', '低保', '特困'];

/** Rows per INSERT statement, and people per transaction (one commit, one fsync, per 20,000 people). */
const batchSize = 500;
const transactionSize = 20_000;

interface Draft {
  name: string;
  idNumber: string;
  phone: string;
  sex: 'M' | 'F';
  birthDate: string;
  community: number;
  local: boolean;
  alive: number;
  living: string[];
  deathDate: string | null;
  address: string;
  householdOf: 'new' | 'previous';
  qualification: DemoQualification;
}

interface Community {
  id: number;
  code: string;
}

function communitiesOf(tree: DemoRegion, ids: Map<string, number>): Community[] {
  const out: Community[] = [];
  const walk = (n: DemoRegion) => {
    if (n.level === 'community' || n.level === 'village') out.push({ id: ids.get(n.code)!, code: n.code });
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

function makeName(rnd: Random): string {
  const surname = rnd.pick(surnames);
  const givenLength = rnd.next() < 0.35 ? 1 : 2;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += rnd.next() < 0.002 ? rnd.pick(rareChars) : rnd.pick(givenChars);
  return surname + given;
}

/**
 * Fictional people across every category: statements of 500 rows, transactions of 20,000 people, the secondary
 * indexes of the registry tables built once after the load (see bulk-indexes.ts); a million people in about a
 * minute. Search keys are computed once per distinct name (names repeat, as real names do).
 */
export async function insertDemoPeople(
  ctx: AppContext,
  deployment: DemoDeployment,
  regionIds: Map<string, number>,
  options: { people: number; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  await withIndexesDeferred(ctx.db, ['persons', 'qualifications', 'households'], () =>
    loadPeople(ctx, deployment, regionIds, options),
  );
}

async function loadPeople(
  ctx: AppContext,
  deployment: DemoDeployment,
  regionIds: Map<string, number>,
  options: { people: number; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  const rnd = createRandom(options.seed ?? 20_260_125);
  const communities = communitiesOf(deployment.tree, regionIds);
  const plan = demoCategoryPlan();
  const usedIds = new Set<string>();
  const now = nowIso();
  const refYear = new Date(now).getUTCFullYear();
  let household: { id: number | null; community: number } = { id: null, community: -1 };
  const nameKeys = new Map<string, ReturnType<typeof nameColumns>>();
  const keysOf = (name: string) => {
    let keys = nameKeys.get(name);
    if (keys === undefined) {
      keys = nameColumns(name);
      nameKeys.set(name, keys);
    }
    return keys;
  };

  for (let chunk = 0; chunk < options.people; chunk += transactionSize) {
    const chunkEnd = Math.min(chunk + transactionSize, options.people);
    await ctx.db.transaction().execute(async (trx) => {
      for (let start = chunk; start < chunkEnd; start += batchSize) {
        const count = Math.min(batchSize, chunkEnd - start);
        const drafts: Draft[] = [];
        for (let k = 0; k < count; k++) {
          // The first people walk through every category once, so even a tiny demo shows them all.
          const qualification = pickQualification(plan, rnd, start + k);
          const community = rnd.pick(communities);
          const local = rnd.next() < 0.9;
          const birthYear = rnd.int(qualification.birthYears[0], qualification.birthYears[1]);
          const birthDate = `${birthYear}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
          const sex = qualification.sex ?? (rnd.next() < 0.75 ? 'M' : 'F');
          const prefix = local ? deployment.ownCode : rnd.pick(nonLocalPrefixes);
          const age = refYear - birthYear;
          const alive = rnd.next() < 0.97 ? 1 : 0;
          // Families: one time in five, the previous person's household in the same community.
          const joinsPrevious = household.community === community.id && rnd.next() < 0.2;
          drafts.push({
            name: makeName(rnd),
            idNumber: makeIdNumber(prefix, birthDate, sex, rnd, usedIds),
            phone: `13${rnd.int(100000000, 999999999)}`,
            sex,
            birthDate,
            community: community.id,
            local,
            alive,
            living:
              age >= 75 && rnd.next() < 0.5 ? [rnd.pick(livingOptions.slice(0, 4))] : rnd.next() < 0.05 ? ['低保'] : [],
            deathDate: alive ? null : `${refYear - rnd.int(0, 2)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
            address: `${rnd.int(1, 999)}弄${rnd.int(1, 60)}号${rnd.int(101, 1602)}室`,
            householdOf: joinsPrevious ? 'previous' : 'new',
            qualification: qualification.detail(rnd),
          });
          household = { id: joinsPrevious ? household.id : null, community: community.id };
        }

        // New households in one statement, named after their first member as offices do (张三户).
        const newHouseholds = drafts.filter((d) => d.householdOf === 'new');
        const householdIds = newHouseholds.length
          ? await trx
              .insertInto('households')
              .values(
                newHouseholds.map((d) => ({
                  name: `${d.name}户`,
                  region_id: d.community,
                  address: d.address,
                  created_at: now,
                  updated_at: now,
                })),
              )
              .returning('id')
              .execute()
          : [];
        let next = 0;
        let current = household.id;
        const persons = drafts.map((d) => {
          if (d.householdOf === 'new') current = householdIds[next++]!.id;
          return {
            ...sensitiveColumns(ctx.cipher, d.idNumber, d.phone),
            ...keysOf(d.name),
            sex: d.sex,
            birth_date: d.birthDate,
            hukou_region_id: d.local ? d.community : null,
            residence_region_id: d.community,
            address: d.address,
            household_id: current,
            alive: d.alive,
            death_date: d.deathDate,
            living_situations_json: JSON.stringify(d.living),
            notes: null,
            version: 1,
            created_at: now,
            updated_at: now,
          };
        });
        household = { ...household, id: current };
        const inserted = await trx.insertInto('persons').values(persons).returning('id').execute();
        await trx
          .insertInto('qualifications')
          .values(
            inserted.map((p, i) => {
              const q: DemoQualification = drafts[i]!.qualification;
              return {
                person_id: p.id,
                category_code: q.categoryCode,
                disability_grade: q.disabilityGrade ?? null,
                disability_nature: q.disabilityNature ?? null,
                relation: q.relation ?? null,
                serviceman_name: q.servicemanName ?? null,
                certificate_no: q.certificateNo ?? null,
                start_date: q.startDate ?? null,
                end_date: null,
                flags_json: JSON.stringify(q.flags ?? []),
                created_at: now,
              };
            }),
          )
          .execute();
        options.onProgress?.(start + count, options.people);
      }
    });
  }
}
