/** A tiny fetch wrapper for HTTP tests: JSON in and out, cookie or bearer auth. */
export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export function apiClient(baseUrl: string) {
  let cookie: string | undefined;
  let bearer: string | undefined;
  let lang = 'zh-CN';
  const request = async (method: string, path: string, body?: unknown, init: { raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { 'accept-language': lang, ...init.headers };
    if (body !== undefined || init.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (cookie) headers.cookie = cookie;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(baseUrl + path, { method, headers, body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
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
    useToken: (t: string | undefined) => { bearer = t; cookie = undefined; },
    useLanguage: (l: 'zh-CN' | 'en') => { lang = l; },
    clearCookie: () => { cookie = undefined; },
  };
}
