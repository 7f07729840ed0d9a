import type { FormInstance } from 'antd';
import { type ApiErrorCode, errorText, isApiError } from '../api/client.ts';

/**
 * Puts the server's validation messages on the form fields they belong to (`body.username` → `username`).
 * `codeFields` names the field for errors that carry no path (e.g. WEAK_PASSWORD → the password field).
 * Returns the message to show above the form when no field took it, else null.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  codeFields: Partial<Record<ApiErrorCode, string>> = {},
): string | null {
  if (!isApiError(error)) return errorText(error);
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields = new Map<string, string[]>();
  let unplaced = false;
  for (const detail of error.details) {
    const name = detail.path?.replace(/^(body|querystring|params)\.?/, '').split('.')[0];
    if (name && known.has(name)) fields.set(name, [...(fields.get(name) ?? []), detail.message]);
    else unplaced = true;
  }
  const byCode = codeFields[error.code];
  if (fields.size === 0 && byCode) fields.set(byCode, [error.message]);
  if (fields.size > 0) form.setFields([...fields].map(([name, errors]) => ({ name, errors })));
  if (fields.size === 0) return error.message;
  return unplaced ? error.message : null;
}
