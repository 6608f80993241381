// The runtime's public surface for kinds (resources/*) and main.ts.
export { Manager, type ManagerOptions, type ManagerSettings } from './manager.js';
export type { ControllerSpec, ReconcileContext, StatusHelper, WatchSpec } from './controller-spec.js';
export { stable, active, requeueAfter, RequeueAfter, Terminal, NotFound, isTerminal, type ReconcileResult } from './result.js';
export { toQueueAction, type QueueAction, type ReconcileOutcome } from './queue-action.js';
export { REFRESH_ANNOTATION, refreshToken, resyncDelay, defaultResyncPolicy, type ResyncPolicy } from './resync.js';
export {
  ConditionType,
  getCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  setConditions,
  formatTime,
  type Condition,
  type ConditionInput,
  type ConditionStatus,
} from './conditions.js';
export { hasFinalizer, Finalizers } from './finalizers.js';
export { StatusWriter, type StatusOf, type StatusUpdate, type StatusWriteResult } from './status-writer.js';
export { bindRecorder, KubeEventSink, MemoryEventSink, type EventRecorder, type EventSink, type EventType } from './events.js';
export { OperatorMetrics, controllerName, type CloudCallSample } from './metrics.js';
export { countWrites, resourceOfPath } from './write-counter.js';
export { createLogger, silentLogger, LogField, LOG_LEVELS, type Logger, type LogLevel } from './logger.js';
export { redact, redactText, REDACTED } from './redact.js';
export { keyOf, keyFor, parseKey, type ObjectRef } from './keys.js';
export { apiVersionOf, isDeleting, typeId, type CustomObject, type KubeObject, type ObjectMeta, type ResourceType } from './kube-object.js';
export type { CacheReader } from './informer.js';
export type { ResourceClient } from './resource-client.js';
export { isConflict, isNotFound, statusCodeOf, apiErrorMessage } from './api-errors.js';
export { systemClock, sleep, type Clock } from './clock.js';
export { parseDuration, formatDuration } from './duration.js';
