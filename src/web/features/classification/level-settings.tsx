import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { codingRule } from '../../../domain/classification/codes.ts';
import { MANUAL_CRITERION, type Criterion } from '../../../domain/classification/criteria.ts';
import type { Level, SchemeDefinition, Tree } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { criterionName } from './scheme-tree.ts';
import { useEditDraft } from './use-edit-draft.ts';

type Props = { schemeKey: string; def: SchemeDefinition; tree: Tree; criteria: ReadonlyMap<string, Criterion>; canEdit: boolean };

/** 层级设置: code length and criterion per level (the U8 编码方案); one criterion per level is the rule. */
export function LevelSettings({ schemeKey, def, tree, criteria, canEdit }: Props) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const { run, pending } = useEditDraft(schemeKey);
  const [adding, setAdding] = useState<{ criterion?: string; codeLength: number }>({ codeLength: 2 });
  const options = useMemo(
    () => [
      { value: MANUAL_CRITERION, label: t('class.manual') },
      ...[...criteria.values()].map((c) => ({ value: c.key, label: lang === 'en' ? c.labelEn : c.labelZh })),
    ],
    [criteria, lang, t],
  );
  const used = new Set(tree.depth.values());

  const changeCriterion = (level: number, criterion: string) => {
    const hasRules = def.categories.some((c) => tree.depth.get(c.key) === level - 1 && c.rule !== null && c.rule.kind !== 'otherwise');
    const send = () => run({ op: 'setLevel', level, criterion, clearRules: hasRules }, { done: t('class.levelSaved') });
    if (!hasRules) return send();
    modal.confirm({ title: t('class.criterionChangeTitle'), content: t('class.criterionChangeBody', { level }), okText: t('class.criterionChangeOk'), cancelText: t('common.cancel'), onOk: send });
  };

  const columns = [
    { key: 'level', title: t('class.level'), width: 70, render: (_: unknown, __: Level, i: number) => t('class.levelN', { level: i + 1 }) },
    {
      key: 'codeLength',
      title: t('class.codeLength'),
      width: 120,
      render: (_: unknown, l: Level, i: number) => (
        <InputNumber
          size="small"
          min={1}
          max={6}
          precision={0}
          defaultValue={l.codeLength}
          key={`${i}-${l.codeLength}`}
          disabled={!canEdit}
          onBlur={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 6 && n !== l.codeLength) run({ op: 'setLevel', level: i + 1, codeLength: n }, { done: t('class.levelSaved') });
          }}
        />
      ),
    },
    {
      key: 'criterion',
      title: t('class.criterion'),
      render: (_: unknown, l: Level, i: number) =>
        canEdit ? (
          <Select size="small" value={l.criterion} options={options} showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} onChange={(v: string) => changeCriterion(i + 1, v)} />
        ) : (
          criterionName(criteria, l.criterion, lang, t('class.manual'))
        ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title={t('class.levels')}
      extra={<Typography.Text type="secondary">{t('class.codingRule', { rule: codingRule(def.levels) })}</Typography.Text>}
      data-testid="level-settings"
    >
      <Table<Level> size="small" rowKey={(_, i) => String(i)} columns={columns} dataSource={def.levels} pagination={false} />
      {canEdit && (
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            size="small"
            value={adding.criterion}
            placeholder={t('class.newLevelCriterion')}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            onChange={(v: string) => setAdding({ ...adding, criterion: v })}
          />
          <InputNumber size="small" min={1} max={6} precision={0} value={adding.codeLength} onChange={(v) => setAdding({ ...adding, codeLength: v ?? 2 })} addonAfter={t('class.digits')} style={{ width: 120 }} />
          <Button size="small" icon={<PlusOutlined />} disabled={!adding.criterion || pending} onClick={() => adding.criterion && run({ op: 'addLevel', criterion: adding.criterion, codeLength: adding.codeLength }, { done: t('class.levelSaved') })}>
            {t('class.addLevel')}
          </Button>
          <Button size="small" icon={<MinusOutlined />} disabled={def.levels.length <= 1 || used.has(def.levels.length - 1) || pending} onClick={() => run({ op: 'removeLevel' }, { done: t('class.levelSaved') })}>
            {t('class.removeLevel')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
