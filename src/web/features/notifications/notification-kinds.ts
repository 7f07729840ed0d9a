/** Kinds of 站内消息 (see the server's NotificationMessage) with their label and tag colour. */
const kinds: Record<string, { label: string; color: string }> = {
  assignment: { label: '指派', color: 'blue' },
  reminder: { label: '提醒', color: 'gold' },
  overdue: { label: '逾期', color: 'red' },
  system: { label: '系统', color: 'default' },
};

export function notificationKind(kind: string): { label: string; color: string } {
  return kinds[kind] ?? { label: kind, color: 'default' };
}
