import type { MilitaryUnitRef, UnitRef } from '../../../shared/api/troops.api.ts';
import type { UnitItem } from '../../../shared/api/units.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, systemActor } from '../../platform/access.ts';
import { listUnits, mayReadConfidential } from '../units/units.service.ts';

/**
 * 安全保密 for everything these modules send out: units are named only through the units service's view for
 * the viewer (the alias for roles not cleared for a military unit), and free text (titles, minutes, summaries,
 * file names, exports) has every 番号 the viewer may not read replaced by that unit's alias.
 */
export interface UnitViews {
  /** The unit as the viewer may see it; null for no unit or an unknown id. */
  unit(id: number | null | undefined): UnitRef | null;
  military(id: number | null | undefined): MilitaryUnitRef | null;
  /** How the unit is named in a sheet or a message: the 番号 for cleared viewers, else the alias. */
  label(id: number | null | undefined): string;
  /** Free text with the 番号 of units the viewer is not cleared for replaced by their alias. */
  redact(text: string): string;
  redact(text: string | null): string | null;
  /** Whether the viewer is cleared for this military unit (true for other kinds of unit, false for unknown ids). */
  cleared(id: number): boolean;
  /** The unit's region (undefined for an unknown unit). */
  regionOf(id: number): number | null | undefined;
  /** For messages that reach several people at once (notifications): always the alias. */
  publicLabel(id: number | null | undefined): string;
  /** Free text with every 番号 replaced by its alias, whoever reads it. */
  publicRedact(text: string): string;
}

interface Replacement {
  pattern: RegExp;
  alias: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns that find a designation in text: the full 番号, and its number alone (91001部队 → 91001). */
function replacementsFor(designation: string, alias: string): Replacement[] {
  const out: Replacement[] = [{ pattern: new RegExp(escapeRegExp(designation), 'g'), alias }];
  const digits = /\d{4,}/.exec(designation)?.[0];
  if (digits) out.push({ pattern: new RegExp(`(?<!\\d)${digits}(?!\\d)`, 'g'), alias });
  return out;
}

export async function unitViews(ctx: AppContext, actor: Actor): Promise<UnitViews> {
  const [visible, all] = await Promise.all([listUnits(ctx, actor), listUnits(ctx, systemActor(), 'military')]);
  const byId = new Map<number, UnitItem>(visible.map((u) => [u.id, u]));
  const replacements: Replacement[] = [];
  const publicReplacements: Replacement[] = [];
  // Longer designations first, so 91001部队二营 is replaced before 91001部队.
  for (const u of [...all].sort((a, b) => (b.designation?.length ?? 0) - (a.designation?.length ?? 0))) {
    if (!u.designation) continue;
    publicReplacements.push(...replacementsFor(u.designation, u.name));
    if (!mayReadConfidential(actor, u.id)) replacements.push(...replacementsFor(u.designation, u.name));
  }
  const apply = (text: string, list: readonly Replacement[]) =>
    list.reduce((out, r) => out.replace(r.pattern, r.alias), text);
  const cleared = (id: number) => {
    const u = byId.get(id);
    if (!u) return false;
    return u.kind !== 'military' || mayReadConfidential(actor, id);
  };
  const unit = (id: number | null | undefined): UnitRef | null => {
    const u = id == null ? undefined : byId.get(id);
    if (!u) return null;
    return { id: u.id, kind: u.kind, name: u.name, designation: u.kind === 'military' ? u.designation : null };
  };
  function redact(text: string): string;
  function redact(text: string | null): string | null;
  function redact(text: string | null): string | null {
    return text === null ? null : apply(text, replacements);
  }
  return {
    unit,
    military: (id) => {
      const u = unit(id);
      return u ? { id: u.id, name: u.name, designation: u.designation } : null;
    },
    label: (id) => {
      const u = unit(id);
      return u ? (u.designation ?? u.name) : '';
    },
    redact,
    cleared,
    regionOf: (id) => byId.get(id)?.regionId,
    publicLabel: (id) => (id == null ? '' : (byId.get(id)?.name ?? '')),
    publicRedact: (text) => apply(text, publicReplacements),
  };
}
