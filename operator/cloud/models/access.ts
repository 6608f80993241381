/**
 * The cluster's API server access addresses and its public EIP [004 §4.1.8 T4-130..T4-139, §4.1.9 T4-142..T4-148];
 * the public cloud's standard API serves the same shapes under `/api/v3/...` (seed 003, Huawei Cloud Stack, has
 * neither).
 */
import type { ObjectMeta } from './common.js';

export interface EipSpec {
  bandwidth?: { size?: number; sharetype?: string };
}

/** [T4-131] `action` bind | unbind; `spec.id` (the EIP's id) required to bind, ignored to unbind. */
export interface MasterEipRequest {
  spec: { action: 'bind' | 'unbind'; spec?: { id?: string } };
}

/** [T4-139, T4-148] */
export interface AccessEndpoints {
  /** `https://<private IP or VIP>:5443`. */
  privateEndpoint?: string;
  /** `https://<EIP>:5443`, or `""` when none is bound. */
  publicEndpoint?: string;
}

/** Bind answers this; unbind answers no body [T4-133]. */
export interface MasterEipResponse {
  metadata?: ObjectMeta;
  spec?: { action?: string; spec?: { id?: string; eip?: EipSpec; IsDynamic?: boolean }; elasticip?: string };
  status?: AccessEndpoints;
}

/** GET .../openapi [T4-142]. */
export interface ClusterAccess {
  metadata?: ObjectMeta;
  spec?: { spec?: { id?: string; eip?: EipSpec; IsDynamic?: boolean } };
  status?: AccessEndpoints;
}
