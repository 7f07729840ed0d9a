import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';

type Rule<T extends keyof DB> = (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>;

/**
 * The shape every army–people register's scope takes: admin reaches every row; the office, leaders and street
 * staff what `regional` allows (their region's subtree, as a rule); troop and department liaisons what
 * `liaison` allows (nothing when absent); anyone else nothing.
 */
export function scopeByRole<T extends keyof DB>(actor: Actor, regional: Rule<T>, liaison?: Rule<T>): Rule<T> {
  return (eb) => {
    switch (actor.role) {
      case 'admin':
        return eb.lit(true);
      case 'office':
      case 'leader':
      case 'street':
        return regional(eb);
      case 'troop':
      case 'department':
        return liaison ? liaison(eb) : eb.lit(false);
      default:
        return eb.lit(false);
    }
  };
}
