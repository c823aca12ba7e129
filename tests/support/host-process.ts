import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../electron/server/cli.ts', import.meta.url));

export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: no shutdown code runs, as in a crash. (The OS still flushes its cache: not a power cut.) */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The Node host as its own process (`npm run serve` without the build), on a free port. */
export async function startHostProcess(dataDir: string, extraArgs: string[] = [], port = 0): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data', dataDir, '--port', String(port), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
