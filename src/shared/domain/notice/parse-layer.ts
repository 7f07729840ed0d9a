/**
 * One layer of a notice (the notice itself, or a cover letter forwarding another): its header (red header,
 * 文号, title), 主送, body and attachments list, tasks, signature (issuers, date) and, for the outermost, the
 * 版记 (抄送, 印发). Pure.
 */
import { type AssigneeKind, assigneeKindsOf } from './assignees.ts';
import { findDate } from './chinese-numerals.ts';
import { findDamage } from './damage.ts';
import { originalSpan, type Paragraph } from './normalise-text.ts';
import type { Layer } from './notice-layers.ts';
import { docNumberOf, issuersFrom, paraStart, scriptOf, splitUnits, warn } from './notice-pieces.ts';
import { extractTasks } from './notice-tasks.ts';
import {
  isAttachmentHead,
  isCc,
  isClosing,
  isDocNumberPara,
  isOrgOnly,
  isPrintLine,
  isPublicNote,
  isRedHeader,
  isSalutation,
  isTitleLike,
  orgSuffix,
  titleEnd,
} from './paragraph-classes.ts';
import { parseMarker } from './section-markers.ts';
import { simplifiedMirror } from './simplify.ts';
import type { NoticeWarning, ParsedNotice } from './types.ts';

export interface LayerResult {
  notice: ParsedNotice;
  /** kinds named by the recipients, the fallback for task suggestions */
  recipientKinds: AssigneeKind[];
}

export function parseLayer(paras: Paragraph[], layer: Layer, outermost: boolean, footer: Paragraph[]): LayerResult {
  const warnings: NoticeWarning[] = [];
  const layerAt = paraStart(paras[layer.start]);
  let i = layer.start;
  let docNumber: string | null = null;
  const headerIssuers: string[] = [];
  // header: red header (…文件), 文号, 签发人
  while (i < layer.bodyEnd) {
    const p = paras[i];
    if (!p) break;
    if (isRedHeader(p.simp)) {
      headerIssuers.push(...issuersFrom([{ p, end: p.text.length - 2 }]));
    } else if (isDocNumberPara(p.simp)) {
      docNumber ??= docNumberOf(p);
    } else if (!/^签发人/.test(p.simp)) {
      break;
    }
    i++;
  }
  // title, possibly over several paragraphs
  let title: string | null = null;
  const first = paras[i];
  const second = paras[i + 1];
  // 上海市退役军人事务局 / 关于做好…的通知: the issuer's name on a line of its own above 关于…
  const issuerAbove =
    first !== undefined &&
    second !== undefined &&
    i + 1 < layer.bodyEnd &&
    isOrgOnly(first.simp) &&
    /^关于/.test(second.simp) &&
    isTitleLike(second.simp);
  if (first && i < layer.bodyEnd && (isTitleLike(first.simp) || issuerAbove)) {
    let j = issuerAbove ? i + 1 : i;
    let simp = issuerAbove ? first.simp + (second?.simp ?? '') : first.simp;
    let text = issuerAbove ? first.text + (second?.text ?? '') : first.text;
    while (!titleEnd.test(simp) && j + 1 < layer.bodyEnd && j - i < 3) {
      const next = paras[j + 1];
      if (!next || /[。；;]/.test(next.simp) || isSalutation(next.simp) || parseMarker(next.simp)) break;
      j++;
      simp += next.simp;
      text += next.text;
    }
    if (titleEnd.test(simp) || j === i || issuerAbove) {
      title = text;
      i = j + 1;
    }
  }
  // 主送
  let recipients: string[] = [];
  let recipientKinds: AssigneeKind[] = [];
  const sal = paras[i];
  if (sal && i < layer.bodyEnd && isSalutation(sal.simp)) {
    const from = /^主送[：:]/.test(sal.simp) ? 3 : 0;
    const to = /[：:]$/.test(sal.simp) ? sal.simp.length - 1 : sal.simp.length;
    recipients = splitUnits(sal, from, to, /[，,；;]/);
    recipientKinds = [...new Set(recipients.flatMap((r) => assigneeKindsOf(simplifiedMirror(r))))];
    i++;
  }
  // body
  const bodyParas: Paragraph[] = [];
  const attachments: string[] = [];
  let inAttachments = false;
  for (let k = i; k < layer.bodyEnd; k++) {
    const p = paras[k];
    if (!p) continue;
    if (isClosing(p.simp) || isPublicNote(p.simp) || /^签发人/.test(p.simp)) continue;
    if (isAttachmentHead(p.simp)) {
      inAttachments = true;
      const rest = p.text.replace(/^附件\s*\d*\s*[：:]?\s*/, '');
      if (rest !== '') attachments.push(rest);
      continue;
    }
    if (inAttachments && parseMarker(p.simp)?.style === 'arabic' && p.simp.length <= 80 && !/。/.test(p.simp)) {
      attachments.push(p.text);
      continue;
    }
    inAttachments = false;
    bodyParas.push(p);
  }
  if (outermost && recipients.length === 0) {
    const lead = bodyParas[0];
    const inferred = lead ? inferRecipients(lead) : null;
    if (lead && inferred) {
      recipients = inferred.units;
      recipientKinds = [...new Set(inferred.units.flatMap((u) => assigneeKindsOf(simplifiedMirror(u))))];
      const span = originalSpan(lead, inferred.start, inferred.end);
      warnings.push(
        warn(
          'recipients_inferred',
          `未找到主送机关，主送单位取自导语「要求${lead.text.slice(inferred.start, inferred.end)}」，请核对`,
          span.at,
          span.length,
        ),
      );
    } else {
      warnings.push(warn('recipients_missing', '未找到主送机关（以“：”结尾的称谓行）', layerAt));
    }
  }
  const { tasks, requirements, preamble: preambleParas } = extractTasks(bodyParas, recipientKinds, warnings);
  // signature
  let issuers: string[] = [];
  let date: string | null = null;
  const sig = layer.signature;
  if (sig) {
    const items: { p: Paragraph; end: number }[] = [];
    for (let k = sig.start; k <= sig.end; k++) {
      const p = paras[k];
      if (!p) continue;
      const d = findDate(p.simp);
      items.push({ p, end: d ? d.index : p.text.length });
      if (d && k === sig.end) {
        date = d.iso;
        if (d.iso === null) {
          const span = originalSpan(p, d.index, d.index + d.length);
          warnings.push(
            warn(
              'date_invalid',
              `成文日期「${p.text.slice(d.index, d.index + d.length)}」不是有效日期`,
              span.at,
              span.length,
            ),
          );
        }
      }
    }
    issuers = issuersFrom(items.filter((it) => it.end > 0));
  }
  if (issuers.length === 0) issuers = headerIssuers;
  if (issuers.length === 0) warnings.push(warn('issuers_missing', '未找到发文机关（落款）', layerAt));
  // 版记
  const cc: string[] = [];
  let printDate: string | null = null;
  for (const p of footer) {
    if (isCc(p.simp)) {
      const from = p.simp.search(/[：:]/) + 1;
      const to = /[。.]$/.test(p.simp) ? p.simp.length - 1 : p.simp.length;
      cc.push(...splitUnits(p, from, to, /[，,；;]/));
    } else if (isPrintLine(p.simp)) {
      printDate = findDate(p.simp)?.iso ?? null;
    }
  }
  if (date === null && !sig?.dated) {
    if (outermost && printDate) {
      date = printDate;
      warnings.push(warn('date_from_print', '落款无成文日期，日期取自版记的印发日期', layerAt));
    } else {
      warnings.push(warn('date_missing', '未找到成文日期', layerAt));
    }
  }
  if (docNumber === null && outermost) warnings.push(warn('doc_number_missing', '未找到发文字号（文号）', layerAt));
  if (title === null) warnings.push(warn('title_missing', '未找到通知标题', layerAt));
  // damage in this layer's paragraphs
  for (let k = layer.start; k < layer.end; k++) {
    const p = paras[k];
    if (p) for (const d of findDamage(p)) warnings.push(warn(d.code, d.message, d.at, d.length));
  }
  for (const p of footer) for (const d of findDamage(p)) warnings.push(warn(d.code, d.message, d.at, d.length));

  const layerParas = [...paras.slice(layer.start, layer.end), ...footer];
  const notice: ParsedNotice = {
    docNumber,
    title,
    issuers,
    date,
    recipients,
    cc,
    tasks,
    requirements,
    inner: null,
    warnings,
    tasksSource: 'self',
    preamble: preambleParas.length > 0 ? preambleParas.map((p) => p.text).join('\n') : null,
    body: bodyParas.map((p) => p.text).join('\n'),
    attachments,
    printDate,
    script: scriptOf(layerParas),
    searchText: layerParas.map((p) => p.simp).join('\n'),
  };
  return { notice, recipientKinds };
}

const recipientsLead =
  /要求((?:各|驻)[^，。；,;]{1,60}?)(?:以|要|在|把|按照|结合|切实|认真|扎实|进一步|立即|务必|做好|抓好|[，,。；;])/;

/** 新闻稿式导语 “…联合下发通知，要求各区退役军人事务局、各驻市部队以…” */
function inferRecipients(p: Paragraph): { units: string[]; start: number; end: number } | null {
  const m = recipientsLead.exec(p.simp);
  if (!m) return null;
  const start = m.index + 2;
  const end = start + (m[1] ?? '').length;
  const units = splitUnits(p, start, end, /[、，,]/);
  const ok = units.every((u) => {
    const s = simplifiedMirror(u);
    return s.length <= 20 && (orgSuffix.test(s) || /^各/.test(s));
  });
  return ok && units.length > 0 ? { units, start, end } : null;
}
