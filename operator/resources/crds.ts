/** Every CRD the operator serves; `make crds` writes them to crds/. */
import type { Crd } from './crd-builder.js';
import { cceaddonCrd } from './addon/crd.js';
import { cceclusterCrd } from './cluster/crd.js';
import { ccenodepoolCrd } from './nodepool/crd.js';
import { cceclusterregistrationCrd } from './registration/crd.js';

export function allCrds(): Crd[] {
  return [cceclusterCrd, ccenodepoolCrd, cceaddonCrd, cceclusterregistrationCrd];
}
