/**
 * The campaign summary (工作总结) drafted from its figures: the paragraphs leaders quote (走访慰问 N 人、慰问金
 * X 万元、慰问品、慰问信、覆盖率、光荣牌与喜报、回访抽查、与上年相比). Pure: figures in, Chinese text out.
 */

export interface GoodsTotal {
  name: string;
  unit: string;
  quantity: number;
}

export interface SummaryFigures {
  campaignName: string;
  regionName: string;
  windowStart: string;
  windowEnd: string;
  /** Active roster entries (应访) and delivered ones (已访). */
  planned: number;
  delivered: number;
  /** Delivered visits by mode. */
  byMode: { home: number; gathering: number; mail: number; proxy: number };
  /** What the visits recorded as handed over (分). */
  cashCents: number;
  goodsCents: number;
  goods: GoodsTotal[];
  budgetCents: number;
  /** 慰问信 printed for the roster (one per entry that has a letter template). */
  letters: number;
  /** 光荣牌 hung and 立功喜报 delivered within the campaign window; null = not visible to the actor (and left
   * out of the text, as are zeros). */
  plaquesHung: number | null;
  meritsDelivered: number | null;
  verification: { drawn: number; checked: number; problems: number };
  openCases: number;
  previous: { name: string; delivered: number; cashCents: number; planned: number } | null;
}

export interface SummaryDraft {
  title: string;
  paragraphs: string[];
}

/** 分 → `12.35 万元` from 1 万元 up, else `8,500 元` (cents shown only when there are any). */
export function formatMoney(cents: number): string {
  const yuan = Math.round(cents) / 100;
  if (Math.abs(yuan) >= 10_000) return `${(yuan / 10_000).toFixed(2)} 万元`;
  const text = Number.isInteger(yuan)
    ? yuan.toLocaleString('en-US')
    : yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${text} 元`;
}

/** A share as a percentage with one decimal (`93.8%`); `—` when there is nothing to divide by. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** `2026-01-22` → `1月22日`. */
function monthDay(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : iso;
}

function change(now: number, before: number, unit: string, format: (n: number) => string = String): string {
  if (now === before) return '与上年持平';
  const word = now > before ? '增加' : '减少';
  const pct = before > 0 ? `（${now > before ? '增长' : '下降'}${formatPercent(Math.abs(now - before), before)}）` : '';
  return `比上年${word} ${format(Math.abs(now - before))}${unit}${pct}`;
}

const modeWords: [keyof SummaryFigures['byMode'], string][] = [
  ['home', '上门走访'],
  ['gathering', '集中慰问'],
  ['mail', '邮寄'],
  ['proxy', '代领'],
];

/** The draft: a title and a few paragraphs, every figure taken from `f`. */
export function draftSummary(f: SummaryFigures): SummaryDraft {
  const paragraphs: string[] = [];
  paragraphs.push(
    `${monthDay(f.windowStart)}至${monthDay(f.windowEnd)}，${f.regionName}组织开展${f.campaignName}，` +
      `各街道（镇）、社区（村）按照慰问标准逐户走访，把党和政府的关怀送到优抚对象家中。`,
  );

  const modes = modeWords.filter(([k]) => f.byMode[k] > 0).map(([k, w]) => `${w} ${f.byMode[k]} 人`);
  const goods = f.goods
    .filter((g) => g.quantity > 0)
    .map((g) => `${g.name} ${g.quantity}${g.unit ? ` ${g.unit}` : ''}`)
    .join('、');
  let delivered = `活动共列入慰问名单 ${f.planned} 人，已走访慰问优抚对象 ${f.delivered} 人`;
  if (modes.length) delivered += `（其中${modes.join('，')}）`;
  delivered += `，走访覆盖率 ${formatPercent(f.delivered, f.planned)}；发放慰问金 ${formatMoney(f.cashCents)}`;
  if (goods) delivered += `，发放慰问品 ${goods}（折合 ${formatMoney(f.goodsCents)}）`;
  delivered += `；印发慰问信 ${f.letters} 封。`;
  if (f.budgetCents > 0) {
    delivered +=
      `慰问经费预算 ${formatMoney(f.budgetCents)}，实际发放 ${formatMoney(f.cashCents + f.goodsCents)}，` +
      `执行率 ${formatPercent(f.cashCents + f.goodsCents, f.budgetCents)}。`;
  }
  paragraphs.push(delivered);

  const honours: string[] = [];
  if (f.plaquesHung) honours.push(`为 ${f.plaquesHung} 户家庭悬挂光荣牌`);
  if (f.meritsDelivered) honours.push(`送达立功喜报 ${f.meritsDelivered} 份`);
  if (honours.length) paragraphs.push(`活动期间，结合走访${honours.join('，')}，营造了尊崇军人、关爱军属的浓厚氛围。`);

  let check: string;
  if (f.verification.drawn > 0) {
    check =
      `为确保慰问金物发放到位，随机抽取 ${f.verification.drawn} 户开展回访抽查，已回访 ${f.verification.checked} 户，` +
      (f.verification.problems > 0
        ? `发现问题 ${f.verification.problems} 户，已转街道（镇）跟进核实。`
        : '未发现未收到或金额不符的情况。');
  } else {
    check = '本次活动尚未开展回访抽查。';
  }
  if (f.openCases > 0) check += `走访中收集的 ${f.openCases} 件困难诉求正在跟进办理。`;
  paragraphs.push(check);

  if (f.previous) {
    const p = f.previous;
    paragraphs.push(
      `与上年（${p.name}）相比，走访慰问人数${change(f.delivered, p.delivered, ' 人')}，` +
        `慰问金${change(f.cashCents, p.cashCents, '', formatMoney)}；` +
        `走访覆盖率由 ${formatPercent(p.delivered, p.planned)} 变为 ${formatPercent(f.delivered, f.planned)}。`,
    );
  }
  return { title: `${f.campaignName}工作总结`, paragraphs };
}

/** The text the editor holds: one paragraph per line. */
export function draftText(draft: SummaryDraft): string {
  return draft.paragraphs.join('\n');
}

/** Paragraphs of an edited text (blank lines dropped, surrounding spaces trimmed). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l.length > 0);
}
