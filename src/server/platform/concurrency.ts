/**
 * At most `slots` of the given tasks run at once; the rest wait in arrival order. A finished task hands its slot
 * straight to the next waiter, so a newcomer never overtakes one that waits, and a failed task frees its slot too.
 */
export function limitConcurrency(slots: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
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
}
