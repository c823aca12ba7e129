import { useEffect, useState } from 'react';
import { useHall } from '../hall-context';
import { CategoryCache, type LoadedCategories } from './category-cache';

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: memory only
  }
}

/** One copy per page, shared by every component that shows categories. */
const cache = new CategoryCache(pageStorage());

/**
 * The current content-category dictionary, loaded when the page's connection opens (for
 * the clerk: once signed in) and again whenever an admin replaces it (categories.changed).
 */
export function useCategoryDictionary(): { loaded: LoadedCategories | null; error: unknown } {
  const { client, connection } = useHall();
  const [loaded, setLoaded] = useState<LoadedCategories | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => client.on('categories.changed', () => setChanges((count) => count + 1)), [client]);
  useEffect(() => {
    if (connection === 0) return;
    let current = true;
    cache.load(client).then(
      (value) => {
        if (!current) return;
        setLoaded(value);
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [client, connection, changes]);
  return { loaded, error };
}
