import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import type { TestContext } from '../../../../test/helpers/test-context.ts';
import { addHousehold } from '../campaigns/campaigns.fixture.ts';
import { insertLockedCampaign, rosterEntryRow } from './printable-campaign.seed.ts';

/**
 * A locked campaign with printable roster entries, written straight into the campaign tables: two households in
 * 甲一社区 (张三 and 张妻 one household), 李𡒄 (a CJK Extension B name), 王五 in 甲二社区, 赵 + a character no font
 * has in 乙一社区, and a removed entry (钱七) that must never print.
 */
export const unprintableChar = String.fromCodePoint(0x31350);

export async function seedPrintableCampaign(ctx: TestContext): Promise<{ campaignId: number; r: TestRegions }> {
  const r = await seedRegions(ctx);
  const now = new Date().toISOString();
  const { campaignId, standardId } = await insertLockedCampaign(ctx.db, {
    regionId: r.district,
    signatory: '测试区拥军优属拥政爱民工作领导小组办公室',
    consideredCount: 0,
    now,
  });
  const entry = async (
    p: { id: number },
    place: [number, number],
    o: { household?: number; state?: string; category?: string } = {},
  ) => {
    await ctx.db
      .insertInto('campaign_roster_entries')
      .values(
        rosterEntryRow({
          campaignId,
          standardId,
          personId: p.id,
          place,
          householdId: o.household,
          category: o.category,
          goods: [{ name: '大米', quantity: 1, unitPriceCents: 15_000, unit: '袋' }],
          state: o.state,
          now,
        }),
      )
      .execute();
  };
  const [[c11, c12], [c21]] = r.communities;
  const [s1, s2] = r.streets;
  const household = await addHousehold(ctx, c11, '张三户');
  await entry(await createPerson(ctx, { regionId: c11, name: '张三' }), [s1, c11], { household });
  await entry(await createPerson(ctx, { regionId: c11, name: '张妻' }), [s1, c11], { household });
  await entry(await createPerson(ctx, { regionId: c11, name: '李𡒄' }), [s1, c11], { category: 'disabled_veteran' });
  await entry(await createPerson(ctx, { regionId: c12, name: '王五' }), [s1, c12]);
  await entry(await createPerson(ctx, { regionId: c21, name: `赵${unprintableChar}` }), [s2, c21]);
  await entry(await createPerson(ctx, { regionId: c12, name: '钱七' }), [s1, c12], { state: 'removed' });
  return { campaignId, r };
}
