import type { Role, RpcReply } from '../../shared/contract';
import type { Language } from '../../shared/domain/languages';
import type { Logger } from '../core/ports';
import {
  coreMessageSchema,
  type CorePushMessage,
  type CoreRequestMessage,
  type SystemPrintMessage,
  type SystemPrintReplyMessage,
} from './core-protocol';
import { envelopeId, errorReply, field } from './replies';

/** What the link needs of Electron's UtilityProcess. */
export interface CorePort {
  postMessage(message: CoreRequestMessage | SystemPrintReplyMessage): void;
}

export interface CoreLinkOptions {
  /** How long a window waits for the core before it gets UNAVAILABLE. */
  timeoutMs: number;
  onPush(push: CorePushMessage): void;
  /** The core answers ('open') or is gone until it restarts ('connecting'). */
  onStatus?(status: 'open' | 'connecting'): void;
  /**
   * The core asks main to use the OS's printers; `reply` posts the answer back to the
   * core process that asked (a core restarted meanwhile never gets its predecessor's).
   * Without it, every such call is answered `unavailable`.
   */
  onSystemPrint?(message: SystemPrintMessage, reply: (answer: SystemPrintReplyMessage) => void): void;
  logger: Logger;
}

interface Pending {
  resolve(reply: RpcReply): void;
  timer: ReturnType<typeof setTimeout>;
  requestId: RpcReply['id'];
  language: Language;
}

/**
 * The main process's end of the core: matches replies to requests, gives every request
 * an answer (the reply, or UNAVAILABLE after the timeout or when the core process
 * dies), and holds requests made while the core is (re)starting until it is attached.
 * The promise it returns never rejects.
 */
export class CoreLink {
  private port: CorePort | null = null;
  private nextCallId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: CoreRequestMessage[] = [];

  constructor(private readonly options: CoreLinkOptions) {}

  /** A (new) core process is up: send what waited for it. */
  attach(port: CorePort): void {
    this.port = port;
    for (const message of this.waiting.splice(0)) this.send(message);
  }

  /** The core process is gone: whatever it had not answered never will be. */
  detach(): void {
    this.port = null;
    this.options.onStatus?.('connecting');
    for (const [callId, pending] of this.pending) {
      if (this.waiting.some((message) => message.callId === callId)) continue; // not sent yet: may still make it
      this.settle(callId, errorReply(pending.requestId, 'UNAVAILABLE', pending.language));
    }
  }

  request(windowId: number, role: Role, language: Language, request: unknown): Promise<RpcReply> {
    const callId = this.nextCallId++;
    const requestId = envelopeId(request);
    return new Promise<RpcReply>((resolve) => {
      const timer = setTimeout(() => {
        this.drop(callId);
        this.options.logger.warn('core did not answer in time', { role });
        this.settle(callId, errorReply(requestId, 'UNAVAILABLE', language));
      }, this.options.timeoutMs);
      this.pending.set(callId, { resolve, timer, requestId, language });
      const message: CoreRequestMessage = { kind: 'request', callId, windowId, role, language, request };
      if (this.port) this.send(message);
      else this.waiting.push(message);
    });
  }

  /** A message from the core process. */
  receive(data: unknown): void {
    const parsed = coreMessageSchema.safeParse(data);
    if (!parsed.success) {
      const kind = field(data, 'kind');
      this.options.logger.warn('core link: dropped a malformed message from the core', {
        kind: typeof kind === 'string' && /^[A-Za-z]{1,30}$/.test(kind) ? kind : null,
      });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'reply') this.settle(message.callId, message.reply as RpcReply);
    else if (message.kind === 'push') this.options.onPush(message as CorePushMessage);
    else if (message.kind === 'systemPrint') this.systemPrint(message);
    else {
      this.options.logger.info('hall core ready');
      this.options.onStatus?.('open');
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private systemPrint(message: SystemPrintMessage): void {
    const port = this.port;
    const reply = (answer: SystemPrintReplyMessage) => {
      if (!port || this.port !== port) return; // the core that asked is gone
      try {
        port.postMessage(answer);
      } catch {
        this.options.logger.warn('core link: a print answer could not be sent', { op: message.op });
      }
    };
    if (this.options.onSystemPrint) this.options.onSystemPrint(message, reply);
    else reply({ kind: 'systemPrintReply', requestId: message.requestId, ok: false, code: 'unavailable' });
  }

  private send(message: CoreRequestMessage): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // The request could not be cloned (a function, a DOM object …) or the port is closing.
      this.settle(message.callId, errorReply(envelopeId(message.request), 'BAD_REQUEST', message.language));
    }
  }

  private drop(callId: number): void {
    const index = this.waiting.findIndex((message) => message.callId === callId);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  private settle(callId: number, reply: RpcReply): void {
    const pending = this.pending.get(callId);
    if (!pending) return; // already answered (a late reply after the timeout)
    this.pending.delete(callId);
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }
}
