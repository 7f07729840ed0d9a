import type { Generated } from 'kysely';

/**
 * Table types of campaign tasks (migration 2026-11-26-0100-campaign-tasks.ts), merged into the shared `DB` of
 * db/schema.ts.
 */
declare module '../../db/schema.ts' {
  interface DB {
    campaign_task_types: CampaignTaskTypeTable;
    campaign_tasks: CampaignTaskTable;
  }
}

/** A task type of a campaign, editable per campaign; at most one per kind. */
export interface CampaignTaskTypeTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'visit' (慰问金、慰问品: the roster entries themselves) | 'merit_notice' | 'plaque' | 'couplets'. */
  kind: string;
  name: string;
  /** plaque only: JSON PlaqueAction[] the campaign plans — 'hang' (新挂), 'replace' (更换), 'restore' (补挂). */
  plaque_actions_json: string | null;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** One household's (or one honour record's) task of a non-visit type; done once, by a visit or on its own. */
export interface CampaignTaskTable {
  id: Generated<number>;
  campaign_id: number;
  task_type_id: number;
  kind: string;
  /** 'h:<household id>' | 'e:<entry id>' | 'm:<merit notice id>': one task per target and type. */
  target_key: string;
  /** The roster entry of the family, if it is on the roster (the visit form shows the task there). */
  entry_id: number | null;
  household_id: number | null;
  person_id: number | null;
  merit_notice_id: number | null;
  /** plaque only: 'hang' | 'replace' | 'restore'. */
  plaque_action: string | null;
  /** The family or household name shown in lists. */
  subject_name: string;
  street_id: number;
  community_id: number;
  /** 'pending' | 'done' */
  status: string;
  done_on: string | null;
  done_by: number | null;
  done_by_name: string | null;
  /** The client key of the (possibly offline) submission that did it. */
  done_client_key: string | null;
  visit_id: number | null;
  /** Assigned on its own; null = follows the roster entry's assignee (if the family is on the roster). */
  assigned_user_id: number | null;
  assigned_at: string | null;
  created_at: string;
  updated_at: string;
}
