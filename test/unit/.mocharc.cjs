// Unit tests: pure logic, no servers. The spec (files) is given on the command line (see Makefile `unit`).
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  reporter: 'spec',
  timeout: 10000,
};
