import { describe, expect, it } from 'vitest';
import { assigneeKindsOf, suggestAssigneeKinds } from './assignees.ts';

describe('assigneeKindsOf', () => {
  it.each([
    ['驻区各部队', ['military']],
    ['各驻市部队', ['military']],
    ['各街道办事处、镇政府', ['street']],
    ['各有关部门', ['department']],
    ['区政府各委、办、局', ['department']],
    ['各区', ['district']],
    ['各区退役军人事务局', ['district']],
    ['各社区居委会', ['community']],
    ['志愿者', ['social']],
    ['市民政局', ['department']],
  ] as const)('%s → %j', (phrase, kinds) => {
    expect(assigneeKindsOf(phrase)).toEqual(kinds);
  });
});

describe('suggestAssigneeKinds', () => {
  it('reads the subject before 要', () => {
    expect(suggestAssigneeKinds('各部门、各单位、驻区各部队要强化大局意识。')).toEqual(['department', 'military']);
    expect(suggestAssigneeKinds('驻区部队要坚持以人民为中心。')).toEqual(['military']);
    expect(suggestAssigneeKinds('各街道、各镇要做好走访慰问。')).toEqual(['street']);
    expect(suggestAssigneeKinds('各区各部门要全力支持部队练兵备战各项工作。')).toEqual(['district', 'department']);
  });

  it('reads a subject separated from 要 by a comma', () => {
    expect(
      suggestAssigneeKinds('各级双拥工作领导小组成员单位和志愿者、社会工作者等社会力量,要踊跃开展行业拥军。'),
    ).toEqual(['department', 'social']);
  });

  it('ignores units that are objects, and 要 inside 需要 / 重要 / 要求', () => {
    expect(suggestAssigneeKinds('结合各驻市部队备战打仗现实需要，主动了解情况。')).toEqual([]);
    expect(suggestAssigneeKinds('帮助部队排忧解难是重要任务。')).toEqual([]);
    expect(suggestAssigneeKinds('要求各部门认真落实。')).toEqual([]);
  });
});
