import { Alert, Form, Input, TreeSelect } from 'antd';
import { subtreeKeys, type Tree } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { categoryName, categoryNodes, leafOnlyNodes } from './scheme-tree.ts';
import { useSchemeMutations } from './use-classification.ts';

type AddValues = { nameZh: string; nameEn?: string; code?: string };

/** 新增分类: under a parent (or at the top); the code defaults to the next free one under the coding rule. */
export function AddCategoryDialog({ schemeKey, tree, parentKey, open, onClose, onAdded }: { schemeKey: string; tree: Tree; parentKey: string | null; open: boolean; onClose: () => void; onAdded: (key: string | undefined) => void }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { edit } = useSchemeMutations(schemeKey);
  const parent = parentKey === null ? undefined : tree.byKey.get(parentKey);
  return (
    <FormModal<AddValues>
      title={parent ? t('class.addChildTo', { name: categoryName(parent, lang) }) : t('class.addTop')}
      open={open}
      onCancel={onClose}
      mapPath={(p) => (p[0] === 'categoryKey' ? ['code'] : p)}
      onSubmit={async (v) => {
        const saved = await edit.mutateAsync({ op: 'addCategory', parentKey, nameZh: v.nameZh, nameEn: v.nameEn?.trim() || null, ...(v.code?.trim() ? { code: v.code.trim() } : {}), rule: null });
        feedback.success(t('class.added', { name: v.nameZh }));
        onAdded(saved.key);
      }}
    >
      <Form.Item name="nameZh" label={t('class.nameZh')} rules={[{ required: true, whitespace: true, message: t('class.nameRequired') }]}>
        <Input maxLength={50} autoFocus />
      </Form.Item>
      <Form.Item name="nameEn" label={t('class.nameEn')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="code" label={t('class.code')} extra={t('class.codeAuto')}>
        <Input maxLength={30} className="kd-code" placeholder={parent?.code} />
      </Form.Item>
      <Alert type="info" showIcon title={t('class.addRuleHint')} />
    </FormModal>
  );
}

/** 删除分类: customers placed in it (or below) must go to another leaf, chosen here. */
export function DeleteCategoryDialog({ schemeKey, tree, categoryKey, count, onClose, onDeleted }: { schemeKey: string; tree: Tree; categoryKey: string | null; count: number; onClose: () => void; onDeleted: () => void }) {
  const { t, lang } = useI18n();
  const feedback = useFeedback();
  const { edit } = useSchemeMutations(schemeKey);
  const c = categoryKey === null ? undefined : tree.byKey.get(categoryKey);
  const blocked = new Set(c ? subtreeKeys(tree, c.key) : []);
  return (
    <FormModal<{ reassignTo?: string }>
      title={c ? t('class.deleteTitle', { name: categoryName(c, lang) }) : ''}
      open={c !== undefined}
      onCancel={onClose}
      okText={t('common.delete')}
      mapPath={(p) => (p[0] === 'reassignTo' ? ['reassignTo'] : p)}
      onSubmit={async (v) => {
        await edit.mutateAsync({ op: 'deleteCategory', key: categoryKey!, ...(v.reassignTo ? { reassignTo: v.reassignTo } : {}) });
        feedback.success(t('class.deleted', { name: c?.nameZh ?? '' }));
        onDeleted();
      }}
    >
      {count > 0 ? (
        <>
          <Alert type="warning" showIcon title={t('class.deleteInUse', { count })} style={{ marginBottom: 16 }} />
          <Form.Item name="reassignTo" label={t('class.reassignTo')} rules={[{ required: true, message: t('class.reassignRequired') }]}>
            <TreeSelect treeData={leafOnlyNodes(categoryNodes(tree, lang), blocked)} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('class.pickLeaf')} data-testid="reassign-target" />
          </Form.Item>
        </>
      ) : (
        <Alert type="info" showIcon title={t('class.deleteEmpty')} />
      )}
    </FormModal>
  );
}
