// One watch request: GET <collection>?watch=true&allowWatchBookmarks=true&resourceVersion=..., events handed to
// `onEvent` as they arrive. Resolves when the server ends the stream (its timeoutSeconds, or an ERROR event
// followed by the close); rejects on an HTTP error (KubeApiError, e.g. 410), a broken connection, a line that is
// not a watch event, or `signal`. A stream that outlives its timeoutSeconds by a minute is treated as dead.
import type { KubeHttp } from './kube-http.js';
import type { WatchEvent } from './types.js';
import { WatchLineParser } from './watch-lines.js';

export interface WatchOptions {
  /** Start after this version (empty: the server picks "now", with synthetic ADDED events for what exists). */
  resourceVersion?: string | undefined;
  accept?: string | undefined;
  /** The server ends the watch after this long (client-go uses 5-10 min, random). */
  timeoutSeconds?: number | undefined;
  signal?: AbortSignal | undefined;
}

export async function watchCollection(http: KubeHttp, path: string, o: WatchOptions, onEvent: (e: WatchEvent) => void): Promise<void> {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(o.signal?.reason);
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const guard = o.timeoutSeconds
    ? setTimeout(
        () => ctl.abort(new Error(`watch ${path}: no end ${o.timeoutSeconds! + 60} s after it started`)),
        (o.timeoutSeconds + 60) * 1000,
      )
    : undefined;
  let res: Awaited<ReturnType<KubeHttp['stream']>> | undefined;
  try {
    res = await http.stream({
      path,
      query: { watch: 'true', allowWatchBookmarks: 'true', resourceVersion: o.resourceVersion, timeoutSeconds: o.timeoutSeconds },
      accept: o.accept,
      signal: ctl.signal,
    });
    res.setEncoding('utf8');
    const parser = new WatchLineParser();
    for await (const chunk of res) for (const e of parser.push(chunk as string)) onEvent(e);
    for (const e of parser.end()) onEvent(e);
  } catch (err) {
    res?.destroy();
    throw ctl.signal.aborted && ctl.signal.reason instanceof Error ? ctl.signal.reason : err;
  } finally {
    if (guard) clearTimeout(guard);
    o.signal?.removeEventListener('abort', onAbort);
  }
}
