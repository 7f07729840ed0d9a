import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

type Value = string | number | boolean | null | undefined;
/** Filters to set (an empty value drops one), and the page. */
export type FilterPatch<K extends string> = { [P in K]?: Value } & { page?: Value };

export interface UrlFilters<K extends string> {
  /** The filter values in the URL (absent keys fall back to the defaults given). */
  values: Partial<Record<K, string>>;
  /** A value as a positive integer id, or undefined. */
  id(key: K): number | undefined;
  page: number;
  /**
   * Sets some filters; any change other than the page itself goes back to page 1. `push` adds a history entry
   * instead of replacing the current one: for opening a record in a drawer on the list, so Back closes it.
   */
  set(patch: FilterPatch<K>, options?: { push?: boolean }): void;
  /** Drops every filter (and the page). */
  clear(): void;
  /** Whether any filter other than those in `ignore` is set in the URL. */
  active(ignore?: readonly K[]): boolean;
}

/**
 * A list's filters, search text and page kept in the URL query string — the one way list pages keep them — so a
 * filtered list survives a reload, can be bookmarked or sent as a link (e.g. a dashboard drill-down such as
 * `/registry/persons?category=martyr_family&regionId=12`), and Back from a record opened from it returns to it.
 * Defaults apply to a bare URL only (the menu's link): a link that carries filters means exactly those, as the
 * list endpoint would read them. A key present but empty (`from=`) means the user cleared a defaulted filter.
 *
 * History: every change (a filter, the search, the page) replaces the current entry instead of pushing one, so
 * a list is one entry in history whatever was clicked on it. Back from a record (its own page, or a drawer opened
 * with `push`) returns to the list as it was left; Back from the list leaves it rather than undoing each filter
 * or keystroke. Typing in a search box reaches the URL only once it rests for `searchDelayMs` (useUrlSearch), so
 * the list does not reload at every key.
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
    (patch: FilterPatch<K>, options?: { push?: boolean }) => {
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
          if (!('page' in patch) || next.get('page') === '1') next.delete('page');
          return next;
        },
        { replace: !options?.push },
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

/** How long typing in a search box rests before the search is written to the URL (and the list reloads). */
export const searchDelayMs = 400;

/**
 * A search box's text over one URL filter: typing is written once it rests for searchDelayMs, Enter or emptying
 * the box writes at once, and the box follows the URL when it changes from elsewhere (清除筛选, Back, a link).
 */
export function useUrlSearch<K extends string>(filters: UrlFilters<K>, key: K) {
  const inUrl = filters.values[key] ?? '';
  const [text, setText] = useState(inUrl);
  // What this box last wrote: the URL catching up with it must not overwrite what was typed since.
  const written = useRef(inUrl);
  const { set } = filters;
  const write = useCallback(
    (value: string) => {
      const trimmed = value.trim();
      if (trimmed === written.current) return;
      written.current = trimmed;
      set({ [key]: trimmed } as FilterPatch<K>);
    },
    [set, key],
  );
  useEffect(() => {
    if (inUrl === written.current) return;
    written.current = inUrl;
    setText(inUrl);
  }, [inUrl]);
  useEffect(() => {
    const timer = setTimeout(() => write(text), searchDelayMs);
    return () => clearTimeout(timer);
  }, [text, write]);
  return {
    text,
    change: (value: string) => {
      setText(value);
      if (!value) write('');
    },
    flush: () => write(text),
  };
}
