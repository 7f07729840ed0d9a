/** Notices scope, managing: who edits, assigns, publishes, deletes and reminds (see notices-scope.fixture.ts). */
import { editBody } from './notices.fixture.ts';
import { createDraft, describeCases, freshVersion, inOut, manageNotice, scopeWorld } from './notices-scope.fixture.ts';

const w = scopeWorld();

describeCases(w, [
  {
    name: 'PUT /api/notices/:id',
    method: 'PUT',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await freshVersion(w, inOut(w.rec, side).id);
      return {
        url: `/api/notices/${d.id}`,
        body: editBody(d),
      };
    },
    expected: manageNotice,
  },
  {
    name: 'PUT /api/notices/:id/tasks/:taskId/assignments',
    method: 'PUT',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await freshVersion(w, inOut(w.rec, side).id);
      const t = d.tasks[0]!;
      return {
        url: `/api/notices/${d.id}/tasks/${t.id}/assignments`,
        body: { assignments: t.assignments.map((a) => ({ unitId: a.unitId, deadline: a.deadline })) },
      };
    },
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/publish',
    method: 'POST',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d =
        side === 'outside'
          ? await createDraft(w.outsiders.office, [w.units.deptB])
          : await createDraft(w.clients.office, [w.units.deptA]);
      return { url: `/api/notices/${d.id}/publish` };
    },
    expected: manageNotice,
  },
  {
    name: 'DELETE /api/notices/:id',
    method: 'DELETE',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => {
      const d = await createDraft(side === 'outside' ? w.outsiders.office : w.clients.office, []);
      return { url: `/api/notices/${d.id}` };
    },
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/reminders',
    method: 'POST',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(w.rec, side).id}/reminders` }),
    expected: manageNotice,
  },
  {
    name: 'POST /api/notices/:id/files',
    method: 'UPLOAD',
    sides: ['inside', 'outside'],
    prepare: async (_r, side) => ({ url: `/api/notices/${inOut(w.rec, side).id}/files?name=x.txt` }),
    expected: manageNotice,
  },
]);
