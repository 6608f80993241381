// Unit tests: pure logic, no servers.
module.exports = {
  'node-option': ['import=tsx'],
  spec: ['test/unit/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'spec',
  timeout: 10000,
};
