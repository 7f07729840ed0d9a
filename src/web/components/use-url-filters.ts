import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Value = string | number | boolean | null | undefined;

export interface UrlFilters<K extends string> {
  /** The filter values in the URL (absent keys fall back to the defaults given). */
  values: Partial<Record<K, string>>;
  /** A value as a positive integer id, or undefined. */
  id(key: K): number | undefined;
  page: number;
  /** Sets some filters; any change other than the page itself goes back to page 1. */
  set(patch: Partial<Record<K | 'page', Value>>): void;
  /** Drops every filter (and the page). */
  clear(): void;
  /** Whether any filter other than those in `ignore` is set in the URL. */
  active(ignore?: readonly K[]): boolean;
}

/**
 * A list's filters kept in the URL query string, so a link (e.g. a dashboard drill-down such as
 * `/registry/persons?category=martyr_family&regionId=12`) opens the filtered list, and back/forward restore it.
 * Defaults apply to a bare URL only (the menu's link): a link that carries filters means exactly those, as the
 * list endpoint would read them. A key present but empty (`from=`) means the user cleared a defaulted filter.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
  defaults: Partial<Record<K, string>> = {},
): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  // Callers pass literals: compare by content so values stay stable between renders.
  const signature = JSON.stringify([keys, defaults]);
  const values = useMemo(() => {
    const [ks, ds] = JSON.parse(signature) as [K[], Partial<Record<K, string>>];
    const bare = !ks.some((k) => params.has(k));
    const out: Partial<Record<K, string>> = {};
    for (const key of ks) {
      const v = bare ? ds[key] : params.get(key);
      if (v) out[key] = v;
    }
    return out;
  }, [params, signature]);
  const page = Math.max(1, Number(params.get('page')) || 1);

  const set = useCallback(
    (patch: Partial<Record<K | 'page', Value>>) => {
      const [ks, ds] = JSON.parse(signature) as [K[], Partial<Record<string, string>>];
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          // The first filter chosen on a bare URL keeps the defaults that were in effect.
          if (!ks.some((k) => prev.has(k))) {
            for (const [k, v] of Object.entries(ds)) if (v) next.set(k, v);
          }
          for (const [key, value] of Object.entries(patch) as [string, Value][]) {
            const empty = value === null || value === undefined || value === '' || value === false;
            if (!empty) next.set(key, String(value));
            else if (ds[key]) next.set(key, '');
            else next.delete(key);
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, signature],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return {
    values,
    page,
    set,
    clear,
    id: (key) => {
      const n = Number(values[key]);
      return Number.isInteger(n) && n > 0 ? n : undefined;
    },
    active: (ignore = []) => keys.some((k) => !ignore.includes(k) && params.get(k)),
  };
}
