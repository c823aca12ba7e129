import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { defineMethod } from './define';

/**
 * Thermal printers and the print queue (docs/receipts.md, "Thermal printing"): every
 * print is a job with what, where, by whom and how it went; a job the printer did not
 * take stays queued and is retried; any job can be printed again.
 */
export const PRINTER_ROLES = ['kiosk', 'window', 'office'] as const;
export const PRINTER_FONT_COVERAGES = ['gb2312', 'gbk', 'gb18030'] as const;
export const PRINT_JOB_STATES = ['queued', 'printing', 'done', 'failed'] as const;
export const PRINT_DOCUMENT_KINDS = ['ticket', 'visit_receipt', 'notice', 'test_page'] as const;
export const PRINTER_STATES = ['online', 'offline', 'paper_out', 'unknown'] as const;

/** `tcp://host:port` (a raw port-9100 printer); the port may be left out. */
export const printerAddressSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:([1-9]\d{0,4}))?\/?$/, 'tcp://host:port')
  .refine((address) => {
    const port = /:(\d+)\/?$/.exec(address.replace(/^tcp:\/\/\[[^\]]*\]/, 'tcp://h'))?.[1];
    return port === undefined || Number(port) <= 65535;
  }, 'port 1–65535');

export const printerSchema = z.object({
  id: ulidSchema,
  name: z.string(),
  role: z.enum(PRINTER_ROLES),
  /** The window whose printer it is (role window), else null. */
  windowId: ulidSchema.nullable(),
  address: z.string(),
  /** 576 dots: 80 mm paper; 384: 58 mm. */
  paperWidthDots: z.union([z.literal(384), z.literal(576)]),
  /** What its resident font prints; other characters are printed as images. */
  fontCoverage: z.enum(PRINTER_FONT_COVERAGES),
  active: z.boolean(),
});
export type Printer = z.infer<typeof printerSchema>;

export const printerStatusSchema = printerSchema.extend({
  /** unknown: not asked yet since the core started. */
  state: z.enum(PRINTER_STATES),
  paperLow: z.boolean(),
  /** When the state was last read from the printer (epoch ms), null: never. */
  checkedAt: z.number().int().nullable(),
  /** Why it is offline or why the last job failed: a short code. */
  error: z.string().nullable(),
  /** Jobs waiting for it. */
  queued: z.number().int().nonnegative(),
});

export const printJobSchema = z.object({
  id: ulidSchema,
  document: z.object({ kind: z.enum(PRINT_DOCUMENT_KINDS), ref: z.string(), label: z.string() }),
  printer: z.object({ id: ulidSchema, name: z.string() }),
  /** The staff member who asked; null when nobody signed in asked (the kiosk, the admin page until issue 9). */
  requestedBy: z.object({ staffId: ulidSchema, staffNo: z.string(), name: z.string() }).nullable(),
  requestedRole: z.enum(['kiosk', 'clerk', 'admin', 'system']),
  requestedAt: z.number().int(),
  state: z.enum(PRINT_JOB_STATES),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().int().nullable(),
  /** Still not printed by then: failed (a ticket is no use an hour later). It can be reprinted. */
  giveUpAt: z.number().int(),
  lastError: z.string().nullable(),
  printedAt: z.number().int().nullable(),
  reprintOf: ulidSchema.nullable(),
  /** Bytes sent to the printer. */
  size: z.number().int().nonnegative(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const savePrinterInputSchema = z
  .object({
    id: ulidSchema.optional(),
    name: z.string().trim().min(1).max(60),
    role: z.enum(PRINTER_ROLES),
    windowId: ulidSchema.nullable().default(null),
    address: printerAddressSchema,
    paperWidthDots: z.union([z.literal(384), z.literal(576)]).default(576),
    fontCoverage: z.enum(PRINTER_FONT_COVERAGES).default('gb2312'),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((printer) => (printer.role === 'window') === (printer.windowId !== null), {
    message: 'a window printer names its window; others none',
    path: ['windowId'],
  });

export const printingMethods = {
  'printing.jobs': defineMethod({
    summary:
      'The print history, newest first: what was printed (document kind, reference, label), where, by whom, when, and how it went (state, attempts, last error). Filters: time range, state, printer, document. No content, no bytes.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z
      .object({
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        state: z.enum(PRINT_JOB_STATES).optional(),
        printerId: ulidSchema.optional(),
        documentKind: z.enum(PRINT_DOCUMENT_KINDS).optional(),
        documentRef: z.string().min(1).max(64).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ jobs: z.array(printJobSchema) }),
  }),
  'printing.reprint': defineMethod({
    summary:
      'Print a job of the history again, the same bytes, to its printer or another (`printerId`): a new job recorded as a reprint of it, by the caller. Answers at once; the job is queued.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z.object({ jobId: ulidSchema, printerId: ulidSchema.optional() }).strict(),
    output: z.object({ job: printJobSchema }),
  }),
  'printing.status': defineMethod({
    summary:
      'Every printer with its state as last read (online / offline / paper out, paper low) and how many jobs wait for it. The core reads the printers in the background; `checkedAt` says when.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ printers: z.array(printerStatusSchema) }),
  }),
  'printing.savePrinter': defineMethod({
    summary:
      'Add a printer (no id) or change one: name, role (kiosk / a window / office), its tcp://host:port address, paper width, what its font prints. A printer is switched off with active: false, never deleted (its jobs stay in the history).',
    roles: ['admin'],
    signIn: true,
    input: savePrinterInputSchema,
    output: printerSchema,
  }),
};
