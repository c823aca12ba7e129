import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

const BOUNDARY_RULES = ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax'];

async function crossings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => BOUNDARY_RULES.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('import boundaries (DESIGN.md section 2) are enforced by lint', () => {
  it.each([
    ['shared/contract/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/contract/x.ts', "import path from 'path';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { createHallCore } from '../../electron/core/core';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', 'export const home = process.env.HOME;'],
    ['shared/domain/x.ts', 'export const title = document.title;'],
    ['shared/domain/x.ts', "export const load = () => import('node:fs');"],
    ['electron/core/queue/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/core/queue/x.ts', "import { App } from '../../../renderer/src/App';"],
    ['electron/core/queue/x.ts', "import { startHallServer } from '../../server/hall-server';"],
    ['renderer/src/x.tsx', "import { createHallCore } from '../../electron/core/core';"],
    ['renderer/src/x.tsx', "import Database from 'better-sqlite3';"],
    ['renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['electron/server/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { createHallCore } from '../core/core';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await crossings(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/contract/x.ts', "import { z } from 'zod';"],
    ['electron/core/queue/x.ts', "import Database from 'better-sqlite3';\nimport { methods } from '../../../shared/contract';"],
    ['electron/server/x.ts', "import { createHallCore } from '../core/core';"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { createHallCore } from '../core/core';"],
    ['renderer/src/x.tsx', "import { methods } from '../../shared/contract';\nimport { useState } from 'react';"],
  ])('%s may: %s', async (file, code) => {
    expect(await crossings(file, code)).toEqual([]);
  });
});
