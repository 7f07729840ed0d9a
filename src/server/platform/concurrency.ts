/** Runs tasks through a limited number of slots; `load()` tells how many run and wait now. */
export interface Limiter {
  <T>(work: () => Promise<T>): Promise<T>;
  load(): { running: number; waiting: number };
}

/**
 * At most `slots` of the given tasks run at once; the rest wait in arrival order. A finished task hands its slot
 * straight to the next waiter, so a newcomer never overtakes one that waits, and a failed task frees its slot too.
 */
export function limitConcurrency(slots: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
  return Object.assign(run, { load: () => ({ running, waiting: waiting.length }) });
}
