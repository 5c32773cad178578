/** Fails fast in CI when a suite that must run could not (PostgreSQL, Chromium); builds the web app once. */
export default async function setup() {
  if (process.env.CI === 'true' && !process.env.KEDANG_TEST_DATABASE_URL) {
    throw new Error('CI=true requires KEDANG_TEST_DATABASE_URL so the PostgreSQL suites run');
  }
  // one build for every suite that serves the web app (headers, path tricks, browser tests)
  const href = new URL('../../scripts/build-web.js', import.meta.url).href;
  const { ensureWebBuilt } = (await import(href)) as { ensureWebBuilt: () => Promise<boolean> };
  await ensureWebBuilt();
}
