import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/test-app.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';
import type {
  AssignmentItem,
  MyTaskItem,
  NoticeDetail,
  NoticeFileItem,
  NoticeMatrix,
  ParseResponse,
} from '../../../shared/api/notices.api.ts';
import ExcelJS from '../../platform/exceljs.ts';
import {
  assign,
  buildWorld,
  daysFromToday,
  editBody,
  importSeed,
  publish,
  seedText,
  type World,
} from './notices.fixture.ts';

let ctx: TestContext;
let app: FastifyInstance;
let w: World;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  w = await buildWorld(ctx, app);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const putuoTitles = ['大力营造双拥浓厚氛围', '主动帮助部队排忧解难', '扎实抓好政策待遇落实', '深入开展军地共建活动'];
const karamayTitles = ['大力營造雙擁濃厚氛圍', '聚力服務部隊備戰打仗', '助力保障改善民生福祉', '傾力關心關愛優撫對象'];

async function unreadTitles(client: World['clients']['office']): Promise<string[]> {
  const res = await client.get<{ items: { title: string; read: boolean; body: string | null }[] }>(
    '/api/notifications?unreadOnly=true&pageSize=200',
  );
  return res.body.items.map((n) => n.title);
}

async function markAllRead(client: World['clients']['office']) {
  await client.post('/api/notifications/read', { ids: 'all' });
}

/** A docx with the given paragraphs (and optionally Word numbering), as Word writes it. */
async function docx(paragraphs: string[], numbered: number[] = []): Promise<Buffer> {
  const zip = new JSZip();
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p, i) => {
      const numPr = numbered.includes(i)
        ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        : '';
      return `<w:p>${numPr}<w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`;
    })
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  zip.file(
    'word/numbering.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>',
  );
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('import from text', () => {
  it('parses the Putuo seed (pasted) into the issue shape, with the draft, suggestions and warnings', async () => {
    const text = seedText('000_');
    const res = await w.clients.office.post<ParseResponse>('/api/notices/parse', { text, name: null });
    expect(res.status).toBe(200);
    const n = res.body.notice;
    expect(Object.keys(n)).toEqual([
      'docNumber',
      'title',
      'issuers',
      'date',
      'recipients',
      'cc',
      'tasks',
      'requirements',
      'inner',
      'warnings',
    ]);
    expect(n.docNumber).toBe('普府办〔2021〕4号');
    expect(n.issuers).toEqual(['上海市普陀区人民政府办公室']);
    expect(n.date).toBe('2021-01-08');
    expect(n.tasks.map((t) => t.title)).toEqual(putuoTitles);
    expect(n.inner?.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
    expect(n.inner?.date).toBe('2021-01-05');
    expect(Object.keys(n.inner ?? {})).toEqual(Object.keys(n));
    // the duplicated passage of section 二, flagged where it is in the text that was sent
    const dup = res.body.warnings.find((x) => x.code === 'duplicated_text');
    expect(dup).toBeDefined();
    expect(res.body.sourceText.slice(dup!.at, dup!.at + 5)).toBe('实训等工作');
    expect(n.warnings.map((x) => x.code)).toEqual(['duplicated_text']);
    // suggestions: 各部门、各单位、驻区各部队要 → the departments and the military units
    const t1 = res.body.draft.tasks[0]!;
    expect(t1.suggestedKinds).toEqual(['department', 'military']);
    expect(new Set(t1.suggestedUnitIds)).toEqual(new Set([w.units.deptA, w.units.deptB, w.units.m1, w.units.m2]));
    expect(res.body.draft.tasks[3]!.suggestedUnitIds.sort()).toEqual([w.units.m1, w.units.m2].sort());
    expect(res.body.draft.tasks[1]!.suggestedUnitIds).toContain(w.units.social);
  });

  it('parses the Karamay seed: 繁體 kept, mojibake flagged at its offsets, missing fields said', async () => {
    const text = seedText('004_');
    const res = await w.clients.office.post<ParseResponse>('/api/notices/parse', { text, name: '004.txt' });
    expect(res.status).toBe(200);
    const n = res.body.notice;
    expect(n.tasks.map((t) => t.title)).toEqual(karamayTitles);
    expect(n.issuers).toEqual(['克拉瑪依市退役軍人事務局', '克拉瑪依軍分區政治工作部']);
    expect(n.docNumber).toBeNull();
    expect(n.date).toBeNull();
    expect(n.inner).toBeNull();
    expect(n.requirements).toHaveLength(1);
    const garbled = n.warnings.filter((x) => x.code === 'garbled_text');
    expect(garbled.map((g) => text.slice(g.at, g.at + 5))).toEqual(['??死斠朗', '?wèi)']);
    expect(n.warnings.map((x) => x.code)).toEqual(
      expect.arrayContaining(['doc_number_missing', 'title_missing', 'date_missing', 'recipients_inferred']),
    );
    expect(res.body.sourceName).toBe('004.txt');
    expect(res.body.draft.script).toBe('traditional');
    // 三是: 各駐市部隊要 → the military units
    expect(res.body.draft.tasks[2]!.suggestedUnitIds.sort()).toEqual([w.units.m1, w.units.m2].sort());
  });

  it('reads an uploaded .txt (UTF-8 with BOM, CRLF) and a .docx with Word numbering', async () => {
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seedText('000_').replace(/\n/g, '\r\n'))]);
    const txt = await w.clients.office.upload<ParseResponse>(
      '/api/notices/parse-file?name=%E9%80%9A%E7%9F%A5.txt',
      crlf,
    );
    expect(txt.status).toBe(200);
    expect(txt.body.notice.tasks.map((t) => t.title)).toEqual(putuoTitles);
    expect(txt.body.sourceName).toBe('通知.txt');

    // the Karamay seed as a Word file whose 一是…四是 are typed and a list numbered by Word itself
    const lines = seedText('004_').split('\n');
    const word = await docx(lines);
    const fromWord = await w.clients.office.upload<ParseResponse>('/api/notices/parse-file?name=k.docx', word);
    expect(fromWord.status).toBe(200);
    expect(fromWord.body.notice.tasks.map((t) => t.title)).toEqual(karamayTitles);
    expect(fromWord.body.sourceText.split('\n')).toHaveLength(lines.length);

    const numbered = await docx(
      [
        '关于做好春节走访慰问工作的通知',
        '各街道办事处：',
        '走访慰问优抚对象。各街道要逐户走访。',
        '做好光荣牌悬挂。各街道要核对名单。',
        '测试区双拥办',
        '2026年1月5日',
      ],
      [2, 3],
    );
    const auto = await w.clients.office.upload<ParseResponse>('/api/notices/parse-file?name=auto.docx', numbered);
    expect(auto.status).toBe(200);
    expect(auto.body.sourceText).toContain('一、走访慰问优抚对象');
    expect(auto.body.sourceText).toContain('二、做好光荣牌悬挂');
    expect(auto.body.notice.tasks.map((t) => t.title)).toEqual(['走访慰问优抚对象', '做好光荣牌悬挂']);
    expect(auto.body.draft.tasks[0]!.suggestedUnitIds.sort()).toEqual([w.units.streetA, w.units.streetB].sort());
  });

  it('refuses what it cannot read with a message that says what to do', async () => {
    const doc = await w.clients.office.upload<{ error: { code: string; message: string } }>(
      '/api/notices/parse-file?name=old.doc',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    expect(doc.status).toBe(415);
    expect(doc.body.error.message).toContain('.docx');
    const pdf = await w.clients.office.upload<{ error: { message: string } }>(
      '/api/notices/parse-file?name=a.pdf',
      Buffer.from('%PDF-1.7\n'),
    );
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.message).toContain('复制');
    const broken = await w.clients.office.upload<{ error: { code: string } }>(
      '/api/notices/parse-file?name=a.docx',
      Buffer.from('not a zip'),
    );
    expect(broken.status).toBe(400);
    const json = await w.clients.office.post<{ error: { code: string } }>('/api/notices/parse-file?name=a.txt', {
      text: 'x',
    });
    expect(json.status).toBe(415);
    const big = await w.clients.office.upload(
      '/api/notices/parse-file?name=a.txt',
      Buffer.alloc(11 * 1024 * 1024, 0x41),
    );
    expect(big.status).toBe(413);
    const empty = await w.clients.office.upload('/api/notices/parse-file?name=a.txt', Buffer.alloc(0));
    expect([400, 415]).toContain(empty.status);
  });

  it('saves the edited draft with its source and warnings, and finds it in either script', async () => {
    const putuo = await importSeed(w.clients.office, '000_');
    expect(putuo.status).toBe('draft');
    expect(putuo.tasks.map((t) => t.title)).toEqual(putuoTitles);
    expect(putuo.inner?.issuers).toEqual(['上海市普陀区拥军优属拥政爱民工作领导小组办公室']);
    expect(putuo.source?.warnings.map((x) => x.code)).toEqual(['duplicated_text']);
    expect(putuo.canManage).toBe(true);
    const karamay = await importSeed(w.clients.office, '004_', '2025年春節期間擁軍優屬擁政愛民工作通知');
    expect(karamay.tasks.map((t) => t.title)).toEqual(karamayTitles);
    const find = async (q: string) =>
      (
        await w.clients.office.get<{ items: { id: number }[] }>(`/api/notices?q=${encodeURIComponent(q)}`)
      ).body.items.map((i) => i.id);
    expect(await find('大力营造双拥浓厚氛围')).toEqual(expect.arrayContaining([putuo.id, karamay.id]));
    expect(await find('聚力服務部隊')).toEqual([karamay.id]);
    expect(await find('普府办〔2021〕4号')).toEqual([putuo.id]);
    expect(await find('%')).toEqual([]);
    expect(await find('_')).toEqual([]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'notice')
      .where('entity_id', '=', String(putuo.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('validates the draft: a title and an issuer are needed, dates are real dates', async () => {
    const bad = await w.clients.office.post<{ error: { code: string; details: { path?: string }[] } }>('/api/notices', {
      title: '',
      issuers: [],
      date: '2021-02-30',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.issuers', 'body.date']));
    const extra = await w.clients.office.post('/api/notices', { title: 't', issuers: ['x'], surprise: 1 });
    expect(extra.status).toBe(400);
  });
});

describe('assign, publish, acknowledge, report', () => {
  let notice: NoticeDetail;
  const past = daysFromToday(-3);
  const future = daysFromToday(10);

  beforeAll(async () => {
    notice = await importSeed(w.clients.office, '000_');
    const [t1, t2, t3, t4] = notice.tasks;
    await assign(w.clients.office, notice.id, t1!.id, [
      { unitId: w.units.deptA, deadline: future },
      { unitId: w.units.m1, deadline: future },
      { unitId: w.units.streetA, deadline: future },
    ]);
    await assign(w.clients.office, notice.id, t2!.id, [
      { unitId: w.units.deptA, deadline: past },
      { unitId: w.units.deptB, deadline: past },
    ]);
    await assign(w.clients.office, notice.id, t3!.id, [{ unitId: w.units.streetB, deadline: past }]);
    notice = await assign(w.clients.office, notice.id, t4!.id, [{ unitId: w.units.m2, deadline: future }]);
    for (const c of [w.clients.department, w.clients.troop, w.clients.street, w.clients.community, w.clients.office])
      await markAllRead(c);
    for (const c of Object.values(w.outsiders)) await markAllRead(c);
  });

  it('units see nothing before the notice is published', async () => {
    expect((await w.clients.department.get(`/api/notices/${notice.id}`)).status).toBe(404);
    expect((await w.clients.department.get<{ items: unknown[] }>('/api/notices/tasks')).body.items).toHaveLength(0);
  });

  it('publishing notifies each assigned unit’s people once, and nobody else', async () => {
    const published = await publish(w.clients.office, notice.id);
    expect(published.status).toBe('published');
    expect(await unreadTitles(w.clients.department)).toEqual([`【新任务】《${notice.title}》`]);
    expect(await unreadTitles(w.clients.troop)).toHaveLength(1);
    expect(await unreadTitles(w.clients.street)).toHaveLength(1); // street staff of 甲街道 act for its office
    expect(await unreadTitles(w.outsiders.department)).toHaveLength(1); // deptB has task 2
    expect(await unreadTitles(w.outsiders.street)).toHaveLength(1); // 乙街道 has task 3
    expect(await unreadTitles(w.outsiders.troop)).toHaveLength(1); // m2 has task 4
    expect(await unreadTitles(w.clients.community)).toHaveLength(0); // reads, does not act
    expect(await unreadTitles(w.clients.leader)).toHaveLength(0);
    expect(await unreadTitles(w.outsiders.office)).toHaveLength(0);
    const body = (await w.clients.department.get<{ items: { body: string }[] }>('/api/notifications?unreadOnly=true'))
      .body.items[0]!.body;
    expect(body).toContain('第1项「大力营造双拥浓厚氛围」');
    expect(body).toContain('第2项「主动帮助部队排忧解难」');
    expect((await w.clients.office.post(`/api/notices/${notice.id}/publish`)).status).toBe(409);
  });

  it('a department liaison sees its own tasks only, acknowledges and reports with an attachment', async () => {
    const detail = await w.clients.department.get<NoticeDetail>(`/api/notices/${notice.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.tasks.map((t) => t.no)).toEqual([1, 2]);
    expect(detail.body.tasks.flatMap((t) => t.assignments.map((a) => a.unitId))).toEqual([
      w.units.deptA,
      w.units.deptA,
    ]);
    expect(detail.body.body).toBeNull();
    expect(detail.body.source).toBeNull();
    expect(detail.body.canManage).toBe(false);

    const mine = await w.clients.department.get<{ items: MyTaskItem[]; today: string }>('/api/notices/tasks');
    expect(mine.body.items.map((i) => [i.taskNo, i.state])).toEqual([
      [2, 'overdue'],
      [1, 'pending'],
    ]);
    const a1 = mine.body.items.find((i) => i.taskNo === 1)!;
    expect(a1.canAct).toBe(true);
    const ack = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('acknowledged');
    expect(ack.body.acknowledgedByName).toMatch(/^测试department/);
    // acknowledging twice changes nothing
    const again = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/acknowledge`);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);

    const file = await w.clients.department.upload<NoticeFileItem>(
      `/api/notices/assignments/${a1.id}/files?name=${encodeURIComponent('宣传活动照片.jpg')}`,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    );
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ name: '宣传活动照片.jpg', size: 7, contentType: 'image/jpeg' });
    const rep = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a1.id}/reports`, {
      text: '已在全区中小学开展双拥宣传教育活动 12 场。',
      fileIds: [file.body.id],
    });
    expect(rep.status).toBe(200);
    expect(rep.body.state).toBe('reported');
    expect(rep.body.reports).toHaveLength(1);
    expect(rep.body.reports[0]!.files.map((f) => f.name)).toEqual(['宣传活动照片.jpg']);
    // the file cannot be reused for a second report
    const reuse = await w.clients.department.post(`/api/notices/assignments/${a1.id}/reports`, {
      text: '补充',
      fileIds: [file.body.id],
    });
    expect(reuse.status).toBe(400);
    // the office that sent it hears about the report
    expect(await unreadTitles(w.clients.office)).toEqual(['【落实情况】测试区教育局已上报']);
    // the file can be downloaded by the unit and by the office, not by another unit
    const dl = await w.clients.office.get(`/api/notices/files/${file.body.id}`);
    expect(dl.status).toBe(200);
    expect([...dl.raw.rawPayload]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('宣传活动照片.jpg'));
    // the bytes are kept once, in the one store of files
    const stored = await ctx.db
      .selectFrom('notice_files')
      .innerJoin('files', 'files.sha256', 'notice_files.sha256')
      .select(['files.size', 'files.expires_at'])
      .where('notice_files.id', '=', file.body.id)
      .execute();
    expect(stored).toEqual([{ size: 7, expires_at: null }]);
    expect((await w.outsiders.department.get(`/api/notices/files/${file.body.id}`)).status).toBe(404);
  });

  it('a late report is marked late; an empty report is refused', async () => {
    const mine = await w.clients.department.get<{ items: MyTaskItem[] }>('/api/notices/tasks');
    const a2 = mine.body.items.find((i) => i.taskNo === 2)!;
    const empty = await w.clients.department.post(`/api/notices/assignments/${a2.id}/reports`, { text: '  ' });
    expect(empty.status).toBe(400);
    const rep = await w.clients.department.post<AssignmentItem>(`/api/notices/assignments/${a2.id}/reports`, {
      text: '已走访驻区部队，了解子女入学需求 3 件，已协调解决 2 件。',
    });
    expect(rep.body.state).toBe('reportedLate');
    expect(rep.body.acknowledgedAt).not.toBeNull();
  });

  it('street staff act for their street office; community staff read it without acting', async () => {
    const street = await w.clients.street.get<{ items: MyTaskItem[] }>('/api/notices/tasks');
    expect(street.body.items.map((i) => [i.taskNo, i.unitId, i.canAct])).toEqual([[1, w.units.streetA, true]]);
    const community = await w.clients.community.get<{ items: MyTaskItem[] }>('/api/notices/tasks');
    expect(community.body.items.map((i) => [i.taskNo, i.canAct])).toEqual([[1, false]]);
    const id = street.body.items[0]!.id;
    const refused = await w.clients.community.post<{ error: { message: string } }>(
      `/api/notices/assignments/${id}/acknowledge`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('街道工作人员');
    expect((await w.clients.street.post(`/api/notices/assignments/${id}/acknowledge`)).status).toBe(200);
  });

  it('the matrix counts who has done what', async () => {
    const res = await w.clients.office.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    const row = (unitId: number) => m.units.find((u) => u.unitId === unitId)!;
    expect(m.units.map((u) => u.unitId)).toEqual([
      w.units.deptA,
      w.units.deptB,
      w.units.streetA,
      w.units.streetB,
      w.units.m1,
      w.units.m2,
    ]);
    expect(row(w.units.deptA).cells.map((c) => c.state)).toEqual(['reported', 'reportedLate', null, null]);
    expect(row(w.units.deptB).cells.map((c) => c.state)).toEqual([null, 'overdue', null, null]);
    expect(row(w.units.streetA).cells.map((c) => c.state)).toEqual(['acknowledged', null, null, null]);
    expect(row(w.units.streetB).cells.map((c) => c.state)).toEqual([null, null, 'overdue', null]);
    expect(row(w.units.m1).cells.map((c) => c.state)).toEqual(['pending', null, null, null]);
    expect(row(w.units.deptA).counts).toEqual({ total: 2, acknowledged: 2, reported: 2, overdue: 0, reportedLate: 1 });
    expect(m.tasks.map((t) => [t.counts.total, t.counts.reported, t.counts.overdue])).toEqual([
      [3, 1, 0],
      [2, 1, 1],
      [1, 0, 1],
      [1, 0, 0],
    ]);
    expect(m.totals).toEqual({ total: 7, acknowledged: 3, reported: 2, overdue: 2, reportedLate: 1 });
    // military units appear as the viewer may see them: office is cleared, the department is not
    expect(row(w.units.m1).unitDesignation).toBe('91001部队');
    const list = await w.clients.office.get<{ items: { id: number; counts: { total: number; overdue: number } }[] }>(
      '/api/notices?status=published',
    );
    expect(list.body.items.find((i) => i.id === notice.id)?.counts).toMatchObject({ total: 7, overdue: 2 });
  });

  it('a liaison’s matrix has its own row only; alias, never the designation, for uncleared roles', async () => {
    const dept = await w.clients.department.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(dept.body.units.map((u) => u.unitId)).toEqual([w.units.deptA]);
    expect(dept.body.tasks.map((t) => t.no)).toEqual([1, 2]);
    const troop = await w.clients.troop.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(troop.body.units.map((u) => [u.unitName, u.unitDesignation])).toEqual([['驻区某部（一）', '91001部队']]);
    const street = await w.clients.street.get<NoticeDetail>(`/api/notices/${notice.id}`);
    expect(JSON.stringify(street.body)).not.toContain('9100');
  });

  it('reminders reach the people of the late units only, once per person', async () => {
    for (const c of [w.clients.department, w.clients.street, w.clients.office, w.clients.troop]) await markAllRead(c);
    for (const c of Object.values(w.outsiders)) await markAllRead(c);
    const res = await w.clients.office.post<{ assignments: number; units: number; users: number }>(
      `/api/notices/${notice.id}/reminders`,
    );
    expect(res.status).toBe(200);
    // late: deptB (task 2) and street B (task 3); deptA reported late, which is no longer late
    expect(res.body).toEqual({ assignments: 2, units: 2, users: 2 });
    expect(await unreadTitles(w.outsiders.department)).toEqual([`【催办】《${notice.title}》有 1 项任务已逾期`]);
    expect(await unreadTitles(w.outsiders.street)).toHaveLength(1);
    for (const c of [
      w.clients.department,
      w.clients.street,
      w.clients.community,
      w.clients.troop,
      w.clients.office,
      w.clients.leader,
      w.outsiders.troop,
      w.outsiders.office,
      w.outsiders.community,
    ]) {
      expect(await unreadTitles(c)).toEqual([]);
    }
    const m = await w.clients.office.get<NoticeMatrix>(`/api/notices/${notice.id}/matrix`);
    expect(m.body.units.find((u) => u.unitId === w.units.deptB)).toBeDefined();
    const detail = await w.clients.office.get<NoticeDetail>(`/api/notices/${notice.id}`);
    const reminded = detail.body.tasks.flatMap((t) => t.assignments).filter((a) => a.lastRemindedAt !== null);
    expect(reminded.map((a) => a.unitId).sort()).toEqual([w.units.deptB, w.units.streetB].sort());
  });

  it('exports the matrix to xlsx with a watermark, neutralised formulas and an audit record', async () => {
    // a unit's report that looks like a formula
    const mine = await w.clients.troop.get<{ items: MyTaskItem[] }>('/api/notices/tasks');
    await w.clients.troop.post(`/api/notices/assignments/${mine.body.items[0]!.id}/reports`, {
      text: '=HYPERLINK("http://evil.example","点我")',
    });
    const res = await w.clients.office.get(`/api/notices/${notice.id}/matrix.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('落实矩阵')!;
    const text = (row: number, col: number) => String(ws.getRow(row).getCell(col).value ?? '');
    expect(text(1, 1)).toBe(`《${notice.title}》任务落实情况`);
    expect(text(3, 1)).toMatch(/^导出人：测试office\d+（office\d+）　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);
    expect(text(4, 3)).toBe('第1项 大力营造双拥浓厚氛围');
    const rows = new Map<string, string[]>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.set(
        String(row.getCell(2).value ?? ''),
        [3, 4, 5, 6, 7, 8, 9].map((c) => String(row.getCell(c).value ?? '')),
      );
    }
    expect(
      rows
        .get('测试区教育局')
        ?.slice(0, 4)
        .map((s) => s.split(' ')[0]),
    ).toEqual(['已上报', '逾期上报', '—', '—']);
    expect(rows.get('测试区教育局')?.slice(4)).toEqual(['2/2', '2/2', '0']);
    expect(rows.get('测试区卫健委')?.[1]).toMatch(/^逾期未报/);
    expect(rows.get('驻区某部（一）（91001部队）')?.[0]).toMatch(/^已上报/);
    expect(rows.get('合计')?.slice(4)).toEqual(['4/7', '3/7', '2']);
    const fill = ws.getRow(5).getCell(3).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFD4EDD4');
    const details = wb.getWorksheet('明细')!;
    const reportTexts: string[] = [];
    details.eachRow((row) => reportTexts.push(String(row.getCell(8).value ?? '')));
    expect(String(details.getRow(1).getCell(1).value)).toMatch(/^导出人：/);
    expect(reportTexts).toContain('\'=HYPERLINK("http://evil.example","点我")');
    expect(reportTexts.some((t) => t.startsWith('='))).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_user_id'])
      .where('action', '=', 'export')
      .where('entity_id', '=', String(notice.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(w.userIds.office);
    expect(audit[0]!.summary).toContain('6 个单位 × 4 项任务');
  });

  it('a unit exports its own row only, without other units’ names', async () => {
    const res = await w.clients.department.get(`/api/notices/${notice.id}/matrix.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.getWorksheet('落实矩阵')!.eachRow((row) => names.push(String(row.getCell(2).value ?? '')));
    expect(names).toContain('测试区教育局');
    expect(names.join()).not.toMatch(/卫健委|某部|街道/);
  });

  it('editing keeps started tasks; assignments already acknowledged cannot be withdrawn', async () => {
    const d = (await w.clients.office.get<NoticeDetail>(`/api/notices/${notice.id}`)).body;
    const t1 = d.tasks[0]!;
    const withdraw = await w.clients.office.put<{ error: { code: string } }>(
      `/api/notices/${notice.id}/tasks/${t1.id}/assignments`,
      { assignments: [{ unitId: w.units.m1, deadline: future }] },
    );
    expect(withdraw.status).toBe(409);
    const input = editBody(d);
    const dropStarted = await w.clients.office.put(`/api/notices/${notice.id}`, {
      ...input,
      tasks: d.tasks.slice(1).map((t) => ({ id: t.id, no: t.no, title: t.title, body: t.body })),
    });
    expect(dropStarted.status).toBe(409);
    const ok = await w.clients.office.put<NoticeDetail>(`/api/notices/${notice.id}`, {
      ...input,
      tasks: [
        ...d.tasks.map((t) => ({ id: t.id, no: t.no, title: t.title, body: t.body })),
        { no: 5, title: '做好节日期间安全保密工作', body: '' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5]);
    const stale = await w.clients.office.put(`/api/notices/${notice.id}`, { ...input, tasks: [] });
    expect(stale.status).toBe(409);
    expect((await w.clients.office.delete(`/api/notices/${notice.id}`)).status).toBe(409);
  });
});

describe('API documentation', () => {
  it('describes the notices endpoints (the recursive notice shape included)', async () => {
    const res = await w.clients.office.get<{ paths: Record<string, unknown> }>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/notices', '/api/notices/parse', '/api/notices/{id}/matrix', '/api/notices/tasks']),
    );
  });
});
