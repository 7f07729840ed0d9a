/**
 * parseNotice: structured notice (文号, title, issuers, date, 主送, 抄送, tasks, requirements, inner notice) from
 * the text of an official notice as it really arrives. Pure: no IO, no clock.
 */
import { type AssigneeKind, assigneeKindsOf, suggestAssigneeKinds } from './assignees.ts';
import { findDate, parseChineseNumeral } from './chinese-numerals.ts';
import { findDamage } from './damage.ts';
import { normaliseText, originalSpan, type Paragraph, splitParagraphs } from './normalise-text.ts';
import { simplifiedMirror } from './simplify.ts';
import type { NoticeWarning, NoticeWarningCode, ParsedNotice, ParsedTask } from './types.ts';

// ---------------------------------------------------------------------------------------------------------
// paragraph classes (all tested on the 简体 mirror)

const sentencePunctuation = /[，。；：,;:！？!?“”"《》]/;
const orgSuffix =
  /(?:局|办|部|委|厅|室|会|院|府|组|队|团|处|所|站|中心|公司|支队|大队|中队|分区|党委|委员会|协会|联合会|学校|医院|街道|镇|乡|司令部|政治部|办事处)$/;
const titleEnd =
  /(?:通知|意见|方案|决定|通报|报告|请示|批复|公告|通告|纪要|办法|规定|细则|要点|计划|规划|的函|倡议书|公开信|慰问信)》?$/;
const docNumberRe = /([\u3400-\u9fff]{1,15})\s*[〔[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(第?)\s*(\d{1,5})\s*[号號]/;

function isDocNumberPara(s: string): boolean {
  return s.length <= 60 && docNumberRe.test(s) && !/。/.test(s) && !/关于/.test(s);
}
function isRedHeader(s: string): boolean {
  return s.length <= 60 && /文件$/.test(s) && !sentencePunctuation.test(s);
}
function isSalutation(s: string): boolean {
  return (/[：:]$/.test(s) && s.length <= 200 && !/[。；;]/.test(s) && !parseMarker(s)) || /^主送[：:]/.test(s);
}
function isTitleLike(s: string): boolean {
  return (
    s.length <= 160 &&
    !/[。；;]/.test(s) &&
    !/[：:]$/.test(s) &&
    !parseMarker(s) &&
    (titleEnd.test(s) || /关于/.test(s))
  );
}
function isPrintLine(s: string): boolean {
  return s.length <= 80 && /印发$/.test(s) && findDate(s) !== null;
}
function isCc(s: string): boolean {
  return /^(?:抄送|抄报)/.test(s);
}
function isPublicNote(s: string): boolean {
  return /^[（(]此件.{0,24}[)）]$/.test(s);
}
function isClosing(s: string): boolean {
  return /^(?:特此(?:通知|函告|通报|公告|报告|函复)|此复|专此函达)[。.!！]?$/.test(s);
}
function isAttachmentHead(s: string): boolean {
  return /^附件\s*\d*\s*[：:]/.test(s) || (/^附件\s*\d*$/.test(s) && s.length <= 6);
}
/** the whole paragraph is a date (2021年1月8日), no 印发 */
function isDateOnly(s: string): boolean {
  const d = findDate(s);
  return d !== null && d.index === 0 && d.length === s.length;
}
/** an organisation followed by a date: 上海市普陀区人民政府办公室 2021年1月8日 */
function isOrgDate(s: string): boolean {
  const d = findDate(s);
  if (!d || d.index === 0 || d.index + d.length !== s.length) return false;
  const prefix = s.slice(0, d.index);
  return prefix.length <= 80 && !sentencePunctuation.test(prefix) && orgSuffix.test(prefix);
}
function isOrgOnly(s: string): boolean {
  return (
    s.length <= 40 &&
    !sentencePunctuation.test(s) &&
    orgSuffix.test(s) &&
    !parseMarker(s) &&
    !/关于/.test(s) &&
    !findDate(s)
  );
}
/** a short piece of a signature broken over lines (上海市普陀区拥军优属拥政爱民) */
function isFragment(s: string): boolean {
  return (
    s.length <= 20 &&
    !sentencePunctuation.test(s) &&
    !parseMarker(s) &&
    !titleEnd.test(s) &&
    !/关于/.test(s) &&
    !findDate(s)
  );
}

// ---------------------------------------------------------------------------------------------------------
// section markers

type MarkerStyle = 'dun' | 'di' | 'shi' | 'paren' | 'arabic' | 'arabicParen';

interface Marker {
  style: MarkerStyle;
  no: number;
  length: number;
}

const markerPatterns: [MarkerStyle, RegExp, boolean][] = [
  ['dun', /^([一二三四五六七八九十]{1,3})\s*[、，,．.]/, true],
  ['di', /^第([一二三四五六七八九十]{1,3})\s*[、，,：:]/, true],
  ['shi', /^([一二三四五六七八九十]{1,3})是(?=[\u3400-\u9fff“"])/, true],
  ['paren', /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、，,．.]?/, true],
  ['arabic', /^(\d{1,2})\s*(?:[.．、](?!\d)|[、，,])/, false],
  ['arabicParen', /^[（(]\s*(\d{1,2})\s*[)）]\s*[、，,．.]?/, false],
];

/** `一、` / `第一，` / `一是` / `（一）` / `1.` / `（1）` at the start of a paragraph. */
export function parseMarker(s: string): Marker | null {
  for (const [style, re, chinese] of markerPatterns) {
    const m = re.exec(s);
    if (!m) continue;
    const no = chinese ? parseChineseNumeral(m[1] ?? '') : Number(m[1]);
    if (no === null || no <= 0 || no > 99) continue;
    return { style, no, length: m[0].length };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// helpers

function warn(code: NoticeWarningCode, message: string, at: number, length = 0): NoticeWarning {
  return { code, message, at, length };
}

function paraStart(p: Paragraph | undefined): number {
  return p?.offs[0] ?? 0;
}

/** Splits a list of units on commas (、 stays inside a unit: 区政府各委、办、局). */
function splitUnits(p: Paragraph, start: number, end: number, separators: RegExp): string[] {
  const out: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || separators.test(p.simp[i] ?? '')) {
      const piece = p.text.slice(from, i).trim();
      if (piece !== '') out.push(piece);
      from = i + 1;
    }
  }
  return out;
}

/** Issuers from signature paragraphs: fragments broken at line breaks or spaces are merged back into names. */
function issuersFrom(paras: { p: Paragraph; end: number }[]): string[] {
  const fragments: { text: string; simp: string }[] = [];
  for (const { p, end } of paras) {
    let from = 0;
    const cuts = [...p.breaks.filter((b) => b > 0 && b < end), end];
    for (const cut of cuts) {
      const text = p.text.slice(from, cut).trim();
      if (text !== '') fragments.push({ text, simp: p.simp.slice(from, cut).trim() });
      from = cut;
    }
  }
  const issuers: { text: string; simp: string }[] = [];
  let pending: { text: string; simp: string } | null = null;
  for (const f of fragments) {
    const last = issuers[issuers.length - 1];
    if (!pending && last && f.simp.length <= 5 && !/^[各驻]/.test(f.simp)) {
      // 办公室 / 政治工作部 broken off the name it belongs to
      last.text += f.text;
      last.simp += f.simp;
      continue;
    }
    pending = pending ? { text: pending.text + f.text, simp: pending.simp + f.simp } : { ...f };
    if (orgSuffix.test(pending.simp)) {
      issuers.push(pending);
      pending = null;
    }
  }
  if (pending) issuers.push(pending);
  return issuers.map((i) => i.text.replace(/文件$/, ''));
}

/** The display text of a 文号, with brackets normalised to 〔〕 and spaces removed. */
function docNumberOf(p: Paragraph): string | null {
  const m = docNumberRe.exec(p.simp);
  if (!m) return null;
  const prefixStart = m.index;
  const prefix = p.text.slice(prefixStart, prefixStart + (m[1] ?? '').length);
  const numberChar = p.text[m.index + m[0].length - 1] ?? '号';
  return `${prefix}〔${m[2]}〕${m[3] ?? ''}${m[4]}${numberChar}`;
}

// ---------------------------------------------------------------------------------------------------------
// layers: a notice, or a forwarding cover letter and the notice it forwards

interface SignatureBlock {
  start: number;
  /** index of the last paragraph of the block */
  end: number;
  dated: boolean;
}

interface Layer {
  start: number;
  /** exclusive end of header + body (= signature start, or segment end) */
  bodyEnd: number;
  /** exclusive end of the layer including its signature */
  end: number;
  signature: SignatureBlock | null;
}

function findFooterStart(paras: Paragraph[]): number {
  let f = paras.length;
  while (f > 0) {
    const s = paras[f - 1]?.simp ?? '';
    const next = paras[f]?.simp;
    if (isCc(s) || isPrintLine(s) || isPublicNote(s)) {
      f--;
      continue;
    }
    if (next !== undefined && isPrintLine(next) && (isOrgOnly(s) || isFragment(s))) {
      f--;
      continue;
    }
    break;
  }
  return f;
}

function findSignatures(paras: Paragraph[], end: number): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  let floor = 0;
  for (let i = 0; i < end; i++) {
    const s = paras[i]?.simp ?? '';
    if (!isDateOnly(s) && !isOrgDate(s)) continue;
    let start = i;
    while (start - 1 >= floor && i - (start - 1) <= 4) {
      const prev = paras[start - 1]?.simp ?? '';
      if (isOrgOnly(prev) || isFragment(prev)) start--;
      else break;
    }
    // fragments only count when they build an organisation's name
    while (start < i && !isOrgOnly(paras[start]?.simp ?? '') && !orgSuffix.test(joinSimp(paras, start, i))) start++;
    blocks.push({ start, end: i, dated: true });
    floor = i + 1;
  }
  // an undated signature at the very end (克拉瑪依市退役軍人事務局 / 克拉瑪依軍分區政治工作部)
  const lastDatedEnd = blocks[blocks.length - 1]?.end ?? -1;
  if (end - 1 > lastDatedEnd && isOrgOnly(paras[end - 1]?.simp ?? '')) {
    let start = end - 1;
    while (start - 1 > lastDatedEnd && end - (start - 1) <= 4) {
      const prev = paras[start - 1]?.simp ?? '';
      if (isOrgOnly(prev) || isFragment(prev)) start--;
      else break;
    }
    while (start < end - 1 && !isOrgOnly(paras[start]?.simp ?? '') && !orgSuffix.test(joinSimp(paras, start, end - 1)))
      start++;
    if (start > 0) blocks.push({ start, end: end - 1, dated: false });
  }
  return blocks;
}

function joinSimp(paras: Paragraph[], from: number, toExclusive: number): string {
  return paras
    .slice(from, toExclusive)
    .map((p) => p.simp)
    .join('');
}

// ---------------------------------------------------------------------------------------------------------
// parsing one layer

interface LayerResult {
  notice: ParsedNotice;
  /** kinds named by the recipients, the fallback for task suggestions */
  recipientKinds: AssigneeKind[];
}

const requirementsTitle = /^(?:工作|有关|相关|几点|具体|其他)?要求$|^(?:组织|工作)?保障(?:措施)?$/;

function splitTaskText(rest: string): { title: string; body: string; long: boolean } {
  const trimmed = rest.replace(/^[\s、，,．.]+/, '');
  const sentenceEnd = trimmed.search(/[。！？!?；;\ufffd]/);
  if (sentenceEnd === -1) {
    if (trimmed.length <= 60) return { title: trimmed.replace(/[：:]$/, ''), body: '', long: false };
  } else if (sentenceEnd <= 60) {
    // an ASCII ? or U+FFFD is damage (a 。 lost in mojibake): it ends the title but stays in the body, verbatim
    const damaged = /[?\ufffd]/.test(trimmed[sentenceEnd] ?? '');
    const bodyFrom = damaged ? sentenceEnd : sentenceEnd + 1;
    return { title: trimmed.slice(0, sentenceEnd), body: trimmed.slice(bodyFrom).trim(), long: false };
  }
  const clauseEnd = trimmed.search(/[，,：:]/);
  if (clauseEnd > 0 && clauseEnd <= 60) return { title: trimmed.slice(0, clauseEnd), body: trimmed, long: false };
  return { title: trimmed.slice(0, 30), body: trimmed, long: true };
}

function parseLayer(paras: Paragraph[], layer: Layer, outermost: boolean, footer: Paragraph[]): LayerResult {
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
  // sections → tasks
  const marked = bodyParas.map((p) => parseMarker(p.simp));
  const topStyle = marked.find((m) => m !== null)?.style ?? null;
  const taskIdx = marked.flatMap((m, k) => (m && m.style === topStyle ? [k] : []));
  const tasks: (ParsedTask & { headingOnly: boolean })[] = [];
  let requirements: string[] = [];
  const preambleParas = bodyParas.slice(0, taskIdx[0] ?? bodyParas.length);
  taskIdx.forEach((k, n) => {
    const p = bodyParas[k];
    const m = marked[k];
    if (!p || !m) return;
    const split = splitTaskText(p.text.slice(m.length));
    if (split.long) {
      const span = originalSpan(p, 0, p.text.length);
      warnings.push(warn('task_title_long', `第${m.no}项没有简短的首句，标题取前30字，请修改`, span.at, 0));
    }
    const next = taskIdx[n + 1] ?? bodyParas.length;
    const following = bodyParas.slice(k + 1, next).map((q) => q.text);
    tasks.push({
      no: m.no,
      title: split.title,
      body: [split.body, ...following].filter((b) => b !== '').join('\n'),
      at: paraStart(p),
      suggestedAssignees: [],
      headingOnly: split.body === '',
    });
  });
  // closing requirements: paragraphs after the last one-paragraph section, or a last section called 工作要求
  const lastIdx = taskIdx[taskIdx.length - 1];
  const lastTask = tasks[tasks.length - 1];
  if (lastIdx !== undefined && lastTask) {
    const after = bodyParas.slice(lastIdx + 1).map((q) => q.text);
    if (lastTask.headingOnly && requirementsTitle.test(simplifiedMirror(lastTask.title))) {
      requirements = after;
      tasks.pop();
    } else if (!lastTask.headingOnly && after.length > 0) {
      requirements = after;
      lastTask.body = lastTask.body
        .split('\n')
        .slice(0, lastTask.body.split('\n').length - after.length)
        .join('\n');
    }
  }
  // numbering
  tasks.forEach((t, n) => {
    if (t.no !== n + 1 && (n === 0 || tasks[n - 1]?.no !== t.no - 1)) {
      warnings.push(warn('numbering_irregular', `第${n + 1}项的序号为${t.no}，编号不连续，请核对`, t.at, 0));
    }
  });
  for (const t of tasks) {
    const kinds = suggestAssigneeKinds(simplifiedMirror(`${t.title}。${t.body}`));
    t.suggestedAssignees = kinds.length > 0 ? kinds : [...recipientKinds];
  }
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
    tasks: tasks.map(({ headingOnly: _headingOnly, ...t }) => t),
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

function scriptOf(paras: Paragraph[]): 'simplified' | 'traditional' {
  let differ = 0;
  let total = 0;
  for (const p of paras) {
    for (let k = 0; k < p.text.length; k++) {
      const ch = p.text.charCodeAt(k);
      if (ch < 0x3400 || ch > 0x9fff) continue;
      total++;
      if (p.text[k] !== p.simp[k]) differ++;
    }
  }
  return differ >= 3 && differ / Math.max(1, total) >= 0.02 ? 'traditional' : 'simplified';
}

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
