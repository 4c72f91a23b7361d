import { useEffect, useState } from 'preact/hooks';
import { get, type Township, type Village } from './api';

export interface Divisions {
  townships: Township[];
  villages: Village[];
  townshipName: (code: string | null | undefined) => string;
  villageName: (code: string | null | undefined) => string;
}

let cached: Promise<Divisions> | undefined;

/** The county's townships and villages, loaded once per sign-in, to show names for codes. */
export function loadDivisions(): Promise<Divisions> {
  cached ??= Promise.all([get<Township[]>('/townships'), get<Village[]>('/villages')]).then(
    ([townships, villages]) => {
      const t = new Map(townships.map((x) => [x.code, x.name]));
      const v = new Map(villages.map((x) => [x.code, x.name]));
      return {
        townships,
        villages,
        townshipName: (code) => (code ? (t.get(code) ?? code) : '—'),
        villageName: (code) => (code ? (v.get(code) ?? code) : '—'),
      };
    },
  );
  cached.catch(() => (cached = undefined));
  return cached;
}

export function forgetDivisions(): void {
  cached = undefined;
}

const NONE: Divisions = {
  townships: [],
  villages: [],
  townshipName: (code) => code ?? '—',
  villageName: (code) => code ?? '—',
};

/** Names once they are loaded; codes until then (the page never waits for them). */
export function useDivisions(): Divisions {
  const [divisions, setDivisions] = useState<Divisions>(NONE);
  useEffect(() => {
    loadDivisions().then(setDivisions, () => undefined);
  }, []);
  return divisions;
}
