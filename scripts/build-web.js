// Builds the web app (src/web → dist/web) with Vite's JS API, only when the sources are newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = path.join(root, 'dist/web/index.html');
const inputs = [path.join(root, 'src/web'), path.join(root, 'src/domain'), path.join(root, 'vite.config.ts')];

/** Newest modification time under a file or folder (0 when missing). */
function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** True when dist/web is missing or older than any web or domain source. */
export function isWebBuildStale() {
  const built = newestMtime(outIndex);
  if (built === 0) return true;
  return inputs.some((p) => newestMtime(p) > built);
}

/**
 * Builds dist/web when it is missing or stale (or always with force).
 * Returns true when a build ran.
 */
export async function ensureWebBuilt({ force = false } = {}) {
  if (!force && !isWebBuildStale()) return false;
  console.log('Building the web app… / 正在构建前端…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  // the index is written first; touch it so its time is after every other output and input
  const now = new Date();
  fs.utimesSync(outIndex, now, now);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWebBuilt({ force: true }).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
