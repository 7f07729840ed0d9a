import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { checkPassword } from '../../../shared/domain/password-policy.ts';

/**
 * Every rule of the shared password policy, in its own words: a password that breaks all of them makes
 * checkPassword name each one, so the list can never drift from what the server enforces.
 */
const allRules = checkPassword('aaaa', 'aaaa').problems;

/** Live hints under a new-password field: each policy rule, ticked once the typed password meets it. */
export function PasswordHints({ password, username }: { password: string; username: string }) {
  const problems = new Set(checkPassword(password, username).problems);
  return (
    <ul aria-live="polite" style={{ listStyle: 'none', margin: '4px 0 0', padding: 0, fontSize: 13, lineHeight: 1.9 }}>
      {allRules.map((rule) => {
        const ok = password.length > 0 && !problems.has(rule);
        return (
          <li key={rule} style={{ color: ok ? '#389e0d' : 'rgba(0,0,0,0.55)' }} data-ok={ok}>
            {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} <span>{rule}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A random initial password that meets the policy (for admins creating or resetting accounts). */
export function generatePassword(username = ''): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*-_+=?'];
  const all = sets.join('');
  const pick = (chars: string) => {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    return chars[buf[0]! % chars.length]!;
  };
  for (;;) {
    const chars = [...sets.map(pick), ...Array.from({ length: 10 }, () => pick(all))];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = Math.floor((crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32) * (i + 1));
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPassword(password, username).ok) return password;
  }
}
