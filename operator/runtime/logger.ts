// Structured JSON logs (winston): one line per event with timestamp, level, message and fields. By
// convention reconcile logs carry `kind` and `key` (namespace/name) and, for cloud calls, `requestId` (the
// CCE X-Request-Id). Every record goes through the redaction guard first.
import winston from 'winston';
import { redact } from './redact.js';

export type Logger = winston.Logger;
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Standard field names, so every component spells them the same way. */
export const LogField = {
  kind: 'kind',
  key: 'key',
  requestId: 'requestId',
  jobId: 'jobId',
  controller: 'controller',
  reconcileId: 'reconcileId',
} as const;

const redactFormat = winston.format((info) => {
  const clean = redact(info);
  // winston keys its level/message/splat on symbols; redact() keeps them, and `message` is a plain key.
  return clean;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** Extra fields on every line (e.g. { component: 'cce-operator' }). */
  defaultMeta?: Record<string, unknown>;
  /** Where lines go; default stdout. Tests pass a stream to capture them. */
  stream?: NodeJS.WritableStream;
  silent?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const transport = opts.stream ? new winston.transports.Stream({ stream: opts.stream }) : new winston.transports.Console();
  return skipDisabledLevels(
    winston.createLogger({
      level: opts.level ?? 'info',
      defaultMeta: opts.defaultMeta,
      silent: opts.silent ?? false,
      format: winston.format.combine(
        winston.format.errors({ stack: true }),
        redactFormat(),
        winston.format.timestamp(),
        winston.format.json(),
      ),
      transports: [transport],
    }),
  );
}

/**
 * winston formats a record (here: redaction, timestamp, JSON) before its transports drop it for its level, so a
 * debug line at level warn still costs its whole pipeline — measured at 5% of the operator's CPU in a steady fleet
 * (one debug line per cloud call). Each level method first asks whether its level is enabled. The methods stay on
 * the prototype chain's `this`, so child loggers keep their own fields.
 */
function skipDisabledLevels(logger: Logger): Logger {
  for (const level of LOG_LEVELS) {
    const write = logger[level] as (...args: unknown[]) => Logger;
    logger[level] = function (this: Logger, ...args: unknown[]) {
      return this.isLevelEnabled(level) ? write.apply(this, args) : this;
    } as winston.LeveledLogMethod;
  }
  return logger;
}

/** A logger that writes nothing (default for library code and tests). */
export function silentLogger(): Logger {
  return createLogger({ silent: true });
}
