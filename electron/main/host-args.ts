import { parseArgs } from 'node:util';
import { ROLES, roleSchema, type Role } from '../../shared/contract';

export interface HostArgs {
  /** The windows to open, in order. */
  roles: Role[];
  /** Lock kiosk and display windows down: true when the roles were chosen with --role. */
  lockdown: boolean;
  /** `--data <dir>`: the site's data folder instead of the app's userData folder. */
  dataDir: string | null;
  /** Seed the demo hall into an empty database (default; `--no-demo` turns it off). */
  demo: boolean;
  /** `--dev`: devtools in staff windows, Electron's default menu. */
  dev: boolean;
  /**
   * `--allow-plain-key`: on a machine without an OS secret store, keep the data key in a
   * plain key file (mode 0600) instead of refusing to start (docs/security.md, "The data key").
   */
  allowPlainKey: boolean;
  /** `--rotate-keys`: rotate the data key, print the result and quit; no window opens (docs/security.md, "Key rotation"). */
  rotateKeys: boolean;
}

/** Without --role a new user gets the whole hall on one screen, as ordinary windows. */
export const DEFAULT_ROLES: readonly Role[] = ['clerk', 'display', 'kiosk'];

export class HostArgsError extends Error {
  override name = 'HostArgsError';
}

/**
 * `--role kiosk|clerk|display|admin` (repeatable, or comma-separated),
 * `--data <dir>`, `--no-demo`, `--dev`, `--windowed` (keep --role windows unlocked),
 * `--allow-plain-key`, `--rotate-keys`.
 * Unknown options are ignored: Electron and Chromium put their own switches in argv.
 */
export function parseHostArgs(argv: readonly string[]): HostArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      role: { type: 'string', multiple: true },
      data: { type: 'string' },
      'no-demo': { type: 'boolean' },
      dev: { type: 'boolean' },
      windowed: { type: 'boolean' },
      'allow-plain-key': { type: 'boolean' },
      'rotate-keys': { type: 'boolean' },
    },
  });

  const roles: Role[] = [];
  for (const value of values.role ?? []) {
    if (typeof value !== 'string') throw new HostArgsError(`--role needs a value: ${ROLES.join(', ')}`);
    for (const name of value.split(',').map((part) => part.trim()).filter(Boolean)) {
      const role = roleSchema.safeParse(name);
      if (!role.success) throw new HostArgsError(`Unknown role "${name}": use ${ROLES.join(', ')}`);
      if (!roles.includes(role.data)) roles.push(role.data);
    }
  }
  if (values.role !== undefined && roles.length === 0) throw new HostArgsError(`--role needs a value: ${ROLES.join(', ')}`);
  if (values.data !== undefined && (typeof values.data !== 'string' || values.data === '')) {
    throw new HostArgsError('--data needs a folder');
  }

  const explicit = roles.length > 0;
  return {
    roles: explicit ? roles : [...DEFAULT_ROLES],
    lockdown: explicit && values.windowed !== true,
    dataDir: typeof values.data === 'string' ? values.data : null,
    demo: values['no-demo'] !== true,
    dev: values.dev === true,
    allowPlainKey: values['allow-plain-key'] === true,
    rotateKeys: values['rotate-keys'] === true,
  };
}
