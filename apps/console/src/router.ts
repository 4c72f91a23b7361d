import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string;
  params: URLSearchParams;
}

/** The console routes by the URL fragment (#/ledger?stage=...): the server serves one page. */
export function currentRoute(): Route {
  const hash = decodeURI(location.hash.replace(/^#/, '')) || '/';
  const [path, search = ''] = hash.split('?');
  return { path: path || '/', params: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => {
      setRoute(currentRoute());
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function href(path: string, params?: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function go(path: string, params?: Record<string, string | number | undefined>): void {
  location.hash = href(path, params);
}
