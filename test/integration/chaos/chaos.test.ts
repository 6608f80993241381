/**
 * The short chaos run (test/chaos, as `make chaos` runs it, smaller): 25 objects under cloud faults, two operator
 * replicas with leader election SIGKILLed every 12-18 s for 45 s, units deleted while being created, then an
 * invalid-spec corpus. Correctness only (timings are printed, never asserted): nothing duplicated, orphaned or
 * stuck, no crash, no secret anywhere, refusals naming the field. Specs the operator neither refuses nor surfaces
 * ("silent") are printed as findings, not asserted: see the chaos report.
 */
import { expect } from 'chai';
import { runChaos, type ChaosReport } from '../../chaos/chaos.js';
import { DEFAULTS } from '../../chaos/options.js';
import { findings, table, truth } from '../../chaos/report.js';
import { testEnv } from '../setup.js';
import { installCrds } from '../support/crds.js';

describe('chaos (short): faults, SIGKILLed replicas, deletes during creation, invalid specs, secrets', function () {
  let r: ChaosReport;

  before(async function () {
    this.timeout(15 * 60_000);
    installCrds();
    const env = testEnv();
    r = await runChaos(
      {
        ...DEFAULTS,
        objects: 25,
        chaosSeconds: 45,
        killMinSeconds: 12,
        killMaxSeconds: 18,
        corpus: 240,
        deleteFraction: 0.2,
        settleSeconds: 300,
        jsonPath: '',
      },
      { kubeconfigPath: env.kubeconfigPath, adminToken: env.adminToken },
      { channels: 8, verdictMs: 20_000, deleteMs: 60_000 },
      (s) => process.stdout.write(`      [chaos] ${s}\n`),
    );
    process.stdout.write(`${table(r).replace(/^/gm, '      ')}\n      ${truth(r)}\n${findings(r).replace(/^/gm, '      ')}\n`);
  });

  it('the operator was really killed and the cloud really misbehaved (the run is not vacuous)', () => {
    expect(r.fleet.kills.kills).to.be.at.least(1);
    expect(r.fleet.faultHits).to.be.at.least(1);
    expect(r.fleet.deletedObjects).to.be.at.least(1);
  });

  it('0 duplicates, 0 orphans, 0 stuck; every live object Ready', () => {
    expect(r.audit.details.duplicates, 'duplicates').to.deep.equal([]);
    expect(r.audit.details.orphans, 'orphans').to.deep.equal([]);
    expect(r.audit.details.stuck, 'stuck Terminating').to.deep.equal([]);
    expect(r.audit.details.notReady, 'not Ready').to.deep.equal([]);
  });

  it('0 operator crashes (exits the suite did not cause, fatal errors in the logs)', () => {
    expect(r.crashes).to.deep.equal([]);
  });

  it('0 secret hits in operator logs, Events, status and the simulator request log', () => {
    expect(r.secrets.secretsSearched).to.be.at.least(5);
    expect(r.secrets.hits).to.deep.equal([]);
  });

  it('invalid specs: none stuck or left in the cloud; every refusal at apply names the field', () => {
    expect(r.corpus.specs).to.equal(240);
    expect(r.corpus.stuck, 'corpus objects stuck Terminating').to.equal(0);
    expect(r.corpus.orphans, 'cloud objects left by corpus specs').to.deep.equal([]);
    expect(
      r.corpus.rejectedNotNamingField.map((x) => `${x.field}: ${x.message}`),
      'refusals that do not name the field',
    ).to.deep.equal([]);
  });
});
