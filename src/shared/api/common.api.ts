import { z } from 'zod';

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() })),
  }),
  requestId: z.string(),
});

const positiveId = z.coerce.number().int().positive();
export const idParam = z.strictObject({ id: positiveId });
/** Path parameters of a record under a record: `/…/:id/…/:entryId`. */
export function idParams<K extends string>(second: K) {
  return z.strictObject({ id: positiveId, ...({ [second]: positiveId } as Record<K, typeof positiveId>) });
}

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okResponse = z.object({ ok: z.literal(true) });
