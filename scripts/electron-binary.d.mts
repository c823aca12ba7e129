export function findElectronBinary(options: {
  electronDir: string | null;
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string;
}): string | null;

export function electronPackageDir(projectDir: string): string | null;
