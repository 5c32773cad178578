import { Checkbox, Col, Form, Row, Select, Table, Tag, Typography } from 'antd';
import { fieldModes, recordActions, recordScopes, sensitiveFields, systemActions, type FieldMode, type RecordAction, type RecordScope } from '../../../domain/access/permissions.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormSection } from '../../ui/form-section.tsx';

/** Colours that make a matrix readable at a glance: wider reach and weaker protection stand out. */
export const scopeColor: Record<RecordScope, string> = { none: 'default', own: 'cyan', department: 'blue', department_tree: 'geekblue', all: 'purple' };
export const modeColor: Record<FieldMode, string> = { hidden: 'default', masked: 'orange', readonly: 'blue', editable: 'green' };

const fieldRows = [...sensitiveFields, 'custom'] as const;
type FieldRow = (typeof fieldRows)[number];

/** The three parts of a role's grants as form fields: record scopes per action, system checkboxes, field modes. */
export function RoleGrantsFields({ disabled }: { disabled: boolean }) {
  const { t, lang } = useI18n();
  const scopeOptions = recordScopes.map((s) => ({ value: s, label: <Tag color={scopeColor[s]} variant="filled" style={{ marginInlineEnd: 0 }}>{t(`scope.${s}`)}</Tag> }));
  const modeOptions = fieldModes.map((m) => ({ value: m, label: <Tag color={modeColor[m]} variant="filled" style={{ marginInlineEnd: 0 }}>{t(`fieldMode.${m}`)}</Tag> }));
  const fieldName = (f: FieldRow) => (f === 'custom' ? t('sensitiveField.custom') : fieldLabel(f, lang));

  return (
    <>
      <FormSection title={t('roles.sectionRecords')} extra={<Typography.Text type="secondary">{t('roles.sectionRecordsHelp')}</Typography.Text>}>
        <Table<RecordAction>
          rowKey={(a) => a}
          size="small"
          pagination={false}
          dataSource={[...recordActions]}
          style={{ marginBottom: 20 }}
          columns={[
            {
              key: 'action',
              title: t('roles.action'),
              render: (_: unknown, a) => (
                <div>
                  <Typography.Text strong>{t(`recordAction.${a}`)}</Typography.Text>
                  <div className="kd-muted" style={{ fontSize: 12 }}>
                    {t(`recordActionHint.${a}`)}
                  </div>
                </div>
              ),
            },
            {
              key: 'scope',
              title: t('roles.scope'),
              width: 230,
              render: (_: unknown, a) => (
                <Form.Item name={['records', a]} noStyle>
                  <Select options={scopeOptions} disabled={disabled} style={{ width: '100%' }} data-testid={`scope-${a}`} aria-label={t(`recordAction.${a}`)} />
                </Form.Item>
              ),
            },
          ]}
        />
      </FormSection>
      <FormSection title={t('roles.sectionSystem')}>
        <Form.Item name="system" style={{ marginBottom: 20 }}>
          <Checkbox.Group disabled={disabled} style={{ width: '100%' }}>
            <Row gutter={[12, 10]}>
              {systemActions.map((s) => (
                <Col span={12} key={s}>
                  <Checkbox value={s}>{t(`systemAction.${s}`)}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
      </FormSection>
      <FormSection title={t('roles.sectionFields')} extra={<Typography.Text type="secondary">{t('roles.sectionFieldsHelp')}</Typography.Text>}>
        <Table<FieldRow>
          rowKey={(f) => f}
          size="small"
          pagination={false}
          dataSource={[...fieldRows]}
          columns={[
            { key: 'field', title: t('roles.field'), render: (_: unknown, f) => fieldName(f) },
            {
              key: 'mode',
              title: t('roles.mode'),
              width: 230,
              render: (_: unknown, f) => (
                <Form.Item name={['fields', f]} noStyle>
                  <Select options={modeOptions} disabled={disabled} style={{ width: '100%' }} aria-label={fieldName(f)} />
                </Form.Item>
              ),
            },
          ]}
        />
      </FormSection>
    </>
  );
}
