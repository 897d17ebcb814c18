import { startM3Simulator, seedItems } from '../../../simulators/m3';
import { Sim, v2, v2list, v2one } from './client';

describe('GL batches, custom fields, customers, metadata', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 17 });
	});
	afterAll(() => sim.close());

	test('GLS840MI: head, lines, check, update; duplicate KEY1 -> XRE0104 "already exists"', async () => {
		const head = { CONO: '100', DIVI: 'AAA', KEY1: 'AMZ2611291', INTN: 'AMZSETTLE', DESC: 'Amazon settlement 2026-11-29' };
		expect((await v2(sim, 'GLS840MI', 'AddBatchHead', head)).status).toBe(200);
		const dup = await v2(sim, 'GLS840MI', 'AddBatchHead', head);
		expect(dup.status).toBe(400);
		expect(dup.body.errorCode).toBe('XRE0104');
		expect(dup.body.errorMessage).toContain('already exists');
		expect(dup.body.errorField).toBe('KEY1');

		expect((await v2(sim, 'GLS840MI', 'UpdBatch', { CONO: '100', KEY1: 'AMZ2611291' })).status).toBe(400); // no lines yet
		expect((await v2(sim, 'GLS840MI', 'AddBatchLine', { CONO: '100', KEY1: 'AMZ2611291', LINE: '1', PARM: 'I1 AAA 20261129 100.00 USD' })).status).toBe(200);
		expect((await v2(sim, 'GLS840MI', 'AddBatchLine', { CONO: '100', KEY1: 'AMZ2611291', LINE: '1', PARM: 'x' })).body.errorCode).toBe('XRE0104');
		expect((await v2(sim, 'GLS840MI', 'AddBatchLine', { CONO: '100', KEY1: 'NOBATCH', LINE: '1', PARM: 'x' })).body.errorCode).toBe('XRE0103');
		expect((await v2(sim, 'GLS840MI', 'CtrlBatch', { CONO: '100', KEY1: 'AMZ2611291' })).status).toBe(200);
		expect((await v2(sim, 'GLS840MI', 'UpdBatch', { CONO: '100', KEY1: 'AMZ2611291' })).status).toBe(200);
		const batch = (sim.state.glBatches as Record<string, { status: string; lines: unknown[] }>)['100|AAA|AMZ2611291'];
		expect(batch.status).toBe('updated');
		expect(batch.lines).toHaveLength(1);
		// CONO is mandatory in GLS840MI (the cono option does not replace it)
		expect((await v2(sim, 'GLS840MI', 'CtrlBatch', { KEY1: 'AMZ2611291', cono: '100' })).body.errorField).toBe('CONO');
	});

	test('CUSEXTMI: add, get, change, list, duplicate and missing records', async () => {
		const key = { FILE: 'OOHEAD', PK01: '1000000999' };
		expect((await v2(sim, 'CUSEXTMI', 'GetFieldValue', key)).body.errorCode).toBe('XRE0103');
		expect((await v2(sim, 'CUSEXTMI', 'ChgFieldValue', { ...key, A030: 'x' })).body.errorCode).toBe('XRE0103');
		expect((await v2(sim, 'CUSEXTMI', 'AddFieldValue', { ...key, A030: 'true', N096: '12.5' })).status).toBe(200);
		expect((await v2(sim, 'CUSEXTMI', 'AddFieldValue', { ...key, A030: 'again' })).body.errorCode).toBe('XRE0104');
		const got = await v2one(sim, 'CUSEXTMI', 'GetFieldValue', key);
		expect(got.A030).toBe('true');
		expect(got.N096).toBe('12.5');
		expect((await v2(sim, 'CUSEXTMI', 'ChgFieldValue', { ...key, A130: 'gift' })).status).toBe(200);
		const changed = await v2one(sim, 'CUSEXTMI', 'GetFieldValue', key);
		expect([changed.A030, changed.A130, changed.CHNO]).toEqual(['true', 'gift', '2']);
		await v2one(sim, 'CUSEXTMI', 'AddFieldValue', { FILE: 'OOHEAD', PK01: '1000000999', PK02: '2', A030: 'line' });
		expect(await v2list(sim, 'CUSEXTMI', 'LstFieldValue', { FILE: 'OOHEAD', PK01: '1000000999' })).toHaveLength(2);
		expect((await v2(sim, 'CUSEXTMI', 'AddFieldValue', { ...key, PK02: '3', A030: 'x'.repeat(31) })).body.errorType).toBe('InputFieldTooLong');
		expect((await v2(sim, 'CUSEXTMI', 'DelFieldValue', { FILE: 'OOHEAD', PK01: '1000000999', PK02: '2' })).status).toBe(200);
		expect(await v2list(sim, 'CUSEXTMI', 'LstFieldValue', { FILE: 'OOHEAD', PK01: '1000000999' })).toHaveLength(1);
	});

	test('CRS610MI: Add from a template, Get, Chg, LstByNumber from a start key, SearchCustomer', async () => {
		const add = await v2one(sim, 'CRS610MI', 'Add', { CUTM: 'AMZUS01', CUNO: 'AMZJP01', CUNM: 'Amazon.co.jp marketplace', CUA1: 'Meguro', CSCD: 'JP' });
		expect(add.CUNO).toBe('AMZJP01');
		expect((await v2(sim, 'CRS610MI', 'Add', { CUTM: 'AMZUS01', CUNO: 'AMZJP01', CUNM: 'x', CUA1: 'y' })).body.errorCode).toBe('XRE0104');
		expect((await v2one(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZJP01' })).CSCD).toBe('JP');
		await v2one(sim, 'CRS610MI', 'ChgBasicData', { CUNO: 'AMZJP01', CUCD: 'JPY', TOWN: 'Tokyo' });
		const got = await v2one(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZJP01' });
		expect(got.TOWN).toBe('Tokyo');
		expect(got.CUNM).toBe('Amazon.co.jp marketplace'); // untouched
		const list = await v2list(sim, 'CRS610MI', 'LstByNumber', { CUNO: 'AMZF' });
		expect(list[0].CUNO).toBe('AMZFR01');
		const found = await v2list(sim, 'CRS610MI', 'SearchCustomer', { SQRY: 'CUNM:marketplace~ AND CSCD:GB' });
		expect(found.map((c) => c.CUNO)).toEqual(['AMZUK01']);
	});

	test('MRS001MI: transactions and fields come from contract.json', async () => {
		const trns = await v2list(sim, 'MRS001MI', 'LstTransactions', { MINM: 'OIS100MI' });
		expect(trns.map((t) => t.TRNM)).toEqual(expect.arrayContaining(['AddBatchHead', 'Confirm', 'LstNewBalances']));
		expect(trns.map((t) => t.TRNM)).not.toContain('AddHead');
		const fields = await v2list(sim, 'MRS001MI', 'LstFields', { MINM: 'OIS100MI', TRNM: 'AddBatchHead', TRTP: 'I' });
		const cuno = fields.find((f) => f.FLNM === 'CUNO');
		expect(cuno).toMatchObject({ TYPE: 'A', LENG: '10', MAND: '1' });
		expect(fields.find((f) => f.FLNM === 'CUOR')).toMatchObject({ LENG: '20', MAND: '0' });
		const out = await v2list(sim, 'MRS001MI', 'LstFields', { MINM: 'OIS100MI', TRNM: 'AddBatchHead', TRTP: 'O' });
		expect(out.map((f) => f.FLNM)).toEqual(['ORNO']);
		expect((await v2(sim, 'MRS001MI', 'LstTransactions', { MINM: 'NOPE01MI' })).body.errorCode).toBe('XRE0103');
	});

	test('MMS200MI: item basic data, warehouse balance fields, two warehouses', async () => {
		const item = seedItems(17)[0];
		const basic = await v2one(sim, 'MMS200MI', 'GetItmBasic', { ITNO: item.ITNO });
		expect(basic.ITDS).toBe(item.ITDS);
		const bal = await v2one(sim, 'MMS200MI', 'GetItmWhsBal', { WHLO: '001', ITNO: item.ITNO });
		for (const f of ['STQT', 'ALQT', 'AV01', 'AV02', 'REQT']) expect(bal[f]).toMatch(/^-?\d+(\.\d+)?$/);
		expect(Number(bal.STQT)).toBe(item.stock['001']);
		const whs = await v2list(sim, 'MMS200MI', 'LstItmWhsByItm', { ITNO: item.ITNO });
		expect(whs.slice(0, 2).map((w) => `${w.ITNO}/${w.WHLO}`)).toEqual([`${item.ITNO}/001`, `${item.ITNO}/002`]);
	});
});

describe('seed data', () => {
	test('seedItems is deterministic per seed, 200+ items, SKUs unique, a few items not on Amazon', () => {
		const a = seedItems(1);
		expect(seedItems(1)).toEqual(a);
		expect(seedItems(2)).not.toEqual(a);
		expect(a.length).toBeGreaterThanOrEqual(200);
		const skus = a.map((i) => i.sku).filter((s): s is string => !!s);
		expect(new Set(skus).size).toBe(skus.length);
		expect(skus.length).toBeLessThan(a.length);
		expect(a.some((i) => i.stock['001'] === 0)).toBe(true);
		expect(a.some((i) => i.stock['001'] > 0)).toBe(true);
	});

	test('the simulator state matches seedItems: every SKU is an ALWT 1 alias of its item, marketplace customers exist', async () => {
		const sim = await startM3Simulator({ seed: 4 });
		try {
			const items = seedItems(4);
			const aliases = sim.state.aliases as Array<Record<string, string>>;
			for (const it of items.filter((i) => i.sku)) {
				expect(aliases.find((a) => a.ALWT === '1' && a.POPN === it.sku)?.ITNO).toBe(it.ITNO);
			}
			for (const cuno of ['AMZUS01', 'AMZDE01', 'AMZUK01']) expect((await v2one(sim, 'CRS610MI', 'GetBasicData', { CUNO: cuno })).STAT).toBe('20');
			// the merchant warehouses and the stock at Amazon (FBA orders imported as shipped)
			expect(Object.keys(sim.state.warehouses)).toEqual(['001', '002', 'FBA']);
		} finally {
			await sim.close();
		}
	});
});
