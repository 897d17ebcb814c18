/** Conformance suite: simulator responses vs the official SP-API models (../shared/spapi-models or $SPAPI_MODELS_DIR). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/conformance'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }] },
	testTimeout: 120000,
	maxWorkers: 2,
};
