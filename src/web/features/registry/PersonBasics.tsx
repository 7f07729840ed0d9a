import { Card, Descriptions, Tag } from 'antd';
import type { PersonDetail } from '../../../shared/api/registry.api.ts';
import { formatDateTime } from '../../components/format.ts';
import { useIsMobile } from '../../components/responsive.ts';
import { IdNumberField } from './PersonDialogs.tsx';
import { ageText, dash, sexText } from './registry-ui.tsx';

/** A phone number to call, or as shown when masked. */
function Phone({ number, masked }: { number: string | null; masked: boolean }) {
  if (!number) return '—';
  if (masked) return <span className="sy-code">{number}</span>;
  return (
    <a href={`tel:${number}`} className="sy-code">
      {number}
    </a>
  );
}

/** 基本信息 on the person page: identity, phones, where the person lives and is registered, notes, versions. */
export function PersonBasics({ person: p }: { person: PersonDetail }) {
  const isMobile = useIsMobile();
  return (
    <Card title="基本信息">
      <Descriptions column={isMobile ? 1 : 2} size="small">
        <Descriptions.Item label="性别">{sexText(p.sex)}</Descriptions.Item>
        <Descriptions.Item label="出生日期">
          {p.birthDate}（{ageText(p.birthDate)}）
        </Descriptions.Item>
        <Descriptions.Item label="身份证号" span={isMobile ? 1 : 2}>
          <IdNumberField person={p} />
        </Descriptions.Item>
        <Descriptions.Item label="联系电话">
          <Phone number={p.phone} masked={p.phonesMasked} />
        </Descriptions.Item>
        <Descriptions.Item label="备用电话">
          <Phone number={p.phone2} masked={p.phonesMasked} />
        </Descriptions.Item>
        <Descriptions.Item label="居住地">{dash(p.residenceRegionName)}</Descriptions.Item>
        <Descriptions.Item label="居住地址">{dash(p.address)}</Descriptions.Item>
        <Descriptions.Item label="户籍地">
          {dash(p.hukouRegionName)}
          {p.hukouStreetName && p.hukouStreetName !== p.residenceStreetName && (
            <Tag style={{ marginInlineStart: 8 }}>户籍与居住不在同一街道</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="户籍地址">{dash(p.hukouAddress)}</Descriptions.Item>
        <Descriptions.Item label="备注" span={isMobile ? 1 : 2}>
          {dash(p.notes)}
        </Descriptions.Item>
        <Descriptions.Item label="登记时间">{formatDateTime(p.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最近修改">
          {formatDateTime(p.updatedAt)}（第 {p.version} 版）
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
