/**
 * Every failure a user can meet has a code from this union and a Chinese message that says what to do next.
 * The server's error handler maps each code to an HTTP status with an exhaustive switch (see http/error-handler.ts).
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_AUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'WEAK_PASSWORD'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'INTERNAL';

export const defaultMessages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容有误，请按提示修改后重试。',
  MALFORMED_JSON: '请求内容不是有效的 JSON，请检查格式后重试。',
  PAYLOAD_TOO_LARGE: '提交的内容过大，请缩小后重试。',
  UNSUPPORTED_MEDIA_TYPE: '不支持该内容类型，请以 JSON 提交。',
  NOT_AUTHENTICATED: '尚未登录或登录已过期，请重新登录。',
  INVALID_CREDENTIALS: '用户名或密码错误，请重新输入。',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员解锁。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  PASSWORD_CHANGE_REQUIRED: '首次登录请先修改密码。',
  WEAK_PASSWORD: '密码不符合要求：至少 10 位，且包含大写字母、小写字母、数字和符号中的至少三类。',
  CSRF_FAILED: '页面已过期或请求来源无法验证，请刷新页面后重试。',
  FORBIDDEN: '您没有执行此操作的权限，如需开通请联系管理员。',
  NOT_FOUND: '未找到该记录，可能已被删除或不在您的数据范围内。',
  CONFLICT: '该记录已被他人修改或已存在，请刷新后重试。',
  INVALID_STATE: '当前状态下不能执行此操作。',
  INTERNAL: '系统内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号。',
};

export interface ErrorDetail {
  /** Path of the offending field, e.g. `body.name` or `row 3 / 身份证号`. */
  path?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message?: string, details: ErrorDetail[] = []) {
    super(message ?? defaultMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
  requestId: string;
}
