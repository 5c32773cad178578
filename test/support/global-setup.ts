/** Fails fast in CI when a suite that must run could not (PostgreSQL, Chromium). */
export default function setup() {
  if (process.env.CI === 'true' && !process.env.KEDANG_TEST_DATABASE_URL) {
    throw new Error('CI=true requires KEDANG_TEST_DATABASE_URL so the PostgreSQL suites run');
  }
}
