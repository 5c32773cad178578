import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layer rules from ARCHITECTURE.md: each folder may import only what its row allows. */
const layer = (folder, forbidden, message, allowTypeImports = false) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: forbidden.map((f) => ({ group: [`**/${f}/**`, `**/${f}.ts`], message, allowTypeImports })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'scratch/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  layer('domain', ['services', 'db', 'server', 'cli', 'web', 'config', 'wiring'], 'domain/ is pure: it imports only zod and itself'),
  layer('services', ['db', 'server', 'cli', 'web', 'wiring'], 'services/ reach storage through ports.ts only'),
  layer('db', ['server', 'cli', 'web', 'wiring'], 'db/ implements ports; it never calls adapters'),
  layer('server', ['db', 'cli', 'web'], 'server/ calls services; only wiring.ts knows db (http-errors may read db-errors)'),
  layer('cli', ['db', 'server/routes', 'web'], 'cli/ calls services through wiring.ts'),
  layer('bench', ['web', 'server/routes'], 'bench/ drives services and the raw engine side by side; it never imports the web app'),
  layer('web', ['db', 'server', 'cli', 'services', 'wiring', 'config'], 'web/ talks to the API; it imports domain code and response types only', true),
  {
    // the one error mapper may recognise constraint errors of both engines
    files: ['src/server/http-errors.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
