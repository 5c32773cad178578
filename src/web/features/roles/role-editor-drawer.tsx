import { CopyOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Form, Input, Row, Space } from 'antd';
import { useState } from 'react';
import { recordActions, sensitiveFields, type FieldMode, type RecordAction, type RecordScope, type SystemAction } from '../../../domain/access/permissions.ts';
import type { RoleView } from '../../../services/admin/roles.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from '../../ui/apply-server-issues.ts';
import { FormSection } from '../../ui/form-section.tsx';
import { IssueList } from '../../ui/issue-list.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { RoleGrantsFields } from './role-grants-fields.tsx';
import { roleName } from './role-name.ts';
import { useRoles } from './use-roles.ts';

export type RoleEditor = { kind: 'create'; from?: RoleView } | { kind: 'edit'; role: RoleView } | { kind: 'view'; role: RoleView } | null;

type Values = {
  key?: string;
  nameZh: string;
  nameEn?: string;
  records: Record<RecordAction, RecordScope>;
  system: SystemAction[];
  fields: Record<(typeof sensitiveFields)[number] | 'custom', FieldMode>;
};

const fieldRows = [...sensitiveFields, 'custom'] as const;

/** Every row filled in: a missing scope is none, a missing field mode editable (a new role starts masked, the safe side). */
function toValues(role: RoleView | undefined, copy: { suffix: string } | undefined): Partial<Values> {
  const g = role?.grants;
  return {
    key: copy && role ? `${role.key}_copy`.slice(0, 32) : role?.key,
    nameZh: role ? `${role.nameZh}${copy ? copy.suffix : ''}` : '',
    nameEn: role?.nameEn ? `${role.nameEn}${copy ? ' (copy)' : ''}` : '',
    records: Object.fromEntries(recordActions.map((a) => [a, g?.records[a] ?? 'none'])) as Values['records'],
    system: [...(g?.system ?? [])],
    fields: Object.fromEntries(fieldRows.map((f) => [f, g?.fields[f] ?? (role ? 'editable' : 'masked')])) as Values['fields'],
  };
}

/** A role as a matrix: built-in ones read-only (with a copy button), custom ones editable, new ones from scratch or a copy. */
export function RoleEditorDrawer({ editor, onClose, onCopy }: { editor: RoleEditor; onClose: () => void; onCopy: (role: RoleView) => void }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { create, update } = useRoles();
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<string[]>([]);
  const readOnly = editor?.kind === 'view';
  const role = editor?.kind === 'create' ? editor.from : editor?.role;
  const title =
    editor?.kind === 'view' ? t('roles.viewTitle', { name: roleName(editor.role, lang) }) : editor?.kind === 'edit' ? t('roles.editTitle', { name: roleName(editor.role, lang) }) : t('roles.createTitle');

  const submit = async (v: Values) => {
    setBanner([]);
    const grants = { records: v.records, system: v.system ?? [], fields: v.fields };
    try {
      if (editor?.kind === 'create') {
        const created = await create.mutateAsync({ key: (v.key ?? '').trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn?.trim() || null, grants });
        feedback.success(t('roles.created', { name: roleName(created, lang) }));
      } else if (editor?.kind === 'edit') {
        await update.mutateAsync({ key: editor.role.key, patch: { nameZh: v.nameZh.trim(), nameEn: v.nameEn?.trim() || null, grants } });
        feedback.success(t('common.saved'));
      }
      onClose();
    } catch (err) {
      // the server names grants.records.read; the form calls it records.read
      if (hasFieldIssues(err)) setBanner(applyServerIssues(form, err, (p) => (p[0] === 'grants' ? p.slice(1) : p)));
      else feedback.error(err);
    }
  };

  const footer = readOnly ? (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" icon={<CopyOutlined />} onClick={() => role && onCopy(role)}>
        {t('roles.copy')}
      </Button>
    </Space>
  ) : (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" form="role-form" loading={create.isPending || update.isPending} data-testid="role-form-submit">
        {t('common.save')}
      </Button>
    </Space>
  );

  return (
    <Drawer title={title} open={editor !== null} onClose={onClose} size={720} destroyOnHidden mask={{ closable: false }} footer={footer} styles={{ body: { paddingTop: 16 } }}>
      {editor && (
        <Form<Values>
          key={`${editor.kind}:${role?.key ?? ''}`}
          id="role-form"
          form={form}
          layout="vertical"
          disabled={readOnly}
          initialValues={toValues(role, editor.kind === 'create' && editor.from ? { suffix: t('roles.copySuffix') } : undefined)}
          onFinish={submit}
        >
          {readOnly && <Alert type="info" showIcon icon={<LockOutlined />} title={t('roles.builtinReadonly')} style={{ marginBottom: 16 }} />}
          {banner.length > 0 && <Alert type="error" showIcon title={t('error.fixFields')} description={<IssueList messages={banner} />} style={{ marginBottom: 16 }} />}
          <FormSection title={t('roles.sectionBasic')}>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="key" label={t('roles.key')} extra={editor.kind === 'create' ? t('roles.keyHelp') : undefined} rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('roles.keyHelp') }]}>
                  <Input maxLength={32} disabled={editor.kind !== 'create'} className="kd-code" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="nameEn" label={t('roles.nameEn')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
            </Row>
          </FormSection>
          <RoleGrantsFields disabled={readOnly} />
        </Form>
      )}
    </Drawer>
  );
}
