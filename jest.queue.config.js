/** `npm run test:queue`: the templates in a real n8n 2.41.1 queue-mode cluster (scripts/e2e.js --queue runs it). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 900000,
	maxWorkers: 1,
};
