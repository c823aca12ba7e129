import { z } from 'zod';

/** ULIDs made at the terminal (DESIGN.md section 3): 26 Crockford base32 characters. */
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ULID');
