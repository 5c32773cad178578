/** A tiny fetch wrapper for HTTP tests: JSON in and out, cookie or bearer auth. */
export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RequestInit = {
  raw?: string;
  headers?: Record<string, string>;
  /** leave out the X-CSRF-Token header a browser page would send (CSRF tests) */
  noCsrf?: boolean;
};

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Keeps cookies like a browser and, like the web app, echoes the kedang_csrf cookie in X-CSRF-Token on
 * every write, so cookie sessions pass the CSRF check.
 */
export function apiClient(baseUrl: string) {
  const jar = new Map<string, string>();
  let bearer: string | undefined;
  let lang = 'zh-CN';
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.split('=').map((x) => x.trim());
        return (/^max-age$/i.test(k) && Number(v) <= 0) || (/^expires$/i.test(k) && Date.parse(v) <= Date.now());
      });
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const request = async (method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { 'accept-language': lang };
    if (body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
    if (jar.size) headers.cookie = cookieHeader();
    const csrf = jar.get('kedang_csrf');
    if (csrf && mutating.has(method) && !init.noCsrf) headers['x-csrf-token'] = csrf;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    Object.assign(headers, init.headers);
    const res = await fetch(baseUrl + path, { method, headers, body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    keep(res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    get: (p: string) => request('GET', p),
    post: (p: string, b?: unknown) => request('POST', p, b),
    patch: (p: string, b?: unknown) => request('PATCH', p, b),
    put: (p: string, b?: unknown) => request('PUT', p, b),
    delete: (p: string) => request('DELETE', p),
    raw: request,
    signIn: async (username = 'admin', password = 'admin-pass-1') => {
      const r = await request('POST', '/api/v1/auth/sign-in', { username, password });
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    },
    useToken: (t: string | undefined) => {
      bearer = t;
      jar.clear();
    },
    useLanguage: (l: 'zh-CN' | 'en') => {
      lang = l;
    },
    clearCookie: () => jar.clear(),
    /** The cookies this client holds, by name. */
    cookies: () => Object.fromEntries(jar),
    setCookie: (name: string, value: string) => jar.set(name, value),
  };
}
