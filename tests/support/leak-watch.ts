import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Looking for a visitor's full ID or phone number where it must not be (the leak test,
 * tests/e2e/leak.spec.ts; docs/security.md "The leak test"): in what a page shows and
 * holds, in what reached it over the network, in logs, and in the bytes of files.
 */

/** A number that must not be found: an 18-character ID number or an 11-digit mobile number, with whose it is. */
export interface Secret {
  label: string;
  kind: 'id' | 'phone';
  value: string;
}

/** Where a number was found. */
export interface Finding {
  where: string;
  secret: string;
  excerpt: string;
}

/**
 * A pattern that finds the number however a page writes it: the kiosk groups an ID as
 * `440306 19620918 135X`, a phone may be `139 8765 4321` or `139-8765-4321`; the check
 * character in either case; inside a longer number too. Never a masked form (its stars
 * break the run of digits).
 */
function patternOf(secret: Secret): RegExp {
  const separator = '[\\s\\u00a0\\u2009\\u202f-]*';
  const chars = [...secret.value].map((char) => (/\d/.test(char) ? char : `[${char.toLowerCase()}${char.toUpperCase()}]`));
  // Inside a longer run of digits too: a phone with its country code (8613912345678) is that phone.
  return new RegExp(chars.join(separator));
}

const patterns = new WeakMap<Secret, RegExp>();
const patternFor = (secret: Secret) => patterns.get(secret) ?? patterns.set(secret, patternOf(secret)).get(secret)!;

/** The numbers the text holds, each once, with a little of what surrounds it. */
export function findIn(where: string, text: string, secrets: readonly Secret[]): Finding[] {
  const found: Finding[] = [];
  for (const secret of secrets) {
    const match = patternFor(secret).exec(text);
    if (match) found.push({ where, secret: secret.label, excerpt: text.slice(Math.max(0, match.index - 60), match.index + match[0].length + 20).replace(/\s+/g, ' ') });
  }
  return found;
}

/**
 * The byte forms a number could be stored in: UTF-8 (ASCII), with a lower-case x, as the
 * kiosk groups it, and UTF-16 in either byte order (a Windows tool, a JavaScript string
 * written raw).
 */
function byteForms(secret: Secret): Array<{ encoding: string; bytes: Buffer }> {
  const texts = new Set([secret.value, secret.value.toLowerCase()]);
  if (secret.kind === 'id') texts.add(`${secret.value.slice(0, 6)} ${secret.value.slice(6, 14)} ${secret.value.slice(14)}`);
  else texts.add(`${secret.value.slice(0, 3)} ${secret.value.slice(3, 7)} ${secret.value.slice(7)}`);
  return [...texts].flatMap((text) => [
    { encoding: `utf8 "${text}"`, bytes: Buffer.from(text, 'utf8') },
    { encoding: `utf16le "${text}"`, bytes: Buffer.from(text, 'utf16le') },
    { encoding: `utf16be "${text}"`, bytes: Buffer.from(text, 'utf16le').swap16() },
  ]);
}

/** Every file under the folder (recursively) that holds a number in one of its byte forms. */
export function findInFiles(folder: string, secrets: readonly Secret[], label = ''): { files: string[]; found: Finding[] } {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(folder);
  const found: Finding[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      for (const form of byteForms(secret)) {
        const at = bytes.indexOf(form.bytes);
        if (at >= 0) found.push({ where: `${label}${relative(folder, file)} at byte ${at} (${form.encoding})`, secret: secret.label, excerpt: '' });
      }
    }
  }
  return { files: files.map((file) => relative(folder, file)), found };
}

/** What a page showed and held at one moment. */
export interface Snapshot {
  label: string;
  /** document.body.innerText, without the parts `allow` names. */
  text: string;
  /** The DOM of the page and of every frame in it (page.content()), without `allow`'s parts and `typedIn`'s values. */
  dom: string;
  /** The page's localStorage and sessionStorage. */
  storage: string;
  /** The text of the parts `allow` names (where the numbers may be, and should be: an unmasked view). */
  allowed: string;
}

/**
 * Records everything that reaches one page: each HTTP response body, each WebSocket frame
 * received (with the method of the call it answers), each console message; and, when
 * asked, snapshots of what it shows and holds.
 */
export class PageRecorder {
  readonly responses: Array<{ url: string; method: string | null; body: string }> = [];
  readonly framesReceived: Array<{ method: string | null; payload: string }> = [];
  readonly console: string[] = [];
  readonly snapshots: Snapshot[] = [];
  private readonly pending: Array<Promise<void>> = [];

  constructor(
    readonly name: string,
    readonly page: Page,
  ) {
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      // Pictures, fonts and sound are the build's or the comic packs': nothing of a visitor's.
      if (/^(image|font|audio|video)\//.test(type)) return;
      const url = response.url();
      const method = /\/api\/([\w.]+)/.exec(url)?.[1] ?? null;
      this.pending.push(
        response.body().then(
          (body) => void this.responses.push({ url, method, body: body.toString('utf8') }),
          () => undefined, // a redirect or a page gone: no body
        ),
      );
    });
    page.on('websocket', (socket) => {
      const methods = new Map<unknown, string>();
      socket.on('framesent', (frame) => {
        try {
          const sent = JSON.parse(String(frame.payload)) as { id?: unknown; method?: unknown };
          if (typeof sent.method === 'string') methods.set(sent.id, sent.method);
        } catch {
          // not a call
        }
      });
      socket.on('framereceived', (frame) => {
        const payload = String(frame.payload);
        let method: string | null = null;
        try {
          const received = JSON.parse(payload) as { id?: unknown; event?: unknown };
          method = received.id !== undefined ? (methods.get(received.id) ?? null) : typeof received.event === 'string' ? `event:${received.event}` : null;
        } catch {
          // not JSON: kept as it is
        }
        this.framesReceived.push({ method, payload });
      });
    });
    page.on('console', (message) => this.console.push(message.text()));
    page.on('pageerror', (error) => this.console.push(String(error)));
  }

  /**
   * What the page shows and holds now. `allow`: parts where the numbers may be (an
   * unmasked view), taken out of `text` and `dom` and kept in `allowed`; `typedIn`: inputs
   * whose value is what the user typed into them (a search box), taken out of `dom`.
   */
  async snapshot(label: string, options: { allow?: string[]; typedIn?: string[] } = {}): Promise<Snapshot> {
    const { text, dom, storage, allowed } = await this.page.evaluate(
      ({ allow, typedIn }) => {
        const allowedParts = allow.flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)]);
        const allowedTexts = allowedParts.map((element) => element.innerText);
        let visible = document.body.innerText;
        for (const part of allowedTexts) visible = visible.split(part).join('');
        const copy = document.documentElement.cloneNode(true) as HTMLElement;
        for (const selector of allow) copy.querySelectorAll(selector).forEach((element) => element.remove());
        for (const selector of typedIn) copy.querySelectorAll(selector).forEach((element) => element.removeAttribute('value'));
        const stored = (store: Storage) => Object.fromEntries(Object.keys(store).map((key) => [key, store.getItem(key)]));
        return {
          text: visible,
          dom: copy.outerHTML,
          storage: JSON.stringify({ local: stored(window.localStorage), session: stored(window.sessionStorage) }),
          allowed: allowedTexts.join('\n'),
        };
      },
      { allow: options.allow ?? [], typedIn: options.typedIn ?? [] },
    );
    // The frames' documents (a print frame, if one is open), as page.content() gives them.
    const frames = await Promise.all(
      this.page
        .frames()
        .filter((frame) => frame !== this.page.mainFrame())
        .map((frame) => frame.content().catch(() => '')),
    );
    const snapshot = { label, text, dom: [dom, ...frames].join('\n'), storage, allowed };
    this.snapshots.push(snapshot);
    return snapshot;
  }

  /** Waits for the response bodies still being read. */
  async settled(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  /**
   * Every number found in what this page received and held: its snapshots, responses,
   * frames and console. A reply to a method in `exceptReplies` (visitors.unmask, the view
   * the clerk asked for with a reason) is left out.
   */
  async findings(secrets: readonly Secret[], options: { exceptReplies?: string[] } = {}): Promise<Finding[]> {
    await this.settled();
    const except = new Set(options.exceptReplies ?? []);
    return [
      ...this.snapshots.flatMap((s) => [
        ...findIn(`${this.name} text "${s.label}"`, s.text, secrets),
        ...findIn(`${this.name} DOM "${s.label}"`, s.dom, secrets),
        ...findIn(`${this.name} storage "${s.label}"`, s.storage, secrets),
      ]),
      ...this.responses.filter((r) => !(r.method && except.has(r.method))).flatMap((r) => findIn(`${this.name} response ${r.url}`, r.body, secrets)),
      ...this.framesReceived
        .filter((f) => !(f.method && except.has(f.method)))
        .flatMap((f) => findIn(`${this.name} WebSocket frame (${f.method ?? 'unknown'})`, f.payload, secrets)),
      ...this.console.flatMap((line) => findIn(`${this.name} console`, line, secrets)),
    ];
  }
}
