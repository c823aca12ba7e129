import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../support/hall-host';
import { startHostProcess, type HostProcess } from '../support/host-process';

const CLI = fileURLToPath(new URL('../../electron/server/cli.ts', import.meta.url));
const dirs: string[] = [];
const hosts: HostProcess[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-first-run-'));
  dirs.push(dir);
  return dir;
}

/** Runs the Node host's command line to its end: exit code and what it printed. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the Node host on first run', () => {
  it('refuses --demo when it binds beyond loopback: a clear message, exit 2, nothing created', async () => {
    const dataDir = dataFolder();
    const { code, stderr, stdout } = await runCli(['--data', join(dataDir, 'hall'), '--demo', '--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain('--demo is refused when the host serves the network (0.0.0.0): the demo accounts have a published password.');
    expect(stdout).toBe('');
    expect(existsSync(join(dataDir, 'hall'))).toBe(false);
  });

  it('prints the one-time setup code on a fresh data folder; the code makes the first administrator; the next start prints none', async () => {
    const dataDir = dataFolder();
    const first = await startHostProcess(dataDir);
    hosts.push(first);
    const output = await printed(first, /first-run setup code: (\d{4}-\d{4}) — open (\S+) to create the first administrator/);
    const [, code, adminUrl] = output;
    expect(adminUrl).toBe(`${first.url}/admin`);

    expect((await api(first.url, 'admin', 'auth.setupStatus', {})).body.value).toEqual({ needed: true });
    const created = await api(first.url, 'admin', 'auth.setupFirstAdmin', { code, staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' });
    expect(created.body.value.staff).toMatchObject({ staffNo: 'A01', role: 'admin' });
    await first.stop();
    hosts.pop();

    const second = await startHostProcess(dataDir);
    hosts.push(second);
    const log = await printed(second, /Press Ctrl\+C to stop\./);
    expect(log.input).not.toMatch(/setup code/);
    expect((await api(second.url, 'admin', 'auth.setupStatus', {})).body.value).toEqual({ needed: false });
  });
});

/** Waits until the host's output matches. */
function printed(host: HostProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = host.output();
    const check = () => {
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        host.child.stdout!.off('data', onData);
        resolve(match);
      }
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      check();
    };
    const timer = setTimeout(() => reject(new Error(`not printed: ${pattern}\n${output}`)), 20_000);
    host.child.stdout!.on('data', onData);
    check();
  });
}
