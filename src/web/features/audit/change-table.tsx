import { ArrowRightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { ChangeRow } from './audit-value-text.ts';

/** Field-level before → after; when every before (or after) is empty only the other side shows. */
export function ChangeTable({ rows }: { rows: ChangeRow[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <Typography.Text type="secondary">{t('history.noChanges')}</Typography.Text>;
  const created = rows.every((r) => r.beforeEmpty);
  const removed = !created && rows.every((r) => r.afterEmpty);
  return (
    <table className="kd-change-table" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-field={r.key}>
            <td style={{ color: '#64748b', padding: '3px 16px 3px 0', whiteSpace: 'nowrap', verticalAlign: 'top', width: 1 }}>{r.label}</td>
            <td style={{ padding: '3px 0', verticalAlign: 'top' }}>
              {created ? (
                <span>{r.after}</span>
              ) : removed ? (
                <span className="kd-change-before">{r.before}</span>
              ) : (
                <>
                  <span className="kd-change-before">{r.before}</span>
                  <ArrowRightOutlined style={{ margin: '0 8px', color: '#94a3b8', fontSize: 11 }} />
                  <span className="kd-change-after">{r.after}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
