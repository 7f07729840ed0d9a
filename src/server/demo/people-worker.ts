/**
 * Worker thread of the demo loader: generates the batches of people (the encryption, lookup hashes and pinyin
 * being most of the work) while the main thread writes the ones before. It runs at most `ahead` batches ahead
 * of the writer, which acknowledges each batch it takes, so memory stays flat however many people are asked for.
 * For COPY (PostgreSQL) the writer first sends the first free ids, and the batches arrive as finished text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCipher } from '../platform/crypto.ts';
import { type CopyIds, toCopyBatch } from './people-copy.ts';
import { createPeopleGenerator, type GeneratorOptions } from './people-generator.ts';

export interface PeopleWorkerData extends GeneratorOptions {
  masterKey: Uint8Array;
  people: number;
  batchSize: number;
  ahead: number;
  /** Batches as COPY lines (PostgreSQL) rather than flat values (SQLite). */
  copy: boolean;
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
for (let start = 0; start < data.people; start += data.batchSize) {
  await until(() => sent - taken < data.ahead);
  const batch = next(start, Math.min(data.batchSize, data.people - start));
  if (data.copy) {
    await until(() => ids !== undefined);
    port.postMessage(toCopyBatch(batch, ids!));
  } else {
    port.postMessage(batch);
  }
  sent++;
}
// Nothing left to wait for: the worker ends once the batches sent are delivered.
port.off('message', onMessage);
