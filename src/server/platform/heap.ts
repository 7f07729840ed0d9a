import v8 from 'node:v8';

/**
 * A bound on the heap of a bulk job (a 100,000-row import). Each batch's rows outlive a young-generation
 * collection or two and are promoted, so the old generation fills with garbage; V8 runs its first full
 * collection only at a limit set for far larger heaps (some 250 MB here), while what is alive stays near 40 MB.
 * The job calls the returned check between batches: once the heap has grown by `headroomMb` since the last
 * collection, it collects — a full collection of a small live heap, some tens of milliseconds. 32 MB: with 64 a
 * 100,000-row import peaked at 307–321 MB of resident memory, with 32 at 291–299 MB (issue 8 asks < 300), for
 * about twice as many collections.
 */
export function heapCeiling(headroomMb = 32): () => void {
  const gc = fullCollection();
  if (!gc) return () => {};
  const used = () => v8.getHeapStatistics().used_heap_size;
  return () => {
    if (used() - floor < headroomMb * 2 ** 20) return;
    gc();
    floor = used();
  };
}

/**
 * The heap after the last collection made here. Not the heap as a job finds it, which may hold the garbage of
 * what came before (an upload's copies of the file): the first large job collects at once.
 */
let floor = 0;

/**
 * V8's full collection, present when the process was started with --expose-gc (`npm start` and the benchmark's
 * import worker are). Without it the ceiling does nothing and V8 collects on its own schedule, at a higher peak.
 */
function fullCollection(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  return typeof exposed === 'function' ? exposed : null;
}
