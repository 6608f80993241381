// Integration tests: one real kube-apiserver + etcd per run (started by the root hooks in setup.ts);
// suites start their own CCE simulator and work in their own namespace.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/integration/setup.ts'],
  spec: ['test/integration/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'spec',
  timeout: 120000,
  slow: 5000,
};
