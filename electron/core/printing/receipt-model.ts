/**
 * A receipt as the thermal printer sees it: a list of blocks (lines of text with a
 * style, a QR code, a rule, a feed, a cut), independent of ESC/POS. The ticket
 * (ticket-document.ts) and the document engineer's receipts are built as one of
 * these and rendered to bytes by escpos-render.ts.
 */
export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  align?: Align;
  /** Character width and height multipliers, 1–8 (GS !). Default 1 × 1. */
  width?: number;
  height?: number;
  bold?: boolean;
}

export interface TextBlock extends TextStyle {
  kind: 'text';
  /** One paragraph: the printer wraps it (a raster line is wrapped here). Control characters are printed as spaces. */
  text: string;
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrBlock {
  kind: 'qr';
  /** What the code holds: stored as its UTF-8 bytes. */
  payload: string;
  /** Module size in dots, 1–16 (GS ( k fn 67). Default 6. */
  moduleSize?: number;
  errorLevel?: QrErrorLevel;
  align?: Align;
}

export interface RuleBlock {
  kind: 'rule';
}

export interface FeedBlock {
  kind: 'feed';
  lines: number;
}

export interface CutBlock {
  kind: 'cut';
  /** A partial cut leaves a tab (the ticket hangs until taken); default a full cut. */
  partial?: boolean;
}

export type ReceiptBlock = TextBlock | QrBlock | RuleBlock | FeedBlock | CutBlock;

export interface ReceiptDocument {
  blocks: ReceiptBlock[];
}

/** Shorthands for building documents. */
export const text = (value: string, style: TextStyle = {}): TextBlock => ({ kind: 'text', text: value, ...style });
export const qr = (payload: string, options: Omit<QrBlock, 'kind' | 'payload'> = {}): QrBlock => ({ kind: 'qr', payload, ...options });
export const rule = (): RuleBlock => ({ kind: 'rule' });
export const feed = (lines: number): FeedBlock => ({ kind: 'feed', lines });
export const cut = (partial = false): CutBlock => ({ kind: 'cut', partial });
