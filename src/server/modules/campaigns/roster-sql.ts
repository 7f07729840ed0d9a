/**
 * The roster as SQL: every standard compiled into predicates over the registry's tables, so that a million
 * people are matched, ranked, deduplicated per household and explained by a handful of INSERT … SELECT
 * statements instead of a million objects. The pure evaluator (domain/campaign/standards.ts) stays the
 * reference: the texts below are built from the same pieces and a differential test checks that both agree.
 *
 * The statements work on temporary tables inside the job's transaction: roster_places (where each region of the
 * campaign is visited from), roster_facts (per candidate: facts, the first qualification through which each
 * standard could match, the winning standard) and, for household dedup, roster_groups (per household: size, best
 * standard, the member who gets it).
 *
 * JSON lists (生活状况, 标识) are read with the engine's JSON functions (json_each / jsonb_array_elements_text),
 * after a LIKE on the element's JSON form as a cheap necessary condition — the registry writes these columns
 * with JSON.stringify, so that form is exact.
 */

import type { DedupPolicy } from '../../../shared/domain/campaign/roster.ts';
import { SAME_HOUSEHOLD_HIGHER, SAME_HOUSEHOLD_SAME } from '../../../shared/domain/campaign/roster.ts';
import {
  type CompiledStandard,
  compareStandards,
  compileStandard,
  disabilityNatureLabels,
  goodsValueCents,
  matchedRangeParts,
  NO_STANDARD,
  type Range,
  rangeText,
  type Standard,
} from '../../../shared/domain/campaign/standards.ts';
import type { Engine } from '../../db/dialect.ts';
import { natureCodes } from './facts.repo.ts';

/** A SQL text literal (quotes doubled; backslashes are plain characters on both engines). */
export function text(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`不是整数：${value}`);
  return String(value);
}

const list = (values: readonly string[]) => values.map(text).join(', ');

interface Dialect {
  /** Rows of a JSON array column: FROM item, the element as JS `String()` would give it, its position. */
  elements(column: string): { from: string; value: string; position: string };
  /** A pattern that matches the element's JSON form anywhere in the text (no escape character). */
  contains(column: string, code: string): string;
  concat(expr: string, separator: string, orderBy: string): string;
  jsonArray(items: readonly string[]): string;
  /** Order of `String(id)` (the reference breaks ties on the text of the person id). */
  textOrder(column: string): string;
  dateShape(column: string): string;
}

function dialectOf(engine: Engine): Dialect {
  if (engine === 'sqlite') {
    const safe = (c: string) =>
      `CASE WHEN json_valid(${c}) THEN CASE WHEN json_type(${c}) = 'array' THEN ${c} ELSE '[]' END ELSE '[]' END`;
    return {
      elements: (c) => ({
        from: `json_each(${safe(c)}) AS je`,
        value: `CASE je.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE CAST(je.value AS TEXT) END`,
        position: 'je.key',
      }),
      contains: (c, code) => `${c} LIKE ${text(`%${JSON.stringify(code).slice(1, -1)}%`)}`,
      concat: (e, sep, order) => `group_concat(${e}, ${sep} ORDER BY ${order})`,
      jsonArray: (items) => `json_array(${items.join(', ')})`,
      textOrder: (c) => `CAST(${c} AS TEXT)`,
      dateShape: (c) => `${c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
    };
  }
  const safe = (c: string) => `CASE WHEN ${c} LIKE '[%' THEN ${c} ELSE '[]' END`;
  return {
    elements: (c) => ({
      from: `jsonb_array_elements_text(CAST(${safe(c)} AS jsonb)) WITH ORDINALITY AS je(v, o)`,
      value: `COALESCE(je.v, 'null')`,
      position: 'je.o',
    }),
    contains: (c, code) => `${c} LIKE ${text(`%${JSON.stringify(code).slice(1, -1)}%`)} ESCAPE ''`,
    concat: (e, sep, order) => `string_agg(${e}, ${sep} ORDER BY ${order})`,
    jsonArray: (items) => `CAST(json_build_array(${items.join(', ')}) AS TEXT)`,
    textOrder: (c) => `CAST(${c} AS TEXT) COLLATE "C"`,
    dateShape: (c) => `${c} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`,
  };
}

export interface RosterSqlInput {
  engine: Engine;
  /** The campaign's standards (ids: campaign_standards.id as text) with their stored goods list. */
  standards: readonly { standard: Standard; goodsJson: string }[];
  refDate: string;
  dedup: DedupPolicy;
  categoryLabels: Readonly<Record<string, string>>;
}

export interface RosterSql {
  /** The standards best first; `roster_facts.w` is an index into this list. */
  ranked: readonly Standard[];
  /** Settings for the rest of the job's transaction, run first. */
  settings: string[];
  createFacts: string[];
  insertEntries(campaignId: number, now: string): string;
  insertExclusions(campaignId: number): string;
  /** Household dedup only: members covered by another member's entry. */
  insertHouseholdExclusions(campaignId: number): string | null;
  /** Entries per winning standard (`w`, `n`), read from the temporary tables. */
  countByWinner: string;
}

const coalesce = (items: readonly string[]) => (items.length === 1 ? items[0]! : `COALESCE(${items.join(', ')})`);
const and = (items: readonly string[]) => (items.length ? items.map((i) => `(${i})`).join(' AND ') : '1 = 1');

function rangeSql(column: string, range: Range): string {
  const parts = [`${column} IS NOT NULL`];
  if (range.min !== undefined) parts.push(`${column} >= ${int(range.min)}`);
  if (range.max !== undefined) parts.push(`${column} <= ${int(range.max)}`);
  return parts.join(' AND ');
}

export function compileRosterSql(input: RosterSqlInput): RosterSql {
  const d = dialectOf(input.engine);
  const goodsJson = new Map(input.standards.map((s) => [s.standard.id, s.goodsJson] as const));
  const ranked = input.standards.map((s) => s.standard).sort(compareStandards);
  const compiled = ranked.map(compileStandard);
  const idOf = (r: number) => int(Number(ranked[r]!.id));
  const ref = input.refDate.split('-').map(Number) as [number, number, number];
  const eff = (a: string) => `(${a}.end_date IS NULL OR ${a}.end_date >= ${text(input.refDate)})`;

  const natureCode = (column: string) =>
    `CASE ${column} ${Object.entries(natureCodes)
      .map(([stored, code]) => `WHEN ${text(stored)} THEN ${text(code)}`)
      .join(' ')} END`;
  const natureLabel = (column: string) =>
    `CASE ${column} ${Object.entries(natureCodes)
      .map(([stored, code]) => `WHEN ${text(stored)} THEN ${text(disabilityNatureLabels[code])}`)
      .join(' ')} END`;
  const labels = Object.entries(input.categoryLabels);
  const categoryLabel = (column: string) =>
    labels.length
      ? `CASE ${column} ${labels.map(([code, name]) => `WHEN ${text(code)} THEN ${text(name)}`).join(' ')} ELSE ${column} END`
      : column;

  /** 1 when any element of the JSON list column is one of `codes`, else 0. */
  const anyElement = (column: string, codes: readonly string[]) => {
    const el = d.elements(column);
    const likely = codes.map((c) => d.contains(column, c)).join(' OR ');
    return `CASE WHEN ${likely} THEN CASE WHEN EXISTS (SELECT 1 FROM ${el.from} WHERE ${el.value} IN (${list(codes)})) THEN 1 ELSE 0 END ELSE 0 END`;
  };

  // Per-qualification predicates of standard r (alias q: a qualifications row).
  const inCategories = (c: CompiledStandard, a: string) =>
    c.categories === null ? '1 = 1' : `${a}.category_code IN (${list(c.categories)})`;
  const qualificationHolds = (c: CompiledStandard, a: string) => {
    const parts: string[] = [];
    if (c.grade !== null) parts.push(rangeSql(`${a}.disability_grade`, c.grade));
    if (c.nature !== null) parts.push(`${natureCode(`${a}.disability_nature`)} IN (${list(c.nature)})`);
    if (c.relation !== null) parts.push(`${a}.relation IN (${list(c.relation)})`);
    return and(parts);
  };

  // Per-person checks of standard r on roster_facts (alias a), in the reference's checking order.
  const aliveOk = (c: CompiledStandard, a: string) => `${a}.alive ${c.aliveRequired ? '=' : '<>'} 1`;
  const hukouOk = (c: CompiledStandard, a: string) =>
    c.hukou === null ? null : `${a}.hukou_local = ${c.hukou ? 1 : 0}`;
  const ageOk = (c: CompiledStandard, a: string) => (c.age === null ? null : rangeSql(`${a}.age`, c.age));
  const matches = (r: number, a: string) => {
    const c = compiled[r]!;
    const parts = [`${a}.m_${r} IS NOT NULL`, aliveOk(c, a)];
    for (const p of [hukouOk(c, a), ageOk(c, a)]) if (p !== null) parts.push(p);
    if (c.living !== null) parts.push(`${a}.l_${r} = 1`);
    if (c.flags !== null) parts.push(`${a}.f_${r} = 1`);
    return and(parts);
  };
  const byWinner = (values: (r: number) => string, a = 'f') =>
    ranked.length ? `CASE ${a}.w ${ranked.map((_, r) => `WHEN ${r} THEN ${values(r)}`).join(' ')} END` : 'NULL';

  // --- rq: per person, the first effective qualification in each standard's categories (c_r), the first one
  // that also holds the qualification conditions (m_r), and whether any carries a wanted flag (f_r). A derived
  // table joined by hash, not a temporary table of its own: writing, indexing and re-reading that cost more than
  // the aggregate itself.
  const qualSelect = ['COUNT(*) AS n_eff'];
  compiled.forEach((c, r) => {
    qualSelect.push(
      `MIN(CASE WHEN ${inCategories(c, 'q')} THEN q.id END) AS c_${r}`,
      `MIN(CASE WHEN ${inCategories(c, 'q')} AND ${qualificationHolds(c, 'q')} THEN q.id END) AS m_${r}`,
    );
    if (c.flags !== null) qualSelect.push(`MAX(${anyElement('q.flags_json', c.flags)}) AS f_${r}`);
  });
  const quals = `SELECT q.person_id, ${qualSelect.join(', ')} FROM qualifications q WHERE ${eff('q')} GROUP BY q.person_id`;

  // --- roster_facts
  const b = 'p.birth_date';
  const year = `CAST(substr(${b}, 1, 4) AS INTEGER)`;
  const month = `CAST(substr(${b}, 6, 2) AS INTEGER)`;
  const day = `CAST(substr(${b}, 9, 2) AS INTEGER)`;
  const leap = `((${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0)`;
  const monthDays = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const refLeap = (ref[0] % 4 === 0 && ref[0] % 100 !== 0) || ref[0] % 400 === 0;
  const birthday = refLeap ? day : `CASE WHEN ${month} = 2 AND ${day} = 29 THEN 28 ELSE ${day} END`;
  const before = `(${int(ref[1])} < ${month} OR (${int(ref[1])} = ${month} AND ${int(ref[2])} < ${birthday}))`;
  // Nested CASEs: each step only runs on text that passed the previous one (no cast of a malformed date).
  const age = `CASE WHEN ${d.dateShape(b)} THEN CASE WHEN ${month} BETWEEN 1 AND 12 THEN CASE WHEN ${day} >= 1 AND ${day} <= ${monthDays}
    THEN ${int(ref[0])} - ${year} - CASE WHEN ${before} THEN 1 ELSE 0 END END END END`;

  const perStandard: string[] = [];
  compiled.forEach((c, r) => {
    perStandard.push(`rq.c_${r} AS c_${r}`, `rq.m_${r} AS m_${r}`);
    if (c.flags !== null) perStandard.push(`COALESCE(rq.f_${r}, 0) AS f_${r}`);
    if (c.living !== null) perStandard.push(`${anyElement('p.living_situations_json', c.living)} AS l_${r}`);
  });
  const winner = ranked.length
    ? `CASE ${ranked.map((_, r) => `WHEN ${matches(r, 'y')} THEN ${r}`).join(' ')} END`
    : 'CAST(NULL AS INTEGER)';
  const household = input.dedup === 'household';
  // The facts are materialised first (y), so that the winner reads stored columns instead of recomputing ages
  // and JSON lookups once per standard.
  const createFacts = [
    `CREATE TEMP TABLE roster_facts AS WITH y AS MATERIALIZED (
     SELECT p.id AS person_id, p.household_id, p.name AS person_name,
       COALESCE(rp.street_id, hp.street_id) AS street_id, COALESCE(rp.community_id, hp.community_id) AS community_id,
       p.alive, CASE WHEN hp.region_id IS NULL THEN 0 ELSE 1 END AS hukou_local, ${age} AS age,
       p.living_situations_json AS living, COALESCE(rq.n_eff, 0) AS n_eff
       ${perStandard.map((s) => `, ${s}`).join('')}
     FROM persons p
     LEFT JOIN roster_places rp ON rp.region_id = p.residence_region_id
     LEFT JOIN roster_places hp ON hp.region_id = p.hukou_region_id
     LEFT JOIN (${quals}) rq ON rq.person_id = p.id
     WHERE rp.region_id IS NOT NULL OR hp.region_id IS NOT NULL)
     SELECT y.*, ${winner} AS w FROM y`,
  ];
  // Household dedup: per household, its size among the people considered, the best standard of its members and
  // the member who gets it (ties: the smaller person id as text, like the reference).
  // PostgreSQL never analyses temporary tables by itself; without statistics it plans the joins below blind.
  // Only the joined columns: a whole-table ANALYZE of roster_facts reads every per-standard column (8× slower).
  const analyze = (table: string, columns: string) =>
    input.engine === 'postgres' ? [`ANALYZE ${table} (${columns})`] : [];
  createFacts.push(...analyze('roster_facts', 'household_id, w'));
  if (household) {
    createFacts.push(
      'CREATE INDEX roster_facts_household ON roster_facts (household_id)',
      `CREATE TEMP TABLE roster_groups AS
       SELECT g.household_id, g.size, g.best, CASE WHEN g.best IS NULL THEN NULL ELSE (
           SELECT CAST(MIN(${d.textOrder('m.person_id')}) AS INTEGER) FROM roster_facts m
           WHERE m.household_id = g.household_id AND m.w = g.best) END AS winner
       FROM (SELECT household_id, COUNT(*) AS size, MIN(w) AS best FROM roster_facts
             WHERE household_id IS NOT NULL GROUP BY household_id) g`,
      'CREATE UNIQUE INDEX roster_groups_household ON roster_groups (household_id)',
      ...analyze('roster_groups', 'household_id'),
    );
  }
  const size = household ? 'COALESCE(g.size, 1)' : '1';
  const groups = household ? 'LEFT JOIN roster_groups g ON g.household_id = f.household_id' : '';
  // The members that get an entry: everyone matched, less those whose household's entry went to another member.
  // An anti-join, not `g.winner = f.person_id OR …` after the LEFT JOIN: PostgreSQL estimates that OR at one row
  // and then fetches each winner's qualification by a nested loop.
  const winners = household
    ? ' AND NOT EXISTS (SELECT 1 FROM roster_groups c WHERE c.household_id = f.household_id AND c.winner <> f.person_id)'
    : '';

  // --- entries: the winner of each group, with its reasons, the other matched standards and the household.
  const livingHits = (c: CompiledStandard) => {
    const el = d.elements('f.living');
    return `(SELECT ${d.concat(el.value, "'、'", el.position)} FROM ${el.from} WHERE ${el.value} IN (${list(c.living ?? [])}))`;
  };
  const flagHits = (c: CompiledStandard) => {
    const el = d.elements('fq.flags_json');
    return `(SELECT ${d.concat('h.v', "'、'", 'h.o')} FROM (
      SELECT ${el.value} AS v, MIN(CAST(fq.id AS BIGINT) * 1000000 + ${el.position}) AS o
      FROM qualifications fq CROSS JOIN ${el.from}
      WHERE fq.person_id = f.person_id AND ${eff('fq')} AND ${el.value} IN (${list(c.flags ?? [])})
      GROUP BY ${el.value}) h)`;
  };
  const reasons = (r: number) => {
    const c = compiled[r]!;
    const items = [`${text('类别：')} || ${categoryLabel('wq.category_code')}`];
    if (c.grade !== null) {
      const [before, after] = matchedRangeParts('伤残等级', c.grade, '级');
      items.push(`${text(before)} || CAST(wq.disability_grade AS TEXT) || ${text(after)}`);
    }
    if (c.nature !== null) items.push(`${text('伤残性质：')} || ${natureLabel('wq.disability_nature')}`);
    if (c.relation !== null) items.push(`${text('与军人关系：')} || wq.relation`);
    if (c.hukou !== null) items.push(text(c.hukou ? '本区户籍' : '非本区户籍'));
    if (c.aliveExplicit) items.push(text(c.aliveRequired ? '在世' : '已故'));
    if (c.age !== null) {
      const [before, after] = matchedRangeParts('年龄', c.age, '岁');
      items.push(`${text(before)} || CAST(f.age AS TEXT) || ${text(after)}`);
    }
    if (c.living !== null) items.push(`${text('生活状况：')} || COALESCE(${livingHits(c)}, '')`);
    if (c.flags !== null) items.push(`${text('标识：')} || COALESCE(${flagHits(c)}, '')`);
    if (!household) return d.jsonArray(items);
    const note = `${text('按户发放：同户 ')} || CAST(${size} AS TEXT) || ${text(' 人，取最高标准')}`;
    return `CASE WHEN ${size} > 1 THEN ${d.jsonArray([...items, note])} ELSE ${d.jsonArray(items)} END`;
  };
  const also =
    ranked.length > 1
      ? `'[' || substr(${ranked
          .slice(1)
          .map((_, i) => `CASE WHEN f.w < ${i + 1} AND ${matches(i + 1, 'f')} THEN ',${idOf(i + 1)}' ELSE '' END`)
          .join(' || ')}, 2) || ']'`
      : `'[]'`;
  const others = household
    ? `CASE WHEN ${size} > 1 THEN (SELECT '[' || ${d.concat('CAST(o.person_id AS TEXT)', "','", 'o.person_id')} || ']'
         FROM roster_facts o WHERE o.household_id = f.household_id AND o.person_id <> f.person_id) ELSE '[]' END`
    : `'[]'`;
  const insertEntries = (campaignId: number, now: string) => `
    INSERT INTO campaign_roster_entries (campaign_id, person_id, household_id, standard_id, category_code, street_id,
      community_id, person_name, cash_cents, goods_cents, goods_json, also_matched_json, reasons_json,
      other_members_json, source, state, visit_status, created_at, updated_at)
    SELECT ${int(campaignId)}, f.person_id, f.household_id, ${byWinner(idOf)}, wq.category_code, f.street_id,
      f.community_id, f.person_name, ${byWinner((r) => int(ranked[r]!.package.cashCents))},
      ${byWinner((r) => int(goodsValueCents(ranked[r]!.package)))},
      ${byWinner((r) => text(goodsJson.get(ranked[r]!.id) ?? '[]'))}, ${also}, ${byWinner(reasons)}, ${others},
      'rule', 'active', 'pending', ${text(now)}, ${text(now)}
    FROM roster_facts f JOIN qualifications wq ON wq.id = ${byWinner((r) => `f.m_${r}`)} ${groups}
    WHERE f.w IS NOT NULL${winners}
    ORDER BY f.person_id`;

  // --- exclusions: why nobody matched, as the reference words it (see exclusionReason in standards.ts).
  const qualificationFailure = (c: CompiledStandard, a: string) => {
    const whens: string[] = [];
    if (c.grade !== null) {
      whens.push(`WHEN ${a}.disability_grade IS NULL THEN ${text('无伤残等级')}`);
      whens.push(
        `WHEN NOT (${rangeSql(`${a}.disability_grade`, c.grade)}) THEN ${text('伤残等级 ')} || CAST(${a}.disability_grade AS TEXT) || ${text(` 级，不满足 ${rangeText(c.grade, '级')}`)}`,
      );
    }
    if (c.nature !== null) {
      const wanted = c.nature.map((n) => disabilityNatureLabels[n as keyof typeof disabilityNatureLabels] ?? n);
      whens.push(`WHEN ${natureCode(`${a}.disability_nature`)} IS NULL THEN ${text('无伤残性质')}`);
      whens.push(
        `WHEN ${natureCode(`${a}.disability_nature`)} NOT IN (${list(c.nature)}) THEN ${text('伤残性质为')} || ${natureLabel(`${a}.disability_nature`)} || ${text(`，不属于${wanted.join('、')}`)}`,
      );
    }
    if (c.relation !== null) {
      whens.push(`WHEN ${a}.relation IS NULL THEN ${text('无与军人关系信息')}`);
      whens.push(
        `WHEN ${a}.relation NOT IN (${list(c.relation)}) THEN ${text('与军人关系为')} || ${a}.relation || ${text(`，不属于${c.relation.join('、')}`)}`,
      );
    }
    return whens.length ? `CASE ${whens.join(' ')} ELSE ${text('不符合优抚身份条件')} END` : text('不符合优抚身份条件');
  };
  const failure = (r: number) => {
    const c = compiled[r]!;
    const whens = [
      `WHEN f.c_${r} IS NULL THEN NULL`,
      `WHEN NOT (${aliveOk(c, 'f')}) THEN ${text(c.aliveRequired ? '已故' : '在世，不符合“已故”条件')}`,
    ];
    const hukou = hukouOk(c, 'f');
    if (hukou !== null) {
      whens.push(`WHEN NOT (${hukou}) THEN ${text(c.hukou ? '非本区户籍' : '本区户籍，不符合“非本区户籍”条件')}`);
    }
    whens.push(
      `WHEN f.m_${r} IS NULL THEN (SELECT ${qualificationFailure(c, 'fq')} FROM qualifications fq WHERE fq.id = f.c_${r})`,
    );
    if (c.age !== null) {
      const tooOld = `${text('年龄 ')} || CAST(f.age AS TEXT) || ${text(` 岁，超过 ${c.age.max} 岁`)}`;
      const wording =
        c.age.min !== undefined
          ? `CASE WHEN f.age < ${int(c.age.min)} THEN ${text('年龄 ')} || CAST(f.age AS TEXT) || ${text(` 岁，未满 ${c.age.min} 岁`)} ELSE ${tooOld} END`
          : tooOld;
      whens.push(`WHEN f.age IS NULL THEN ${text('缺少有效出生日期，无法判断年龄')}`);
      whens.push(`WHEN NOT (${ageOk(c, 'f')}) THEN ${wording}`);
    }
    if (c.living !== null) whens.push(`WHEN f.l_${r} = 0 THEN ${text(`生活状况不属于${c.living.join('、')}`)}`);
    if (c.flags !== null) whens.push(`WHEN f.f_${r} = 0 THEN ${text(`无${c.flags.join('、')}标识`)}`);
    return `CASE ${whens.join(' ')} END`;
  };
  const targeted = compiled.flatMap((c, r) => (c.categories !== null ? [r] : []));
  const open = compiled.flatMap((c, r) => (c.categories === null ? [r] : []));
  /** One reason when the standards of a kind agree, else 不符合任何慰问标准. */
  const agreed = (columns: string[]) => {
    const first = coalesce(columns);
    return `CASE WHEN ${columns.map((c) => `(${c} IS NULL OR ${c} = ${first})`).join(' AND ')} THEN ${first} ELSE ${text(NO_STANDARD)} END`;
  };
  const whens: string[] = [];
  for (const kind of [targeted, open]) {
    if (kind.length === 0) continue;
    const columns = kind.map((r) => `z.x_${r}`);
    whens.push(`WHEN ${coalesce(columns)} IS NOT NULL THEN ${agreed(columns)}`);
  }
  whens.push(`WHEN z.alive <> 1 THEN ${text('已故')}`, `WHEN z.n_eff = 0 THEN ${text('无优抚身份')}`);
  // Materialised first: each reason is read several times by the agreement check, and an inlined subquery
  // would compute it (with its lookups) once per read.
  const insertExclusions = (campaignId: number) => `
    WITH z AS MATERIALIZED (SELECT f.person_id, f.household_id, f.street_id, f.community_id, f.person_name, f.alive,
      f.n_eff ${ranked.map((_, r) => `, ${failure(r)} AS x_${r}`).join('')}
      FROM roster_facts f WHERE f.w IS NULL)
    INSERT INTO campaign_exclusions (campaign_id, person_id, household_id, street_id, community_id, person_name,
      reason, standard_id, covered_by_person_id)
    SELECT ${int(campaignId)}, z.person_id, z.household_id, z.street_id, z.community_id, z.person_name,
      CASE ${whens.join(' ')} ELSE ${text(NO_STANDARD)} END, NULL, NULL
    FROM z ORDER BY z.person_id`;

  const insertHouseholdExclusions = (campaignId: number) =>
    household
      ? `INSERT INTO campaign_exclusions (campaign_id, person_id, household_id, street_id, community_id, person_name,
           reason, standard_id, covered_by_person_id)
         SELECT ${int(campaignId)}, f.person_id, f.household_id, f.street_id, f.community_id, f.person_name,
           CASE WHEN f.w = g.best THEN ${text(SAME_HOUSEHOLD_SAME)} ELSE ${text(SAME_HOUSEHOLD_HIGHER)} END,
           ${byWinner(idOf)}, g.winner
         FROM roster_facts f JOIN roster_groups g ON g.household_id = f.household_id
         WHERE f.w IS NOT NULL AND f.person_id <> g.winner
         ORDER BY f.person_id`
      : null;

  const countByWinner = `SELECT f.w, COUNT(*) AS n FROM roster_facts f WHERE f.w IS NOT NULL${winners} GROUP BY f.w`;

  // JIT compiles the exclusion statement's many per-standard expressions for longer (~0.9 s at 100,000 people)
  // than it runs; the sorts of entries and exclusions fit in memory at this work_mem.
  const settings = input.engine === 'postgres' ? ['SET LOCAL jit = off', "SET LOCAL work_mem = '64MB'"] : [];

  return {
    ranked,
    settings,
    createFacts,
    insertEntries,
    insertExclusions,
    insertHouseholdExclusions,
    countByWinner,
  };
}
