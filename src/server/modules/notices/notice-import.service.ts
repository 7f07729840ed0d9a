/** Importing a notice: its text (pasted, or read from .txt / .docx) parsed into a draft with suggested units. */
import type { NoticeWarningItem, ParseResponse } from '../../../shared/api/notices.api.ts';
import {
  type AssigneeKind,
  type CandidateUnit,
  type ParsedNotice,
  parseNotice,
  toNoticeJson,
  unitsForKinds,
} from '../../../shared/domain/notice/index.ts';
import { can } from '../../../shared/permissions.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, requireCapability } from '../../platform/access.ts';
import * as regionsService from '../regions/regions.service.ts';
import * as unitsService from '../units/units.service.ts';
import { innerHeader } from './notice-common.ts';
import { readNoticeFile } from './notice-text.ts';

/** Units that match each kind of assignee, for an actor who may assign (office, admin). */
export async function suggestionResolver(ctx: AppContext, actor: Actor, noticeRegionId: number | null) {
  if (!can(actor.role, 'notices.manage')) return () => [] as number[];
  const [units, regions] = await Promise.all([
    unitsService.listUnits(ctx, actor),
    can(actor.role, 'regions.read') ? regionsService.listRegions(ctx, actor) : Promise.resolve([]),
  ]);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const isBelow = (regionId: number | null): boolean => {
    if (regionId === null || noticeRegionId === null || regionId === noticeRegionId) return false;
    for (let r = byId.get(regionId); r; r = r.parentId === null ? undefined : byId.get(r.parentId)) {
      if (r.parentId === noticeRegionId) return true;
    }
    return false;
  };
  const candidates: CandidateUnit[] = units.map((u) => ({
    id: u.id,
    kind: u.kind,
    regionLevel: u.regionId === null ? null : (byId.get(u.regionId)?.level ?? null),
    belowNoticeRegion: isBelow(u.regionId),
    active: u.active,
  }));
  return (kinds: readonly AssigneeKind[]) => unitsForKinds(kinds, candidates);
}

function warningsOf(n: ParsedNotice): NoticeWarningItem[] {
  return n.warnings.map((w) => ({ code: w.code, message: w.message, at: w.at, length: w.length }));
}

export async function parseText(
  ctx: AppContext,
  actor: Actor,
  input: { text: string; name: string | null },
): Promise<ParseResponse> {
  requireCapability(actor, 'notices.manage');
  const parsed = parseNotice(input.text);
  const suggest = await suggestionResolver(ctx, actor, actor.regionId);
  const inner = parsed.inner;
  const attachments = [...new Set([...parsed.attachments, ...(inner?.attachments ?? [])])];
  return {
    notice: toNoticeJson(parsed),
    sourceText: input.text,
    sourceName: input.name,
    warnings: warningsOf(parsed),
    draft: {
      docNumber: parsed.docNumber,
      title: parsed.title,
      issuers: parsed.issuers,
      date: parsed.date,
      recipients: parsed.recipients,
      cc: parsed.cc,
      body: parsed.body,
      requirements: parsed.requirements,
      attachments,
      inner: inner ? { ...innerHeader(inner), body: inner.body } : null,
      tasks: parsed.tasks.map((t) => ({
        no: t.no,
        title: t.title,
        body: t.body,
        at: t.at,
        suggestedKinds: t.suggestedAssignees,
        suggestedUnitIds: suggest(t.suggestedAssignees),
      })),
      script: parsed.script,
    },
  };
}

/** An uploaded .txt or .docx: its text, then the same as pasted text. */
export async function parseFile(
  ctx: AppContext,
  actor: Actor,
  name: string,
  bytes: Uint8Array,
): Promise<ParseResponse> {
  requireCapability(actor, 'notices.manage');
  const { text } = await readNoticeFile(name, bytes);
  return parseText(ctx, actor, { text, name });
}
