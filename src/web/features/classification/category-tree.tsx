import { Empty, Tree, Typography, type TreeProps } from 'antd';
import { useMemo, useState } from 'react';
import type { Criterion } from '../../../domain/classification/criteria.ts';
import { formatRule } from '../../../domain/classification/explain.ts';
import type { SchemeDefinition, Tree as SchemeTree } from '../../../domain/classification/scheme.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatNumber } from '../../ui/format.ts';
import { categoryName, categoryNodes, type CategoryNode } from './scheme-tree.ts';

type Props = {
  def: SchemeDefinition;
  tree: SchemeTree;
  criteria: ReadonlyMap<string, Criterion>;
  counts: ReadonlyMap<string, number>;
  selected: string | null;
  canEdit: boolean;
  onSelect: (key: string | null) => void;
  /** drag and drop: the new parent (null = top level) */
  onMove: (key: string, parentKey: string | null) => void;
};

type Node = { key: string; title: React.ReactNode; children: Node[] };

/** The category tree like the U8 客户分类 screen: code, name, rule and live count per node; drag to move. */
export function CategoryTree({ def, tree, criteria, counts, selected, canEdit, onSelect, onMove }: Props) {
  const { lang } = useI18n();
  // everything starts open, new categories too; only what the user folds stays folded
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const data = useMemo(() => {
    const render = (nodes: CategoryNode[]): Node[] =>
      nodes.map((n) => {
        const c = n.category;
        const criterion = criteria.get(def.levels[n.depth]?.criterion ?? '');
        return {
          key: n.key,
          title: (
            <span className="kd-class-node" data-testid={`category-${c.code}`}>
              <span className="kd-code">{c.code}</span>
              <span className="kd-class-node-name">{categoryName(c, lang)}</span>
              <Typography.Text type="secondary" className="kd-class-node-rule" ellipsis>
                {formatRule(c.rule, criterion, lang)}
              </Typography.Text>
              <span className="kd-class-node-count">{formatNumber(counts.get(c.key) ?? 0)}</span>
            </span>
          ),
          children: render(n.children),
        };
      });
    return render(categoryNodes(tree, lang));
  }, [def, tree, criteria, counts, lang]);

  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragKey = String(info.dragNode.key);
    const dropKey = String(info.node.key);
    // dropping onto a node makes it the parent; dropping between nodes makes the target's parent the parent
    const parentKey = info.dropToGap ? (tree.byKey.get(dropKey)?.parentKey ?? null) : dropKey;
    if (parentKey !== tree.byKey.get(dragKey)?.parentKey) onMove(dragKey, parentKey);
  };

  return (
    <Tree
      className="kd-class-tree"
      treeData={data}
      expandedKeys={[...tree.depth.keys()].filter((k) => !folded.has(k))}
      onExpand={(keys) => setFolded(new Set([...tree.depth.keys()].filter((k) => !keys.includes(k))))}
      blockNode
      // a virtual list once the tree is long (region → city has hundreds of nodes)
      height={tree.depth.size > 150 ? 640 : undefined}
      showLine
      draggable={canEdit ? { icon: false } : false}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => onSelect(keys.length ? String(keys[0]) : null)}
      onDrop={onDrop}
    />
  );
}
