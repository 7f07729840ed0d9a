/** Notices scope, reading: who gets a notice, its matrix and its files (see notices-scope.fixture.ts). */
import { describeCases, inOut, managers, readers, readNotice, scopeWorld } from './notices-scope.fixture.ts';

const w = scopeWorld();

describeCases(w, [
  {
    name: 'GET /api/notices/:id',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(w.rec, side).id}` }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/:id (draft)',
    method: 'GET',
    sides: ['inside'],
    prepare: async () => ({ url: `/api/notices/${w.rec.draft.id}` }),
    expected: (role) => (role === 'auditor' ? 403 : managers.has(role) || role === 'leader' ? 200 : 404),
  },
  {
    name: 'GET /api/notices/:id/matrix',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({
      url: `/api/notices/${inOut(w.rec, side).id}/matrix`,
    }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/:id/matrix.xlsx',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({
      url: `/api/notices/${inOut(w.rec, side).id}/matrix.xlsx`,
    }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/files/:id (notice attachment)',
    method: 'GET',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({
      url: `/api/notices/files/${side === 'outside' ? w.rec.files.noticeOut : w.rec.files.notice}`,
    }),
    expected: readNotice,
  },
  {
    name: 'GET /api/notices/files/:id (report attachment)',
    method: 'GET',
    sides: ['inside', 'sibling', 'outside'],
    prepare: async (_r, side) => {
      const f = w.rec.files;
      return {
        url: `/api/notices/files/${side === 'inside' ? f.reportIn : side === 'sibling' ? f.reportSibling : f.reportOut}`,
      };
    },
    // the report of deptA on task 1 (inside), of deptB on task 2 (sibling), of deptB on the other notice (outside)
    expected: (role, side) => {
      if (!readers.has(role)) return 403;
      if (side === 'outside') return role === 'admin' ? 200 : 404;
      if (managers.has(role) || role === 'leader') return 200;
      return role === 'department' && side === 'inside' ? 200 : 404;
    },
  },
]);
