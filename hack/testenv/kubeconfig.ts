/** The admin kubeconfig of a test environment. */
import { stringify } from 'yaml';

export function kubeconfigYaml(server: string, caData: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'cce-testenv', cluster: { server, 'certificate-authority-data': caData } }],
    users: [{ name: 'admin', user: { token } }],
    contexts: [{ name: 'cce-testenv', context: { cluster: 'cce-testenv', user: 'admin', namespace: 'default' } }],
    'current-context': 'cce-testenv',
  });
}
