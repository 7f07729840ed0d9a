/** The server's one source of "now" (domain rules take `now` as a parameter instead). */
export function nowIso(): string {
  return new Date().toISOString();
}
