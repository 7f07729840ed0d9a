import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './concurrency.ts';
import { hashPassword, passwordSlots, passwordWork, verifyPassword } from './passwords.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('limitConcurrency', () => {
  it('runs at most its slots at once, in arrival order, and frees the slot of a task that fails', async () => {
    const run = limitConcurrency(2);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      if (i === 3) throw new Error('失败的任务');
      return i;
    };
    const pending = Array.from({ length: 8 }, (_, i) => run(task(i)));
    expect(run.load()).toEqual({ running: 2, waiting: 6 });
    const results = await Promise.allSettled(pending);
    expect(run.load()).toEqual({ running: 0, waiting: 0 });
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([
      0,
      1,
      2,
      'failed',
      4,
      5,
      6,
      7,
    ]);
    // Every slot came back: two more run at once again.
    await Promise.all([run(task(10)), run(task(11))]);
    expect(most).toBe(2);
  });

  it('runs a burst of password hashes and checks one per core, the rest waiting; each verifies its own password only', async () => {
    const passwords = Array.from({ length: passwordSlots + 3 }, (_, i) => `口令-${i}-Aa1!`);
    const hashing = passwords.map(hashPassword);
    // All started at once: as many hash as there are cores, the others wait for a slot (a hash that bypassed the
    // limiter would not be counted here).
    expect(passwordWork()).toEqual({ running: passwordSlots, waiting: 3 });
    const hashes = await Promise.all(hashing);
    expect(passwordWork()).toEqual({ running: 0, waiting: 0 });
    const checking = hashes.map((h, i) => verifyPassword(h, passwords[i]!));
    expect(passwordWork()).toEqual({ running: passwordSlots, waiting: 3 });
    expect(await Promise.all(checking)).toEqual(passwords.map(() => true));
    expect(await verifyPassword(hashes[0]!, passwords[1]!)).toBe(false);
    expect(passwordWork()).toEqual({ running: 0, waiting: 0 });
  });
});
