/**
 * The tasks of a notice: its body's top-level sections (一、/ 一是 / （一）/ 1.), each with a short title and the
 * text under it; the closing requirements after them; the preamble before them. Pure.
 */
import { type AssigneeKind, suggestAssigneeKinds } from './assignees.ts';
import type { Paragraph } from './normalise-text.ts';
import { originalSpan } from './normalise-text.ts';
import { paraStart, warn } from './notice-pieces.ts';
import { parseMarker } from './section-markers.ts';
import { simplifiedMirror } from './simplify.ts';
import type { NoticeWarning, ParsedTask } from './types.ts';

const requirementsTitle = /^(?:工作|有关|相关|几点|具体|其他)?要求$|^(?:组织|工作)?保障(?:措施)?$/;

function splitTaskText(rest: string): { title: string; body: string; long: boolean } {
  const trimmed = rest.replace(/^[\s、，,．.]+/, '');
  const sentenceEnd = trimmed.search(/[。！？!?；;\ufffd]/);
  if (sentenceEnd === -1) {
    if (trimmed.length <= 60) return { title: trimmed.replace(/[：:]$/, ''), body: '', long: false };
  } else if (sentenceEnd <= 60) {
    // an ASCII ? or U+FFFD is damage (a 。 lost in mojibake): it ends the title but stays in the body, verbatim
    const damaged = /[?\ufffd]/.test(trimmed[sentenceEnd] ?? '');
    const bodyFrom = damaged ? sentenceEnd : sentenceEnd + 1;
    return { title: trimmed.slice(0, sentenceEnd), body: trimmed.slice(bodyFrom).trim(), long: false };
  }
  const clauseEnd = trimmed.search(/[，,：:]/);
  if (clauseEnd > 0 && clauseEnd <= 60) return { title: trimmed.slice(0, clauseEnd), body: trimmed, long: false };
  return { title: trimmed.slice(0, 30), body: trimmed, long: true };
}

export interface ExtractedTasks {
  tasks: ParsedTask[];
  requirements: string[];
  /** the body's paragraphs before the first task */
  preamble: Paragraph[];
}

/**
 * Sections of the body → tasks, with suggested assignees (the recipients' kinds when a task names none).
 * Warnings (long titles, irregular numbering) are added to `warnings`.
 */
export function extractTasks(
  bodyParas: Paragraph[],
  recipientKinds: readonly AssigneeKind[],
  warnings: NoticeWarning[],
): ExtractedTasks {
  // sections → tasks
  const marked = bodyParas.map((p) => parseMarker(p.simp));
  const topStyle = marked.find((m) => m !== null)?.style ?? null;
  const taskIdx = marked.flatMap((m, k) => (m && m.style === topStyle ? [k] : []));
  const tasks: (ParsedTask & { headingOnly: boolean })[] = [];
  let requirements: string[] = [];
  const preambleParas = bodyParas.slice(0, taskIdx[0] ?? bodyParas.length);
  taskIdx.forEach((k, n) => {
    const p = bodyParas[k];
    const m = marked[k];
    if (!p || !m) return;
    const split = splitTaskText(p.text.slice(m.length));
    if (split.long) {
      const span = originalSpan(p, 0, p.text.length);
      warnings.push(warn('task_title_long', `第${m.no}项没有简短的首句，标题取前30字，请修改`, span.at, 0));
    }
    const next = taskIdx[n + 1] ?? bodyParas.length;
    const following = bodyParas.slice(k + 1, next).map((q) => q.text);
    tasks.push({
      no: m.no,
      title: split.title,
      body: [split.body, ...following].filter((b) => b !== '').join('\n'),
      at: paraStart(p),
      suggestedAssignees: [],
      headingOnly: split.body === '',
    });
  });
  // closing requirements: paragraphs after the last one-paragraph section, or a last section called 工作要求
  const lastIdx = taskIdx[taskIdx.length - 1];
  const lastTask = tasks[tasks.length - 1];
  if (lastIdx !== undefined && lastTask) {
    const after = bodyParas.slice(lastIdx + 1).map((q) => q.text);
    if (lastTask.headingOnly && requirementsTitle.test(simplifiedMirror(lastTask.title))) {
      requirements = after;
      tasks.pop();
    } else if (!lastTask.headingOnly && after.length > 0) {
      requirements = after;
      lastTask.body = lastTask.body
        .split('\n')
        .slice(0, lastTask.body.split('\n').length - after.length)
        .join('\n');
    }
  }
  // numbering
  tasks.forEach((t, n) => {
    if (t.no !== n + 1 && (n === 0 || tasks[n - 1]?.no !== t.no - 1)) {
      warnings.push(warn('numbering_irregular', `第${n + 1}项的序号为${t.no}，编号不连续，请核对`, t.at, 0));
    }
  });
  for (const t of tasks) {
    const kinds = suggestAssigneeKinds(simplifiedMirror(`${t.title}。${t.body}`));
    t.suggestedAssignees = kinds.length > 0 ? kinds : [...recipientKinds];
  }
  return { tasks: tasks.map(({ headingOnly: _headingOnly, ...t }) => t), requirements, preamble: preambleParas };
}
