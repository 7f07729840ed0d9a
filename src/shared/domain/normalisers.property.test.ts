/**
 * Property tests (fast-check) for the rules every imported or typed value goes through: 身份证号, phone, date,
 * name, and the roster row mapper. Arbitrary input never throws; whatever is accepted is normalised, and
 * normalising it again changes nothing; every refusal carries a code and a Chinese message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateToExcelSerial, readLooseDate } from './dates.ts';
import { idCheckDigit, parseIdNumber } from './id-number.ts';
import { normalizePersonName } from './person-name.ts';
import { parsePhone } from './phone.ts';
import type { CellValue } from './roster-sheet/grid.ts';
import { personFieldLabels, personFields } from './roster-sheet/person-columns.ts';
import { readPersonRow } from './roster-sheet/person-row.ts';
import { readPersonSheet } from './roster-sheet/person-sheet.ts';

const now = new Date('2026-11-25T00:00:00Z');
const chinese = /[\u4e00-\u9fff]/;
const runs = { numRuns: 400 };

/** Anything a cell, a form field or a pasted line could hold. */
const anyInput = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
);

function expectRefusal(r: { ok: boolean; code?: string; message?: string }) {
  if (r.ok) return;
  expect(r.code).toMatch(/\S/);
  expect(r.message).toMatch(chinese);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const validDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-24T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** A valid 18-digit 身份证号 with its parts. */
const validId = fc
  .record({ region: fc.integer({ min: 110000, max: 659999 }), birth: validDate, seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ region, birth, seq }) => {
    const first17 = `${region}${birth.replaceAll('-', '')}${pad(seq, 3)}`;
    return { id: first17 + idCheckDigit(first17), birth, male: seq % 2 === 1 };
  });
const toFullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('身份证号', () => {
  it('never throws, and refuses with a code and a Chinese message', () => {
    fc.assert(
      fc.property(anyInput, (input) => expectRefusal(parseIdNumber(input, now))),
      runs,
    );
  });

  it('reads a valid number however it is typed: spaces, lowercase x, full-width digits', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.boolean(), ({ id, birth, male }, cut, wide) => {
        let typed = `${id.slice(0, cut)} ${id.slice(cut)}`.toLowerCase();
        if (wide) typed = toFullWidth(typed.toUpperCase());
        const r = parseIdNumber(typed, now);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.id).toBe(id);
        expect(r.value.birthDate).toBe(birth);
        expect(r.value.sex).toBe(male ? 'M' : 'F');
        // Normalised once is normalised for good.
        expect(parseIdNumber(r.value.id, now)).toEqual(r);
      }),
      runs,
    );
  });

  it('catches every single-digit typing error', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), ({ id }, at, shift) => {
        const ch = id[at]!;
        const wrong = ch === 'X' ? String(shift) : String((Number(ch) + shift) % 10);
        const typo = id.slice(0, at) + wrong + id.slice(at + 1);
        if (typo === id) return;
        expect(parseIdNumber(typo, now).ok).toBe(false);
      }),
      runs,
    );
  });

  it('upgrades a 15-digit number to the 18 digits with 19 and the check digit', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        if (!id.slice(6, 8).startsWith('19')) return;
        const old = id.slice(0, 6) + id.slice(8, 17);
        const r = parseIdNumber(old, now);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.id).toBe(id);
      }),
      runs,
    );
  });
});

describe('phone', () => {
  it('never throws; what it accepts is a mobile or a landline with 区号, and stays the same read again', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = parsePhone(input);
        expectRefusal(r);
        if (!r.ok) return;
        expect(r.value.value).toMatch(/^(1\d{10}|0\d{2,3}-\d{5,8}(-\d{1,6})?)$/);
        expect(parsePhone(r.value.value)).toEqual(r);
      }),
      runs,
    );
  });

  it('reads a mobile typed with +86, blanks, dashes or full-width digits', () => {
    const mobile = fc
      .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([p, n]) => p + pad(n, 9));
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86 ', '86-', '+86-'),
        fc.constantFrom('', ' ', '-'),
        fc.boolean(),
        (m, prefix, sep, wide) => {
          let typed = `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
          if (wide) typed = toFullWidth(typed);
          const r = parsePhone(typed);
          expect(r.ok, typed).toBe(true);
          if (r.ok) expect(r.value).toEqual({ value: m, kind: 'mobile' });
        },
      ),
      runs,
    );
  });
});

describe('dates', () => {
  it('never throws; what it accepts is a real (possibly partial) date', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = readLooseDate(input);
        if (r === null) return;
        if (!r.ok) {
          expect(r.message).toMatch(chinese);
          return;
        }
        expect(r.iso).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
        if (r.value.day !== null) expect(new Date(`${r.iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.iso);
      }),
      runs,
    );
  });

  it('reads the same day from every way a roster writes it', () => {
    fc.assert(
      fc.property(validDate, (iso) => {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const forms: unknown[] = [
          iso,
          `${y}/${m}/${d}`,
          `${y}.${m}.${d}`,
          `${y}年${m}月${d}日`,
          iso.replaceAll('-', ''),
          // A number from 1850 to 2200 reads as a year (1906 and earlier serials lose to it: nobody alive).
          ...(iso > '1906-01-23' ? [dateToExcelSerial({ year: y, month: m, day: d })] : []),
          new Date(`${iso}T00:00:00Z`),
        ];
        for (const form of forms) {
          const r = readLooseDate(form);
          expect(r?.ok && r.iso, String(form)).toBe(iso);
        }
      }),
      runs,
    );
  });
});

describe('names', () => {
  const rareChars = ['𡒄', '𪚥', '𠀀', '𬌗', '䶮', '堃', '喆', '珺'];
  const nameChar = fc.oneof(
    fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp)),
    fc.constantFrom(...rareChars),
  );

  it('never throws; an accepted name holds nothing a spreadsheet or browser would run, and stays the same', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = normalizePersonName(input);
        expectRefusal(r);
        if (!r.ok) return;
        expect(r.value).not.toMatch(/^[=+\-@\t\r]|[<>]/);
        expect(r.value).toBe(r.value.trim());
        expect(normalizePersonName(r.value)).toEqual(r);
      }),
      runs,
    );
  });

  it('keeps rare characters exactly and drops the blanks clerks type inside Chinese names', () => {
    fc.assert(
      fc.property(
        fc.array(nameChar, { minLength: 2, maxLength: 4 }),
        fc.constantFrom(' ', '  ', '\u3000', ''),
        (chars, gap) => {
          const r = normalizePersonName(` ${chars.join(gap)} `);
          expect(r).toEqual({ ok: true, value: chars.join('') });
        },
      ),
      runs,
    );
  });
});

describe('roster row mapper', () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: false }),
  );
  const columns = Object.fromEntries(personFields.map((f, i) => [f, i]));
  const labels = personFields.map((f) => personFieldLabels[f]);

  it('never throws on any row; a refused row says which column and why, an accepted one is fully normalised', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: personFields.length + 3 }),
        validId,
        fc.boolean(),
        (cells, id, seedId) => {
          // Half the rows carry a valid number, so that accepted drafts are exercised too.
          if (seedId) cells[1] = id.id;
          const result = readPersonRow({ row: 7, cells }, columns, labels, now);
          for (const issue of result.issues) {
            expect(issue.row).toBe(7);
            expect(issue.message).toMatch(chinese);
            expect(issue.code).toMatch(/\S/);
          }
          if (result.draft === null) {
            expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
            return;
          }
          expect(parseIdNumber(result.draft.idNumber, now)).toMatchObject({
            ok: true,
            value: { id: result.draft.idNumber },
          });
          expect(normalizePersonName(result.draft.name)).toEqual({ ok: true, value: result.draft.name });
          for (const phone of [result.draft.phone, result.draft.phone2]) {
            if (phone !== null) expect(parsePhone(phone)).toMatchObject({ ok: true, value: { value: phone } });
          }
        },
      ),
      runs,
    );
  });

  it('reads any sheet without throwing: no header is a message, not a crash', () => {
    const row = fc.record({ row: fc.integer({ min: 1, max: 60 }), cells: fc.array(cell, { maxLength: 12 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const r = readPersonSheet({ name: 'Sheet1', rows, merges: [] }, now);
        if (!r.ok) expect(r.message).toMatch(chinese);
      }),
      { numRuns: 200 },
    );
  });
});
