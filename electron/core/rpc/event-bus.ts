import { events, type EventData, type EventName, type Role } from '../../../shared/contract';

export type EventListener = (event: EventName, data: unknown) => void;

/**
 * Fan-out of core events to sessions. Each subscriber names its role and receives only
 * the events whose audience includes that role; data is checked against the contract
 * before it leaves, so a display can never be sent a field it should not have.
 */
export class EventBus {
  private readonly subscribers = new Set<{ role: Role; listener: EventListener }>();

  constructor(private readonly onListenerError: (event: EventName, error: unknown) => void = () => {}) {}

  subscribe(role: Role, listener: EventListener): () => void {
    const subscriber = { role, listener };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish<E extends EventName>(event: E, data: EventData<E>): void {
    const definition = events[event];
    const checked = definition.data.parse(data);
    for (const { role, listener } of this.subscribers) {
      if (!definition.audience.includes(role)) continue;
      // The change is committed already: a failing listener (a socket gone bad) must
      // neither turn the caller's success into an error nor starve the others.
      try {
        listener(event, checked);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}
