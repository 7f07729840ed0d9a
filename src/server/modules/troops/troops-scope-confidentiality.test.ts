/** No answer of the troop and army–people modules carries a 番号 its reader is not cleared for. */
import { describe, expect, it } from 'vitest';
import { keys, leaksIn, roles, scopeWorld, sheetRows } from './troops-scope.fixture.ts';

const { ids, files, today, client } = scopeWorld();

describe('confidentiality', () => {
  // Every read of the scope tests, by every role, on the records as they were created (番号 in titles and text).
  it('no response carried a 番号 its reader is not cleared for', async () => {
    const urls = [
      '/api/troops/requests?pageSize=200',
      '/api/troops/requests/stats',
      '/api/troops/meetings',
      '/api/army-people/pairings',
      '/api/army-people/activities',
      `/api/army-people/activities/calendar?month=${today.slice(0, 7)}`,
      '/api/army-people/activities/summary',
      '/api/army-people/supporters',
      '/api/army-people/honorees',
      '/api/troops/lookups',
      '/api/troops/programmes',
      '/api/army-people/places',
      ...keys.flatMap((k) => [
        `/api/troops/requests/${ids[`R${k}`]}`,
        `/api/troops/requests/${ids[`X${k}`]}`,
        `/api/troops/requests/${ids[`R${k}`]}/attachments/${files[`R${k}`]}`,
        `/api/troops/meetings/${ids[`M${k}`]}`,
        `/api/army-people/pairings/${ids[`P${k}`]}`,
        `/api/army-people/activities/${ids[`A${k}`]}`,
        `/api/army-people/supporters/${ids[`S${k}`]}`,
        `/api/army-people/honorees/${ids[`H${k}`]}`,
      ]),
    ];
    const leaks: string[] = [];
    for (const role of roles) {
      for (const url of urls) leaks.push(...leaksIn(role, (await client(role).get(url)).raw.body, url));
      const xlsx = await client(role).get('/api/army-people/activities/export');
      if (xlsx.status === 200) leaks.push(...leaksIn(role, (await sheetRows(xlsx.raw)).join('\n'), 'export'));
    }
    expect(leaks).toEqual([]);
  });
});
