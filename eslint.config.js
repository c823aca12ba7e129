// Lint, and the environment boundaries of DESIGN.md section 2, enforced:
// shared ← core ← hosts; the renderer never reaches the core; only the Electron
// host imports `electron`. A crossing fails `npm test` (see tests/lint-boundaries).
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here.' })),
  patterns: [{ regex: '^node:', message: 'Node built-ins are not available here.' }],
};
const forbid = (patterns, message) => ({ group: patterns, message });

/** One no-restricted-imports rule from lists of forbidden things. */
function boundary({ node = false, groups = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: node ? noNode.paths : [],
        patterns: [...(node ? noNode.patterns : []), ...groups],
      },
    ],
  };
}

const ENVIRONMENT_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'window', 'document', 'navigator', 'localStorage', 'location'].map(
  (name) => ({ name, message: `${name} belongs to one environment; shared/ runs in all of them.` }),
);
const ELECTRON = forbid(['electron', 'electron/*'], 'Only electron/main and electron/preload may import Electron.');
const RENDERER = forbid(['**/renderer', '**/renderer/**'], 'Nothing imports the renderer.');
const CORE = forbid(['**/electron/core', '**/electron/core/**', '**/core/**'], 'The core is reached through the contract (HallClient), not imported.');
const HOSTS = forbid(['**/electron/main/**', '**/electron/server/**', '**/electron/preload/**', '**/main/**', '**/server/**', '**/preload/**'], 'The core does not know its hosts.');
const ANY_ELECTRON_FOLDER = forbid(['**/electron/**'], 'shared/ and the renderer do not import from electron/.');
const UI = forbid(['react', 'react-dom', 'react-dom/*', 'react-router', 'react-i18next'], 'No UI libraries here.');
const NATIVE = forbid(['better-sqlite3', 'ws', 'sirv', 'electron-store'], 'Node-only packages are not available here.');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The boundaries.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      ...boundary({ node: true, groups: [ELECTRON, RENDERER, ANY_ELECTRON_FOLDER, UI, NATIVE] }),
      // Neither Node's nor the browser's globals exist for shared code.
      'no-restricted-globals': ['error', ...ENVIRONMENT_GLOBALS],
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'No dynamic imports in shared/.' }],
    },
  },
  { files: ['electron/core/**/*.ts'], rules: boundary({ groups: [ELECTRON, RENDERER, HOSTS, UI] }) },
  { files: ['electron/server/**/*.ts'], rules: boundary({ groups: [ELECTRON, RENDERER, forbid(['**/main/**', '**/preload/**'], 'The Node host does not use the Electron host.'), UI] }) },
  { files: ['electron/main/**/*.ts'], rules: boundary({ groups: [RENDERER, forbid(['**/server/**'], 'The Electron host does not use the Node host.'), UI] }) },
  { files: ['electron/preload/**/*.ts'], rules: boundary({ node: true, groups: [RENDERER, CORE, forbid(['**/server/**', '**/main/**'], 'The preload only bridges IPC.'), UI, NATIVE] }) },
  { files: ['renderer/**/*.{ts,tsx}'], rules: boundary({ node: true, groups: [ELECTRON, ANY_ELECTRON_FOLDER, CORE, NATIVE] }) },
  // Command-line entry points print to the console on purpose.
  { files: ['scripts/**', 'bench/**', 'electron/server/cli.ts'], rules: { 'no-console': 'off' } },
);
