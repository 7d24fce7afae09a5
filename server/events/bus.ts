// The process's event bus. The listener (one LISTEN connection per replica) feeds it; SSE streams
// subscribe to it; caches read its generations. It lives on globalThis because the launcher and
// Next's route handlers are separate module graphs in one process.
import "server-only";
import { EVENT_TYPES, type EventType } from "@/lib/api/events";

/** An event as received from Postgres, with its global sequence number. */
export interface ReceivedEvent {
  seq: string;
  type: EventType;
  id?: string;
}

export type Subscriber = (event: ReceivedEvent) => void;

/** Enough to resume a browser that lost its stream for a minute on a busy deployment. */
const RESUME_BUFFER = 2_000;

export class EventBus {
  /** Whether this replica's LISTEN connection is up: caches are trusted only while it is. */
  connected = false;
  private generations = new Map<EventType, number>(EVENT_TYPES.map((t) => [t, 0]));
  /** Every touch so far: the clock that `touchedSince` compares with. */
  private clock = 0;
  /** Per type, the touches that named no resource, and reconnects: they concern every value of that type. */
  private unscoped = new Map<EventType, number>(EVENT_TYPES.map((t) => [t, 0]));
  /** `type:id` → the clock at that resource's latest touch. */
  private touchedAt = new Map<string, number>();
  /** Events received since the listener last connected, in arrival order (= commit order). */
  private recent: ReceivedEvent[] = [];
  private subscribers = new Set<Subscriber>();
  /** Told when the LISTEN connection drops: from then on, events may be missed. */
  private lostListeners = new Set<() => void>();
  /** Names this LISTEN connection's life: a position taken before any event arrived refers to it. */
  private epoch = `e${Math.random().toString(36).slice(2, 10)}`;

  /** A counter that moves whenever an event of one of these types is published or received. */
  generation(types: readonly EventType[]): number {
    let sum = 0;
    for (const t of types) sum += this.generations.get(t)!;
    return sum;
  }

  /** Like `generation`, counting only what concerns every resource of those types (see `touchedSince`). */
  unscopedGeneration(types: readonly EventType[]): number {
    let sum = 0;
    for (const t of types) sum += this.unscoped.get(t)!;
    return sum;
  }

  /** The clock now: every touch moves it. */
  now(): number {
    return this.clock;
  }

  /** Whether an event of one of these types named resource `id` after the clock read `since`. */
  touchedSince(types: readonly EventType[], id: string, since: number): boolean {
    return types.some((t) => (this.touchedAt.get(`${t}:${id}`) ?? -1) > since);
  }

  /**
   * This process changed something: its own caches must not serve the old value, even before the
   * NOTIFY comes back. With `id`, only that resource changed (see `touchedSince`).
   */
  touch(types: readonly EventType[], id?: string) {
    this.clock++;
    for (const t of types) {
      this.generations.set(t, this.generations.get(t)! + 1);
      if (id === undefined) this.unscoped.set(t, this.unscoped.get(t)! + 1);
      else this.touchedAt.set(`${t}:${id}`, this.clock);
    }
  }

  receive(event: ReceivedEvent) {
    this.touch([event.type], event.id);
    this.recent.push(event);
    if (this.recent.length > RESUME_BUFFER) this.recent.splice(0, this.recent.length - RESUME_BUFFER);
    for (const fn of this.subscribers) fn(event);
  }

  /** The LISTEN connection came up (again): anything may have happened while it was down. */
  connect() {
    this.connected = true;
    this.recent = [];
    this.epoch = `e${Math.random().toString(36).slice(2, 10)}`;
    this.touch(EVENT_TYPES);
    this.touchedAt.clear(); // the touch above concerns every resource
    for (const fn of this.subscribers) fn({ seq: "", type: "resync" });
  }

  disconnect() {
    const was = this.connected;
    this.connected = false;
    this.touch(EVENT_TYPES);
    if (was) for (const fn of this.lostListeners) fn();
  }

  /**
   * The events after `lastSeq`, for a stream resuming with Last-Event-ID; null when this replica
   * cannot know them (it never received `lastSeq`, or has dropped it since), so the browser must
   * refetch everything. Arrival order, not sequence order: ids are taken before commit.
   */
  since(lastSeq: string): ReceivedEvent[] | null {
    if (!this.connected) return null;
    if (lastSeq === this.epoch) return this.recent.slice();
    const at = this.recent.findLastIndex((e) => e.seq === lastSeq);
    return at < 0 ? null : this.recent.slice(at + 1);
  }

  /** The newest sequence number received, for a stream to start from. */
  latest(): string | undefined {
    return this.recent.at(-1)?.seq;
  }

  /**
   * Where the bus is now, for a page rendered from data read after this moment: a stream that
   * later resumes from it (as Last-Event-ID) gets every event since, so nothing that happened
   * between the render and the stream opening is lost. Before any event arrived, a marker of this
   * connection; null while disconnected (nothing can be promised).
   */
  position(): string | null {
    if (!this.connected) return null;
    return this.latest() ?? this.epoch;
  }

  /** `onLost` runs once each time the LISTEN connection drops while subscribed. */
  subscribe(fn: Subscriber, onLost?: () => void): () => void {
    this.subscribers.add(fn);
    if (onLost) this.lostListeners.add(onLost);
    return () => {
      this.subscribers.delete(fn);
      if (onLost) this.lostListeners.delete(onLost);
    };
  }

  get subscriberCount() {
    return this.subscribers.size;
  }
}

const holder = globalThis as typeof globalThis & { __meridianBus?: EventBus };

export function bus(): EventBus {
  return (holder.__meridianBus ??= new EventBus());
}
