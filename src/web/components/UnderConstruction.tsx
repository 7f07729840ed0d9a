import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { Link } from 'react-router';

export interface UnderConstructionProps {
  title: string;
  summary: string;
  features: readonly string[];
}

/** The honest page of a capability that is not built yet: what it will do, and that it cannot be used today. */
export function UnderConstruction({ title, summary, features }: UnderConstructionProps) {
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: '#b71c1c' }} />}
        title={`${title}（建设中）`}
        subTitle="本功能模块正在建设中，暂不能使用；上线后将在此处直接提供。"
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      >
        <div style={{ maxWidth: 640, margin: '0 auto' }}>
          <Typography.Paragraph strong>{summary}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            计划提供：
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingLeft: 20, lineHeight: 1.9 }}>
            {features.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      </Result>
    </Card>
  );
}
