/** Quotas: `GET .../quotas` [003 §4.4.1, 004 §4.4.1]. */

export interface QuotaResource {
  /** e.g. `cluster` (standard), `autopilot_cluster` (Autopilot). */
  quotaKey: string;
  quotaLimit: number;
  used: number;
  unit?: string;
  regionId?: string;
  availabilityZoneId?: string;
}

export interface QuotaList {
  quotas: QuotaResource[];
}
