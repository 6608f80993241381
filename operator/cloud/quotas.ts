/** Quotas: `GET .../quotas`. */
import { read, type ApiContext, type CallOptions } from './api-context.js';
import type { QuotaList } from './models/quota.js';

export class QuotaApi {
  constructor(private readonly ctx: ApiContext) {}

  async get(opts?: CallOptions): Promise<QuotaList> {
    return read(this.ctx, { operation: 'ShowQuotas', method: 'GET', path: this.ctx.paths.quotas(), opts });
  }
}
