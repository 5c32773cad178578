import { Tag } from 'antd';
import type { LifecycleStage } from '../../../domain/customers/customer.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

const colors: Record<LifecycleStage, string> = { potential: 'processing', active: 'success', churned: 'default' };

export function StageTag({ stage }: { stage: LifecycleStage }) {
  const { t } = useI18n();
  return (
    <Tag color={colors[stage]} variant="filled" style={{ marginInlineEnd: 0 }}>
      {t(`stage.${stage}`)}
    </Tag>
  );
}
