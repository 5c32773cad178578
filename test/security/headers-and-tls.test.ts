import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadTls } from '../../src/config/load-config.ts';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { webRoot } from '../support/web.ts';

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

/** A throw-away self-signed certificate for 127.0.0.1, made with the machine's openssl. */
function selfSignedCert(dir: string) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { cert, key };
}

/** HTTPS with our own certificate as the only trusted root, so the test proves a real TLS handshake. */
function httpsRequest(url: string, ca: Buffer, opts: { method?: string; body?: unknown } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = https.request(url, { method: opts.method ?? 'GET', ca, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const cspOf = (h: Headers) => Object.fromEntries((h.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

describe('HTTPS start-up errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-tls-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the missing variable when only one of the pair is set', () => {
    expect(() => loadConfig({ KEDANG_TLS_CERT: '/etc/kedang/cert.pem' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEDANG_TLS_CERT: '/etc/kedang/cert.pem' })).toThrow(/KEDANG_TLS_KEY/);
    expect(() => loadConfig({ KEDANG_TLS_KEY: '/etc/kedang/key.pem' })).toThrow(/KEDANG_TLS_CERT/);
    expect(loadConfig({}).tlsCertFile).toBeUndefined();
  });

  it('names the variable and the path of a missing or unreadable file, and a pair that does not fit', () => {
    const { cert, key } = selfSignedCert(dir);
    const missing = path.join(dir, 'nope.pem');
    expect(() => loadTls(loadConfig({ KEDANG_TLS_CERT: missing, KEDANG_TLS_KEY: key }))).toThrow(new RegExp(`KEDANG_TLS_CERT: ${missing}.*not found`));
    expect(() => loadTls(loadConfig({ KEDANG_TLS_CERT: cert, KEDANG_TLS_KEY: missing }))).toThrow(/KEDANG_TLS_KEY: .*not found/);
    expect(() => loadTls(loadConfig({ KEDANG_TLS_CERT: dir, KEDANG_TLS_KEY: key }))).toThrow(/KEDANG_TLS_CERT: .*cannot be read \(EISDIR\)/);
    const junk = path.join(dir, 'junk.pem');
    fs.writeFileSync(junk, 'not a certificate');
    expect(() => loadTls(loadConfig({ KEDANG_TLS_CERT: junk, KEDANG_TLS_KEY: key }))).toThrow(/KEDANG_TLS_CERT \/ KEDANG_TLS_KEY/);
    const other = fs.mkdtempSync(path.join(dir, 'other-'));
    expect(() => loadTls(loadConfig({ KEDANG_TLS_CERT: cert, KEDANG_TLS_KEY: selfSignedCert(other).key }))).toThrow(/do(es)? not|not a valid PEM certificate and matching private key/);
    expect(loadTls(loadConfig({ KEDANG_TLS_CERT: cert, KEDANG_TLS_KEY: key }))?.cert.toString()).toMatch(/BEGIN CERTIFICATE/);
  });
});

describe.each(testEngines())('security headers and HTTPS on %s', (engine) => {
  let plain: Awaited<ReturnType<typeof startTestServer>>;
  let secure: Awaited<ReturnType<typeof startTestServer>>;
  let dir: string;
  let ca: Buffer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-tls-'));
    const { cert, key } = selfSignedCert(dir);
    ca = fs.readFileSync(cert);
    [plain, secure] = await Promise.all([
      startTestServer(engine, { fastPasswords: true, webRoot }),
      startTestServer(engine, { fastPasswords: true, env: { KEDANG_TLS_CERT: cert, KEDANG_TLS_KEY: key } }),
    ]);
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends CSP, nosniff, frame-ancestors none and Referrer-Policy on API answers, errors, the web app and the docs', async () => {
    const signedIn = apiClient(plain.url);
    await signedIn.signIn();
    const answers = [
      await fetch(`${plain.url}/api/health`),
      await fetch(`${plain.url}/api/v1/customers`),
      await signedIn.get('/api/v1/nothing-here'),
      await fetch(`${plain.url}/api/docs`),
      await fetch(`${plain.url}/`),
      await fetch(`${plain.url}/customers/1`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 200, 200, 200]);
    for (const r of answers) {
      const csp = cspOf(r.headers);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('same-origin');
      expect(r.headers.get('strict-transport-security')).toBeNull();
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
    // the sign-in over plain HTTP sets cookies without Secure (a browser would drop Secure ones)
    const cookies = (await apiClient(plain.url).raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'admin-pass-1' })).headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(c).not.toMatch(/;\s*Secure/i);
  });

  it('serves HTTPS with HSTS and Secure cookies when KEDANG_TLS_CERT and KEDANG_TLS_KEY are set', async () => {
    expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`${secure.url}/api/health`, ca);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', engine });
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(health.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    const signIn = await httpsRequest(`${secure.url}/api/v1/auth/sign-in`, ca, { method: 'POST', body: { username: 'admin', password: 'admin-pass-1' } });
    expect(signIn.status).toBe(200);
    const cookies = signIn.headers['set-cookie'] ?? [];
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['kedang_session', 'kedang_csrf']);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
    // a client that does not trust the certificate is refused by the handshake
    await expect(httpsRequest(`${secure.url}/api/health`, Buffer.from(''))).rejects.toThrow(/self[- ]signed|certificate/i);
    // and plain HTTP on the TLS port gets no API
    await expect(fetch(`${secure.url.replace('https:', 'http:')}/api/health`).then((r) => r.status)).rejects.toThrow();
  });
});
