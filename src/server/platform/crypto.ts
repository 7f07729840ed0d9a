import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Field encryption (AES-256-GCM) and keyed hashes (HMAC-SHA256) for 身份证号, phones and 番号.
 * One master key, from SHUANGYONG_SECRET_KEY or `${DATA_DIR}/secret.key`; two sub-keys derived from it.
 * Every app node of one deployment must use the same key, and backups must include it.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  /** Deterministic keyed hash for exact lookup; `purpose` separates e.g. full ID from ID tail. */
  lookupHash(value: string, purpose?: string): string;
}

export function loadMasterKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return parseKey(secretKey, 'SHUANGYONG_SECRET_KEY');
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseKey(readFileSync(file, 'utf8').trim(), file);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`密钥无效（${source}）：需要 32 字节，十六进制 64 位或 base64。`);
  return key;
}

/** Random nonces drawn 4,096 at a time: one call into the CSPRNG instead of one per encryption. */
function nonceSource(): () => Buffer {
  const size = 12;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === pool.length) {
      pool = randomBytes(size * 4096);
      offset = 0;
    }
    offset += size;
    return pool.subarray(offset - size, offset);
  };
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  // KeyObjects are imported into OpenSSL once, not on every createCipheriv / createHmac.
  const encKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'shuangyong field encryption', 32)),
  );
  const macKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'shuangyong lookup hash', 32)),
  );
  const nonce = nonceSource();
  return {
    // v1.base64(nonce 12 ‖ tag 16 ‖ ciphertext), assembled in one buffer.
    encrypt(plain) {
      const iv = nonce();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const input = Buffer.from(plain, 'utf8');
      const out = Buffer.allocUnsafe(28 + input.length);
      iv.copy(out, 0);
      // GCM is a stream mode: the ciphertext is exactly as long as the input.
      let end = 28 + cipher.update(input).copy(out, 28);
      end += cipher.final().copy(out, end);
      cipher.getAuthTag().copy(out, 12);
      return `v1.${out.toString('base64', 0, end)}`;
    },
    decrypt(text) {
      if (!text.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(text.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(value, purpose = 'default') {
      return createHmac('sha256', macKey).update(`${purpose}\u0000${value}`).digest('hex');
    },
  };
}
