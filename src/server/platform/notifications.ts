import { pg } from './lazy.ts';

/**
 * PostgreSQL LISTEN on one channel, over a connection of its own (a pooled connection cannot hold a LISTEN). What
 * a node keeps in memory from the database is right only while it hears every change: `live(false)` is called
 * whenever the connection is not listening (before the first LISTEN, after an error, while it reconnects), and
 * `live(true)` once it listens again; a change committed meanwhile went unheard, so the holder must drop what it
 * kept before it trusts it again.
 */
export interface Listening {
  close(): Promise<void>;
}

export function listen(
  url: string,
  channel: string,
  on: { message(payload: string): void; live(listening: boolean): void },
  retryMs = 1000,
): Listening {
  let client: InstanceType<ReturnType<typeof pg>['Client']> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new (pg().Client)({ connectionString: url });
    client = c;
    const fail = () => {
      if (client !== c) return;
      client = null;
      on.live(false);
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), retryMs);
    };
    c.on('error', fail);
    c.on('end', fail);
    c.on('notification', (n) => {
      if (n.channel === channel) on.message(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (client === c) on.live(true);
    } catch {
      fail();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      on.live(false);
      await c?.end().catch(() => {});
    },
  };
}

/** What must end with a database's connections (listeners started on first use), run by its `close`. */
const closers = new WeakMap<object, (() => Promise<void>)[]>();

export function closeWith(db: object, close: () => Promise<void>): void {
  closers.set(db, [...(closers.get(db) ?? []), close]);
}

export async function closeAttached(db: object): Promise<void> {
  const all = closers.get(db) ?? [];
  closers.delete(db);
  for (const close of all) await close();
}
