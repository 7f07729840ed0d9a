/** Money is integer 分 everywhere; these are its printed forms. */

/** 分 → `1,234.50` */
export function formatYuan(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${negative ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const digits = '零壹贰叁肆伍陆柒捌玖';
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '万亿'];

/** One group of four digits (0–9999) in capitals, without leading 零. */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== '';
    } else {
      if (zero) out += '零';
      out += digits[d]! + smallUnits[i]!;
      zero = false;
    }
  }
  return out;
}

/**
 * 分 → 大写金额 as reimbursement forms write it: 123456 → `壹仟贰佰叁拾肆元伍角陆分`, 100000 → `壹仟元整`,
 * 0 → `零元整`. Negative amounts get a leading `负`.
 */
export function amountInWords(cents: number): string {
  if (!Number.isSafeInteger(Math.round(cents))) throw new RangeError('amount out of range');
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  let yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fen = abs % 10;
  let integer = '';
  if (yuan === 0) {
    integer = '';
  } else {
    const groups: number[] = [];
    while (yuan > 0) {
      groups.push(yuan % 10_000);
      yuan = Math.floor(yuan / 10_000);
    }
    let needZero = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (g === 0) {
        needZero = integer !== '';
        continue;
      }
      if (integer && (needZero || g < 1000)) integer += '零';
      integer += group(g) + bigUnits[i]!;
      needZero = false;
    }
    integer += '元';
  }
  let fraction = '';
  if (jiao === 0 && fen === 0) fraction = integer ? '整' : '零元整';
  else {
    if (jiao > 0) fraction += `${digits[jiao]}角`;
    else if (integer) fraction += '零';
    if (fen > 0) fraction += `${digits[fen]}分`;
    else fraction += '整';
  }
  return `${negative ? '负' : ''}${integer}${fraction}`;
}
