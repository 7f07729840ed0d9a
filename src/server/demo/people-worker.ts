/**
 * Worker thread of the demo loader: generates the batches of people (the encryption, lookup hashes and pinyin
 * being most of the work) while the main thread writes the ones before. Workers share the batches: worker `w`
 * of `workers` builds every batch whose number modulo `workers` is `w` and only draws the others, so that it
 * makes the same people as one worker would (see createPeopleGenerator). It runs at most `ahead` of its
 * batches ahead of the writer, which acknowledges each batch it takes, so memory stays flat however many people
 * are asked for. For COPY (PostgreSQL) the writer first sends the first free ids, and the batches arrive as
 * finished text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCipher } from '../platform/crypto.ts';
import { advanceCopyIds, type CopyIds, toCopyBatch } from './copy-lines.ts';
import { createPeopleGenerator, type GeneratorOptions } from './people-generator.ts';

export interface PeopleWorkerData extends GeneratorOptions {
  masterKey: Uint8Array;
  people: number;
  batchSize: number;
  ahead: number;
  /** Batches as COPY lines (PostgreSQL) rather than flat values (SQLite). */
  copy: boolean;
  worker: number;
  workers: number;
}

const data = workerData as PeopleWorkerData;
const port = parentPort!;
const next = createPeopleGenerator(createFieldCipher(Buffer.from(data.masterKey)), data);
let taken = 0;
let ids: CopyIds | undefined;
let wake: (() => void) | null = null;
const onMessage = (message: 'taken' | CopyIds) => {
  if (message === 'taken') taken++;
  else ids = message;
  wake?.();
};
port.on('message', onMessage);
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
};

let sent = 0;
if (data.copy) await until(() => ids !== undefined);
for (let start = 0, number = 0; start < data.people; start += data.batchSize, number++) {
  const count = Math.min(data.batchSize, data.people - start);
  if (number % data.workers !== data.worker) {
    const batch = next(start, count, false);
    if (data.copy) advanceCopyIds(batch, ids!);
    continue;
  }
  await until(() => sent - taken < data.ahead);
  const batch = next(start, count);
  port.postMessage(data.copy ? toCopyBatch(batch, ids!) : batch);
  sent++;
}
// Nothing left to wait for: the worker ends once the batches sent are delivered.
port.off('message', onMessage);
