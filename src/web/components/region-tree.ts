import { regionLevelLabels } from '../../shared/api/regions.api.ts';
import type { RegionItem } from '../api/types.ts';

export interface RegionNode {
  region: RegionItem;
  children: RegionNode[];
}

/** The flat region list as a tree (roots are regions whose parent is not in the list), children by code. */
export function buildRegionTree(items: readonly RegionItem[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>(items.map((r) => [r.id, { region: r, children: [] }]));
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.region.parentId === null ? undefined : nodes.get(node.region.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: RegionNode[]) => {
    list.sort((a, b) => a.region.code.localeCompare(b.region.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface RegionTreeSelectNode {
  value: number;
  title: string;
  label: string;
  children: RegionTreeSelectNode[];
}

/** Data for antd TreeSelect: `长寿路街道（310107015000）`, searchable by name or code. */
export function regionTreeSelectData(items: readonly RegionItem[]): RegionTreeSelectNode[] {
  const map = (node: RegionNode): RegionTreeSelectNode => ({
    value: node.region.id,
    title: `${node.region.name}（${node.region.code}）`,
    label: node.region.name,
    children: node.children.map(map),
  });
  return buildRegionTree(items).map(map);
}

export function regionLevelLabel(level: RegionItem['level']): string {
  return regionLevelLabels[level];
}
