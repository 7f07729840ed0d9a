import { describe, expect, it } from 'vitest';
import { buildRoster } from './roster.ts';
import type { PersonFacts } from './standards.ts';
import { person, REF_DATE, standards } from './test-fixtures.ts';

const martyrParent = (personId: string, householdId: string | null, more: Partial<PersonFacts> = {}) =>
  person({ personId, householdId, birthDate: '1956-03-10', ...more });
const severe = (personId: string, householdId: string | null) =>
  person({
    personId,
    householdId,
    birthDate: '1950-08-01',
    categories: [{ code: 'disabled_veteran', disabilityGrade: 2, disabilityNature: 'war' }],
  });

describe('buildRoster, one package per person', () => {
  it('gives each matching person an entry with its reasons and the other matched standards', () => {
    const roster = buildRoster([martyrParent('a', 'h1'), severe('b', 'h1')], standards, {
      dedup: 'person',
      refDate: REF_DATE,
    });
    expect(roster.considered).toBe(2);
    expect(roster.excluded).toEqual([]);
    expect(roster.entries).toEqual([
      {
        personId: 'a',
        householdId: 'h1',
        streetId: '310107015000',
        communityId: '310107015001',
        standardId: 'std-universal',
        categoryCode: 'martyr_family',
        alsoMatched: [],
        reasons: ['类别：烈士遗属', '本区户籍'],
        otherMembers: [],
      },
      {
        personId: 'b',
        householdId: 'h1',
        streetId: '310107015000',
        communityId: '310107015001',
        standardId: 'std-severe',
        categoryCode: 'disabled_veteran',
        alsoMatched: ['std-universal'],
        reasons: ['类别：残疾军人', '伤残等级 2 级 ≤ 4 级', '伤残性质：因战', '本区户籍'],
        otherMembers: [],
      },
    ]);
  });

  it('lists the deceased and the non-local with their reasons, and counts a repeated person once', () => {
    const roster = buildRoster(
      [
        martyrParent('dead', 'h3', { alive: false }),
        martyrParent('away', 'h3', { hukouLocal: false }),
        martyrParent('twice', null),
        martyrParent('twice', null),
      ],
      standards,
      { dedup: 'person', refDate: REF_DATE },
    );
    expect(roster.entries.map((e) => e.personId)).toEqual(['twice']);
    expect(roster.excluded.map((e) => [e.personId, e.reason])).toEqual([
      ['dead', '已故'],
      ['away', '非本区户籍'],
      ['twice', '重复记录，已按第一条计入'],
    ]);
  });
});

describe('buildRoster, one package per household', () => {
  it('a household with two members of different categories gets one entry with the better package', () => {
    const roster = buildRoster([martyrParent('a', 'h1'), severe('b', 'h1')], standards, {
      dedup: 'household',
      refDate: REF_DATE,
    });
    expect(roster.entries).toHaveLength(1);
    expect(roster.entries[0]).toMatchObject({
      personId: 'b',
      householdId: 'h1',
      standardId: 'std-severe',
      categoryCode: 'disabled_veteran',
      alsoMatched: ['std-universal'],
      otherMembers: ['a'],
    });
    expect(roster.entries[0]?.reasons).toEqual([
      '类别：残疾军人',
      '伤残等级 2 级 ≤ 4 级',
      '伤残性质：因战',
      '本区户籍',
      '按户发放：同户 2 人，取最高标准',
    ]);
    expect(roster.excluded).toEqual([
      {
        personId: 'a',
        householdId: 'h1',
        streetId: '310107015000',
        communityId: '310107015001',
        reason: '同户已享受更高标准',
        standardId: 'std-universal',
        coveredBy: 'b',
      },
    ]);
  });

  it('does not depend on the order of the members', () => {
    const forward = buildRoster([martyrParent('a', 'h1'), severe('b', 'h1')], standards, {
      dedup: 'household',
      refDate: REF_DATE,
    });
    const backward = buildRoster([severe('b', 'h1'), martyrParent('a', 'h1')], standards, {
      dedup: 'household',
      refDate: REF_DATE,
    });
    expect(backward.entries).toEqual(forward.entries);
    // Two members with the same standard: the smaller personId, whatever the order.
    const same = buildRoster([martyrParent('p-d', 'h2'), martyrParent('p-c', 'h2')], standards, {
      dedup: 'household',
      refDate: REF_DATE,
    });
    expect(same.entries.map((e) => e.personId)).toEqual(['p-c']);
    expect(same.excluded.map((e) => [e.personId, e.reason, e.coveredBy])).toEqual([
      ['p-d', '同户已享受同一标准', 'p-c'],
    ]);
  });

  it('keeps members who match nothing with their own reason, and people without a household on their own', () => {
    const roster = buildRoster(
      [
        martyrParent('a', 'h1'),
        martyrParent('gone', 'h1', { alive: false }),
        martyrParent('solo-1', null),
        martyrParent('solo-2', null),
        martyrParent('dead', 'h3', { alive: false }),
        martyrParent('away', 'h3', { hukouLocal: false }),
      ],
      standards,
      { dedup: 'household', refDate: REF_DATE },
    );
    expect(roster.entries.map((e) => [e.personId, e.otherMembers])).toEqual([
      ['a', ['gone']],
      ['solo-1', []],
      ['solo-2', []],
    ]);
    expect(roster.excluded.map((e) => [e.personId, e.reason])).toEqual([
      ['gone', '已故'],
      ['dead', '已故'],
      ['away', '非本区户籍'],
    ]);
    expect(roster.considered).toBe(6);
  });

  it('accepts any iterable and refuses an unknown dedup policy', () => {
    function* people() {
      yield martyrParent('a', 'h1');
      yield severe('b', 'h1');
    }
    expect(buildRoster(people(), standards, { dedup: 'household', refDate: REF_DATE }).entries).toHaveLength(1);
    expect(() => buildRoster([], standards, { dedup: 'family' as 'person', refDate: REF_DATE })).toThrow(/去重方式/);
  });
});

describe('buildRoster at scale', () => {
  it('handles 200,000 people in two-person households in linear time', () => {
    const n = 200_000;
    const list: PersonFacts[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const household = `h${i >> 1}`;
      list[i] =
        i % 2 === 0
          ? martyrParent(`p${i}`, household, { streetId: `s${i % 10}`, hukouLocal: i % 20 !== 0 })
          : severe(`p${i}`, household);
    }
    const started = performance.now();
    const byHousehold = buildRoster(list, standards, { dedup: 'household', refDate: REF_DATE });
    const byPerson = buildRoster(list, standards, { dedup: 'person', refDate: REF_DATE });
    const elapsed = performance.now() - started;
    expect(byHousehold.entries).toHaveLength(n / 2);
    expect(byHousehold.entries.every((e) => e.standardId === 'std-severe')).toBe(true);
    expect(byHousehold.excluded).toHaveLength(n / 2);
    expect(byPerson.entries).toHaveLength(n - n / 20);
    expect(byPerson.excluded.filter((e) => e.reason === '非本区户籍')).toHaveLength(n / 20);
    // An O(n²) grouping would take minutes here.
    expect(elapsed).toBeLessThan(10_000);
  });
});
