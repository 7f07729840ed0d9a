/** Importing a notice from pasted text, .txt and .docx; saving, validating and finding the draft; the API description. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ParseResponse } from '../../../shared/api/notices.api.ts';
import { importSeed, noticesWorld, seedText } from './notices.fixture.ts';

const w = noticesWorld();

const putuoTitles = ['大力营造双拥浓厚氛围', '主动帮助部队排忧解难', '扎实抓好政策待遇落实', '深入开展军地共建活动'];
const karamayTitles = ['大力營造雙擁濃厚氛圍', '聚力服務部隊備戰打仗', '助力保障改善民生福祉', '傾力關心關愛優撫對象'];

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
    const audit = await w.ctx.db
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

describe('API documentation', () => {
  it('describes the notices endpoints (the recursive notice shape included)', async () => {
    const res = await w.clients.office.get<{ paths: Record<string, unknown> }>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/notices', '/api/notices/parse', '/api/notices/{id}/matrix', '/api/notices/tasks']),
    );
  });
});
