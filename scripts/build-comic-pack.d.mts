import type { ComicPack } from '../shared/comics/comic-pack';
import type { PackProblem } from '../shared/comics/comic-pack-validation';

export const ROOT: string;
export const REGULATION_FILE: string;

export interface ComicPackBuild {
  /** null when the sources do not make a pack (see problems). */
  pack: ComicPack | null;
  /** The art: bytes by path relative to the pack folder. */
  files: Map<string, Uint8Array>;
  problems: PackProblem[];
  seriesCount: number;
}

export function sourcePacks(root?: string): string[];
export function buildComicPack(packId: string, root?: string): ComicPackBuild;
export function packOutput(result: ComicPackBuild): Map<string, Buffer>;
export function outputDifferences(packId: string, result: ComicPackBuild, root?: string): string[];
