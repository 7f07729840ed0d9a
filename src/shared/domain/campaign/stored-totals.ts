/**
 * Totals of a roster as it was stored (last year's campaign): what its entries actually carried — amounts copied
 * at generation, manual additions, removals — rather than today's standards. Same shape as the trial run's, so
 * compareTotals can set them side by side.
 */
import type { GoodsItem } from './standards.ts';
import type { GoodsTotal, GroupTotals, Totals, TrialRunTotals } from './trial-run.ts';

/** Entries grouped by place, category, standard and package: `people` entries with these sums. */
export interface StoredGroup {
  streetId: string;
  communityId: string;
  categoryCode: string;
  /** Standards are matched across years by name. */
  standardName: string;
  people: number;
  cashCents: number;
  goodsCents: number;
  /** One entry's goods (the same for the whole group). */
  goods: readonly GoodsItem[];
}

interface Acc {
  people: number;
  cash: number;
  goods: number;
  items: Map<string, GoodsTotal>;
}

const empty = (): Acc => ({ people: 0, cash: 0, goods: 0, items: new Map() });

function add(acc: Acc, g: StoredGroup) {
  acc.people += g.people;
  acc.cash += g.cashCents;
  acc.goods += g.goodsCents;
  for (const item of g.goods) {
    const key = `${item.name}\u0000${item.unit}`;
    const t = acc.items.get(key) ?? { name: item.name, unit: item.unit, quantity: 0, valueCents: 0 };
    t.quantity += item.quantity * g.people;
    t.valueCents += item.quantity * item.unitPriceCents * g.people;
    acc.items.set(key, t);
  }
}

const totals = (acc: Acc): Totals => ({
  people: acc.people,
  cashCents: acc.cash,
  goodsCents: acc.goods,
  totalCents: acc.cash + acc.goods,
  goods: [...acc.items.values()],
});

export function aggregateStored(
  groups: readonly StoredGroup[],
  labels: {
    street: (id: string) => string;
    community: (id: string) => string;
    category: (code: string) => string;
  },
): TrialRunTotals {
  const overall = empty();
  const dims = {
    street: new Map<string, Acc>(),
    community: new Map<string, Acc>(),
    category: new Map<string, Acc>(),
    standard: new Map<string, Acc>(),
  };
  const into = (map: Map<string, Acc>, key: string) => {
    let acc = map.get(key);
    if (!acc) {
      acc = empty();
      map.set(key, acc);
    }
    return acc;
  };
  for (const g of groups) {
    add(overall, g);
    add(into(dims.street, g.streetId), g);
    add(into(dims.community, g.communityId), g);
    add(into(dims.category, g.categoryCode), g);
    add(into(dims.standard, g.standardName), g);
  }
  const list = (map: Map<string, Acc>, label: (key: string) => string): GroupTotals[] =>
    [...map]
      .map(([key, acc]) => ({ key, label: label(key), ...totals(acc) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    overall: totals(overall),
    byStreet: list(dims.street, labels.street),
    byCommunity: list(dims.community, labels.community),
    byCategory: list(dims.category, labels.category),
    byStandard: list(dims.standard, (name) => name),
  };
}
