import { z } from 'zod';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;

/** A long-running job as the UI polls it: a progress bar (progress of total), a message, the outcome. */
export const jobItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  progress: z.number().int(),
  total: z.number().int(),
  /** What is happening now, or the error message when the job failed (Chinese). */
  message: z.string().nullable(),
  /** What the job produced (its shape depends on `kind`), once it succeeded. */
  result: z.unknown(),
  /** The AppError code when the job failed. */
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobItem = z.infer<typeof jobItem>;

/** What a request that starts a job answers. */
export const jobStarted = z.object({ jobId: z.number().int() });
