import { TreeSelect } from 'antd';
import { useI18n } from '../../i18n/use-i18n.ts';
import { categoryName, categoryNodes, treeOf, type CategoryNode } from './scheme-tree.ts';
import { useSchemeDetails, useSchemes } from './use-classification.ts';

type Option = { key: string; value: string; title: string; label: string; selectable?: boolean; children: Option[] };

/** Options carry the scheme's name in their label, so the chosen filter reads "盈利能力 · 03 微盈利". */
const withScheme = (schemeKey: string, schemeName: string, nodes: CategoryNode[]): Option[] =>
  nodes.map((n) => ({ key: `${schemeKey}:${n.code}`, value: `${schemeKey}:${n.code}`, title: n.title, label: `${schemeName} · ${n.title}`, children: withScheme(schemeKey, schemeName, n.children) }));

/** Customer list filter by any category of any published scheme (`scheme:categoryCode`, descendants included). */
export function CategoryFilter({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t, lang } = useI18n();
  const schemes = useSchemes();
  const published = (schemes.data ?? []).filter((s) => s.publishedVersion !== null);
  const details = useSchemeDetails(published.map((s) => s.key));
  const options = details.flatMap(({ data: d }): Option[] => {
    const def = d?.published?.definition;
    if (!d || !def) return [];
    const name = categoryName(d.scheme, lang);
    return [{ key: d.scheme.key, value: `scheme:${d.scheme.key}`, title: name, label: name, selectable: false, children: withScheme(d.scheme.key, name, categoryNodes(treeOf(def), lang)) }];
  });
  if (published.length === 0) return null;
  return (
    <TreeSelect
      value={value}
      onChange={(v: string | undefined) => onChange(v || undefined)}
      treeData={options}
      treeNodeLabelProp="label"
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('class.filterPlaceholder')}
      style={{ width: 240 }}
      popupMatchSelectWidth={360}
      data-testid="category-filter"
    />
  );
}
