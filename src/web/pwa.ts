/**
 * The installable web app: the service worker (public/sw.js) keeps the app shell and the visitor's own data
 * for offline use. Registered for the whole app, so a reload without network opens any page that was built.
 */

/** Cache names shared with public/sw.js. */
const dataCache = 'shuangyong-data-v1';
/** localStorage keys of the visit lists kept by VisitsPage. */
const keptListPrefix = 'shuangyong.visits.';

/**
 * Registers the service worker. `onControlled` runs when it starts serving this page (the first visit), so the
 * page can ask again for what it shows and the worker keeps a copy for offline use.
 */
export function registerServiceWorker(onControlled: () => void): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController) onControlled();
  });
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

/**
 * Forgets the signed-in user's data kept for offline use (at logout, and at login in case another user used
 * this device). Visits waiting to be synced stay: they are deliveries that happened.
 */
export async function clearOfflineData(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(keptListPrefix)) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept there.
  }
  if ('caches' in window) await caches.delete(dataCache).catch(() => false);
}
