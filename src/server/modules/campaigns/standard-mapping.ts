import type { StandardItem } from '../../../shared/api/campaigns.api.ts';
import {
  type Condition,
  describeCondition,
  type GoodsItem,
  type Standard,
  type StandardInput,
} from '../../../shared/domain/campaign/standards.ts';
import { qualificationFlags } from '../../../shared/domain/categories.ts';
import { parseJson } from './campaign-access.ts';
import type * as repo from './campaigns.repo.ts';

/** A stored standard (campaign_standards row) as the API shows it, as the domain evaluates it, and back. */

export function toStandardItem(row: repo.StandardRow): StandardItem {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    categories: parseJson<string[]>(row.categories_json, []),
    conditions: parseJson<Condition[]>(row.conditions_json, []),
    package: {
      cashCents: row.cash_cents,
      goods: parseJson<GoodsItem[]>(row.goods_json, []),
      letterTemplate: row.letter_template,
    },
    amountSet: row.amount_set === 1,
    conditionTexts: parseJson<Condition[]>(row.conditions_json, []).map((c) => describeCondition(c, flagLabels)),
    sort: row.sort,
  };
}

const flagLabels = { flags: Object.fromEntries(qualificationFlags.map((f) => [f.code, f.name])) };

/** A stored standard as the domain evaluates it (the id is the row id as text). */
export function toDomainStandard(row: repo.StandardRow): Standard {
  const item = toStandardItem(row);
  return {
    id: String(row.id),
    name: item.name,
    priority: item.priority,
    categories: item.categories,
    conditions: item.conditions,
    package: {
      cashCents: item.package.cashCents,
      goods: item.package.goods,
      ...(item.package.letterTemplate !== null && { letterTemplate: item.package.letterTemplate }),
    },
  };
}

export function standardRecord(s: StandardInput, amountSet: boolean, sort: number): repo.StandardWrite {
  return {
    name: s.name,
    priority: s.priority,
    categories_json: JSON.stringify(s.categories),
    conditions_json: JSON.stringify(s.conditions),
    cash_cents: s.package.cashCents,
    goods_json: JSON.stringify(s.package.goods),
    letter_template: s.package.letterTemplate ?? null,
    amount_set: amountSet ? 1 : 0,
    sort,
  };
}
