import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.ts';
import { testEngines } from '../support/engines.ts';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';

describe('KEDANG_CLASSIFY_CRON', () => {
  it('defaults to 02:00 China time, can be off, and a bad pattern stops start-up naming the variable', () => {
    expect(loadConfig({})).toMatchObject({ classifyCron: '0 2 * * *', classifyTimezone: 'Asia/Shanghai' });
    expect(loadConfig({ KEDANG_CLASSIFY_CRON: 'off' }).classifyCron).toBeUndefined();
    expect(() => loadConfig({ KEDANG_CLASSIFY_CRON: 'every night' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEDANG_CLASSIFY_CRON: 'every night' })).toThrow(/KEDANG_CLASSIFY_CRON/);
  });
});

describe.each(testEngines())('the scheduled classification run on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // every second, so the test sees the schedule fire; the server answers meanwhile
    server = await startTestServer(engine, { fastPasswords: true, env: { KEDANG_CLASSIFY_CRON: '* * * * * *' } });
  });
  afterAll(() => server?.close());

  it('runs on a worker thread as the nightly job and is listed with its actor', async () => {
    const api = apiClient(server.url);
    await api.signIn();
    let runs: { actorName: string; status: string }[] = [];
    for (let i = 0; i < 300 && !runs.some((r) => r.status === 'succeeded'); i++) {
      runs = (await api.get('/api/v1/classification/runs')).body.items;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs.find((r) => r.status === 'succeeded')).toMatchObject({ actorName: 'system:nightly-classification', status: 'succeeded' });
  }, 120_000);
});
