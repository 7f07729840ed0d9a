/**
 * 试算: what a roster costs, by street, community, category and standard, and how it compares with last year.
 */
import type { RosterEntry } from './roster.ts';
import { compareStandards, type Standard } from './standards.ts';

export interface GoodsTotal {
  name: string;
  unit: string;
  quantity: number;
  valueCents: number;
}

export interface Totals {
  /** Entries (packages): people with person dedup, households with household dedup. */
  people: number;
  cashCents: number;
  goodsCents: number;
  /** cash + goods. */
  totalCents: number;
  /** Per goods item (name + unit), in the order the standards list them. */
  goods: GoodsTotal[];
}

export interface GroupTotals extends Totals {
  /** streetId, communityId, category code or standardId. */
  key: string;
  /** The name shown (the standard's name, or the label passed in, else the key). */
  label: string;
}

export interface TrialRunTotals {
  overall: Totals;
  byStreet: GroupTotals[];
  byCommunity: GroupTotals[];
  byCategory: GroupTotals[];
  /** In the standards' winning order. */
  byStandard: GroupTotals[];
}

export type AggregatableEntry = Pick<RosterEntry, 'standardId' | 'streetId' | 'communityId' | 'categoryCode'>;

export interface AggregateOptions {
  streetLabels?: Readonly<Record<string, string>>;
  communityLabels?: Readonly<Record<string, string>>;
  categoryLabels?: Readonly<Record<string, string>>;
}

interface PackageInfo {
  cash: number;
  goodsValue: number;
  items: number[];
  quantities: number[];
  values: number[];
}

interface Accumulator {
  people: number;
  cash: number;
  goods: number;
  quantities: Float64Array;
  values: Float64Array;
}

function itemKey(name: string, unit: string): string {
  return `${name}\u0000${unit}`;
}

function label(map: Readonly<Record<string, string>> | undefined, key: string): string {
  return map !== undefined && Object.hasOwn(map, key) ? (map[key] as string) : key;
}

/** Sums a roster: money and goods by street, community, category and standard. Linear in the entries. */
export function aggregateRoster(
  entries: Iterable<AggregatableEntry>,
  standards: readonly Standard[],
  options: AggregateOptions = {},
): TrialRunTotals {
  const catalog: { name: string; unit: string }[] = [];
  const catalogIndex = new Map<string, number>();
  const packages = new Map<string, PackageInfo>();
  for (const standard of standards) {
    const info: PackageInfo = {
      cash: standard.package.cashCents,
      goodsValue: 0,
      items: [],
      quantities: [],
      values: [],
    };
    for (const item of standard.package.goods) {
      const key = itemKey(item.name, item.unit);
      let index = catalogIndex.get(key);
      if (index === undefined) {
        index = catalog.length;
        catalog.push({ name: item.name, unit: item.unit });
        catalogIndex.set(key, index);
      }
      const value = item.quantity * item.unitPriceCents;
      info.items.push(index);
      info.quantities.push(item.quantity);
      info.values.push(value);
      info.goodsValue += value;
    }
    packages.set(standard.id, info);
  }

  const itemCount = catalog.length;
  const newAccumulator = (): Accumulator => ({
    people: 0,
    cash: 0,
    goods: 0,
    quantities: new Float64Array(itemCount),
    values: new Float64Array(itemCount),
  });
  const overall = newAccumulator();
  const dimensions = [
    new Map<string, Accumulator>(),
    new Map<string, Accumulator>(),
    new Map<string, Accumulator>(),
    new Map<string, Accumulator>(),
  ] as const;
  const [byStreet, byCommunity, byCategory, byStandard] = dimensions;

  const add = (acc: Accumulator, info: PackageInfo) => {
    acc.people += 1;
    acc.cash += info.cash;
    acc.goods += info.goodsValue;
    for (let i = 0; i < info.items.length; i++) {
      const index = info.items[i] as number;
      acc.quantities[index] = (acc.quantities[index] as number) + (info.quantities[i] as number);
      acc.values[index] = (acc.values[index] as number) + (info.values[i] as number);
    }
  };
  const groupOf = (map: Map<string, Accumulator>, key: string): Accumulator => {
    let acc = map.get(key);
    if (acc === undefined) {
      acc = newAccumulator();
      map.set(key, acc);
    }
    return acc;
  };

  for (const entry of entries) {
    const info = packages.get(entry.standardId);
    if (info === undefined) throw new RangeError(`名单条目引用了不存在的慰问标准：${entry.standardId}`);
    add(overall, info);
    add(groupOf(byStreet, entry.streetId), info);
    add(groupOf(byCommunity, entry.communityId), info);
    add(groupOf(byCategory, entry.categoryCode), info);
    add(groupOf(byStandard, entry.standardId), info);
  }

  const toTotals = (acc: Accumulator): Totals => {
    const goods: GoodsTotal[] = [];
    for (let i = 0; i < itemCount; i++) {
      const quantity = acc.quantities[i] as number;
      if (quantity === 0) continue;
      const item = catalog[i] as { name: string; unit: string };
      goods.push({ name: item.name, unit: item.unit, quantity, valueCents: acc.values[i] as number });
    }
    return { people: acc.people, cashCents: acc.cash, goodsCents: acc.goods, totalCents: acc.cash + acc.goods, goods };
  };
  const byKey = (a: GroupTotals, b: GroupTotals) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const groups = (map: Map<string, Accumulator>, labels: (key: string) => string): GroupTotals[] =>
    [...map].map(([key, acc]) => ({ key, label: labels(key), ...toTotals(acc) })).sort(byKey);

  const standardOrder = new Map([...standards].sort(compareStandards).map((s, i) => [s.id, i] as const));
  const standardNames = new Map(standards.map((s) => [s.id, s.name] as const));
  return {
    overall: toTotals(overall),
    byStreet: groups(byStreet, (key) => label(options.streetLabels, key)),
    byCommunity: groups(byCommunity, (key) => label(options.communityLabels, key)),
    byCategory: groups(byCategory, (key) => label(options.categoryLabels, key)),
    byStandard: groups(byStandard, (key) => standardNames.get(key) ?? key).sort(
      (a, b) => (standardOrder.get(a.key) ?? 0) - (standardOrder.get(b.key) ?? 0),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison with last year

export interface TotalsDiff {
  people: number;
  cashCents: number;
  goodsCents: number;
  totalCents: number;
  /** Per goods item present in either year: current − last year. */
  goods: GoodsTotal[];
}

export interface TotalsComparisonRow {
  current: Totals | null;
  lastYear: Totals | null;
  /** current − last year (a side that is missing counts as zero). */
  diff: TotalsDiff;
}

export interface GroupComparison extends TotalsComparisonRow {
  key: string;
  label: string;
}

export interface TotalsComparison {
  overall: TotalsComparisonRow;
  byStreet: GroupComparison[];
  byCommunity: GroupComparison[];
  byCategory: GroupComparison[];
  byStandard: GroupComparison[];
}

const zeroTotals: Totals = { people: 0, cashCents: 0, goodsCents: 0, totalCents: 0, goods: [] };

function diffTotals(current: Totals | null, lastYear: Totals | null): TotalsDiff {
  const a = current ?? zeroTotals;
  const b = lastYear ?? zeroTotals;
  const goods = new Map<string, GoodsTotal>();
  for (const item of a.goods) goods.set(itemKey(item.name, item.unit), { ...item });
  for (const item of b.goods) {
    const key = itemKey(item.name, item.unit);
    const existing = goods.get(key);
    if (existing === undefined) {
      goods.set(key, { name: item.name, unit: item.unit, quantity: -item.quantity, valueCents: -item.valueCents });
    } else {
      existing.quantity -= item.quantity;
      existing.valueCents -= item.valueCents;
    }
  }
  return {
    people: a.people - b.people,
    cashCents: a.cashCents - b.cashCents,
    goodsCents: a.goodsCents - b.goodsCents,
    totalCents: a.totalCents - b.totalCents,
    goods: [...goods.values()],
  };
}

function compareGroups(
  current: readonly GroupTotals[],
  lastYear: readonly GroupTotals[],
  matchBy: 'key' | 'label',
): GroupComparison[] {
  const rows = new Map<string, { key: string; label: string; current: Totals | null; lastYear: Totals | null }>();
  for (const group of current) {
    rows.set(group[matchBy], { key: group.key, label: group.label, current: group, lastYear: null });
  }
  for (const group of lastYear) {
    const row = rows.get(group[matchBy]);
    if (row === undefined)
      rows.set(group[matchBy], { key: group.key, label: group.label, current: null, lastYear: group });
    else row.lastYear = group;
  }
  return [...rows.values()].map((row) => ({ ...row, diff: diffTotals(row.current, row.lastYear) }));
}

/**
 * Compares this year's trial run with last year's. Streets, communities and categories are matched by key;
 * standards by name (each campaign has its own standard ids) unless `matchStandardsBy: 'id'`. Rows present in
 * only one year have `null` on the other side. Order: this year's rows, then last year's rows that are gone.
 */
export function compareTotals(
  current: TrialRunTotals,
  lastYear: TrialRunTotals,
  options: { matchStandardsBy?: 'id' | 'name' } = {},
): TotalsComparison {
  return {
    overall: {
      current: current.overall,
      lastYear: lastYear.overall,
      diff: diffTotals(current.overall, lastYear.overall),
    },
    byStreet: compareGroups(current.byStreet, lastYear.byStreet, 'key'),
    byCommunity: compareGroups(current.byCommunity, lastYear.byCommunity, 'key'),
    byCategory: compareGroups(current.byCategory, lastYear.byCategory, 'key'),
    byStandard: compareGroups(
      current.byStandard,
      lastYear.byStandard,
      options.matchStandardsBy === 'id' ? 'key' : 'label',
    ),
  };
}

/** Relative change (0.25 = +25%), or `null` when last year was zero. */
export function changeRate(current: number, lastYear: number): number | null {
  return lastYear === 0 ? null : (current - lastYear) / lastYear;
}
