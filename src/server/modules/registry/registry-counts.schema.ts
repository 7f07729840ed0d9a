/**
 * The table of the registry-counts migration (2026-11-27-0170-registry-counts.ts), merged into the shared `DB`
 * by declaration merging. Database triggers on persons and qualifications keep it exact.
 */
declare module '../../db/schema.ts' {
  interface DB {
    registry_counts: RegistryCountTable;
    registry_holdings: RegistryHoldingTable;
  }
}

/**
 * Living people per (户籍 region, residence region): category '' counts the people, a category code the distinct
 * people holding it. A region outside the tree (户籍 elsewhere) is 0.
 */
export interface RegistryCountTable {
  hukou_key: number;
  residence_key: number;
  category_code: string;
  n: number;
}

/** Qualification rows per (person, category), kept by the same triggers: which categories a person holds. */
export interface RegistryHoldingTable {
  person_id: number;
  category_code: string;
  n: number;
}
