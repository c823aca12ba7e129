import { events, type EventData, type EventName, type Role } from '../../../shared/contract';

export type EventListener = (event: EventName, data: unknown) => void;

/**
 * Fan-out of core events to sessions. Each subscriber names its role and receives only
 * the events whose audience includes that role; data is checked against the contract
 * before it leaves, so a display can never be sent a field it should not have.
 */
export class EventBus {
  private readonly subscribers = new Set<{ role: Role; listener: EventListener }>();

  subscribe(role: Role, listener: EventListener): () => void {
    const subscriber = { role, listener };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish<E extends EventName>(event: E, data: EventData<E>): void {
    const definition = events[event];
    const checked = definition.data.parse(data);
    for (const { role, listener } of this.subscribers) {
      if (definition.audience.includes(role)) listener(event, checked);
    }
  }
}
