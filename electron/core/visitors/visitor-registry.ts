import type Database from 'better-sqlite3';
import { timingSafeEqual } from 'node:crypto';
import { monotonicFactory } from 'ulidx';
import { HallError, type TicketRegistration } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import type { PriorityReason } from '../../../shared/domain/queue-rules';
import { checkIdNumber, maskIdNumber, maskPhone } from '../../../shared/domain/resident-id';
import type { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { VisitorStore, type RegistrationRow, type VisitorRow } from './visitor-store';

export interface RegisteringPerson {
  /** Normalised (checked at the kiosk). */
  idNumber: string;
  name: string;
  /** Digits only, or null. */
  phone: string | null;
}

export interface Registration {
  ticketId: string;
  visitorId: string | null;
  partySize: number;
  representatives: number | null;
  language: Language;
  declaredPriority: PriorityReason | null;
  at: number;
}

/**
 * Visitors and what they registered with. ID and phone numbers are encrypted before
 * they reach the store and found again through their blind index; they leave only
 * masked. Callers run the writes inside their own transaction.
 */
export class VisitorRegistry {
  private readonly store: VisitorStore;
  private readonly ulid = monotonicFactory();
  /** Decrypted when there is no phone to check, so that a miss costs what a hit does. */
  private readonly dummyPhone: Buffer;

  constructor(
    db: Database.Database,
    private readonly crypto: PersonalDataCrypto,
  ) {
    this.store = new VisitorStore(db);
    this.dummyPhone = crypto.encrypt('phone', '00000000000');
  }

  /**
   * Whether the visitor's phone ends with these four digits (the kiosk's case-status
   * look-up). Always one decryption and one constant-time comparison: no visitor, or
   * one without a phone, takes the same work and is simply not a match.
   */
  phoneEndsWith(visitorId: string | null, last4: string): boolean {
    const visitor = visitorId === null ? undefined : this.store.visitor(visitorId);
    const envelope = visitor?.phone_enc ?? null;
    const phone = this.crypto.decrypt('phone', envelope ?? this.dummyPhone);
    const expected = Buffer.from(phone.slice(-4).padStart(4, '0'));
    const typed = Buffer.from(last4.padStart(4, '0').slice(0, 4));
    // timingSafeEqual needs equal lengths: both are four ASCII digits here.
    const same = expected.length === typed.length && timingSafeEqual(expected, typed);
    return envelope !== null && same;
  }

  /** Creates the visitor, or updates the one with this ID number (name, phone and language as given now); returns their id. */
  createOrUpdate(person: RegisteringPerson, language: Language, at: number): string {
    const phone = person.phone === null
      ? { phoneEnc: null, phoneIndex: null }
      : { phoneEnc: this.crypto.encrypt('phone', person.phone), phoneIndex: this.crypto.blindIndex('phone', person.phone) };
    const idNumberIndex = this.crypto.blindIndex('idNumber', person.idNumber);
    const known = this.store.visitorByIdNumberIndex(idNumberIndex);
    if (known) {
      this.store.updateVisitor({ id: known.id, name: person.name, language, at, ...phone });
      return known.id;
    }
    const id = this.ulid(at);
    this.store.insertVisitor({ id, idNumberEnc: this.crypto.encrypt('idNumber', person.idNumber), idNumberIndex, name: person.name, language, at, ...phone });
    return id;
  }

  record(registration: Registration): void {
    this.store.insertRegistration({ id: this.ulid(registration.at), ...registration });
  }

  /**
   * The registration behind a ticket (following a transfer back to the ticket the kiosk
   * issued), as the clerk sees it: ID and phone masked. null for a ticket not taken
   * through the kiosk's registration. `ticketId` in the answer is the ticket asked about.
   * `today` (YYYY-MM-DD) is needed to re-read birth date and sex from the ID number.
   */
  ofTicket(ticketId: string, today: string): TicketRegistration | null {
    if (!this.store.ticketExists(ticketId)) throw new HallError('NOT_FOUND', { context: 'ticket' });
    const registration = this.store.registrationOfChain(ticketId);
    if (!registration) return null;
    const visitor = registration.visitor_id ? this.store.visitor(registration.visitor_id) : undefined;
    return {
      ticketId,
      partySize: registration.party_size,
      representatives: registration.representatives,
      language: registration.language,
      declaredPriority: registration.declared_priority,
      visitor: visitor ? this.maskedVisitor(visitor, registration, today) : null,
    };
  }

  /**
   * The visitor with this ID number (checked and canonical: checkIdNumber's form), found
   * through the blind index — an exact look-up, never a scan; null when none has it.
   */
  findByIdNumber(idNumber: string): string | null {
    return this.store.visitorByIdNumberIndex(this.crypto.blindIndex('idNumber', idNumber))?.id ?? null;
  }

  exists(visitorId: string): boolean {
    return this.store.visitor(visitorId) !== undefined;
  }

  /** A visitor as a case record shows them: ID and phone masked. */
  maskedSummary(visitorId: string): { id: string; name: string; idMasked: string; phoneMasked: string | null } {
    const visitor = this.store.visitor(visitorId);
    if (!visitor) throw new Error(`no visitor ${visitorId}`);
    return {
      id: visitor.id,
      name: visitor.name,
      idMasked: maskIdNumber(this.crypto.decrypt('idNumber', visitor.id_number_enc)),
      phoneMasked: visitor.phone_enc ? maskPhone(this.crypto.decrypt('phone', visitor.phone_enc)) : null,
    };
  }

  /**
   * A visitor's full ID and phone number, or null when there is no such visitor. Only
   * for visitors.unmask, which records who asked and why in the audit log in the same
   * transaction; never logged.
   */
  unmasked(visitorId: string): { idNumber: string; phone: string | null } | null {
    const visitor = this.store.visitor(visitorId);
    if (!visitor) return null;
    return {
      idNumber: this.crypto.decrypt('idNumber', visitor.id_number_enc),
      phone: visitor.phone_enc ? this.crypto.decrypt('phone', visitor.phone_enc) : null,
    };
  }

  private maskedVisitor(visitor: VisitorRow, registration: RegistrationRow, today: string): NonNullable<TicketRegistration['visitor']> {
    const idNumber = this.crypto.decrypt('idNumber', visitor.id_number_enc);
    const id = checkIdNumber(idNumber, today);
    // It passed when it was registered: failing now means the stored value is not what was written.
    if (!id.ok) throw new Error(`a stored ID number no longer passes its check (${id.problem})`);
    return {
      id: visitor.id,
      name: visitor.name,
      idMasked: maskIdNumber(idNumber),
      phoneMasked: visitor.phone_enc ? maskPhone(this.crypto.decrypt('phone', visitor.phone_enc)) : null,
      birthDate: id.birthDate,
      sex: id.sex,
      earlierVisits: this.store.registrationsBefore(visitor.id, registration),
    };
  }
}
