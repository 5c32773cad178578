import { Empty, Pagination, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { ChangeCause } from '../../../domain/classification/assignment.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useCustomerClassChanges } from './use-classification.ts';

const pageSize = 20;
const colorOf = (cause: ChangeCause) => (cause === 'manual' ? 'purple' : cause === 'uncovered' ? 'red' : cause === 'publish' ? 'blue' : 'green');

/** 分类历史: every class change of the customer, newest first, each explaining itself (values before → after, scheme version). */
export function ClassHistoryTab({ customerId }: { customerId: number }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useCustomerClassChanges(customerId, page, pageSize);
  const entries = data?.items ?? [];
  return (
    <Spin spinning={isFetching}>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.historyEmpty')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: colorOf(e.cause),
            content: (
              <div data-testid="class-change" style={{ paddingBottom: 6 }}>
                <div>
                  <Tag>{lang === 'en' ? (e.schemeNameEn ?? e.schemeNameZh) : e.schemeNameZh}</Tag>
                  <Typography.Text strong>{lang === 'en' ? e.summaryEn : e.summaryZh}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {t(`class.cause.${e.cause}`)}
                  {e.runId !== null && ` · ${t('class.runN', { id: e.runId })}`}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
      {(data?.total ?? 0) > pageSize && <Pagination style={{ marginTop: 8, textAlign: 'right' }} current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={setPage} showSizeChanger={false} />}
    </Spin>
  );
}
