// Integration tests: one real kube-apiserver + etcd per run (started by the root hooks in setup.ts);
// suites start their own CCE simulator and work in their own namespace. Specs are given on the command line
// (Makefile `integration`), so one file can be run alone: npx mocha --config test/integration/.mocharc.cjs FILE
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/integration/setup.ts'],
  extension: ['ts'],
  reporter: 'spec',
  timeout: 120000,
  slow: 5000,
};
