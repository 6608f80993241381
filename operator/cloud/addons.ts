/**
 * Add-on templates and instances. Calls go to the add-on base URL (`{cluster_id}.{endpoint}` or the main endpoint,
 * see endpoints.ts). Install answers 200 (standard) / 201 (Autopilot) with no job: poll `status.status`.
 */
import { read, write, type ApiContext, type CallOptions, type InvokeSpec, type Mutation } from './api-context.js';
import {
  ADDON_INSTALL_ANNOTATION,
  ADDON_UPGRADE_ANNOTATION,
  type AddonInstance,
  type AddonInstanceRequest,
  type AddonTemplate,
  type ListAddonTemplatesOptions,
} from './models/addon.js';
import type { JsonObject, ListOf } from './models/common.js';

export interface AddonTarget {
  clusterId: string;
  addonTemplateName: string;
  version?: string;
  values: JsonObject;
}

/** The install body, with the `addon.install/type: install` annotation. */
export function addonInstallRequest(t: AddonTarget): AddonInstanceRequest {
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata: { annotations: { ...ADDON_INSTALL_ANNOTATION } },
    spec: {
      clusterID: t.clusterId,
      addonTemplateName: t.addonTemplateName,
      values: t.values,
      ...(t.version ? { version: t.version } : {}),
    },
  };
}

/** The update/upgrade body: `values` must be the full set (omitted keys revert to template defaults). */
export function addonUpgradeRequest(t: AddonTarget & { version: string }): AddonInstanceRequest {
  return { ...addonInstallRequest(t), metadata: { annotations: { ...ADDON_UPGRADE_ANNOTATION } } };
}

export class AddonApi {
  constructor(private readonly ctx: ApiContext) {}

  private base(clusterId: string | undefined): string {
    return this.ctx.addonBase(clusterId);
  }

  /** The scope of a cluster's add-on instances in the shared lists (lookups and observations). */
  private scope(clusterId: string): string {
    return `addons/${clusterId}`;
  }

  /** A change to instance `id` (undefined for an install: the id it answers with), recorded for shared observations. */
  private change<T>(clusterId: string, id: string | undefined, spec: InvokeSpec): Promise<Mutation<T>> {
    return this.ctx.lookups.mutation(
      this.scope(clusterId),
      id,
      () => write<T>(this.ctx, spec),
      (m) => (id ? undefined : (m.body as AddonInstance | undefined)?.metadata?.uid),
    );
  }

  /**
   * `clusterId` only chooses the host in the `{cluster_id}.` form; the API itself does not use it. Answers are shared
   * per template name for `ctx.templates.ttlMs` (templates change with the cloud's releases, not with our calls).
   */
  async listTemplates(q: ListAddonTemplatesOptions = {}, clusterId?: string, opts?: CallOptions): Promise<ListOf<AddonTemplate>> {
    const base = this.base(clusterId);
    const name = q.addon_template_name ?? '';
    return this.ctx.templates.get(`templates ${base} ${name}`, name, () => this.fetchTemplates(q, base, opts));
  }

  private async fetchTemplates(q: ListAddonTemplatesOptions, base: string, opts?: CallOptions): Promise<ListOf<AddonTemplate>> {
    const query = { addon_template_name: q.addon_template_name };
    return read(this.ctx, {
      operation: 'ListAddonTemplates',
      method: 'GET',
      base,
      path: this.ctx.paths.addonTemplates(),
      query,
      opts,
    });
  }

  async install(body: AddonInstanceRequest, opts?: CallOptions): Promise<Mutation<AddonInstance>> {
    const base = this.base(body.spec.clusterID);
    this.ctx.lookups.created(this.scope(body.spec.clusterID), body.spec.addonTemplateName);
    return this.change(body.spec.clusterID, undefined, {
      operation: 'CreateAddonInstance',
      method: 'POST',
      base,
      path: this.ctx.paths.addons(),
      body,
      opts,
    });
  }

  async get(addonId: string, clusterId: string, opts?: CallOptions): Promise<AddonInstance> {
    const query = { cluster_id: clusterId };
    return read(this.ctx, {
      operation: 'ShowAddonInstance',
      method: 'GET',
      base: this.base(clusterId),
      path: this.ctx.paths.addons(addonId),
      query,
      opts,
    });
  }

  async list(clusterId: string, opts?: CallOptions): Promise<ListOf<AddonInstance>> {
    const query = { cluster_id: clusterId };
    return read(this.ctx, {
      operation: 'ListAddonInstances',
      method: 'GET',
      base: this.base(clusterId),
      path: this.ctx.paths.addons(),
      query,
      opts,
    });
  }

  /**
   * The instance as a list of its cluster shows it, when a list may serve (shared-lookups.ts `observe`); undefined
   * when it may not or the instance is not in it, so the caller GETs it (a shared list never says it is gone).
   */
  async observeShared(addonId: string, clusterId: string, opts?: CallOptions): Promise<AddonInstance | undefined> {
    const items = this.ctx.lookups.observe(this.scope(clusterId), addonId, async () => (await this.list(clusterId, opts)).items ?? []);
    return (await items)?.find((a) => a.metadata?.uid === addonId);
  }

  /** One instance per template per cluster: resolves an `OutcomeUnknownError` from `install`. */
  async findByTemplate(clusterId: string, addonTemplateName: string, opts?: CallOptions): Promise<AddonInstance | undefined> {
    const items = await this.ctx.lookups.get(
      this.scope(clusterId),
      addonTemplateName,
      async () => (await this.list(clusterId, opts)).items ?? [],
    );
    return items.find((a) => a.spec?.addonTemplateName === addonTemplateName || a.metadata?.name === addonTemplateName);
  }

  /** Update or upgrade (PUT); use `addonUpgradeRequest` to build the body. */
  async update(addonId: string, body: AddonInstanceRequest, opts?: CallOptions): Promise<Mutation<AddonInstance>> {
    const base = this.base(body.spec.clusterID);
    return this.change(body.spec.clusterID, addonId, {
      operation: 'UpdateAddonInstance',
      method: 'PUT',
      base,
      path: this.ctx.paths.addons(addonId),
      body,
      opts,
    });
  }

  /** Body: standard undocumented, Autopilot the string `success`. */
  async delete(addonId: string, clusterId: string, opts?: CallOptions): Promise<Mutation<unknown>> {
    const query = { cluster_id: clusterId };
    return this.change(clusterId, addonId, {
      operation: 'DeleteAddonInstance',
      method: 'DELETE',
      base: this.base(clusterId),
      path: this.ctx.paths.addons(addonId),
      query,
      opts,
    });
  }

  /** Back to the pre-upgrade version; allowed when `status.isRollbackable` [004 §4.2.4]. */
  async rollback(addonId: string, clusterId: string, opts?: CallOptions): Promise<Mutation<AddonInstance>> {
    const body = { clusterID: clusterId };
    return this.change(clusterId, addonId, {
      operation: 'RollbackAddonInstance',
      method: 'POST',
      base: this.base(clusterId),
      path: this.ctx.paths.addonRollback(addonId),
      body,
      opts,
    });
  }
}
