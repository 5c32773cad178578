import { DeleteOutlined, DragOutlined, NumberOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Divider, Form, Input, Row, Space, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { codeLengthAt } from '../../../domain/classification/codes.ts';
import type { Criterion } from '../../../domain/classification/criteria.ts';
import type { SchemeDefinition, Tree } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { RuleEditor } from './rule-editor.tsx';
import { categoryName, criterionName, moveTargets } from './scheme-tree.ts';
import { useEditDraft } from './use-edit-draft.ts';

const TOP = '__top__';

type Props = {
  schemeKey: string;
  def: SchemeDefinition;
  tree: Tree;
  categoryKey: string;
  criteria: ReadonlyMap<string, Criterion>;
  /** customers in the category and below, live version */
  count: number;
  canEdit: boolean;
  onAddChild: (parentKey: string) => void;
  onDelete: (key: string) => void;
};

/** The selected category: names, code, place in the tree and rule; every change is one edit of the draft. */
export function CategoryPanel({ schemeKey, def, tree, categoryKey, criteria, count, canEdit, onAddChild, onDelete }: Props) {
  const { t, lang } = useI18n();
  const { run, pending } = useEditDraft(schemeKey);
  const c = tree.byKey.get(categoryKey)!;
  const depth = tree.depth.get(categoryKey) ?? 0;
  const criterionKey = def.levels[depth]?.criterion ?? '';
  const [names] = Form.useForm<{ nameZh: string; nameEn: string }>();
  const [code, setCode] = useState(c.code);
  const [parent, setParent] = useState<string>(c.parentKey ?? TOP);
  useEffect(() => {
    names.setFieldsValue({ nameZh: c.nameZh, nameEn: c.nameEn ?? '' });
    setCode(c.code);
    setParent(c.parentKey ?? TOP);
  }, [names, c]);
  const parentCode = c.parentKey === null ? '' : (tree.byKey.get(c.parentKey)?.code ?? '');
  const codeLength = codeLengthAt(def.levels, depth);
  const canAddChild = depth + 1 < def.levels.length;

  return (
    <Card
      variant="borderless"
      data-testid="category-panel"
      title={
        <Space>
          <span className="kd-code">{c.code}</span>
          <span>{categoryName(c, lang)}</span>
          <Tag>{t('class.levelN', { level: depth + 1 })}</Tag>
        </Space>
      }
      extra={
        canEdit && (
          <Space>
            <Button size="small" icon={<PlusOutlined />} disabled={!canAddChild} title={canAddChild ? undefined : t('class.noDeeperLevel')} onClick={() => onAddChild(categoryKey)}>
              {t('class.addChild')}
            </Button>
            <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onDelete(categoryKey)} data-testid="category-delete">
              {t('common.delete')}
            </Button>
          </Space>
        )
      }
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('class.criterion')}>{criterionName(criteria, criterionKey, lang, t('class.manual'))}</Descriptions.Item>
        <Descriptions.Item label={t('class.liveCustomers')}>{count}</Descriptions.Item>
      </Descriptions>

      <Form form={names} name="category-names" layout="vertical" disabled={!canEdit} onFinish={(v) => run({ op: 'updateCategory', key: categoryKey, nameZh: v.nameZh, nameEn: v.nameEn.trim() || null }, { done: t('class.renamed') })}>
        <Row gutter={12} align="bottom">
          <Col flex="1 1 160px">
            <Form.Item name="nameZh" label={t('class.nameZh')} rules={[{ required: true, whitespace: true, message: t('class.nameRequired') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col flex="1 1 160px">
            <Form.Item name="nameEn" label={t('class.nameEn')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {canEdit && (
            <Col flex="none">
              <Form.Item>
                <Button htmlType="submit" icon={<SaveOutlined />} loading={pending}>
                  {t('class.rename')}
                </Button>
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>

      {canEdit && (
        <Row gutter={12}>
          <Col flex="1 1 220px">
            <div className="kd-field-label">{t('class.code')}</div>
            <Space.Compact style={{ width: '100%' }}>
              <Input prefix={<NumberOutlined />} value={code} onChange={(e) => setCode(e.target.value.trim())} className="kd-code" aria-label={t('class.code')} />
              <Button disabled={code === c.code} onClick={() => run({ op: 'recodeCategory', key: categoryKey, code }, { done: t('class.recoded') })}>
                {t('class.recode')}
              </Button>
            </Space.Compact>
          </Col>
          <Col flex="1 1 260px">
            <div className="kd-field-label">{t('class.parent')}</div>
            <Space.Compact style={{ width: '100%' }}>
              <TreeSelect
                value={parent}
                onChange={(v: string) => setParent(v)}
                treeData={[{ key: TOP, value: TOP, title: t('class.topLevel'), children: [] }, ...moveTargets(tree, categoryKey, lang)]}
                treeDefaultExpandAll
                style={{ flex: 1, minWidth: 0 }}
                aria-label={t('class.parent')}
                popupMatchSelectWidth={320}
              />
              <Button icon={<DragOutlined />} disabled={parent === (c.parentKey ?? TOP)} onClick={() => run({ op: 'moveCategory', key: categoryKey, parentKey: parent === TOP ? null : parent }, { done: t('class.moved') })}>
                {t('class.moveTo')}
              </Button>
            </Space.Compact>
          </Col>
        </Row>
      )}
      {canEdit && codeLength !== undefined && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {parentCode ? t('class.codeHintChild', { length: codeLength, prefix: parentCode }) : t('class.codeHintTop', { length: codeLength })}
        </Typography.Text>
      )}

      <Divider titlePlacement="start" style={{ marginTop: 20 }}>
        {t('class.rule')}
      </Divider>
      <RuleEditor
        rule={c.rule}
        criterionKey={criterionKey}
        criterion={criteria.get(criterionKey)}
        canEdit={canEdit}
        saving={pending}
        onSave={(rule) => run({ op: 'setRule', key: categoryKey, rule }, { done: t('class.ruleSaved') })}
      />
    </Card>
  );
}

