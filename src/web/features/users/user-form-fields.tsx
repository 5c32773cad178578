import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { passwordSchema } from '../../../domain/users/user.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { zodRule } from '../../ui/zod-rule.ts';
import { builtinRoleKeys, roleLabel } from './role-label.ts';
import { useDepartments } from './use-departments.ts';

export type UserValues = { username?: string; displayName: string; password?: string; role: string; departmentId?: number | null; email?: string; isActive?: boolean };

/** Create (with user name and password) or edit (with the active switch) a user. */
export function UserFormFields({ mode, knownRoles }: { mode: 'create' | 'edit'; knownRoles: string[] }) {
  const { t, lang } = useI18n();
  const departments = useDepartments().query.data ?? [];
  const L = (f: string) => fieldLabel(f, lang);
  return (
    <Row gutter={16}>
      {mode === 'create' && (
        <Col span={12}>
          <Form.Item name="username" label={L('username')} rules={[{ required: true }, { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,31}$/ }]}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item name="displayName" label={L('displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      {mode === 'create' && (
        <Col span={12}>
          <Form.Item name="password" label={L('password')} extra={t('users.passwordHelp')} rules={[{ required: true }, zodRule(passwordSchema, lang)]} validateTrigger={['onChange', 'onBlur']}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item name="role" label={L('role')} rules={[{ required: true }]}>
          <Select options={[...new Set<string>([...builtinRoleKeys, ...knownRoles])].map((r) => ({ value: r, label: roleLabel(r, t) }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="departmentId" label={L('departmentId')}>
          <Select allowClear placeholder={t('common.select')} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="email" label={L('email')}>
          <Input maxLength={254} />
        </Form.Item>
      </Col>
      {mode === 'edit' && (
        <Col span={12}>
          <Form.Item name="isActive" label={L('isActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
