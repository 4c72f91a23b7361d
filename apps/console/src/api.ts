/** The County API as the console uses it: one fetch wrapper, the shapes it answers with. */

import type { components } from './api-types';

export type { Sector, Stage } from '@sanbao/domain';
export { SECTORS, STAGES } from '@sanbao/domain';

// The API's answers, as its OpenAPI document declares them (api-types.ts is generated from it
// by `npm run console:api`; a spec fails when it is stale).
type Answer = components['schemas'];
export type Principal = Answer['PrincipalResponse'];
export type UserRole = Principal['role'];
export type SignedIn = Answer['SignedInDto'];
export type ActResult = Answer['ActResultDto'];
export type Dashboard = Answer['DashboardResponse'];
export type Extension = Answer['ExtensionResponse'];
export type IssueTimeline = Answer['IssueTimelineResponse'];
export type Issue = Answer['LedgerIssueResponse'];
export type IssueList = Answer['LedgerPageResponse'];
export type MonthlyReport = Answer['MonthlyReportResponse'];
export type OnTimeRow = Answer['OnTimeRowResponse'];
export type TimelineEntry = Answer['TimelineEntryResponse'];
export type WorkItem = Answer['WorkItemResponse'];
export type BureauFileKind = Answer['BureauFileKindResponse'];
export type BureauUpload = Answer['BureauUploadResponse'];
export type Township = Answer['TownshipResponse'];
export type Village = Answer['VillageResponse'];

/** An answer other than 2xx, as the API's error body describes it. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const TOKEN = 'sanbao.console.token';
const PRINCIPAL = 'sanbao.console.principal';

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN),
  principal(): Principal | null {
    const raw = localStorage.getItem(PRINCIPAL);
    try {
      return raw ? (JSON.parse(raw) as Principal) : null;
    } catch {
      return null;
    }
  },
  save(token: string, principal: Principal): void {
    localStorage.setItem(TOKEN, token);
    localStorage.setItem(PRINCIPAL, JSON.stringify(principal));
  },
  clear(): void {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(PRINCIPAL);
  },
};

/** Called when the token is refused (expired, revoked): the app goes back to sign-in. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'network', 'network');
  }
  if (response.ok) return response;
  let error: ErrorBody = {};
  try {
    error = (await response.json()) as ErrorBody;
  } catch {
    // not JSON: keep the status alone
  }
  throw refusal(path, response.status, response.statusText, error);
}

interface ErrorBody {
  error?: string;
  message?: string;
  fields?: Record<string, string[]>;
  requestId?: string;
}

/** An answer other than 2xx as an ApiFailure; a refused token signs the person out. */
function refusal(path: string, status: number, statusText: string, error: ErrorBody): ApiFailure {
  if (status === 401 && path !== '/auth/sign-in') {
    session.clear();
    onSignedOut();
  }
  return new ApiFailure(
    status,
    error.error ?? String(status),
    error.message ?? statusText,
    error.fields ?? {},
    error.requestId,
  );
}

/**
 * Sends a form with a file through XMLHttpRequest, which (unlike fetch) reports how much of
 * the body has gone: `onProgress(sent, total)` as the upload moves.
 */
export function postForm<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new ApiFailure(0, 'network', 'network'));
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // not JSON: keep the status alone
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(refusal(path, xhr.status, xhr.statusText, body as ErrorBody));
    };
    xhr.send(form);
  });
}

export async function get<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return (await (await send('POST', path, body)).json()) as T;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send('GET', path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A request id for an act: kept while the same form is resent, so a retry is one act. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
