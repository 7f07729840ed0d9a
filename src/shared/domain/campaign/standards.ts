/**
 * 慰问标准 (standards) as data: categories + conditions over a person's facts → a package, with a priority.
 * The zod schema is shared by the API and the web form; evaluation explains itself in Chinese.
 *
 * Conventions:
 * - a higher `priority` number wins; ties go to the more valuable package (cash + goods), then the smaller id;
 * - 伤残等级 1 is the most severe, 10 the least: "伤残等级 ≤ 4" is `{ kind: 'disabilityGrade', max: 4 }` (1–4 级);
 * - the qualification conditions (伤残等级, 伤残性质, 与军人关系) must all hold for one and the same
 *   qualification, and that qualification must be in the standard's categories (empty = any category);
 * - a standard without an `alive` condition still only matches living people (慰问对象须在世); add
 *   `{ kind: 'alive', value: false }` for the rare rule meant for the deceased;
 * - all amounts are integer cents (分);
 * - a person who matches nothing gets one exclusion reason when the standards that concern them agree (已故,
 *   非本区户籍, `年龄 79 岁，未满 80 岁` …; standards naming the person's category count before those open to
 *   any category), else `不符合任何慰问标准`; `failures` then says why each standard did not match.
 */
// One idea per file: the data and its schema (standard-schema.ts), a person's facts and the outcomes
// (standard-facts.ts), conditions compiled by kind (standard-compile.ts), the evaluator
// (standard-evaluation.ts) and the Chinese texts of conditions and reasons (standard-texts.ts). This file is
// the module's public surface, as it was before the split.
export {
  type CompiledStandard,
  compareStandards,
  compileStandard,
  type Range,
} from './standard-compile.ts';
export { createEvaluator, evaluatePerson, type StandardEvaluator } from './standard-evaluation.ts';
export * from './standard-facts.ts';
export * from './standard-schema.ts';
export { describeCondition, goodsText, matchedRangeParts, rangeText } from './standard-texts.ts';
