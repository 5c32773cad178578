import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { codeDateParts, codePeriod, formatCustomerCode, type CodeScheme } from '../../../domain/customers/code-scheme.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { applyServerIssues, hasFieldIssues } from '../../ui/apply-server-issues.ts';
import { IssueList } from '../../ui/issue-list.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useCodeScheme } from './use-code-scheme.ts';

const partStyle = (bg: string, fg: string) => ({ background: bg, color: fg });

/** 编码规则: prefix, date part and sequence width, with the next code shown as you type. */
export function CodeSchemePage() {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { query, save } = useCodeScheme();
  const [form] = Form.useForm<CodeScheme>();
  const [banner, setBanner] = useState<string[]>([]);
  const watched = Form.useWatch([], form) as Partial<CodeScheme> | undefined;

  if (!query.data) {
    return (
      <>
        <PageHeader title={t('code.title')} subtitle={t('code.subtitle')} />
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      </>
    );
  }

  const scheme: CodeScheme = {
    prefix: (watched?.prefix ?? query.data.prefix ?? '').toUpperCase(),
    datePart: watched?.datePart ?? query.data.datePart,
    sequenceWidth: Math.min(10, Math.max(3, watched?.sequenceWidth ?? query.data.sequenceWidth)),
  };
  const period = codePeriod(scheme, new Date());
  const sequence = formatCustomerCode({ ...scheme, prefix: '' }, '', 1);
  const example = formatCustomerCode(scheme, period, 1);

  const submit = (v: CodeScheme) => {
    setBanner([]);
    save.mutate(
      { prefix: (v.prefix ?? '').trim().toUpperCase(), datePart: v.datePart, sequenceWidth: v.sequenceWidth },
      {
        onSuccess: () => feedback.success(t('code.saved')),
        onError: (err) => (hasFieldIssues(err) ? setBanner(applyServerIssues(form, err)) : feedback.error(err)),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('code.title')} subtitle={t('code.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card variant="borderless">
            {banner.length > 0 && <Alert type="error" showIcon title={t('error.fixFields')} description={<IssueList messages={banner} />} style={{ marginBottom: 16 }} />}
            <Form<CodeScheme> form={form} layout="vertical" initialValues={query.data} onFinish={submit}>
              <Form.Item name="prefix" label={fieldLabel('prefix', lang)} extra={t('code.prefixHelp')} rules={[{ pattern: /^[A-Za-z0-9-]{0,10}$/ }]}>
                <Input maxLength={10} style={{ fontFamily: 'monospace', textTransform: 'uppercase', maxWidth: 240 }} />
              </Form.Item>
              <Form.Item name="datePart" label={fieldLabel('datePart', lang)} extra={t('code.datePartHelp')}>
                <Radio.Group optionType="button" options={codeDateParts.map((d) => ({ value: d, label: t(`datePart.${d}`) }))} />
              </Form.Item>
              <Form.Item name="sequenceWidth" label={fieldLabel('sequenceWidth', lang)} extra={t('code.sequenceHelp')}>
                <InputNumber min={3} max={10} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card variant="borderless" title={t('code.example')}>
            <div className="kd-code-preview" data-testid="code-example">
              {example}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 8 }}>
              {t('code.anatomy')}
            </Typography.Paragraph>
            <div className="kd-code" style={{ fontSize: 15 }}>
              {scheme.prefix && <span className="kd-code-part" style={partStyle('#dbeafe', '#1e40af')}>{scheme.prefix}</span>}
              {period && <span className="kd-code-part" style={partStyle('#dcfce7', '#166534')}>{period}</span>}
              <span className="kd-code-part" style={partStyle('#ffedd5', '#9a3412')}>{sequence}</span>
            </div>
            <div style={{ marginTop: 8, fontSize: 12, color: '#64748b', display: 'flex', gap: 16, flexWrap: 'wrap' }}>
              {scheme.prefix && <span style={{ color: '#1e40af' }}>■ {fieldLabel('prefix', lang)}</span>}
              {period && <span style={{ color: '#166534' }}>■ {fieldLabel('datePart', lang)}</span>}
              <span style={{ color: '#9a3412' }}>■ {t('code.sequence')}</span>
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
