/** End-to-end tests against a real n8n 2.41.1 (installed by scripts/e2e.js into a cache folder). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 600000,
	maxWorkers: 1,
};
