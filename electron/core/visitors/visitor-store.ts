import type Database from 'better-sqlite3';
import type { Language } from '../../../shared/domain/languages';
import type { PriorityReason } from '../../../shared/domain/queue-rules';

/** A visitor row as stored: ID and phone as encrypted envelopes and blind indexes. */
export interface VisitorRow {
  id: string;
  id_number_enc: Buffer;
  id_number_index: Buffer;
  phone_enc: Buffer | null;
  phone_index: Buffer | null;
  name: string;
  language: Language;
  created_at: number;
  updated_at: number;
}

export interface RegistrationRow {
  id: string;
  ticket_id: string;
  visitor_id: string | null;
  party_size: number;
  representatives: number | null;
  language: Language;
  declared_priority: PriorityReason | null;
  registered_at: number;
}

export interface NewVisitor {
  id: string;
  idNumberEnc: Buffer;
  idNumberIndex: Buffer;
  phoneEnc: Buffer | null;
  phoneIndex: Buffer | null;
  name: string;
  language: Language;
  at: number;
}

export interface NewRegistration {
  id: string;
  ticketId: string;
  visitorId: string | null;
  partySize: number;
  representatives: number | null;
  language: Language;
  declaredPriority: PriorityReason | null;
  at: number;
}

/** The SQL of visitors and their registrations. No rules, no crypto here: see visitor-registry. */
export class VisitorStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      byIdNumberIndex: db.prepare<[Buffer], VisitorRow>('SELECT * FROM visitors WHERE id_number_index = ?'),
      visitor: db.prepare<[string], VisitorRow>('SELECT * FROM visitors WHERE id = ?'),
      insertVisitor: db.prepare(`INSERT INTO visitors
        (id, id_number_enc, id_number_index, phone_enc, phone_index, name, language, created_at, updated_at)
        VALUES (@id, @idNumberEnc, @idNumberIndex, @phoneEnc, @phoneIndex, @name, @language, @at, @at)`),
      updateVisitor: db.prepare(`UPDATE visitors SET phone_enc = @phoneEnc, phone_index = @phoneIndex, name = @name,
        language = @language, updated_at = @at WHERE id = @id`),
      insertRegistration: db.prepare(`INSERT INTO ticket_registrations
        (id, ticket_id, visitor_id, party_size, representatives, language, declared_priority, registered_at)
        VALUES (@id, @ticketId, @visitorId, @partySize, @representatives, @language, @declaredPriority, @at)`),
      ticketExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM tickets WHERE id = ?'),
      // A transfer's new ticket links to the old one: the registration is on the first of the chain.
      registrationOfChain: db.prepare<[string], RegistrationRow>(`
        WITH RECURSIVE chain (id, transferred_from) AS (
          SELECT id, transferred_from FROM tickets WHERE id = ?
          UNION ALL
          SELECT t.id, t.transferred_from FROM tickets t JOIN chain c ON t.id = c.transferred_from
        )
        SELECT r.* FROM chain c JOIN ticket_registrations r ON r.ticket_id = c.id LIMIT 1`),
      registrationsBefore: db.prepare<{ visitorId: string; at: number; id: string }, { earlier: number }>(
        `SELECT COUNT(*) AS earlier FROM ticket_registrations
         WHERE visitor_id = @visitorId AND (registered_at < @at OR (registered_at = @at AND id < @id))`,
      ),
    };
  }

  visitorByIdNumberIndex(index: Buffer): VisitorRow | undefined {
    return this.s.byIdNumberIndex.get(index);
  }

  visitor(id: string): VisitorRow | undefined {
    return this.s.visitor.get(id);
  }

  insertVisitor(visitor: NewVisitor): void {
    this.s.insertVisitor.run(visitor);
  }

  /** What the visitor told us this time replaces what they told us before (the ID stays: it is how we found them). */
  updateVisitor(visitor: Omit<NewVisitor, 'idNumberEnc' | 'idNumberIndex'>): void {
    this.s.updateVisitor.run(visitor);
  }

  insertRegistration(registration: NewRegistration): void {
    this.s.insertRegistration.run(registration);
  }

  ticketExists(ticketId: string): boolean {
    return this.s.ticketExists.get(ticketId) !== undefined;
  }

  registrationOfChain(ticketId: string): RegistrationRow | undefined {
    return this.s.registrationOfChain.get(ticketId);
  }

  /** How many times the visitor registered before this registration. */
  registrationsBefore(visitorId: string, registration: RegistrationRow): number {
    return this.s.registrationsBefore.get({ visitorId, at: registration.registered_at, id: registration.id })?.earlier ?? 0;
  }
}
