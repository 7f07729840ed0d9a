import { z } from 'zod';

export const regionLevels = ['province', 'city', 'district', 'street', 'town', 'community', 'village'] as const;
export const regionLevelLabels: Record<(typeof regionLevels)[number], string> = {
  province: '省/自治区/直辖市',
  city: '市',
  district: '区/县',
  street: '街道',
  town: '镇',
  community: '社区',
  village: '村',
};

export const regionItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentId: z.number().int().nullable(),
});
export type RegionItem = z.infer<typeof regionItem>;
export const regionList = z.object({ items: z.array(regionItem) });

export const createRegionRequest = z.strictObject({
  code: z.string().regex(/^\d{6}(\d{6})?$/, '区划代码应为 6 位或 12 位数字'),
  name: z.string().trim().min(1).max(64),
  level: z.enum(regionLevels),
  parentId: z.number().int().positive(),
});
