import { describe, expect, it } from 'vitest';
import { can, capabilities, type Role, roles } from '../shared/permissions.ts';
import { allLeaves, isGroup, leafForPath, navigation, visibleNavigation } from './navigation.tsx';

const capsOf = (role: Role) => capabilities.filter((c) => can(role, c));
const pathsFor = (role: Role) =>
  visibleNavigation({ capabilities: capsOf(role) }).flatMap((e) =>
    isGroup(e) ? e.children.map((c) => c.path) : [e.path],
  );

describe('navigation', () => {
  it('lists every capability of DESIGN.md §3 (A–J)', () => {
    const groups = navigation.filter(isGroup).map((g) => g.label);
    expect(groups).toEqual([
      '区划与单位',
      '优抚对象',
      '走访慰问',
      '光荣牌与立功喜报',
      '拥军',
      '拥政爱民',
      '通知与任务',
      '统计报表',
      '系统管理',
    ]);
    const labels = allLeaves().map((l) => l.label);
    for (const label of ['首页', '对象名册', '导入导出', '用户管理', '审计日志']) expect(labels).toContain(label);
  });

  it('has unique absolute paths and only known capabilities', () => {
    const paths = allLeaves().map((l) => l.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const leaf of allLeaves()) {
      expect(leaf.path.startsWith('/')).toBe(true);
      for (const c of leaf.anyOf) expect(capabilities).toContain(c);
    }
  });

  it('shows a troop liaison no registry menu', () => {
    const paths = pathsFor('troop');
    expect(paths.some((p) => p.startsWith('/registry'))).toBe(false);
    expect(paths).toContain('/troops/requests');
    expect(paths).toContain('/');
  });

  it('shows an auditor only the audit log', () => {
    expect(pathsFor('auditor')).toEqual(['/admin/audit']);
  });

  it('gives every role at least one page', () => {
    for (const role of roles) expect(pathsFor(role).length).toBeGreaterThan(0);
  });

  it('selects the deepest page for a path', () => {
    expect(leafForPath('/registry/persons/12')?.label).toBe('对象名册');
    expect(leafForPath('/campaigns/rosters')?.label).toBe('慰问名单');
    expect(leafForPath('/campaigns')?.label).toBe('慰问活动');
    expect(leafForPath('/')?.label).toBe('首页');
    expect(leafForPath('/nowhere')).toBeUndefined();
  });
});
