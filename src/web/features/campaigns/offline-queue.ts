/**
 * Visits (and tasks done on their own, e.g. a 喜报 delivered) recorded without network wait in IndexedDB on the phone and are sent when the network is back. Each
 * carries the uuid made when it was recorded (clientKey), so a visit sent twice — a sync cut off halfway, two
 * tabs syncing at once — is recorded once by the server; a visit that lost to another delivery comes back as a
 * conflict and stays listed with the server's message until the visitor dismisses it.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CompleteTasksRequest } from '../../../shared/api/campaign-tasks.api.ts';
import type { RecordVisitRequest } from '../../../shared/api/campaign-visits.api.ts';
import { api, errorText, isApiError } from '../../api/client.ts';

export interface QueuedVisit {
  clientKey: string;
  campaignId: number;
  /** null for tasks done on their own (body is then a task completion). */
  entryId: number | null;
  personName: string;
  body: RecordVisitRequest | CompleteTasksRequest;
  queuedAt: string;
  /** Set when the server refused the visit (e.g. already delivered by someone else). */
  error: string | null;
}

const dbName = 'shuangyong-offline';
const store = 'visits';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath: 'clientKey' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const listeners = new Set<() => void>();
let snapshot: QueuedVisit[] = [];
async function refresh(): Promise<void> {
  snapshot = ((await run('readonly', (s) => s.getAll())) as QueuedVisit[]).sort((a, b) =>
    a.queuedAt.localeCompare(b.queuedAt),
  );
  for (const l of listeners) l();
}

export async function enqueueVisit(visit: Omit<QueuedVisit, 'queuedAt' | 'error'>): Promise<void> {
  await run('readwrite', (s) => s.put({ ...visit, queuedAt: new Date().toISOString(), error: null }));
  await refresh();
}

export async function dropVisit(clientKey: string): Promise<void> {
  await run('readwrite', (s) => s.delete(clientKey));
  await refresh();
}

let syncing: Promise<{ sent: number; refused: number }> | null = null;

/** Sends every queued visit; stops at the first network failure. Only one sync runs at a time per tab. */
export function syncQueue(): Promise<{ sent: number; refused: number }> {
  syncing ??= (async () => {
    let sent = 0;
    let refused = 0;
    try {
      await refresh();
      for (const v of snapshot.filter((x) => x.error === null)) {
        try {
          await api.post(
            v.entryId === null
              ? `/api/campaigns/${v.campaignId}/tasks/complete`
              : `/api/campaigns/${v.campaignId}/entries/${v.entryId}/visit`,
            v.body,
          );
          await run('readwrite', (s) => s.delete(v.clientKey));
          sent++;
        } catch (error) {
          if (isApiError(error, 'NETWORK_ERROR') || isApiError(error, 'NOT_AUTHENTICATED')) break;
          await run('readwrite', (s) => s.put({ ...v, error: errorText(error) }));
          refused++;
        }
      }
    } finally {
      await refresh();
      syncing = null;
    }
    return { sent, refused };
  })();
  return syncing;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** navigator.onLine, followed. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}

/** The queue as the page shows it, synced whenever the network comes back (and every 30 s while online). */
export function useOfflineQueue(onSynced?: (result: { sent: number; refused: number }) => void) {
  const queue = useSyncExternalStore(subscribe, () => snapshot);
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  // The latest callback, read when a sync ends: a caller's new callback must not start another sync.
  const onSyncedRef = useRef(onSynced);
  onSyncedRef.current = onSynced;
  const sync = useCallback(async () => {
    setBusy(true);
    try {
      const result = await syncQueue();
      if (result.sent || result.refused) onSyncedRef.current?.(result);
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!online) return;
    void sync();
    const timer = setInterval(() => void sync(), 30_000);
    return () => clearInterval(timer);
  }, [online, sync]);
  return { queue, online, busy, sync };
}
