import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { sexLabels } from '../../../shared/api/registry.api.ts';
import { ageOn } from '../../../shared/domain/campaign/dates.ts';
import { errorText, isApiError } from '../../api/client.ts';

export const sexText = (sex: 'M' | 'F') => sexLabels[sex];

/** 周岁 today, from the birth date. */
export function ageText(birthDate: string): string {
  const age = ageOn(birthDate, todayText());
  return age === null ? '' : `${age} 岁`;
}

export function todayText(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function CategoryTags({ categories }: { categories: { code: string; name: string }[] }) {
  return (
    <>
      {categories.map((c) => (
        <Tag key={c.code} color="red" style={{ marginInlineEnd: 4 }}>
          {c.name}
        </Tag>
      ))}
    </>
  );
}

/** 生活状况 (困难, 孤老 …) as orange tags. */
export function SituationTags({ situations }: { situations: string[] }) {
  return (
    <>
      {situations.map((s) => (
        <Tag key={s} color="orange">
          {s}
        </Tag>
      ))}
    </>
  );
}

export function HukouTag({ local }: { local: boolean }) {
  return local ? <Tag color="blue">本区户籍</Tag> : <Tag>非本区户籍</Tag>;
}

export function StatusTag({ alive, deathDate }: { alive: boolean; deathDate: string | null }) {
  return alive ? <Tag color="success">在世</Tag> : <Tag>已故{deathDate ? `（${deathDate}）` : ''}</Tag>;
}

export function dash(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? '—' : value;
}

/**
 * Puts the server's validation messages on the fields they name, nested ones included
 * (`qualifications.0.disabilityGrade` → that field of the first qualification). Returns what no field took.
 */
export function applyNestedErrors(form: FormInstance, error: unknown): string | null {
  if (!isApiError(error)) return errorText(error);
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const d of error.details) {
    const path = (d.path ?? '').replace(/^(body|querystring|params)\.?/, '');
    let parts = path.split('.').filter(Boolean);
    // A detail about a list item as a whole (`qualifications.0.id`) goes to its category field.
    while (parts.length > 0 && !known.has(parts.join('.'))) {
      const alt = [...parts.slice(0, -1), 'category'].join('.');
      if (known.has(alt)) {
        parts = alt.split('.');
        break;
      }
      parts = parts.slice(0, -1);
    }
    const key = parts.join('.');
    if (!key) {
      unplaced.push(d.message);
      continue;
    }
    const entry = byField.get(key) ?? { name: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [] };
    entry.errors.push(d.message);
    byField.set(key, entry);
  }
  if (byField.size > 0) form.setFields([...byField.values()]);
  if (byField.size === 0) return error.message;
  return unplaced.length > 0 ? unplaced.join('；') : null;
}
