import { createPerson, seedRegions, type TestRegions } from '../../../../test/helpers/factories.ts';
import type { TestContext } from '../../../../test/helpers/test-context.ts';
import { defaultLetterTemplate } from '../../../shared/domain/letter-template.ts';

/**
 * A locked campaign with printable roster entries, written straight into the campaign tables: two households in
 * 甲一社区 (张三 and 张妻 one household), 李𡒄 (a CJK Extension B name), 王五 in 甲二社区, 赵 + a character no font
 * has in 乙一社区, and a removed entry (钱七) that must never print.
 */
export const unprintableChar = String.fromCodePoint(0x31350);

export async function seedPrintableCampaign(ctx: TestContext): Promise<{ campaignId: number; r: TestRegions }> {
  const r = await seedRegions(ctx);
  const now = new Date().toISOString();
  const c = await ctx.db
    .insertInto('campaigns')
    .values({
      region_id: r.district,
      name: '2026年春节走访慰问',
      year: 2026,
      window_start: '2026-02-10',
      window_end: '2026-03-03',
      spring_festival: '2026-02-17',
      due_date: '2026-02-16',
      ref_date: '2026-02-17',
      little_new_year_day: '23',
      budget_cents: 0,
      dedup_policy: 'person',
      status: 'locked',
      preset_key: null,
      signatory: '测试区拥军优属拥政爱民工作领导小组办公室',
      task_types_json: '["visit"]',
      previous_campaign_id: null,
      roster_job_id: null,
      roster_generated_at: now,
      considered_count: 0,
      submitted_at: null,
      locked_at: null,
      locked_by_name: null,
      closed_at: null,
      version: 1,
      created_by: null,
      created_by_name: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaignId = c.id;
  const standard = await ctx.db
    .insertInto('campaign_standards')
    .values({
      campaign_id: campaignId,
      name: '三属',
      priority: 10,
      categories_json: '[]',
      conditions_json: '[]',
      cash_cents: 100_000,
      goods_json: '[]',
      letter_template: defaultLetterTemplate,
      amount_set: 1,
      sort: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const entry = async (
    p: { id: number },
    place: [number, number],
    o: { household?: number; state?: string; category?: string } = {},
  ) => {
    await ctx.db
      .insertInto('campaign_roster_entries')
      .values({
        campaign_id: campaignId,
        person_id: p.id,
        household_id: o.household ?? null,
        standard_id: standard.id,
        category_code: o.category ?? 'martyr_family',
        street_id: place[0],
        community_id: place[1],
        person_name: 'x',
        cash_cents: 100_000,
        goods_cents: 15_000,
        goods_json: JSON.stringify([{ name: '大米', quantity: 1, unitPriceCents: 15_000, unit: '袋' }]),
        also_matched_json: '[]',
        reasons_json: '[]',
        other_members_json: '[]',
        source: 'rule',
        state: o.state ?? 'active',
        note: null,
        removed_reason: null,
        removed_by_name: null,
        removed_at: null,
        assigned_user_id: null,
        assigned_at: null,
        visit_status: 'pending',
        delivered_at: null,
        visit_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  };
  const [[c11, c12], [c21]] = r.communities;
  const [s1, s2] = r.streets;
  const household = await ctx.db
    .insertInto('households')
    .values({ name: '张三户', region_id: c11, address: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await entry(await createPerson(ctx, { regionId: c11, name: '张三' }), [s1, c11], { household: household.id });
  await entry(await createPerson(ctx, { regionId: c11, name: '张妻' }), [s1, c11], { household: household.id });
  await entry(await createPerson(ctx, { regionId: c11, name: '李𡒄' }), [s1, c11], { category: 'disabled_veteran' });
  await entry(await createPerson(ctx, { regionId: c12, name: '王五' }), [s1, c12]);
  await entry(await createPerson(ctx, { regionId: c21, name: `赵${unprintableChar}` }), [s2, c21]);
  await entry(await createPerson(ctx, { regionId: c12, name: '钱七' }), [s1, c12], { state: 'removed' });
  return { campaignId, r };
}
