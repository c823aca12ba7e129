import { formatProblem, type PackProblem } from '../../../shared/comics/comic-pack-validation';

/**
 * Why a comic pack was not installed (installPack). The current pack stays in every case.
 * - UNREADABLE: the folder or pack.json could not be read (not JSON, too large …);
 * - INVALID_PACK: pack.json does not follow the schema, or lists files no panel uses;
 * - FILE_MISMATCH: a file is missing, changed (its SHA-256 differs) or not listed;
 * - CHECKSUM_MISMATCH: the checksum is not the one of the pack's content;
 * - UNSAFE_FILE: an SVG fails the safety checks (script, external reference …);
 * - NOT_NEWER: the pack is older than the current one of its id;
 * - VERSION_CONFLICT: a different pack under the version of the current one.
 */
export type ComicPackErrorCode = 'UNREADABLE' | 'INVALID_PACK' | 'FILE_MISMATCH' | 'CHECKSUM_MISMATCH' | 'UNSAFE_FILE' | 'NOT_NEWER' | 'VERSION_CONFLICT';

export class ComicPackError extends Error {
  constructor(
    readonly code: ComicPackErrorCode,
    message: string,
    readonly problems: PackProblem[] = [],
  ) {
    super(message);
    this.name = 'ComicPackError';
  }

  /** The error for the problems checkPack found: the code of the most basic one, the message listing the first few. */
  static fromProblems(problems: PackProblem[]): ComicPackError {
    const kinds = new Set(problems.map((problem) => problem.kind));
    const code: ComicPackErrorCode =
      kinds.has('schema') || kinds.has('file-unused')
        ? 'INVALID_PACK'
        : kinds.has('file-missing') || kinds.has('file-hash') || kinds.has('file-extra')
          ? 'FILE_MISMATCH'
          : kinds.has('checksum')
            ? 'CHECKSUM_MISMATCH'
            : 'UNSAFE_FILE';
    const shown = problems.slice(0, 5).map(formatProblem);
    const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
    return new ComicPackError(code, `${shown.join('; ')}${more}`, problems);
  }
}
