import { Typography } from 'antd';
import type { ReactNode } from 'react';

type Props = { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; before?: ReactNode };

/** Title row of a page: heading and a one-line explanation on the left, actions on the right. */
export function PageHeader({ title, subtitle, extra, before }: Props) {
  return (
    <div className="kd-page-header">
      {before}
      <div className="kd-page-header-row">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && <div className="kd-page-header-extra">{extra}</div>}
      </div>
    </div>
  );
}
