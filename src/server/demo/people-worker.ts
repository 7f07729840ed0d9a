/**
 * Worker thread of the demo loader: generates the batches of people (the encryption, lookup hashes and pinyin
 * being most of the work) while the main thread writes the ones before. It runs at most `ahead` batches ahead
 * of the writer, which acknowledges each batch it takes, so memory stays flat however many people are asked for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFieldCipher } from '../platform/crypto.ts';
import { createPeopleGenerator, type GeneratorOptions } from './people-generator.ts';

export interface PeopleWorkerData extends GeneratorOptions {
  masterKey: Uint8Array;
  people: number;
  batchSize: number;
  ahead: number;
}

const data = workerData as PeopleWorkerData;
const port = parentPort!;
const next = createPeopleGenerator(createFieldCipher(Buffer.from(data.masterKey)), data);
let taken = 0;
let wake: (() => void) | null = null;
const onTaken = () => {
  taken++;
  wake?.();
};
port.on('message', onTaken);

let sent = 0;
for (let start = 0; start < data.people; start += data.batchSize) {
  while (sent - taken >= data.ahead) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  port.postMessage(next(start, Math.min(data.batchSize, data.people - start)));
  sent++;
}
// Nothing left to wait for: the worker ends once the batches sent are delivered.
port.off('message', onTaken);
