import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './crypto.ts';

const cipher = createFieldCipher(Buffer.alloc(32, 7));

// Written by the first implementation (a fresh nonce per call, Buffer.concat): stored data must stay readable.
const stored = [
  ['110101199003071234', 'v1.o7sEHSw56N/WX2WZvX6jnCmt6WQkFaCneiWH5DDvg2AyW0K9Zsm2XuEf4Epa6Q=='],
  ['13912345678', 'v1.TsoRJuoV5OxrdTisK5LmbwrV5t2tjydW6vItt4+oDNfnLQLq+d3l'],
  [
    '𡒄武警某总队某支队第九中队',
    'v1.A8AGzzCrqKT/Lo8P228Y76LsyHJilT9cWndXHmx5Btqb6BR+qUjDKIpj8JYgrk7B3+39W1bii9RFWXR/sPxiPSA2C10=',
  ],
  ['', 'v1.XcGBSuocXSHPRPlyI9yD54X9UQihWfcDMRCU3Q=='],
] as const;

describe('field cipher', () => {
  it('decrypts what earlier versions stored', () => {
    for (const [plain, text] of stored) expect(cipher.decrypt(text)).toBe(plain);
  });

  it('keeps the lookup hashes of earlier versions', () => {
    expect(cipher.lookupHash('110101199003071234', 'id')).toBe(
      '29830f55fc8861ecfcd04cac969de4192e6716177bb25fa3dd7675465f9ee4ae',
    );
  });

  it('round-trips in the same format, with a different nonce every time', () => {
    const texts = new Set<string>();
    // More encryptions than one pool of nonces holds.
    for (let i = 0; i < 5000; i++) {
      const plain = `${i}·𪚥`;
      const text = cipher.encrypt(plain);
      expect(text).toMatch(/^v1\.[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(text.slice(3), 'base64').length).toBe(28 + Buffer.byteLength(plain));
      expect(cipher.decrypt(text)).toBe(plain);
      texts.add(text.slice(3, 19));
    }
    expect(texts.size).toBe(5000);
  });

  it('refuses a tampered ciphertext', () => {
    const raw = Buffer.from(cipher.encrypt('13912345678').slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64')}`)).toThrow();
  });
});
