import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { limitConcurrency } from './concurrency.ts';

// argon2id with OWASP's recommended minimum (19 MiB, t=2) so login stays fast on small servers.
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes run one per core at most. Each holds 19 MiB and a libuv thread until it is done, and more at once than
 * there are cores finish no sooner: a burst of logins (a shift starting) would hold 4 × 19 MiB and every libuv
 * thread (file reads, zlib, DNS wait behind them) for no gain.
 */
export const passwordSlots = Math.max(1, availableParallelism());
const oneAtATimePerCore = limitConcurrency(passwordSlots);

/** Password hashes and checks running and waiting for a slot now. */
export const passwordWork = () => oneAtATimePerCore.load();

export function hashPassword(password: string): Promise<string> {
  return oneAtATimePerCore(() => argon2.hash(password, options));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await oneAtATimePerCore(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal valid usernames. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  return dummyHash;
}
