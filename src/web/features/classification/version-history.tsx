import { Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { codingRule } from '../../../domain/classification/codes.ts';
import type { VersionStatus } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useVersions } from './use-classification.ts';

const colors: Record<VersionStatus, string> = { draft: 'gold', published: 'green', superseded: 'default' };

/** 版本历史: every version of a scheme, newest first, with who published it and when. */
export function VersionHistoryDrawer({ schemeKey, open, onClose }: { schemeKey: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { data, isFetching } = useVersions(schemeKey, open);
  return (
    <Drawer title={t('class.versions')} open={open} onClose={onClose} size={480} destroyOnHidden>
      <Spin spinning={isFetching}>
        {!data || data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={data.map((v) => ({
              key: v.version,
              color: v.status === 'published' ? 'green' : v.status === 'draft' ? 'orange' : 'gray',
              content: (
                <div data-testid="version-entry">
                  <Typography.Text strong>v{v.version}</Typography.Text> <Tag color={colors[v.status]}>{t(`class.status.${v.status}`)}</Tag>
                  <div className="kd-muted" style={{ fontSize: 12, marginTop: 4 }}>
                    {t('class.versionCreated', { at: formatDateTime(v.createdAt) })}
                    {v.publishedAt && ` · ${t('class.versionPublished', { at: formatDateTime(v.publishedAt) })}`}
                  </div>
                  <div style={{ fontSize: 12, marginTop: 2 }}>
                    {t('class.versionShape', { categories: v.definition.categories.length, rule: codingRule(v.definition.levels) })}
                  </div>
                  {v.note && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{v.note}</Typography.Paragraph>}
                </div>
              ),
            }))}
          />
        )}
      </Spin>
    </Drawer>
  );
}
