import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, List, Select, Typography } from 'antd';
import { useState } from 'react';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useDepartments } from './use-departments.ts';

type Values = { name: string; parentId?: number | null };

/** Departments with their member counts; new ones may sit under a parent. */
export function DepartmentsCard({ memberCount }: { memberCount: (departmentId: number) => number }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, create } = useDepartments();
  const [open, setOpen] = useState(false);
  const departments = query.data ?? [];
  const nameOf = (id: number | null) => departments.find((d) => d.id === id)?.name;

  const submit = async (v: Values) => {
    const d = await create.mutateAsync({ name: v.name.trim(), parentId: v.parentId ?? null });
    feedback.success(t('users.departmentCreated', { name: d.name }));
    setOpen(false);
  };

  return (
    <Card
      variant="borderless"
      title={t('users.departmentsCard')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('users.newDepartment')}
        </Button>
      }
    >
      {departments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noDepartments')} />
      ) : (
        <List
          size="small"
          dataSource={departments}
          renderItem={(d) => (
            <List.Item extra={<Typography.Text type="secondary">{t('users.memberCount', { count: memberCount(d.id) })}</Typography.Text>}>
              <List.Item.Meta
                avatar={<ApartmentOutlined style={{ color: '#1d4ed8', marginTop: 4 }} />}
                title={d.name}
                description={d.parentId ? `${fieldLabel('parentId', lang)}: ${nameOf(d.parentId) ?? d.parentId}` : undefined}
              />
            </List.Item>
          )}
        />
      )}
      <FormModal<Values> title={t('users.newDepartment')} open={open} onCancel={() => setOpen(false)} onSubmit={submit} width={440}>
        <Form.Item name="name" label={t('users.departmentName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="parentId" label={t('users.parentDepartment')}>
          <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
