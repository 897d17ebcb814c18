import { startM3Simulator } from '../../../simulators/m3';
import { HANDLERS } from '../../../simulators/m3/server';
import { findCatalogue, generate, readCommitted, IMPLEMENTED } from '../../../scripts/gen-m3-contract';
import { Sim, v1, v2 } from './client';

describe('contract.json (generated from the shared MI catalogue)', () => {
	const catalogue = findCatalogue();
	// The shared catalogue lives outside this repository (../shared or /work/shared). Without it there is
	// nothing to regenerate from, so the freshness check can only run where it exists.
	const testWithCatalogue = catalogue ? test : test.skip;
	testWithCatalogue(
		`committed simulators/m3/contract.json equals the generator output${catalogue ? '' : ' [skipped: ../shared/m3-catalog/m3-transactions.json not found]'}`,
		() => {
			expect(readCommitted()).toBe(generate(catalogue as string));
		},
	);

	test('every implemented transaction has a handler and every handler is in the contract', () => {
		const implemented = IMPLEMENTED as Record<string, string[]>;
		for (const [pgm, trns] of Object.entries(implemented)) {
			for (const trn of trns) expect(typeof (HANDLERS as Record<string, Record<string, unknown>>)[pgm]?.[trn]).toBe('function');
		}
		for (const [pgm, handlers] of Object.entries(HANDLERS as Record<string, Record<string, unknown>>)) {
			for (const [trn, h] of Object.entries(handlers)) {
				if (typeof h === 'function' && /^[A-Z]/.test(trn)) expect(implemented[pgm]).toContain(trn);
			}
		}
	});
});

describe('contract enforcement (one test per rejection kind)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 3 });
	});
	afterAll(() => sim.close());

	test('unknown program -> v2 HTTP 400 with top-level error, no "does not exist" wording', async () => {
		const r = await v2(sim, 'XXX999MI', 'Get');
		expect(r.status).toBe(400);
		expect(r.body.errorType).toBe('TransactionNotFound');
		expect(r.body.errorMessage).toContain('XXX999MI');
		expect(r.body.errorMessage).not.toContain('does not exist');
		expect(r.body.nrOfFailedTransactions).toBe(1);
	});

	test('unknown transaction (names are case-sensitive) -> v2 400 and v1 NOK with HTTP 200', async () => {
		const r = await v2(sim, 'OIS100MI', 'addbatchhead', { CUNO: 'AMZUS01' });
		expect(r.status).toBe(400);
		expect(r.body.errorType).toBe('TransactionNotFound');
		const r1 = await v1(sim, 'OIS100MI', 'AddHead', { CUNO: 'AMZUS01' });
		expect(r1.status).toBe(200);
		expect(r1.body['@type']).toBe('TransactionNotFound');
		expect(r1.body.MIRecord).toBeUndefined();
	});

	test('catalogued but not simulated transaction -> NOK SIM0001 (not "unknown")', async () => {
		const r = await v2(sim, 'OIS100MI', 'LockOrder', { ORNO: '1' });
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('SIM0001');
	});

	test('missing mandatory input -> NOK naming the field', async () => {
		const r = await v2(sim, 'OIS100MI', 'AddBatchLine', { ORNO: '7000000001' });
		expect(r.status).toBe(400);
		expect(r.body.errorField).toBe('ITNO');
		expect(r.body.errorType).toBe('MandatoryInputFieldNotFound');
		const blank = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: '   ' });
		expect(blank.body.errorField).toBe('CUNO');
	});

	test('value longer than the field -> NOK InputFieldTooLong (CUOR is A20)', async () => {
		const r = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', CUOR: '113-1234567-1234567-X' });
		expect(r.status).toBe(400);
		expect(r.body.errorField).toBe('CUOR');
		expect(r.body.errorType).toBe('InputFieldTooLong');
		// exactly 20 characters is fine
		const ok = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', CUOR: '113-1234567-12345678' });
		expect(ok.status).toBe(200);
	});

	test('letters in a numeric (N) field -> NOK on that field', async () => {
		const r = await v2(sim, 'OIS100MI', 'AddBatchAddress', { ORNO: '7000000001', ADRT: 'X1' });
		expect(r.status).toBe(400);
		expect(r.body.errorField).toBe('ADRT');
		expect(r.body.errorMessage).toMatch(/invalid/i);
	});

	test('bad date (D) -> NOK; a valid YMD8 date passes, and dateformat changes the expected input', async () => {
		const bad = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', ORDT: '20261331' });
		expect(bad.status).toBe(400);
		expect(bad.body.errorField).toBe('ORDT');
		const good = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', ORDT: '20261129' });
		expect(good.status).toBe(200);
		const dmy = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', ORDT: '291126', dateformat: 'DMY6' });
		expect(dmy.status).toBe(200);
		const feb30 = await v2(sim, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS01', ORDT: '20260230' });
		expect(feb30.body.errorField).toBe('ORDT');
	});

	test('record does not exist -> XRE0103 so clients can tell it from other failures', async () => {
		const r = await v2(sim, 'OIS100MI', 'GetHead', { ORNO: '9999999999' });
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('XRE0103');
		expect(r.body.errorMessage).toContain('does not exist');
		const r1 = await v1(sim, 'MMS200MI', 'GetItmBasic', { ITNO: 'NOPE' });
		expect(r1.body['@code']).toBe('XRE0103');
	});

	test('company not authorised -> XAU0008 on CONO', async () => {
		const r = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUS01', cono: '200' });
		expect(r.status).toBe(400);
		expect(r.body.errorCode).toBe('XAU0008');
		expect(r.body.errorField).toBe('CONO');
	});
});
