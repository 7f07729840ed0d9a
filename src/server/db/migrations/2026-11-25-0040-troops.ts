import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.ts';
import { withId } from '../migration-helpers.ts';

// Frozen once landed: change the schema with a new dated file, never by editing this one.
// Troop support (拥军: requests, meetings, programmes) and army–people work (拥政爱民: pairings, activities,
// social forces, models). Portable types only: ISO text dates, integer booleans, integer 分, JSON text.

/** Starting dictionaries (editable as data afterwards): [list, code, name, subject]. */
const lookups: [string, string, string, string | null][] = [
  ['request_kind', 'family_employment', '随军家属就业', 'family'],
  ['request_kind', 'child_schooling', '子女入学入托', 'family'],
  ['request_kind', 'retired_cadre_service', '军休服务', 'family'],
  ['request_kind', 'family_hardship', '军人家庭困难', 'family'],
  ['request_kind', 'camp_environment', '营区周边环境', 'unit'],
  ['request_kind', 'medical', '医疗', 'unit'],
  ['request_kind', 'transport', '交通', 'unit'],
  ['request_kind', 'training_support', '训练保障', 'unit'],
  ['request_kind', 'utilities', '水电气暖通信', 'unit'],
  ['request_kind', 'other', '其他', null],
  ['activity_type', 'publicity', '宣传', null],
  ['activity_type', 'gala', '联欢联谊', null],
  ['activity_type', 'performance', '文艺演出', null],
  ['activity_type', 'exhibition', '书画展', null],
  ['activity_type', 'education_base', '参观教育基地', null],
  ['activity_type', 'clinic', '义务巡诊', null],
  ['activity_type', 'study_aid', '助学兴教', null],
  ['activity_type', 'environment', '环境整治', null],
  ['activity_type', 'rescue', '抢险救灾', null],
  ['activity_type', 'joint_security', '治安联防', null],
  ['activity_type', 'org_support', '组织帮建', null],
  ['activity_type', 'customs', '移风易俗', null],
  ['activity_type', 'other', '其他', null],
  ['pairing_category', 'lonely_elderly', '孤老', null],
  ['pairing_category', 'living_alone', '独居老人', null],
  ['pairing_category', 'child_in_difficulty', '困境儿童', null],
  ['pairing_category', 'poor_student_family', '贫困学生家庭', null],
  ['pairing_category', 'dibao', '低保', null],
  ['pairing_category', 'disabled_family', '残疾人家庭', null],
  ['pairing_category', 'empty_nest', '空巢老人', null],
  ['pairing_category', 'left_behind_child', '留守儿童', null],
  ['contact_kind', 'visit', '走访看望', null],
  ['contact_kind', 'donation', '捐赠物资', null],
  ['contact_kind', 'clinic', '义诊', null],
  ['contact_kind', 'study_aid', '助学', null],
  ['contact_kind', 'service', '志愿服务', null],
  ['contact_kind', 'other', '其他', null],
];

const programmes: [string, string][] = [
  ['聚焦一线、聚力解难', '聚焦任务部队和高原、边防一线，帮助部队官兵解决急难愁盼问题的拥军优属专项活动。'],
  ['情系边海防官兵', '春节期间走访慰问边海防官兵及其家庭的专项慰问活动。'],
  ['军徽映夕阳', '驻区部队与孤老、独居老人、空巢老人等结对帮扶。'],
  ['军徽映晨曦', '驻区部队与困境儿童、留守儿童、贫困学生家庭等结对助学帮扶。'],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema as it was, not on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const now = new Date().toISOString();

  await withId(db.schema.createTable('troop_lookups'), engine)
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('troop_lookups_list_code', ['list', 'code'])
    .execute();
  await db
    .insertInto('troop_lookups')
    .values(lookups.map(([list, code, name, subject], i) => ({ list, code, name, subject, sort: i, active: 1 })))
    .execute();

  await withId(db.schema.createTable('troop_programmes'), engine)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('troop_programmes')
    .values(
      programmes.map(([name, description], i) => ({
        name,
        description,
        active: 1,
        sort: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('troop_programme_links')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('troop_programmes.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('troop_programme_links_pk', ['programme_id', 'owner_type', 'owner_id'])
    .execute();
  await db.schema
    .createIndex('troop_programme_links_owner')
    .on('troop_programme_links')
    .columns(['owner_type', 'owner_id'])
    .execute();

  await withId(db.schema.createTable('troop_requests'), engine)
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('military_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('kind_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text')
    .addColumn('family_relation', 'text')
    .addColumn('family_phone_enc', 'text')
    .addColumn('person_id', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('units.id'))
    .addColumn('due_date', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('overdue_notified_for', 'text')
    .addColumn('raised_by', 'integer')
    .addColumn('raised_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('troop_requests_unit').on('troop_requests').column('military_unit_id').execute();
  await db.schema.createIndex('troop_requests_department').on('troop_requests').column('department_id').execute();
  await db.schema.createIndex('troop_requests_region').on('troop_requests').column('region_id').execute();
  await db.schema.createIndex('troop_requests_status').on('troop_requests').columns(['status', 'due_date']).execute();

  await withId(db.schema.createTable('troop_request_events'), engine)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('troop_requests.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('department_id', 'integer', (c) => c.references('units.id'))
    .addColumn('due_date', 'text')
    .addColumn('comment', 'text')
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('troop_request_events_request').on('troop_request_events').column('request_id').execute();

  await withId(db.schema.createTable('troop_meetings'), engine)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('minutes', 'text')
    .addColumn('decisions_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('troop_meetings_region').on('troop_meetings').columns(['region_id', 'held_on']).execute();

  await withId(db.schema.createTable('troop_meeting_attendees'), engine)
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('troop_meetings.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('name', 'text')
    .addColumn('title', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('troop_meeting_attendees_meeting')
    .on('troop_meeting_attendees')
    .column('meeting_id')
    .execute();
  await db.schema.createIndex('troop_meeting_attendees_unit').on('troop_meeting_attendees').column('unit_id').execute();

  await db.schema
    .createTable('troop_meeting_requests')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('troop_meetings.id').onDelete('cascade'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('troop_requests.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('troop_meeting_requests_pk', ['meeting_id', 'request_id'])
    .execute();
  await db.schema
    .createIndex('troop_meeting_requests_request')
    .on('troop_meeting_requests')
    .column('request_id')
    .execute();

  await withId(db.schema.createTable('troop_attachments'), engine)
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_by', 'integer')
    .addColumn('uploaded_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('troop_attachments_owner')
    .on('troop_attachments')
    .columns(['owner_type', 'owner_id'])
    .execute();

  await withId(db.schema.createTable('pairings'), engine)
    .addColumn('military_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('beneficiary_kind', 'text', (c) => c.notNull())
    .addColumn('beneficiary_name', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('address', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('notes', 'text')
    .addColumn('last_contact_on', 'text')
    .addColumn('next_due_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairings_unit').on('pairings').column('military_unit_id').execute();
  await db.schema.createIndex('pairings_region').on('pairings').column('region_id').execute();
  await db.schema.createIndex('pairings_due').on('pairings').columns(['active', 'next_due_on']).execute();

  await withId(db.schema.createTable('pairing_contacts'), engine)
    .addColumn('pairing_id', 'integer', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('kind_code', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spend_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'integer')
    .addColumn('recorded_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairing_contacts_pairing').on('pairing_contacts').column('pairing_id').execute();

  await withId(db.schema.createTable('activities'), engine)
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text')
    .addColumn('place', 'text')
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('participants', 'text')
    .addColumn('spend_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_held').on('activities').columns(['held_on', 'region_id']).execute();
  await db.schema.createIndex('activities_region').on('activities').column('region_id').execute();

  await db.schema
    .createTable('activity_organisers')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('activity_organisers_pk', ['activity_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('activity_organisers_unit').on('activity_organisers').column('unit_id').execute();

  await withId(db.schema.createTable('supporters'), engine)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('pledge', 'text', (c) => c.notNull())
    .addColumn('benefit', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supporters_region').on('supporters').column('region_id').execute();

  await db.schema
    .createTable('troop_request_supporters')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('troop_requests.id').onDelete('cascade'))
    .addColumn('supporter_id', 'integer', (c) => c.notNull().references('supporters.id').onDelete('cascade'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('troop_request_supporters_pk', ['request_id', 'supporter_id'])
    .execute();
  await db.schema
    .createIndex('troop_request_supporters_supporter')
    .on('troop_request_supporters')
    .column('supporter_id')
    .execute();

  await withId(db.schema.createTable('honorees'), engine)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('honour', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('story', 'text')
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honorees_region').on('honorees').columns(['region_id', 'year']).execute();
}
