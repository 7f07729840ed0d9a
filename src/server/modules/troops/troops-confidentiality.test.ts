/** The 番号 in request titles, content and attachments, shown to cleared roles only; family requests. */
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/api/troops.api.ts';
import {
  aliases,
  designations,
  type ErrorBody,
  pdfBytes,
  pngBytes,
  requestSteps,
  troopsWorld,
  uploadAs,
} from './troops.fixture.ts';

const w = troopsWorld();
const { client, raise, assign } = requestSteps(w);

describe('confidentiality and attachments', () => {
  it('shows the 番号 to cleared roles only, in titles, content and file names', async () => {
    const r = await raise('troop', `${designations.m1}营区门前路灯损坏`, {
      content: `${designations.m1}（即91001）营区门前路灯已损坏三处。`,
    });
    await assign(r.id, w.units.deptA);
    const asDept = (await client('department').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(asDept.title).toBe(`${aliases.m1}营区门前路灯损坏`);
    expect(asDept.content).toBe(`${aliases.m1}（即${aliases.m1}）营区门前路灯已损坏三处。`);
    expect(JSON.stringify(asDept)).not.toContain('9100');
    const asOffice = (await client('office').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(asOffice.title).toBe(`${designations.m1}营区门前路灯损坏`);
    const list = await client('department').get<{ items: { id: number; title: string }[] }>('/api/troops/requests');
    expect(JSON.stringify(list.body)).not.toContain('9100');

    const plain = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, pdfBytes, {
      name: `${designations.m1}现场照片说明.pdf`,
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    const secret = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, pngBytes, {
      name: '营区平面图.png',
      confidential: '1',
    });
    expect(secret.status).toBe(200);
    const plainId = plain.body.id!;
    const secretId = secret.body.id!;

    const deptView = (await client('department').get<RequestDetail>(`/api/troops/requests/${r.id}`)).body;
    expect(deptView.attachments.map((a) => a.name)).toEqual([`${aliases.m1}现场照片说明.pdf`]);
    const deptFile = await client('department').get(`/api/troops/requests/${r.id}/attachments/${plainId}`);
    expect(deptFile.status).toBe(200);
    expect(deptFile.headers['content-type']).toBe('application/pdf');
    expect(String(deptFile.headers['content-disposition'])).not.toContain(encodeURIComponent('91001'));
    expect((await client('department').get(`/api/troops/requests/${r.id}/attachments/${secretId}`)).status).toBe(404);

    const officeFile = await client('office').get(`/api/troops/requests/${r.id}/attachments/${secretId}`);
    expect(officeFile.status).toBe(200);
    expect(officeFile.raw.rawPayload.equals(pngBytes)).toBe(true);
    expect((await client('troop2').get(`/api/troops/requests/${r.id}/attachments/${plainId}`)).status).toBe(404);

    // What the bytes are decides, not the name: text is refused, and so is an oversized file.
    const text = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, Buffer.from('hello'), {
      name: 'a.pdf',
    });
    expect([text.status, text.body.error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await uploadAs(w, 'troop', `/api/troops/requests/${r.id}/attachments`, big, { name: 'big.pdf' });
    expect(tooBig.status).toBe(413);
    const json = await client('troop').post(`/api/troops/requests/${r.id}/attachments`, { x: 1 });
    expect(json.status).toBe(415);
  });

  it('keeps family requests without a unit, with the family phone masked for read-only roles', async () => {
    const res = await client('office').post<RequestDetail>('/api/troops/requests', {
      subject: 'family',
      kindCode: 'child_schooling',
      title: '军人子女转学',
      content: '现役军人子女随迁转学，需协调就近入学。',
      familyName: '赵某某',
      familyRelation: '配偶',
      familyPhone: '13800138000',
      regionId: w.r.streets[0],
      source: 'visit',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.militaryUnit).toBeNull();
    expect(res.body.familyPhone).toBe('13800138000');
    const leader = await client('leader').get<RequestDetail>(`/api/troops/requests/${res.body.id}`);
    expect(leader.body.familyPhone).toBe('138****8000');
    expect((await client('troop').get(`/api/troops/requests/${res.body.id}`)).status).toBe(404);
    const bad = await client('office').post<ErrorBody>('/api/troops/requests', {
      subject: 'family',
      kindCode: 'child_schooling',
      title: 't',
      content: 'c',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('家庭联系人');
  });
});
