export function electronBindingPath(root: string, electronVersion: string, arch?: string): string;
export function buildCommands(root: string, electronVersion: string, arch?: string): Array<[string, string[]]>;
export function ensureElectronSqlite(root: string, electronDir: string | null, log?: (line: string) => void): string | null;
