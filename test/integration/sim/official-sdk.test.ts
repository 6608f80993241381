/**
 * The official Huawei Cloud Node SDK (@huaweicloud/huaweicloud-sdk-cce, a devDependency used only here),
 * unmodified, drives the simulator: AK/SK signing with a `{}` body on GETs, create → job → Available, add-on calls on
 * the main endpoint, delete → 200, then 404. If the simulator drifted from the real API, this is where it shows.
 */
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  CceClient,
  Cluster,
  ClusterMetadata,
  ClusterSpec,
  ClusterSpecTypeEnum,
  ContainerNetwork,
  ContainerNetworkModeEnum,
  CreateClusterRequest,
  DeleteClusterRequest,
  HostNetwork,
  ListAddonInstancesRequest,
  ListClustersRequest,
  ShowClusterRequest,
  ShowJobRequest,
} from '@huaweicloud/huaweicloud-sdk-cce';
import { expect } from 'chai';
import { startSimulator, type RunningSim } from '../../../sim/server.js';

const AK = 'SDKAK000000000000001';
const SK = 'sdk-secret-key';

describe('sim: the official Huawei Cloud CCE SDK against the simulator', () => {
  let sim: RunningSim;
  let client: CceClient;

  before(async () => {
    sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: 'sdk-project', jobSeconds: 0 });
    const cred = new BasicCredentials().withAk(AK).withSk(SK).withProjectId('sdk-project');
    client = CceClient.newBuilder().withCredential(cred).withEndpoint(sim.url).build();
  });

  after(async () => sim?.close());

  it('creates a cluster, follows its job to Success, sees it Available, lists its add-ons, deletes it', async () => {
    const spec = new ClusterSpec(
      'cce.s1.small',
      new HostNetwork('vpc-sdk', 'subnet-sdk'),
      new ContainerNetwork(ContainerNetworkModeEnum.OVERLAY_L2),
    )
      .withType(ClusterSpecTypeEnum.VIRTUALMACHINE)
      .withVersion('v1.28');
    const body = new Cluster('Cluster', 'v3', new ClusterMetadata('sdk-cluster'), spec);
    const created = await client.createCluster(new CreateClusterRequest().withBody(body));
    expect(created.httpStatusCode).to.equal(201);
    const id = created.metadata?.uid as string;
    const jobId = created.status?.jobID as string;
    expect(id).to.be.a('string').and.not.empty;

    const job = await client.showJob(new ShowJobRequest(jobId));
    expect(job.status?.phase).to.equal('Success');
    expect(job.spec?.clusterUID).to.equal(id);

    const shown = await client.showCluster(new ShowClusterRequest(id));
    expect(shown.status?.phase).to.equal('Available');
    const listed = await client.listClusters(new ListClustersRequest());
    expect(listed.items?.map((c) => c.metadata?.name)).to.include('sdk-cluster');

    const addons = await client.listAddonInstances(new ListAddonInstancesRequest(undefined, id));
    expect(addons.httpStatusCode).to.equal(200);

    const deleted = await client.deleteCluster(new DeleteClusterRequest(id));
    expect(deleted.httpStatusCode).to.equal(200);
    const gone = await statusOf(() => client.showCluster(new ShowClusterRequest(id)));
    expect(gone).to.equal(404);
  });

  it('gets 401 from the simulator with a wrong secret key', async () => {
    const bad = CceClient.newBuilder()
      .withCredential(new BasicCredentials().withAk(AK).withSk('wrong').withProjectId('sdk-project'))
      .withEndpoint(sim.url)
      .build();
    const status = await statusOf(() => bad.listClusters(new ListClustersRequest()));
    expect(status).to.equal(401);
  });
});

/** The HTTP status of an SDK call. The SDK prints every failed request (headers included): keep test output clean. */
async function statusOf(call: () => Promise<{ httpStatusCode?: number }>): Promise<number> {
  const saved = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = process.stderr.write = (() => true) as typeof process.stdout.write;
  try {
    return (await call()).httpStatusCode ?? 200;
  } catch (e) {
    return (e as { httpStatusCode?: number; status?: number }).httpStatusCode ?? (e as { status?: number }).status ?? -1;
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}
