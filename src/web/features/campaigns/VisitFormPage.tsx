import { ArrowLeftOutlined, CameraOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Space,
  Switch,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { MyVisitItem, RecordVisitRequest, VisitMode } from '../../../shared/api/campaign-visits.api.ts';
import { visitModeLabels } from '../../../shared/api/campaign-visits.api.ts';
import { goodsText } from '../../../shared/domain/campaign/standard-texts.ts';
import { parseIdNumber } from '../../../shared/domain/id-number.ts';
import { errorText, isApiError } from '../../api/client.ts';
import { idNumberRule } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonName } from '../../components/PersonName.tsx';
import { useFeedback } from '../../components/use-feedback.ts';
import { toCents, yuanText } from './campaign-format.tsx';
import { campaignApi, campaignKeys, useMyVisits } from './campaigns.queries.ts';
import { OfflineBanner } from './OfflineBanner.tsx';
import { enqueueVisit, useOnline } from './offline-queue.ts';
import { photoDataUrl, SignaturePad } from './SignaturePad.tsx';
import { useDictionary } from './StandardForm.tsx';
import {
  VisitLinksView,
  type VisitLinkValues,
  VisitNeedsSection,
  VisitProgrammesField,
  visitLinkBody,
} from './VisitLinkSections.tsx';
import { cachedVisits, markVisited } from './VisitsPage.tsx';
import { VisitTasks } from './VisitTasks.tsx';

const fallbackSituations = ['独居', '孤老', '空巢', '失能', '半失能', '低保', '低保边缘', '特困', '重病', '高龄'];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The proxy's ID number as the server keeps it (18 digits, upper-case X), or null when left blank. */
function proxyIdNumber(text: string | undefined): string | null {
  if (!text?.trim()) return null;
  const parsed = parseIdNumber(text, new Date());
  return parsed.ok ? parsed.value.id : text.trim();
}

interface Values extends VisitLinkValues {
  visitedOn: string;
  mode: VisitMode;
  cashYuan: number;
  goods: string[];
  proxy: boolean;
  proxyName?: string;
  proxyRelation?: string;
  proxyIdNumber?: string;
  assess: boolean;
  livingSituations?: string[];
  livingNotes?: string;
  needs?: string;
  tasks?: number[];
}

/** The visit form on a phone: what was handed over, to whom, proven by a drawn signature or a photo. */
export function VisitFormPage() {
  const params = useParams();
  const campaignId = Number(params.campaignId);
  const entryId = Number(params.entryId);
  const location = useLocation();
  const fallback = useMyVisits({ scope: 'region', status: 'all', campaignId });
  const item =
    (location.state as MyVisitItem | null) ??
    fallback.data?.items.find((i) => i.entryId === entryId) ??
    [...cachedVisits('region.pending'), ...cachedVisits('mine.pending')].find((i) => i.entryId === entryId);
  if (!item)
    return fallback.isPending ? null : (
      <Result status="404" title="没有找到这户的走访任务" subTitle="请返回清单刷新后重试。" />
    );
  if (item.visitStatus === 'delivered') return <DeliveredView item={item} />;
  return <VisitForm item={item} campaignId={campaignId} />;
}

function VisitForm({ item, campaignId }: { item: MyVisitItem; campaignId: number }) {
  const navigate = useNavigate();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const dict = useDictionary();
  const [form] = Form.useForm<Values>();
  const [signature, setSignature] = useState<string | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState(false);
  // The submit button is at the foot of a long form on a phone: bring the reason into view.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [error]);
  const online = useOnline();
  const proxy = Form.useWatch('proxy', form);
  const assess = Form.useWatch('assess', form);
  const situations = dict.data?.livingSituations ?? fallbackSituations;

  const submit = async (v: Values) => {
    setError(null);
    if (!signature && !photo) {
      setError('请让签收人在签名框内签名，或拍摄签收照片。');
      return;
    }
    const body: RecordVisitRequest = {
      clientKey: crypto.randomUUID(),
      visitedOn: v.visitedOn,
      mode: v.mode,
      cashCents: toCents(v.cashYuan),
      goods: item.goods.filter((g) => v.goods.includes(g.name)),
      receiver: v.proxy
        ? {
            kind: 'proxy',
            name: v.proxyName ?? '',
            relation: v.proxyRelation ?? '',
            idNumber: proxyIdNumber(v.proxyIdNumber),
          }
        : { kind: 'self' },
      signature,
      photo,
      livingSituations: v.assess ? (v.livingSituations ?? []) : null,
      livingNotes: v.assess ? (v.livingNotes ?? null) : null,
      needs: v.needs?.trim() || null,
      ...visitLinkBody(v),
      recordedOffline: false,
      tasks: v.tasks ?? [],
    };
    const queue = async () => {
      await enqueueVisit({
        clientKey: body.clientKey,
        campaignId,
        entryId: item.entryId,
        personName: item.personName,
        body: { ...body, recordedOffline: true },
      });
      markVisited(queryClient, item.entryId);
      feedback.message.info('网络不可用，走访记录已保存在手机上，联网后自动同步。');
      void navigate(-1);
    };
    setSaving(true);
    try {
      if (!navigator.onLine) return await queue();
      await campaignApi.record(campaignId, item.entryId, body);
      feedback.success(`已登记 ${item.personName} 的走访`);
      markVisited(queryClient, item.entryId);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void navigate(-1);
    } catch (e) {
      if (isApiError(e, 'NETWORK_ERROR')) await queue();
      else setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label="返回清单"
              onClick={() => navigate('/campaigns/visits')}
            />
            <PersonName name={item.personName} />
          </Space>
        }
        subTitle={`${item.communityName} · ${item.address ?? '地址未登记'}`}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        {item.standardName}：慰问金 {yuanText(item.cashCents)}
        {item.goods.length > 0 && `；慰问品 ${goodsText(item.goods)}`}
      </Card>
      <OfflineBanner online={online} pending={0} where="form" />
      <div ref={errorRef}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-error" />}
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError={{ block: 'center' }}
        onFinish={(v) => void submit(v)}
        initialValues={{
          visitedOn: today(),
          mode: 'home',
          cashYuan: item.cashCents / 100,
          goods: item.goods.map((g) => g.name),
          proxy: false,
          assess: false,
        }}
      >
        <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="mode" label="方式">
          <Radio.Group
            optionType="button"
            options={Object.entries(visitModeLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="cashYuan" label="实发慰问金（元）">
          <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" data-testid="visit-cash" />
        </Form.Item>
        {item.goods.length > 0 && (
          <Form.Item name="goods" label="实发慰问品">
            <Checkbox.Group
              options={item.goods.map((g) => ({ value: g.name, label: `${g.name}${g.quantity}${g.unit}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="proxy" label="代领" valuePropName="checked">
          <Switch checkedChildren="代领" unCheckedChildren="本人签收" />
        </Form.Item>
        {proxy && (
          <>
            <Form.Item name="proxyName" label="代领人姓名" rules={[{ required: true, message: '请填写代领人姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="proxyRelation"
              label="与本人关系"
              rules={[{ required: true, message: '请填写关系，如 儿子' }]}
            >
              <Input placeholder="如：儿子、配偶、社区工作人员" />
            </Form.Item>
            <Form.Item
              name="proxyIdNumber"
              label="代领人身份证号（选填）"
              rules={[{ validator: idNumberRule() }]}
              extra="18 位（末位可为 X）或 15 位；小写 x、全角数字均可。"
            >
              <Input
                inputMode="text"
                maxLength={22}
                autoComplete="off"
                className="sy-code"
                data-testid="visit-proxy-id"
              />
            </Form.Item>
          </>
        )}
        <Form.Item label="签收人签名" required>
          <SignaturePad onChange={setSignature} />
        </Form.Item>
        <Form.Item label="或拍摄签收照片">
          <Space>
            <Button icon={<CameraOutlined />} onClick={() => document.getElementById('visit-photo')?.click()}>
              {photo ? '重新拍摄' : '拍照'}
            </Button>
            {photo && <img src={photo} alt="签收照片" style={{ height: 48 }} />}
          </Space>
          <input
            id="visit-photo"
            type="file"
            accept="image/*"
            capture="environment"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) photoDataUrl(file).then(setPhoto, (err: Error) => setError(err.message));
            }}
          />
        </Form.Item>
        <Form.Item name="assess" label="更新生活状况" valuePropName="checked">
          <Switch />
        </Form.Item>
        {assess && (
          <>
            <Form.Item name="livingSituations" label="生活状况（可多选；都不是则不选）">
              <Checkbox.Group options={situations.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="livingNotes" label="情况说明">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        <Form.Item name="needs" label="提出的诉求（填写后转街道跟进）">
          <Input.TextArea rows={2} placeholder="如：希望协助申请居家养老服务" />
        </Form.Item>
        <VisitNeedsSection form={form} />
        <VisitProgrammesField form={form} campaignId={campaignId} />
        <Form.Item name="tasks" label="本户其他任务（完成的请勾选）">
          <VisitTasks campaignId={campaignId} entryId={item.entryId} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="visit-submit">
          确认登记
        </Button>
      </Form>
    </>
  );
}

function DeliveredView({ item }: { item: MyVisitItem }) {
  const navigate = useNavigate();
  const visit = useQuery({
    queryKey: campaignKeys.part(item.campaignId, 'visit', { entryId: item.entryId }),
    queryFn: () => campaignApi.entryVisit(item.campaignId, item.entryId),
  });
  const v = visit.data;
  return (
    <>
      <PageHeader
        title={
          <>
            <PersonName name={item.personName} />
            （已走访）
          </>
        }
        extra={<Button onClick={() => navigate('/campaigns/visits')}>返回清单</Button>}
      />
      {v && (
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="走访日期">{v.visitedOn}</Descriptions.Item>
            <Descriptions.Item label="方式">{visitModeLabels[v.mode]}</Descriptions.Item>
            <Descriptions.Item label="慰问金">{yuanText(v.cashCents)}</Descriptions.Item>
            <Descriptions.Item label="签收人">
              {v.receiverKind === 'proxy' ? `${v.receiverName}（代领，${v.proxyRelation ?? ''}）` : v.receiverName}
            </Descriptions.Item>
            <Descriptions.Item label="登记人">{v.recordedByName}</Descriptions.Item>
          </Descriptions>
          {v.hasSignature && (
            <img
              alt="签名"
              src={`/api/campaigns/${item.campaignId}/visits/${v.id}/signature`}
              style={{ maxWidth: '100%', border: '1px solid #eee' }}
            />
          )}
        </Card>
      )}
      {v && <VisitLinksView visit={v} />}
    </>
  );
}
