import { ApartmentOutlined, DragOutlined, EditOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Form, Input, Tree, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { departmentTree } from '../../../domain/access/departments.ts';
import type { Department } from '../../../domain/users/user.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFeedback } from '../../ui/use-feedback.ts';
import { departmentNodes, type DepartmentNode } from './department-tree.ts';
import { useDepartments } from './use-departments.ts';

type Dialog = { kind: 'create'; parent: Department | null } | { kind: 'rename'; department: Department } | { kind: 'move'; department: Department } | null;
type Values = { name: string; parentId?: number | null };

/** The department tree: create under any department, rename, and move (never under itself or below). */
export function DepartmentsCard({ memberCount }: { memberCount: (departmentId: number) => number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { query, create, update } = useDepartments();
  const [dialog, setDialog] = useState<Dialog>(null);
  const departments = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => departmentNodes(departments), [departments]);
  const byId = (id: number) => departments.find((d) => d.id === id);

  const submit = async (v: Values) => {
    if (dialog?.kind === 'create') {
      const d = await create.mutateAsync({ name: v.name.trim(), parentId: v.parentId ?? null });
      feedback.success(t('users.departmentCreated', { name: d.name }));
    } else if (dialog?.kind === 'rename') {
      const d = await update.mutateAsync({ id: dialog.department.id, patch: { name: v.name.trim() } });
      feedback.success(t('dept.renamed', { name: d.name }));
    } else if (dialog?.kind === 'move') {
      const d = await update.mutateAsync({ id: dialog.department.id, patch: { parentId: v.parentId ?? null } });
      feedback.success(t('dept.moved', { name: d.name }));
    }
    setDialog(null);
  };

  const nodeTitle = (node: DepartmentNode) => {
    const d = byId(node.key);
    if (!d) return node.title;
    return (
      <div className="kd-dept-node" data-testid={`department-${d.name}`}>
        <ApartmentOutlined style={{ color: '#1d4ed8' }} />
        <span className="kd-dept-name">{d.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('users.memberCount', { count: memberCount(d.id) })}
        </Typography.Text>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'child', icon: <PlusOutlined />, label: t('dept.addChild'), onClick: () => setDialog({ kind: 'create', parent: d }) },
              { key: 'rename', icon: <EditOutlined />, label: t('dept.rename'), onClick: () => setDialog({ kind: 'rename', department: d }) },
              { key: 'move', icon: <DragOutlined />, label: t('dept.move'), onClick: () => setDialog({ kind: 'move', department: d }) },
            ],
          }}
        >
          <Button type="text" size="small" icon={<MoreOutlined />} onClick={(e) => e.stopPropagation()} aria-label={`${d.name} ${t('common.actions')}`} />
        </Dropdown>
      </div>
    );
  };

  const moving = dialog?.kind === 'move' ? dialog.department : undefined;
  const parentOptions = useMemo(() => departmentNodes(departments, moving ? departmentTree(departments, moving.id) : []), [departments, moving]);
  const title =
    dialog?.kind === 'rename' ? t('dept.renameTitle') : dialog?.kind === 'move' ? t('dept.moveTitle', { name: dialog.department.name }) : dialog?.parent ? t('dept.childTitle', { name: dialog.parent.name }) : t('users.newDepartment');

  return (
    <Card
      variant="borderless"
      title={t('users.departmentsCard')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parent: null })}>
          {t('users.newDepartment')}
        </Button>
      }
    >
      {departments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noDepartments')} />
      ) : (
        // remounted when the set changes, so new departments show expanded too
        <Tree<DepartmentNode> key={departments.map((d) => `${d.id}:${d.parentId}`).join(',')} treeData={tree} defaultExpandAll showLine blockNode selectable={false} titleRender={nodeTitle} />
      )}
      <FormModal<Values>
        title={title}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onSubmit={submit}
        width={440}
        initialValues={dialog?.kind === 'rename' ? { name: dialog.department.name } : dialog?.kind === 'move' ? { parentId: dialog.department.parentId } : { parentId: dialog?.parent?.id ?? null }}
      >
        {dialog?.kind !== 'move' && (
          <Form.Item name="name" label={t('users.departmentName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {dialog?.kind !== 'rename' && (
          <Form.Item name="parentId" label={t('users.parentDepartment')} extra={dialog?.kind === 'move' ? t('dept.moveHelp') : undefined}>
            <TreeSelect treeData={parentOptions} allowClear treeDefaultExpandAll placeholder={t('dept.topLevel')} showSearch={{ treeNodeFilterProp: 'title' }} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}
