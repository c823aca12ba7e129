/**
 * A name as a receipt shows it: the first character and a star for each of the rest
 * (李建国 → 李**, 王丽 → 王*, John Smith → J*********). A receipt may be lost; its number
 * finds the case, the name only reassures its holder. Counted in code points, so a name
 * with a character outside the BMP (𠮷) keeps whole characters.
 */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  return characters[0]! + '*'.repeat(Math.min(characters.length - 1, 8));
}

/** Text cut to `max` characters (code points) with an ellipsis: the short summary a receipt or letter quotes. */
export function shorten(text: string, max: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length <= max ? characters.join('') : `${characters.slice(0, max - 1).join('')}…`;
}
