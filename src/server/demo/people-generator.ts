/**
 * The demo's fictional people, generated batch by batch in their stored form (ciphertext, lookup hashes,
 * search keys) as flat rows for bulk-insert.ts. Runs in a worker thread (people-worker.ts) while the main
 * thread writes the previous batch; ids are the writer's to fill in, since only it can reserve them.
 */
import { pinyinKeys, toSimplified } from '../../shared/domain/text.ts';
import { sensitiveColumns } from '../modules/registry/person-row.ts';
import type { FieldCipher } from '../platform/crypto.ts';
import { appendRow, type BulkTable } from './bulk-rows.ts';
import { demoCategoryPlan, pickQualification } from './demo-categories.ts';
import { drawIdSequence, idNumberOf, type UsedIdNumbers } from './id-numbers.ts';
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
const elderlyLiving = livingOptions.slice(0, 4);

export const householdTable: BulkTable<'households'> = {
  name: 'households',
  columns: ['id', 'name', 'region_id', 'address', 'created_at', 'updated_at'],
};
export const personTable: BulkTable<'persons'> = {
  name: 'persons',
  columns: [
    'id',
    'household_id',
    'id_number_enc',
    'id_number_hash',
    'id_tail4',
    'id_tail6_hash',
    'id_masked',
    'phone_enc',
    'phone_hash',
    'phone_masked',
    'name',
    'name_search',
    'pinyin_initials',
    'pinyin_full',
    'sex',
    'birth_date',
    'hukou_region_id',
    'residence_region_id',
    'address',
    'alive',
    'death_date',
    'living_situations_json',
    'version',
    'created_at',
    'updated_at',
  ],
};
export const qualificationTable: BulkTable<'qualifications'> = {
  name: 'qualifications',
  columns: [
    'person_id',
    'category_code',
    'disability_grade',
    'disability_nature',
    'relation',
    'serviceman_name',
    'certificate_no',
    'start_date',
    'end_date',
    'flags_json',
    'created_at',
  ],
};

/**
 * One batch, row-major in the column order above. Left null for the writer: households' `id`, persons' `id`
 * and `household_id`, qualifications' `person_id`.
 */
export interface PeopleBatch {
  count: number;
  households: unknown[];
  persons: unknown[];
  qualifications: unknown[];
  /** Per person: 1 when the person heads a new household (the next one of `households`), 0 when they join
   * the household of the person before them. */
  newHousehold: Uint8Array;
}

export interface GeneratorOptions {
  ownCode: string;
  communities: number[];
  seed: number;
  now: string;
}

/** A name as its surname and given name. */
function makeName(rnd: Random): [string, string] {
  const surname = rnd.pick(surnames);
  const givenLength = rnd.next() < 0.35 ? 1 : 2;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += rnd.next() < 0.002 ? rnd.pick(rareChars) : rnd.pick(givenChars);
  return [surname, given];
}

interface NameKeys {
  name_search: string;
  pinyin_initials: string;
  pinyin_full: string;
}

/**
 * The search keys of the generated names (what nameColumns gives), put together from those of the surname
 * and of the given name: a hundred surnames and a few thousand given names instead of reading hundreds of
 * thousands of distinct names with pinyin-pro. Sound for these characters, which neither join across the
 * surname into a word nor change their reading after it (every name the generator can make was checked once;
 * demo.test.ts compares generated people with nameColumns). A given name's keys are read after a fixed surname,
 * as they are within a full name, and that surname's keys cut off.
 */
function createNameKeys(): (surname: string, given: string) => NameKeys {
  const reference = '王';
  const referenceKeys = pinyinKeys(reference);
  const parts = new Map<string, NameKeys>();
  const surnameKeys = (surname: string): NameKeys => {
    const keys = pinyinKeys(surname);
    return { name_search: toSimplified(surname), pinyin_initials: keys.initials, pinyin_full: keys.full };
  };
  const givenKeys = (given: string): NameKeys => {
    const keys = pinyinKeys(reference + given);
    return {
      name_search: toSimplified(given),
      pinyin_initials: keys.initials.slice(referenceKeys.initials.length),
      pinyin_full: keys.full.slice(referenceKeys.full.length),
    };
  };
  const part = (key: string, text: string, read: (text: string) => NameKeys) => {
    let keys = parts.get(key);
    if (keys === undefined) {
      keys = read(text);
      parts.set(key, keys);
    }
    return keys;
  };
  return (surname, given) => {
    const s = part(`s${surname}`, surname, surnameKeys);
    const g = part(`g${given}`, given, givenKeys);
    return {
      name_search: s.name_search + g.name_search,
      pinyin_initials: s.pinyin_initials + g.pinyin_initials,
      pinyin_full: s.pinyin_full + g.pinyin_full,
    };
  };
}

/**
 * The cipher with the hashes of ID tails remembered: a tail (day of birth, sequence, check digit) takes some
 * 28,000 values, so most of a large demo's tails repeat. The hash is deterministic: the same text either way.
 */
function withTailHashes(cipher: FieldCipher): FieldCipher {
  const tails = new Map<string, string>();
  return {
    encrypt: (plain) => cipher.encrypt(plain),
    decrypt: (text) => cipher.decrypt(text),
    lookupHash(value, purpose) {
      if (purpose !== 'id6') return cipher.lookupHash(value, purpose);
      let hash = tails.get(value);
      if (hash === undefined) {
        hash = cipher.lookupHash(value, purpose);
        tails.set(value, hash);
      }
      return hash;
    },
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * People in every category with families, ages and details that fit it; the same seed gives the same people.
 * Batches are asked for in order. A batch asked for with `build` false is drawn (the random numbers, ID numbers
 * and households it uses) but not built: its rows stay empty. So several workers, each building every n-th
 * batch, make exactly the people one would.
 */
export function createPeopleGenerator(fieldCipher: FieldCipher, options: GeneratorOptions) {
  const rnd = createRandom(options.seed);
  const cipher = withTailHashes(fieldCipher);
  const { communities, now } = options;
  const plan = demoCategoryPlan();
  const usedIds: UsedIdNumbers = new Map();
  const refYear = new Date(now).getUTCFullYear();
  let previousCommunity = -1;
  const nameKeys = createNameKeys();

  /** The people numbered `start` to `start + count - 1`. */
  return (start: number, count: number, build = true): PeopleBatch => {
    const batch: PeopleBatch = {
      count,
      households: [],
      persons: [],
      qualifications: [],
      newHousehold: new Uint8Array(count),
    };
    for (let k = 0; k < count; k++) {
      // The first people walk through every category once, so even a tiny demo shows them all.
      const qualification = pickQualification(plan, rnd, start + k);
      const community = rnd.pick(communities);
      const local = rnd.next() < 0.9;
      const birthYear = rnd.int(qualification.birthYears[0], qualification.birthYears[1]);
      const birthDate = `${birthYear}-${pad2(rnd.int(1, 12))}-${pad2(rnd.int(1, 28))}`;
      const sex = qualification.sex ?? (rnd.next() < 0.75 ? 'M' : 'F');
      const prefix = local ? options.ownCode : rnd.pick(nonLocalPrefixes);
      const age = refYear - birthYear;
      const alive = rnd.next() < 0.97 ? 1 : 0;
      // Families: one time in five, the previous person's household in the same community.
      const joinsPrevious = previousCommunity === community && rnd.next() < 0.2;
      previousCommunity = community;
      const [surname, given] = makeName(rnd);
      const idSequence = drawIdSequence(prefix, birthDate, sex, rnd, usedIds);
      const phone = `13${rnd.int(100000000, 999999999)}`;
      const living = age >= 75 && rnd.next() < 0.5 ? [rnd.pick(elderlyLiving)] : rnd.next() < 0.05 ? ['低保'] : [];
      const deathDate = alive ? null : `${refYear - rnd.int(0, 2)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`;
      const address = `${rnd.int(1, 999)}弄${rnd.int(1, 60)}号${rnd.int(101, 1602)}室`;
      const q = qualification.detail(rnd);
      if (!joinsPrevious) batch.newHousehold[k] = 1;
      if (!build) continue;

      const name = surname + given;
      const idNumber = idNumberOf(prefix, birthDate, idSequence);
      if (!joinsPrevious) {
        // Named after their first member, as offices do (张三户).
        appendRow(batch.households, householdTable, {
          name: `${name}户`,
          region_id: community,
          address,
          created_at: now,
          updated_at: now,
        });
      }
      // Property by property: spreading these objects into one cost more than the encryption.
      const sensitive = sensitiveColumns(cipher, idNumber, phone);
      const keys = nameKeys(surname, given);
      appendRow(batch.persons, personTable, {
        id_number_enc: sensitive.id_number_enc,
        id_number_hash: sensitive.id_number_hash,
        id_tail4: sensitive.id_tail4,
        id_tail6_hash: sensitive.id_tail6_hash,
        id_masked: sensitive.id_masked,
        phone_enc: sensitive.phone_enc,
        phone_hash: sensitive.phone_hash,
        phone_masked: sensitive.phone_masked,
        name,
        name_search: keys.name_search,
        pinyin_initials: keys.pinyin_initials,
        pinyin_full: keys.pinyin_full,
        sex,
        birth_date: birthDate,
        hukou_region_id: local ? community : null,
        residence_region_id: community,
        address,
        alive,
        death_date: deathDate,
        living_situations_json: JSON.stringify(living),
        version: 1,
        created_at: now,
        updated_at: now,
      });
      appendRow(batch.qualifications, qualificationTable, {
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
      });
    }
    return batch;
  };
}
