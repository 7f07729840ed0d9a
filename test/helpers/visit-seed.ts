import { crc32, deflateSync } from 'node:zlib';
import type { AppContext } from '../../src/server/context.ts';
import { addPerson } from '../../src/server/modules/campaigns/campaigns.fixture.ts';
import { jobSettled } from '../../src/server/platform/jobs.ts';
import { createUser, seedRegions } from './factories.ts';
import { createTestApp, login } from './test-app.ts';
import type { TestContext } from './test-context.ts';

/**
 * A campaign ready for visits (roster generated, reviewed, locked) and community visitors who share it out:
 * visitor `slot` of a community records the entries whose index in that community is `slot` modulo `slots`, which
 * are assigned to them (their phone list shows them).
 * For the scale-out test and the load benchmark, which then drive real servers over HTTP.
 */
export interface SeededVisitor {
  userId: number;
  username: string;
  password: string;
  communityId: number;
  entryIds: number[];
}

export interface SeededVisits {
  campaignId: number;
  visitors: SeededVisitor[];
  entryCount: number;
}

const oneStandard = {
  name: '烈属普惠',
  priority: 10,
  categories: ['martyr_family'],
  conditions: [{ kind: 'hukouLocal', value: true }],
  package: { cashCents: 50_000, goods: [{ name: '春联年画', quantity: 1, unitPriceCents: 2_000, unit: '套' }] },
};

function check(res: { status: number; body: unknown }, what: string) {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function seedVisitCampaign(
  ctx: AppContext,
  options: { visitors: number; entriesPerVisitor: number },
): Promise<SeededVisits> {
  const tctx = ctx as TestContext;
  const app = await createTestApp(tctx);
  try {
    const r = await seedRegions(tctx);
    const communities = r.communities.flat();
    const office = await createUser(tctx, { role: 'office', regionId: r.district });
    const visitors = await Promise.all(
      Array.from({ length: options.visitors }, async (_, i) => {
        const communityId = communities[i % communities.length]!;
        const u = await createUser(tctx, { role: 'community', regionId: communityId });
        return { userId: u.id, username: u.username, password: u.password, communityId, entryIds: [] as number[] };
      }),
    );
    const total = options.visitors * options.entriesPerVisitor;
    for (let i = 0; i < total; i++) {
      // Birth dates vary so that every generated ID number is distinct.
      const birth = `19${40 + (i % 40)}-${String(1 + (Math.floor(i / 40) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 480) % 28)).padStart(2, '0')}`;
      await addPerson(tctx, { community: communities[i % communities.length]!, relation: '父母', birthDate: birth });
    }
    const client = await login(app, office.username, office.password);
    const created = await client.post<{ id: number }>('/api/campaigns', {
      year: 2026,
      budgetCents: 10_000_000_000,
      dedupPolicy: 'person',
    });
    check(created, 'create campaign');
    const campaignId = created.body.id;
    check(await client.post(`/api/campaigns/${campaignId}/standards`, oneStandard), 'add standard');
    const job = await client.post<{ jobId: number }>(`/api/campaigns/${campaignId}/roster`);
    check(job, 'generate roster');
    await jobSettled(job.body.jobId);
    check(await client.post(`/api/campaigns/${campaignId}/status`, { to: 'in_review' }), 'in review');
    for (const s of r.streets)
      check(await client.post(`/api/campaigns/${campaignId}/reviews/${s}/confirm`, {}), 'confirm');
    check(await client.post(`/api/campaigns/${campaignId}/status`, { to: 'locked' }), 'lock');

    const entries = await ctx.db
      .selectFrom('campaign_roster_entries')
      .select(['id', 'community_id'])
      .where('campaign_id', '=', campaignId)
      .where('state', '=', 'active')
      .orderBy('id')
      .execute();
    for (const communityId of communities) {
      const mine = visitors.filter((v) => v.communityId === communityId);
      entries
        .filter((e) => e.community_id === communityId)
        .forEach((e, index) => {
          mine[index % mine.length]?.entryIds.push(e.id);
        });
    }
    // Each visitor's entries are assigned to them, so the phone list (分派给我) shows what they will visit.
    for (const v of visitors) {
      for (let i = 0; i < v.entryIds.length; i += 2000) {
        const entryIds = v.entryIds.slice(i, i + 2000);
        check(await client.post(`/api/campaigns/${campaignId}/assignments`, { entryIds, userId: v.userId }), 'assign');
      }
    }
    return { campaignId, visitors, entryCount: entries.length };
  } finally {
    await app.close();
  }
}

/** A valid visit record, as the phone sends it (a 1×1 PNG stands in for the drawn signature). */
/** One PNG chunk: length, type, data, CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A 1×1 signature PNG that carries `text`: every visit's signature is a drawing of its own, so each visit stores
 * new bytes, as on the phones (the same bytes in every visit would make all visits share one files row).
 */
export function signatureOf(text: string): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth; colour type 0 (grey), no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

export function visitRecord(clientKey: string) {
  return {
    clientKey,
    visitedOn: '2026-02-10',
    mode: 'home',
    cashCents: 50_000,
    goods: [{ name: '春联年画', quantity: 1, unit: '套' }],
    receiver: { kind: 'self' },
    signature: signatureOf(clientKey),
  };
}
