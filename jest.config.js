/**
 * Unit + integration tests (the README's `npm test`). E2E and conformance have their own configs.
 * ts-jest transpiles only (tsconfig.test.json has isolatedModules): types are checked by `npm run typecheck`.
 * testTimeout is a guard against hangs, far above any test's normal duration on a busy 2-core machine.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/conformance/', '/test/queue/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 180000,
	maxWorkers: 2,
};
