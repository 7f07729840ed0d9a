/** Test-only: reads the seed notices from ../shared/seeds (relative to the repository root). Not exported by index. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const seedsDir = path.resolve(process.cwd(), '../shared/seeds');

export function readSeed(prefix: string): string {
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return readFileSync(path.join(seedsDir, file), 'utf8');
}
