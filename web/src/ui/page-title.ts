import { useEffect } from 'react';

/** Each screen names itself in the tab title, which screen readers announce after navigation. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Tributary`;
  }, [title]);
}
