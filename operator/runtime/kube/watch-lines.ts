// The body of a watch answer: one JSON watch event per line ({"type": ..., "object": ...}). Chunks may split a
// line anywhere (and one line may span many chunks); complete lines are parsed as they arrive.
import type { WatchEvent, WatchEventType } from './types.js';

const TYPES: ReadonlySet<string> = new Set<WatchEventType>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

export class WatchParseError extends Error {
  override readonly name = 'WatchParseError';
}

export class WatchLineParser {
  private partial: string[] = [];

  /** The events completed by `chunk` (text; the caller decodes UTF-8 across chunk boundaries). */
  push(chunk: string): WatchEvent[] {
    const out: WatchEvent[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.partial.push(chunk.slice(start, nl));
      const line = this.partial.join('');
      this.partial = [];
      start = nl + 1;
      if (line.trim()) out.push(parseWatchLine(line));
    }
    if (start < chunk.length) this.partial.push(chunk.slice(start));
    return out;
  }

  /** At the end of the stream: the last line when it had no newline. */
  end(): WatchEvent[] {
    const line = this.partial.join('');
    this.partial = [];
    return line.trim() ? [parseWatchLine(line)] : [];
  }
}

export function parseWatchLine(line: string): WatchEvent {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    throw new WatchParseError(`watch: a line is not JSON (${(err as Error).message}): ${line.slice(0, 120)}`);
  }
  const e = v as Partial<WatchEvent> | null;
  if (!e || typeof e !== 'object' || !TYPES.has(e.type as string) || typeof e.object !== 'object' || e.object === null) {
    throw new WatchParseError(`watch: not a watch event: ${line.slice(0, 120)}`);
  }
  return e as WatchEvent;
}
