import type Database from 'better-sqlite3';
import type { MethodOutput, MethodParams } from '../../../shared/contract';
import { checkIdNumber } from '../../../shared/domain/resident-id';
import { normalizePhone, type PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { HallCalendar } from '../calendar/hall-calendar';
import { visitSummaries } from '../visits/visit-summaries';
import { SearchStore } from './search-store';
import { tokenQuery } from './search-text';

type SearchInput = MethodParams<'visits.search'>;
type SearchOutput = MethodOutput<'visits.search'>;
type Kind = SearchOutput['kind'];

/** What a case number or an official number may look like: ASCII letters and digits with - / . _ between, no space. */
const NUMBER_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
/** An ID or phone number as typed (spaces and dashes aside): eight or more digits, an ID's check character X last. */
const PERSONAL_NUMBER = /^\d{7,}[\dXx]$/;
const MOBILE = /^1\d{10}$/;

/**
 * Case search (visits.search, docs/search.md): by case number (exact or prefix), by ID
 * or phone number (exact, through the keyed hash only), by name or by words of the
 * content (the search indexes of migration 0010). Answers newest first, at most `limit`,
 * and whether there were more.
 */
export class SearchService {
  private readonly store: SearchStore;
  /** The working-day calendar in force (the shipped years and the hall's own), for the summaries' deadlines. */
  private readonly calendar: HallCalendar;

  constructor(
    private readonly db: Database.Database,
    private readonly crypto: PersonalDataCrypto,
    /** The hall's service day (YYYY-MM-DD): the summaries' deadlines are reckoned on it. */
    private readonly today: () => string,
  ) {
    this.store = new SearchStore(db);
    this.calendar = new HallCalendar(db);
  }

  search({ query, kind, limit }: SearchInput): SearchOutput {
    const take = limit + 1; // one more than asked: tells whether there are more
    const found = kind === 'auto' ? this.auto(query, take) : { kind, ids: this.byKind(kind, query, take) };
    return {
      kind: found.kind,
      visits: visitSummaries(this.db, found.ids.slice(0, limit), this.calendar.optionsOn(this.today())),
      more: found.ids.length > limit,
    };
  }

  /**
   * A case number when the query has that shape and one matches; else a personal number
   * when it has that shape (exact or nothing: never a partial match, never the content);
   * else a name; else the content.
   */
  private auto(query: string, take: number): { kind: Kind; ids: string[] } {
    if (NUMBER_SHAPE.test(query)) {
      const ids = this.byKind('case_number', query, take);
      if (ids.length > 0) return { kind: 'case_number', ids };
    }
    const compact = query.replace(/[\s-]+/g, '');
    if (PERSONAL_NUMBER.test(compact)) {
      const kind = MOBILE.test(compact) ? 'phone' : 'id_number';
      return { kind, ids: this.byKind(kind, compact, take) };
    }
    const byName = this.byKind('name', query, take);
    if (byName.length > 0) return { kind: 'name', ids: byName };
    return { kind: 'content', ids: this.byKind('content', query, take) };
  }

  private byKind(kind: Exclude<Kind, 'auto'>, query: string, take: number): string[] {
    switch (kind) {
      case 'case_number':
        return this.store.byNumberPrefix(query.replace(/\s+/g, ''), take);
      case 'id_number': {
        // As the registry keys it: the canonical 18-character form (a legacy 15-digit number upgraded).
        const id = checkIdNumber(query, this.today());
        return id.ok ? this.store.byIdNumberIndex(this.crypto.blindIndex('idNumber', id.canonical), take) : [];
      }
      case 'phone': {
        const phone = normalizePhone(query);
        return phone ? this.store.byPhoneIndex(this.crypto.blindIndex('phone', phone), take) : [];
      }
      case 'name':
      case 'content': {
        const tokens = tokenQuery(query);
        if (!tokens) return [];
        const check = tokens.check.length > 0 ? tokens.check.join('\n') : null;
        return kind === 'name' ? this.store.byName(tokens.match, check, take) : this.store.byContent(tokens.match, check, take);
      }
    }
  }
}
