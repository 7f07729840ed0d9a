/** Password policy shared by the server (enforcement) and the web form (hints as you type). */
export interface PasswordCheck {
  ok: boolean;
  problems: string[];
}

export const passwordMinLength = 10;

export function checkPassword(password: string, username = ''): PasswordCheck {
  const problems: string[] = [];
  if ([...password].length < passwordMinLength) problems.push(`至少 ${passwordMinLength} 位`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  if (/(.)\1{3,}/.test(password)) problems.push('不能有 4 个以上连续相同字符');
  return { ok: problems.length === 0, problems };
}
