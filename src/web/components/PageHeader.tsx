import type { ReactNode } from 'react';

/** Title row of a page: heading, an optional line below it, and actions on the right (wrapping on phones). */
export function PageHeader({ title, subTitle, extra }: { title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="sy-page-header">
      <div>
        <h1>{title}</h1>
        {subTitle && <div className="sy-page-header-sub">{subTitle}</div>}
      </div>
      {extra && <div>{extra}</div>}
    </div>
  );
}
