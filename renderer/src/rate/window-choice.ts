const STORAGE_KEY = 'hall.rate.windowId';

/** The window this tablet sits at, as chosen on it once (kept in the browser's localStorage). */
export function storedWindowId(): string | null {
  return window.localStorage.getItem(STORAGE_KEY);
}

export function storeWindowId(windowId: string | null): void {
  if (windowId === null) window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, windowId);
}
