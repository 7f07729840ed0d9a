import type { JobItem } from '../../../shared/api/jobs.api.ts';
import type { AppContext } from '../../context.ts';
import { type Actor, notFound } from '../../platform/access.ts';
import { getJob as readJob } from '../../platform/jobs.ts';

/** A job as its owner sees it. Anyone else's job answers exactly like one that does not exist. */
export async function getJob(ctx: AppContext, actor: Actor, id: number): Promise<JobItem> {
  const job = await readJob(ctx.db, id);
  if (!job || job.createdBy === null || job.createdBy !== actor.userId) throw notFound();
  const { createdBy: _owner, ...item } = job;
  return item;
}
