/**
 * What a paragraph of a notice is (文号, red header, title, 主送, signature, 版记 …), each tested on the 简体
 * mirror of the paragraph. Pure.
 */
import { findDate } from './chinese-numerals.ts';
import { parseMarker } from './section-markers.ts';

const sentencePunctuation = /[，。；：,;:！？!?“”"《》]/;
export const orgSuffix =
  /(?:局|办|部|委|厅|室|会|院|府|组|队|团|处|所|站|中心|公司|支队|大队|中队|分区|党委|委员会|协会|联合会|学校|医院|街道|镇|乡|司令部|政治部|办事处)$/;
export const titleEnd =
  /(?:通知|意见|方案|决定|通报|报告|请示|批复|公告|通告|纪要|办法|规定|细则|要点|计划|规划|的函|倡议书|公开信|慰问信)》?$/;
export const docNumberRe =
  /([\u3400-\u9fff]{1,15})\s*[〔[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(第?)\s*(\d{1,5})\s*[号號]/;

export function isDocNumberPara(s: string): boolean {
  return s.length <= 60 && docNumberRe.test(s) && !/。/.test(s) && !/关于/.test(s);
}
export function isRedHeader(s: string): boolean {
  return s.length <= 60 && /文件$/.test(s) && !sentencePunctuation.test(s);
}
export function isSalutation(s: string): boolean {
  return (/[：:]$/.test(s) && s.length <= 200 && !/[。；;]/.test(s) && !parseMarker(s)) || /^主送[：:]/.test(s);
}
export function isTitleLike(s: string): boolean {
  return (
    s.length <= 160 &&
    !/[。；;]/.test(s) &&
    !/[：:]$/.test(s) &&
    !parseMarker(s) &&
    (titleEnd.test(s) || /关于/.test(s))
  );
}
export function isPrintLine(s: string): boolean {
  return s.length <= 80 && /印发$/.test(s) && findDate(s) !== null;
}
export function isCc(s: string): boolean {
  return /^(?:抄送|抄报)/.test(s);
}
export function isPublicNote(s: string): boolean {
  return /^[（(]此件.{0,24}[)）]$/.test(s);
}
export function isClosing(s: string): boolean {
  return /^(?:特此(?:通知|函告|通报|公告|报告|函复)|此复|专此函达)[。.!！]?$/.test(s);
}
export function isAttachmentHead(s: string): boolean {
  return /^附件\s*\d*\s*[：:]/.test(s) || (/^附件\s*\d*$/.test(s) && s.length <= 6);
}
/** the whole paragraph is a date (2021年1月8日), no 印发 */
export function isDateOnly(s: string): boolean {
  const d = findDate(s);
  return d !== null && d.index === 0 && d.length === s.length;
}
/** an organisation followed by a date: 上海市普陀区人民政府办公室 2021年1月8日 */
export function isOrgDate(s: string): boolean {
  const d = findDate(s);
  if (!d || d.index === 0 || d.index + d.length !== s.length) return false;
  const prefix = s.slice(0, d.index);
  return prefix.length <= 80 && !sentencePunctuation.test(prefix) && orgSuffix.test(prefix);
}
export function isOrgOnly(s: string): boolean {
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
export function isFragment(s: string): boolean {
  return (
    s.length <= 20 &&
    !sentencePunctuation.test(s) &&
    !parseMarker(s) &&
    !titleEnd.test(s) &&
    !/关于/.test(s) &&
    !findDate(s)
  );
}
