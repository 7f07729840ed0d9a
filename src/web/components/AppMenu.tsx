import { Menu, type MenuProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMe } from '../features/auth/auth.queries.ts';
import {
  isGroup,
  leafForPath,
  type NavEntry,
  type NavGroup,
  type NavLeaf,
  navigation,
  visibleNavigation,
} from '../navigation.tsx';

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(entries: NavEntry[], onNavigate?: () => void): MenuItem[] {
  const leafItem = (leaf: NavLeaf): MenuItem => ({
    key: leaf.path,
    icon: leaf.icon,
    label: (
      <Link to={leaf.path} onClick={onNavigate}>
        {leaf.label}
      </Link>
    ),
  });
  return entries.map((entry) =>
    isGroup(entry)
      ? { key: entry.key, icon: entry.icon, label: entry.label, children: entry.children.map(leafItem) }
      : leafItem(entry),
  );
}

function groupOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const group = navigation.find((e): e is NavGroup => isGroup(e) && e.children.some((c) => c.path === path));
  return group?.key;
}

/** The side menu (also inside the phone drawer). `onNavigate` closes the drawer after a choice. */
export function AppMenu({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const items = useMemo(() => toMenuItems(visibleNavigation(me), onNavigate), [me, onNavigate]);
  const selected = leafForPath(pathname)?.path;
  const group = groupOf(selected);
  const [openKeys, setOpenKeys] = useState<string[]>(group ? [group] : []);

  // Arriving on a page (by link, bell or back button) opens its group.
  useEffect(() => {
    if (group) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
  }, [group]);

  return (
    <Menu
      mode="inline"
      data-testid="app-menu"
      items={items}
      selectedKeys={selected ? [selected] : []}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      style={{ borderInlineEnd: 0 }}
    />
  );
}
