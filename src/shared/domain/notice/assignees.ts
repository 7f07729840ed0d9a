/** Suggestions of who a task is for, read from who the text says "要" do something. Works on 简体 text. */

export type AssigneeKind = 'military' | 'street' | 'community' | 'district' | 'department' | 'social';

const kindPatterns: [AssigneeKind, RegExp][] = [
  ['military', /部队|驻军|军分区|人武部|武警|官兵|民兵/],
  ['street', /街道|乡镇|各镇|镇政府|镇人民政府|各乡/],
  ['community', /社区|居委|村委|各村/],
  ['district', /各区|区县|各县|县区|县市区|各旗/],
  ['social', /社会力量|志愿者|社会工作者|社会组织|企事业单位|社会各界|各企业/],
  ['department', /部门|单位|委办局|委、办、局|各委|办局|厅局|各局|机关/],
];

/** Kinds of unit named in a phrase such as 驻区各部队 or 各街道办事处、镇政府. */
export function assigneeKindsOf(phrase: string): AssigneeKind[] {
  const found: { kind: AssigneeKind; index: number }[] = [];
  for (const [kind, re] of kindPatterns) {
    const m = re.exec(phrase);
    if (m) found.push({ kind, index: m.index });
  }
  if (found.length === 0 && /[局委办厅]$/.test(phrase)) found.push({ kind: 'department', index: 0 });
  return found.sort((a, b) => a.index - b.index).map((f) => f.kind);
}

const actorNoun =
  /(?:部门|单位|部队|驻军|街道|办事处|镇|乡|政府|区|县|局|委|办|社会力量|志愿者|社会工作者|组织|官兵|企业|社区|村|军分区|人武部|团体|机关|委办局)$/;
/** 要 as a modal verb, not inside 重要 / 需要 / 要求 / 主要 … */
const modal = /(?<![重主需必只纲摘首紧扼概提])(?:要|应当|应|须|务必)(?![求点素闻件害领是紧])/;

/**
 * Kinds of the units that the text tells to act: the subject before 要/应/须 in each clause
 * (各部门、各单位、驻区各部队要… → department, military). Order of first appearance, no repeats.
 */
export function suggestAssigneeKinds(simplifiedText: string): AssigneeKind[] {
  const kinds: AssigneeKind[] = [];
  const add = (list: AssigneeKind[]) => {
    for (const k of list) if (!kinds.includes(k)) kinds.push(k);
  };
  for (const sentence of simplifiedText.split(/[。；;！!？?\n]/)) {
    const clauses = sentence.split(/[，,：:]/);
    clauses.forEach((clause, i) => {
      const m = modal.exec(clause);
      if (!m) return;
      let subject = clause.slice(0, m.index).trim();
      if (subject === '' && i > 0) subject = (clauses[i - 1] ?? '').trim();
      if (subject === '' || subject.length > 40) return;
      const pieces = subject.split(/[、和及与]/).filter((s) => s !== '');
      if (pieces.length === 0 || !pieces.every((piece) => piece.length <= 24 && actorNoun.test(piece))) return;
      for (const piece of pieces) add(assigneeKindsOf(piece));
    });
  }
  return kinds;
}
