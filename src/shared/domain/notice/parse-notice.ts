/**
 * parseNotice: structured notice (文号, title, issuers, date, 主送, 抄送, tasks, requirements, inner notice) from
 * the text of an official notice as it really arrives. Pure: no IO, no clock.
 */
import type { AssigneeKind } from './assignees.ts';
import { findDamage } from './damage.ts';
import { normaliseText, splitParagraphs } from './normalise-text.ts';
import { findFooterStart, findSignatures, type Layer } from './notice-layers.ts';
import { paraStart, warn } from './notice-pieces.ts';
import { isAttachmentHead, isDocNumberPara, isTitleLike } from './paragraph-classes.ts';
import { parseLayer } from './parse-layer.ts';
import { parseMarker } from './section-markers.ts';
import type { NoticeWarning, ParsedNotice } from './types.ts';

export { parseMarker } from './section-markers.ts';

function emptyNotice(warnings: NoticeWarning[]): ParsedNotice {
  return {
    docNumber: null,
    title: null,
    issuers: [],
    date: null,
    recipients: [],
    cc: [],
    tasks: [],
    requirements: [],
    inner: null,
    warnings,
    tasksSource: 'self',
    preamble: null,
    body: '',
    attachments: [],
    printDate: null,
    script: 'simplified',
    searchText: '',
  };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Parses the text of a notice (pasted, or extracted from PDF/docx/web) into its structure. Never throws.
 * Offsets in warnings (`at`, `length`) are UTF-16 offsets into `text` as given.
 */
export function parseNotice(text: string): ParsedNotice {
  const input = typeof text === 'string' ? text : '';
  const paras = splitParagraphs(normaliseText(input));
  if (paras.length === 0) return emptyNotice([warn('empty_input', '没有可解析的文字', 0)]);

  const footerStart = findFooterStart(paras);
  const footer = paras.slice(footerStart);
  const signatures = findSignatures(paras, footerStart);

  const layers: Layer[] = [];
  let start = 0;
  for (const sig of signatures) {
    if (sig.start < start) continue;
    layers.push({ start, bodyEnd: sig.start, end: sig.end + 1, signature: sig });
    start = sig.end + 1;
  }
  const extraWarnings: NoticeWarning[] = [];
  if (start < footerStart) {
    const tail = paras.slice(start, footerStart);
    const looksLikeNotice =
      layers.length === 0 ||
      isTitleLike(tail[0]?.simp ?? '') ||
      isDocNumberPara(tail[0]?.simp ?? '') ||
      tail.some((p) => parseMarker(p.simp) !== null && !isAttachmentHead(p.simp));
    if (looksLikeNotice) {
      layers.push({ start, bodyEnd: footerStart, end: footerStart, signature: null });
    } else {
      const firstTail = tail[0];
      const lastTail = tail[tail.length - 1];
      if (firstTail && lastTail) {
        const from = paraStart(firstTail);
        const to = (lastTail.offs[lastTail.offs.length - 1] ?? from) + 1;
        extraWarnings.push(warn('unparsed_text', '落款之后的文字未能识别为通知内容，未解析', from, to - from));
        for (const p of tail)
          for (const d of findDamage(p)) extraWarnings.push(warn(d.code, d.message, d.at, d.length));
      }
    }
  }

  // nest from the innermost outwards; the 版记 (抄送, 印发) belongs to the outermost notice
  let inner: ParsedNotice | null = null;
  let innerKinds: AssigneeKind[] = [];
  for (let n = layers.length - 1; n >= 0; n--) {
    const layer = layers[n];
    if (!layer) continue;
    const outermost = n === 0;
    const { notice, recipientKinds } = parseLayer(paras, layer, outermost, outermost ? footer : []);
    if (inner) {
      notice.inner = inner;
      notice.warnings.push(...inner.warnings);
      if (notice.tasks.length === 0 && inner.tasks.length > 0) {
        notice.tasks = inner.tasks;
        notice.requirements = notice.requirements.length > 0 ? notice.requirements : inner.requirements;
        notice.tasksSource = 'inner';
      }
      notice.searchText = [notice.searchText, inner.searchText].join('\n');
    }
    // tasks of an inner notice without an addressee of its own fall back to the cover letter's recipients
    if (inner && innerKinds.length === 0 && recipientKinds.length > 0) {
      for (const t of inner.tasks) if (t.suggestedAssignees.length === 0) t.suggestedAssignees = [...recipientKinds];
    }
    inner = notice;
    innerKinds = recipientKinds;
  }
  const result = inner ?? emptyNotice([]);
  result.warnings.push(...extraWarnings);
  if (result.tasks.length === 0) {
    result.warnings.push(warn('tasks_missing', '未找到编号的工作事项（一、/ 一是 / （一）/ 1.）', paraStart(paras[0])));
  }
  result.warnings.sort((a, b) => a.at - b.at || a.code.localeCompare(b.code));
  return result;
}
