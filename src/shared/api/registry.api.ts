import { z } from 'zod';

/** Home page figures: the registry counted within the viewer's scope. */
export const registrySummary = z.object({
  total: z.number().int(),
  alive: z.number().int(),
  byCategory: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  byRegion: z.array(z.object({ regionId: z.number().int(), name: z.string(), count: z.number().int() })),
});
export type RegistrySummary = z.infer<typeof registrySummary>;
