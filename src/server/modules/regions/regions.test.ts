import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import { insertRegion, regionSubtreeIds } from './regions.repo.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('region subtrees', () => {
  it('hold a street and its communities, never a street whose id merely begins with the same digits', async () => {
    const district = await insertRegion(ctx.db, {
      code: '650203',
      name: '克拉玛依区',
      level: 'district',
      parentId: null,
    });
    const streets: { id: number; community: number }[] = [];
    for (let i = 1; i <= 25; i++) {
      const code = `650203${String(i).padStart(3, '0')}`;
      const id = await insertRegion(ctx.db, {
        code: `${code}000`,
        name: `街道${i}`,
        level: 'street',
        parentId: district,
      });
      const community = await insertRegion(ctx.db, {
        code: `${code}001`,
        name: `社区${i}`,
        level: 'community',
        parentId: id,
      });
      streets.push({ id, community });
    }
    // Paths like /1/2/ and /1/20/: the case a prefix match without the separator, or a misplaced range, gets wrong.
    const ids = streets.map((s) => String(s.id));
    expect(ids.some((a) => ids.some((b) => a !== b && b.startsWith(a)))).toBe(true);

    for (const street of streets) {
      expect((await regionSubtreeIds(ctx.db, street.id)).sort((a, b) => a - b)).toEqual([street.id, street.community]);
    }
    expect(await regionSubtreeIds(ctx.db, district)).toHaveLength(1 + 2 * streets.length);
  });
});
