import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../shared/domain/password-policy.ts';
import { generatePassword } from './PasswordHints.tsx';

describe('generatePassword', () => {
  it('always meets the shared password policy', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword('admin');
      expect(checkPassword(password, 'admin').problems).toEqual([]);
    }
  });
});
