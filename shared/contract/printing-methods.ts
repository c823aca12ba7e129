import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { defineMethod } from './define';
import { renderReceiptInputSchema, renderedReceiptSchema } from './receipt-methods';

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
/** What the printer is loaded with: the thermal roll (tickets, visit receipts) or A4 sheets (the letters). */
export const PRINTER_PAPERS = ['roll', 'A4'] as const;
/**
 * How the hall reaches it, from the address's scheme: `network` (tcp://: raw ESC/POS to
 * port 9100), `usb` (usb:: raw ESC/POS written to a device — /dev/usb/lp0 on Linux, a
 * shared printer \\localhost\POS80 on Windows), `system` (system:: a printer of the
 * operating system, printed to from HTML through its driver by the Electron host).
 */
export const PRINTER_CONNECTIONS = ['network', 'usb', 'system'] as const;
export type PrinterConnection = (typeof PRINTER_CONNECTIONS)[number];
/** How a job's bytes are to be read: ESC/POS for a raw printer, or the HTML page for a system printer / the browser. */
export const PRINT_CONTENT_TYPES = ['escpos', 'html'] as const;

const TCP_ADDRESS = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:([1-9]\d{0,4}))?\/?$/;
/**
 * A printer device, nothing else: on Linux the usblp line printers (/dev/usb/lp0, /dev/lp0),
 * USB and serial ports (/dev/ttyUSB0, /dev/ttyACM0, /dev/ttyS0, /dev/serial/by-id/…); on
 * Windows a printer shared on this machine (\\localhost\POS80, \\127.0.0.1\POS80) or a
 * port (\\.\COM3). Not any path: an address that named /dev/stdout would copy every
 * receipt into the host's log, and one on another host would hand it this machine's
 * Windows credentials. A printer on another machine is a network printer.
 */
const USB_ADDRESS =
  /^usb:(\/dev\/(usb\/lp\d{1,3}|lp\d{1,3}|tty(USB|ACM|S)\d{1,3}|serial\/by-id\/[A-Za-z0-9_.:+-]{1,120})|\\\\(localhost|127\.0\.0\.1)\\[A-Za-z0-9_.$ -]{1,80}|\\\\\.\\(COM|LPT)\d{1,3})$/i;
/** The operating system's printer name, as the Electron host lists it. */
// eslint-disable-next-line no-control-regex -- the point: no control characters in a printer's name
const SYSTEM_ADDRESS = /^system:[^\u0000-\u001f\u007f]{1,120}$/;

/** The connection an address names (the address is already valid). */
export function printerConnectionOf(address: string): PrinterConnection {
  if (address.startsWith('usb:')) return 'usb';
  if (address.startsWith('system:')) return 'system';
  return 'network';
}

/**
 * `tcp://host:port` (a raw port-9100 printer; the port may be left out), `usb:/dev/usb/lp0`
 * or `usb:\\localhost\POS80` (raw, through a device), `system:<printer name>` (the OS's).
 */
export const printerAddressSchema = z
  .string()
  .trim()
  .max(200)
  .refine((address) => TCP_ADDRESS.test(address) || USB_ADDRESS.test(address) || SYSTEM_ADDRESS.test(address), 'tcp://host:port, usb:/dev/usb/lp0, system:<name>')
  .refine((address) => {
    if (!address.startsWith('tcp:')) return true;
    const port = /:(\d+)\/?$/.exec(address.replace(/^tcp:\/\/\[[^\]]*\]/, 'tcp://h'))?.[1];
    return port === undefined || Number(port) <= 65535;
  }, 'port 1–65535')
  .refine((address) => !/\.\.(\/|$)/.test(address), 'no ..');

export const printerSchema = z.object({
  id: ulidSchema,
  name: z.string(),
  role: z.enum(PRINTER_ROLES),
  /** The window whose printer it is (role window), else null. */
  windowId: ulidSchema.nullable(),
  address: z.string(),
  /** From the address: network, usb (raw ESC/POS) or system (HTML through the OS's driver). */
  connection: z.enum(PRINTER_CONNECTIONS),
  /** roll (80 / 58 mm thermal) or A4. Raw ESC/POS printers are always roll. */
  paper: z.enum(PRINTER_PAPERS),
  /** Raw printers: 576 dots: 80 mm paper; 384: 58 mm. */
  paperWidthDots: z.union([z.literal(384), z.literal(576)]),
  /** Raw printers: what its resident font prints; other characters are printed as images. */
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
  /** null: handed to the clerk's browser to print (its print dialog), not to a printer of the hall. */
  printer: z.object({ id: ulidSchema, name: z.string() }).nullable(),
  contentType: z.enum(PRINT_CONTENT_TYPES),
  /** A PDF of what was printed is kept (the Electron host makes one of every HTML page it prints). */
  archived: z.boolean(),
  /** The staff member who asked; null when nobody signed in asked (the kiosk's tickets, the system). */
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

/**
 * A printer to add (no id) or change. What a change leaves out keeps its stored value (an
 * edit never resets an A4 printer to the roll); a new printer gets the defaults — roll,
 * 80 mm (576 dots), a GB2312 font, active. `connection` follows from the address: sent back
 * as `printing.status` gave it, it is ignored.
 */
export const savePrinterInputSchema = z
  .object({
    id: ulidSchema.optional(),
    name: z.string().trim().min(1).max(60),
    role: z.enum(PRINTER_ROLES),
    windowId: ulidSchema.nullable().default(null),
    address: printerAddressSchema,
    connection: z.enum(PRINTER_CONNECTIONS).optional(),
    paper: z.enum(PRINTER_PAPERS).optional(),
    paperWidthDots: z.union([z.literal(384), z.literal(576)]).optional(),
    fontCoverage: z.enum(PRINTER_FONT_COVERAGES).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((printer) => (printer.role === 'window') === (printer.windowId !== null), {
    message: 'a window printer names its window; others none',
    path: ['windowId'],
  })
  .refine((printer) => printer.paper !== 'A4' || printerConnectionOf(printer.address) === 'system', {
    message: 'a raw ESC/POS printer (tcp:, usb:) prints on a roll',
    path: ['paper'],
  });
export type SavePrinterInput = z.infer<typeof savePrinterInputSchema>;

/** Where to print: `auto` (the desk's window printer for the roll, an A4 office printer for letters, else the browser), `browser`, or a printer. */
export const printTargetSchema = z.union([z.literal('auto'), z.literal('browser'), ulidSchema]);

export const systemPrinterSchema = z.object({
  /** What goes after `system:` in the address. */
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
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
  'printing.print': defineMethod({
    summary:
      "Print a document of the record (as receipts.render names it) and record the print: to the printer given, or `auto` — the roll documents (ticket, 来访登记回执) to the printer of the desk's window, the A4 letters to an A4 office printer — or, where there is none or `browser` is asked, hand the page back for the clerk's browser to print (its print dialog; recorded as such). A raw thermal printer gets ESC/POS bytes, a system printer the HTML page. Answers at once; a printer's job is queued.",
    roles: ['clerk'],
    signIn: true,
    input: z
      .object({
        document: renderReceiptInputSchema,
        printer: printTargetSchema.default('auto'),
        /** The desk's window: whose printer `auto` picks for the roll. */
        windowId: ulidSchema.optional(),
      })
      .strict(),
    output: z.object({
      job: printJobSchema,
      /** Set when the browser is to print it: the page, its size and title. */
      browser: renderedReceiptSchema.nullable(),
    }),
    // The page handed to the browser is a case's receipt or letter: the visitor's name and address.
    personalData: true,
  }),
  'printing.testPage': defineMethod({
    summary:
      "Print the test page on a printer: its name, address, paper and font; a line of common characters, the rare ones (堃 䶮 𠮷) through the image path, a QR code, the time — queued like any job, so a printer that is off shows in the job's state.",
    roles: ['admin'],
    signIn: true,
    input: z.object({ printerId: ulidSchema }).strict(),
    output: z.object({ job: printJobSchema }),
  }),
  'printing.systemPrinters': defineMethod({
    summary:
      "The operating system's printers the host can print to (system: addresses): only the Electron host prints through the OS's drivers (`available` false on the Node host, whose clerks print through their browser).",
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: z.object({ available: z.boolean(), printers: z.array(systemPrinterSchema) }),
  }),
  'printing.savePrinter': defineMethod({
    summary:
      'Add a printer (no id) or change one: name, role (kiosk / a window / office), its address (tcp://host:port, usb:<device>, system:<the OS printer>), its paper (roll, or A4 for an OS printer), the roll width and what its font prints for a raw printer; what a change leaves out is kept. A printer is switched off with active: false, never deleted (its jobs stay in the history). A printer with jobs waiting cannot change what it takes (raw / OS, width, font).',
    roles: ['admin'],
    signIn: true,
    input: savePrinterInputSchema,
    output: printerSchema,
    audit: { subject: (_params, printer) => `printer:${printer.id}`, details: (params, printer) => ({ created: params.id === undefined, ...printer }) },
  }),
};
