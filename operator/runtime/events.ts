// Kubernetes Events (core/v1) about the objects the operator manages. Repeats of an event (same object, type and
// reason) within a window are aggregated into one Event whose `count` and `lastTimestamp` go up and whose message
// is the latest, as kubectl describe shows them: a message that differs per call (a request id, a job id) never
// turns one recurring problem into a stream of Events. The CCE request id of the call an Event is about goes to the
// annotation `cce.operator.dev/request-id` (the latest), never into the message. Recording never throws and never
// blocks a reconcile; `flush()` waits for pending writes (shutdown, tests).
import { isNotFound } from './api-errors.js';
import { systemClock, type Clock } from './clock.js';
import type { KubeConfig } from './kube/kube-config.js';
import { EVENTS, objectApi, type ObjectApi } from './kube/object-api.js';
import type { CoreEvent } from './kube/types.js';
import type { KubeObject } from './kube-object.js';
import type { Logger } from './logger.js';

export type EventType = 'Normal' | 'Warning';

/** What an Event carries besides its message; none of it splits the aggregation. */
export interface EventDetails {
  /** The CCE request id of the call the Event is about: the annotation REQUEST_ID_ANNOTATION. */
  requestId?: string | undefined;
}

export const REQUEST_ID_ANNOTATION = 'cce.operator.dev/request-id';

/** What reconcilers use: bound to one object in the reconcile context. */
export interface EventRecorder {
  normal(reason: string, message: string, details?: EventDetails): void;
  warning(reason: string, message: string, details?: EventDetails): void;
}

/** What the runtime holds: records about any object. */
export interface EventSink {
  record(obj: KubeObject, type: EventType, reason: string, message: string, details?: EventDetails): void;
}

export function bindRecorder(sink: EventSink, obj: KubeObject): EventRecorder {
  return {
    normal: (reason, message, details) => sink.record(obj, 'Normal', reason, message, details),
    warning: (reason, message, details) => sink.record(obj, 'Warning', reason, message, details),
  };
}

/** The aggregation key: the object, the type and the reason (never the message). */
export function eventKey(obj: KubeObject, type: EventType, reason: string): string {
  const meta = obj.metadata ?? {};
  return `${meta.uid ?? `${meta.namespace}/${meta.name}`}|${type}|${reason}`;
}

function annotations(details: EventDetails | undefined): Record<string, string> | undefined {
  return details?.requestId ? { [REQUEST_ID_ANNOTATION]: details.requestId } : undefined;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export interface KubeEventSinkOptions {
  component: string;
  instance: string;
  log: Logger;
  clock?: Clock;
  /** Repeats within this window update the existing Event (default 10 min). */
  aggregateWindowMs?: number;
}

const MAX_MESSAGE = 1024;
const MAX_REMEMBERED = 4096;

export class KubeEventSink implements EventSink {
  private readonly api: ObjectApi<CoreEvent>;
  private readonly clock: Clock;
  private readonly seen = new Map<string, Seen>();
  private readonly pending = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(
    kc: KubeConfig,
    private readonly opts: KubeEventSinkOptions,
  ) {
    this.api = objectApi<CoreEvent>(kc, EVENTS);
    this.clock = opts.clock ?? systemClock;
  }

  record(obj: KubeObject, type: EventType, reason: string, message: string, details?: EventDetails): void {
    const msg = message.slice(0, MAX_MESSAGE);
    const id = eventKey(obj, type, reason);
    // Writes of the same event are chained so a quick repeat aggregates instead of racing the create.
    const before = this.chains.get(id) ?? Promise.resolve();
    const p = before
      .then(() => this.write(id, obj, type, reason, msg, details))
      .catch((err: unknown) => {
        this.opts.log.warn('could not write event', { reason, err });
      });
    this.chains.set(id, p);
    this.pending.add(p);
    void p.finally(() => {
      this.pending.delete(p);
      if (this.chains.get(id) === p) this.chains.delete(id);
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async write(
    id: string,
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    details: EventDetails | undefined,
  ): Promise<void> {
    const now = this.clock.now();
    const prev = this.seen.get(id);
    if (prev && now - prev.at < (this.opts.aggregateWindowMs ?? 600_000)) {
      prev.count += 1;
      prev.at = now;
      try {
        const body = {
          metadata: { annotations: { [REQUEST_ID_ANNOTATION]: details?.requestId ?? null } },
          count: prev.count,
          lastTimestamp: new Date(now).toISOString(),
          message,
        };
        await this.api.patch({ name: prev.name, namespace: prev.namespace }, body, { type: 'merge' });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const event = this.build(obj, type, reason, message, now, details);
    const namespace = event.metadata?.namespace as string;
    await this.api.create(namespace, event);
    this.remember(id, { name: event.metadata?.name as string, namespace, count: 1, at: now });
  }

  private build(
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    now: number,
    details: EventDetails | undefined,
  ): CoreEvent {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace || 'default';
    const stamp = (BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16);
    const at = new Date(now).toISOString();
    const notes = annotations(details);
    return {
      metadata: { name: `${meta.name}.${stamp}`, namespace, ...(notes ? { annotations: notes } : {}) },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
      },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component: this.opts.component },
      reportingComponent: this.opts.component,
      reportingInstance: this.opts.instance,
    };
  }

  private remember(id: string, seen: Seen): void {
    this.seen.set(id, seen);
    if (this.seen.size > MAX_REMEMBERED) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}

/** An EventSink that keeps events in memory (tests, dry runs). */
export class MemoryEventSink implements EventSink {
  readonly events: Array<{ key: string; type: EventType; reason: string; message: string; requestId?: string }> = [];
  record(obj: KubeObject, type: EventType, reason: string, message: string, details?: EventDetails): void {
    const m = obj.metadata ?? {};
    const key = m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
    this.events.push({ key, type, reason, message, ...(details?.requestId ? { requestId: details.requestId } : {}) });
  }
}
