/** The request log and per-endpoint call counts (no headers, no bodies, no secrets). */
export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  operation: string;
  family: string;
  requestId: string;
  durationMs: number;
  fault?: string;
}

const LIMIT = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  private byOperation = new Map<string, number>();
  private byRoute = new Map<string, number>();

  record(e: Omit<RequestLogEntry, 'seq'>, route: string): void {
    this.entries.push({ seq: ++this.seq, ...e });
    if (this.entries.length > LIMIT) this.entries.shift();
    this.byOperation.set(e.operation, (this.byOperation.get(e.operation) ?? 0) + 1);
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  items(): RequestLogEntry[] {
    return [...this.entries];
  }

  counts(): { byOperation: Record<string, number>; byRoute: Record<string, number> } {
    return { byOperation: Object.fromEntries(this.byOperation), byRoute: Object.fromEntries(this.byRoute) };
  }

  clear(): void {
    this.entries = [];
    this.byOperation.clear();
    this.byRoute.clear();
  }
}
