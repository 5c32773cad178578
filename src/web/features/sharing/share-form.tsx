import { ApartmentOutlined, ShareAltOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Radio, Row, Segmented, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from '../../ui/apply-server-issues.ts';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { departmentNodes } from '../users/department-tree.ts';
import { useDepartments } from '../users/use-departments.ts';
import { useUsers } from '../users/use-users.ts';
import type { ShareTarget } from './share-target.ts';
import { useShares } from './use-shares.ts';

type Values = { grantee: 'user' | 'department'; granteeUserId?: number; granteeDepartmentId?: number; access: 'read' | 'edit'; expiresOn?: Dayjs | null; note?: string };

/** Adds one share of a customer or a saved filter: to a colleague or a whole department, to read or edit, optionally until a day. */
export function ShareForm({ target }: { target: ShareTarget }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { me } = useSession();
  const { create } = useShares();
  const [form] = Form.useForm<Values>();
  const [grantee, setGrantee] = useState<Values['grantee']>('user');
  const users = (useUsers().query.data ?? []).filter((u) => u.isActive && u.id !== me?.user.id);
  const departments = useDepartments().query.data ?? [];

  const submit = async (v: Values) => {
    try {
      await create.mutateAsync({
        ...(target.kind === 'customer' ? { customerId: target.id } : { savedFilterId: target.id }),
        ...(v.grantee === 'user' ? { granteeUserId: v.granteeUserId } : { granteeDepartmentId: v.granteeDepartmentId }),
        access: v.access,
        expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || null,
      });
      const name = v.grantee === 'user' ? users.find((u) => u.id === v.granteeUserId)?.displayName : departments.find((d) => d.id === v.granteeDepartmentId)?.name;
      feedback.success(`${t('share.created')}${name ? ` · ${name}` : ''}`);
      form.resetFields(['granteeUserId', 'granteeDepartmentId', 'expiresOn', 'note']);
    } catch (err) {
      if (hasFieldIssues(err)) applyServerIssues(form, err);
      else feedback.error(err);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ grantee: 'user', access: 'read' }} onFinish={submit} requiredMark={false} data-testid="share-form">
      <Form.Item name="grantee" label={t('share.granteeType')}>
        <Segmented<Values['grantee']>
          block
          onChange={setGrantee}
          options={[
            { value: 'user', label: t('share.user'), icon: <UserOutlined /> },
            { value: 'department', label: t('share.department'), icon: <ApartmentOutlined /> },
          ]}
        />
      </Form.Item>
      {grantee === 'user' ? (
        <Form.Item name="granteeUserId" rules={[{ required: true, message: t('share.userPlaceholder') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('share.userPlaceholder')}
            options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
            aria-label={t('share.user')}
          />
        </Form.Item>
      ) : (
        <Form.Item name="granteeDepartmentId" rules={[{ required: true, message: t('share.departmentPlaceholder') }]}>
          <TreeSelect treeData={departmentNodes(departments)} treeDefaultExpandAll placeholder={t('share.departmentPlaceholder')} aria-label={t('share.department')} />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="access" label={t('share.access')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'read', label: t('share.access.read') }, { value: 'edit', label: t('share.access.edit') }]} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="expiresOn" label={t('share.expires')}>
            <DatePicker style={{ width: '100%' }} placeholder={t('share.expiresPlaceholder')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('share.note')}>
        <Input maxLength={200} placeholder={t('share.notePlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<ShareAltOutlined />} loading={create.isPending} block>
        {t('share.submit')}
      </Button>
    </Form>
  );
}
