/**
 * Notices scope, acting on an assignment: acknowledging, attaching and reporting are for the assigned unit only
 * (see notices-scope.fixture.ts).
 */
import type { Role } from '../../../shared/permissions.ts';
import { actOn, describeCases, type Side, scopeWorld } from './notices-scope.fixture.ts';

const w = scopeWorld();

/** The role's own assignment of task 1 (inside), its neighbour's of task 2 (sibling), or deptB's elsewhere. */
function assignmentFor(role: Role, side: Side): number {
  const { a1, a2, aOut } = w.rec;
  if (side === 'outside') return aOut;
  if (role === 'troop') return side === 'inside' ? a1.m1 : a2.m2;
  if (role === 'street' || role === 'community') return side === 'inside' ? a1.streetA : a2.streetB;
  return side === 'inside' ? a1.deptA : a2.deptB;
}

describeCases(w, [
  {
    name: 'POST /api/notices/assignments/:id/acknowledge',
    method: 'POST',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({ url: `/api/notices/assignments/${assignmentFor(role, side)}/acknowledge` }),
    expected: actOn,
  },
  {
    name: 'POST /api/notices/assignments/:id/files',
    method: 'UPLOAD',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({ url: `/api/notices/assignments/${assignmentFor(role, side)}/files?name=y.txt` }),
    expected: actOn,
  },
  {
    name: 'POST /api/notices/assignments/:id/reports',
    method: 'POST',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (role, side) => ({
      url: `/api/notices/assignments/${assignmentFor(role, side)}/reports`,
      body: { text: '已按要求落实。' },
    }),
    expected: actOn,
  },
]);
