import { NotFoundResult } from '../../components/NotFoundResult.tsx';

export function NotFoundPage() {
  return (
    <NotFoundResult
      title="页面不存在"
      subTitle="您访问的地址不存在，可能链接有误或页面已调整。请从左侧菜单进入所需功能。"
      back="/"
      backText="返回首页"
    />
  );
}
