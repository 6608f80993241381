/** What every rung of one CceAddon reconcile pass needs: the object, the runtime context, the cloud, the cluster. */
import type { CceClient } from '../../cloud/index.js';
import type { ReconcileContext } from '../../runtime/controller-spec.js';
import type { Report } from './report.js';
import type { ClusterCoords } from './target.js';
import type { CceAddon } from './types.js';

export interface Pass {
  obj: CceAddon;
  ctx: ReconcileContext<CceAddon>;
  cloud: CceClient;
  coords: ClusterCoords & { clusterID: string };
  /** Polling interval while an operation runs. */
  poll: number;
  /** One status write (skipped when unchanged); returns the fresh object. */
  write(r: Report): Promise<CceAddon>;
}
