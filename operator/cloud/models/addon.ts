/** Add-on templates and instances [003 §4.3, 004 §4.2]. Timestamps are RFC 3339. */
import type { JsonObject, ObjectMeta } from './common.js';

/** Add-on `status.status` values [004 D§6.2]. */
export type AddonStatus =
  | 'running'
  | 'abnormal'
  | 'installing'
  | 'installFailed'
  | 'upgrading'
  | 'upgradeFailed'
  | 'deleting'
  | 'deleteFailed'
  | 'deleteSuccess'
  | 'available'
  | 'rollbacking'
  | 'rollbackFailed'
  | 'unknown';

export interface SupportVersion {
  clusterType?: string;
  /** Regular expressions, e.g. `v1.(27|28).*`. */
  clusterVersion?: string[];
  category?: string[];
}

export interface AddonVersion {
  version: string;
  input?: JsonObject;
  stable?: boolean;
  translate?: JsonObject;
  supportVersions?: SupportVersion[];
  creationTimestamp?: string;
  updateTimestamp?: string;
}

export interface AddonTemplate {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: {
    /** `helm` | `static`. */
    type?: string;
    require?: boolean;
    labels?: string[];
    logoURL?: string;
    readmeURL?: string;
    description?: string;
    versions?: AddonVersion[];
    supportVersions?: SupportVersion[];
  };
}

export interface AddonInstanceStatus {
  status?: AddonStatus | string;
  /** The API spells it `Reason` (capital R); `reason` is accepted too. */
  Reason?: string;
  reason?: string;
  message?: string;
  targetVersions?: string[] | null;
  currentVersion?: AddonVersion;
  isRollbackable?: boolean;
  previousVersion?: string;
}

export interface AddonInstanceSpec {
  clusterID: string;
  version?: string;
  addonTemplateName: string;
  addonTemplateType?: string;
  addonTemplateLogo?: string;
  addonTemplateLabels?: string[];
  description?: string;
  values?: JsonObject | null;
}

export interface AddonInstance {
  kind: string;
  apiVersion: string;
  metadata: ObjectMeta;
  spec: AddonInstanceSpec;
  status?: AddonInstanceStatus;
}

/** Install (POST) and update/upgrade (PUT) body. */
export interface AddonInstanceRequest {
  kind: 'Addon';
  apiVersion: 'v3';
  /** Install: `{annotations:{'addon.install/type':'install'}}`; upgrade: `{'addon.upgrade/type':'upgrade'}`. */
  metadata: ObjectMeta;
  spec: {
    clusterID: string;
    version?: string;
    addonTemplateName: string;
    values: JsonObject;
  };
}

export const ADDON_INSTALL_ANNOTATION = { 'addon.install/type': 'install' } as const;
export const ADDON_UPGRADE_ANNOTATION = { 'addon.upgrade/type': 'upgrade' } as const;

export interface ListAddonTemplatesOptions {
  addon_template_name?: string;
}
