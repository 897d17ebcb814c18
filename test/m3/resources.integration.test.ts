// Customer, item, inventory, delivery, GL batch, custom field and any-transaction operations of the Infor M3 node,
// through n8n-core's engine (test/harness) against the M3 simulator.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import { basicCredentials, ionCredentials, m3Workflow, planFor, startSim, type Sim } from './helpers';

type Obj = Record<string, unknown>;

describe('Infor M3 node - other resources (integration)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});
	const run = async (parameters: Obj, input?: IDataObject[], extra: Obj = {}) =>
		await runWorkflow(m3Workflow(parameters, extra), {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: input?.map((json) => ({ json })),
		});

	describe('customer', () => {
		it('create, get, update, search', async () => {
			const c = await run({
				resource: 'customer',
				operation: 'create',
				customerTemplate: 'CUST001',
				name: 'Test Customer',
				address1: '5 Test Road',
				otherFields: { field: [{ name: 'TOWN', value: 'Austin' }, { name: 'MAIL', value: 'a@b.example' }] },
			});
			expect(c.error).toBeUndefined();
			const created = c.output('M3')?.[0] as Obj;
			expect(created).toMatchObject({ created: true, CUNM: 'Test Customer', TOWN: 'Austin' });
			const CUNO = String(created.CUNO);

			const g = await run({ resource: 'customer', operation: 'get', customerNumber: CUNO });
			expect(g.output('M3')?.[0]).toMatchObject({ CUNO, CUA1: '5 Test Road' });

			const u = await run({
				resource: 'customer',
				operation: 'update',
				customerNumber: CUNO,
				otherFields: { field: [{ name: 'PHNO', value: '5550100' }] },
			});
			expect(u.output('M3')?.[0]).toMatchObject({ CUNO, PHNO: '5550100', CUNM: 'Test Customer' });

			const q = await run({ resource: 'customer', operation: 'search', searchBy: 'query', query: 'CUNM:"Test Customer"', returnAll: true });
			expect((q.output('M3') as Obj[]).map((x) => x.CUNO)).toEqual([CUNO]);

			const byNumber = await run({ resource: 'customer', operation: 'search', searchBy: 'number', startCustomerNumber: 'AMZ', returnAll: false, limit: 3 });
			expect((byNumber.output('M3') as Obj[]).map((x) => x.CUNO)).toEqual(['AMZCA01', 'AMZDE01', 'AMZFR01']);
			const all = await run({ resource: 'customer', operation: 'search', searchBy: 'number', returnAll: true });
			expect((all.output('M3') as Obj[]).length).toBe(Object.keys(sim.state.customers).length);

			const missing = await run({ resource: 'customer', operation: 'get', customerNumber: 'NOPE' });
			expect(String(missing.nodeError('M3')?.message)).toMatch(/XRE0103/);
		});

		it('find or create by e-mail and by external id (custom field)', async () => {
			const base = { resource: 'customer', operation: 'findOrCreate', customerTemplate: 'CUST001', name: 'Buyer', address1: '1 Road' };
			const a = (await run({ ...base, keyType: 'email', key: 'buyer@example.com' })).output('M3')?.[0] as Obj;
			const b = (await run({ ...base, keyType: 'email', key: 'buyer@example.com' })).output('M3')?.[0] as Obj;
			expect(a).toMatchObject({ created: true, MAIL: 'buyer@example.com' });
			expect(b).toMatchObject({ created: false, CUNO: a.CUNO, foundBy: 'email' });

			const x = (await run({ ...base, keyType: 'externalId', key: 'AMZ-BUYER-1' })).output('M3')?.[0] as Obj;
			const y = (await run({ ...base, keyType: 'externalId', key: 'AMZ-BUYER-1' })).output('M3')?.[0] as Obj;
			expect(x.created).toBe(true);
			expect(y).toMatchObject({ created: false, CUNO: x.CUNO, foundBy: 'externalId' });
			expect((sim.state.customFields as Record<string, Obj>)['OCUSMA|EXTID|AMZ-BUYER-1||||||']).toMatchObject({ A030: x.CUNO });

			const c = (await run({ ...base, keyType: 'customerNumber', key: 'AMZUS01' })).output('M3')?.[0] as Obj;
			expect(c).toMatchObject({ created: false, CUNO: 'AMZUS01' });
		});
	});

	describe('item and inventory', () => {
		const sku = () => (sim.state.aliases as Obj[]).find((a) => a.ALWT === '1') as Obj;

		it('get, get many, resolve alias', async () => {
			const g = await run({ resource: 'item', operation: 'get', itemNumber: 'MUG10001' });
			expect(g.output('M3')?.[0]).toMatchObject({ ITNO: 'MUG10001' });

			const byWhs = await run({ resource: 'item', operation: 'getMany', listBy: 'warehouse', warehouse: '002', returnAll: false, limit: 5 });
			expect((byWhs.output('M3') as Obj[]).map((r) => r.WHLO)).toEqual(['002', '002', '002', '002', '002']);
			const byItem = await run({ resource: 'item', operation: 'getMany', listBy: 'itemWarehouse', startItemNumber: 'MUG10001', returnAll: false, limit: 3 });
			expect((byItem.output('M3') as Obj[])[0]).toMatchObject({ ITNO: 'MUG10001' });
			const everything = await run({ resource: 'item', operation: 'getMany', listBy: 'itemWarehouse', returnAll: true });
			expect((everything.output('M3') as Obj[]).length).toBe(Object.keys(sim.state.balances).length);

			const alias = sku();
			const r = await run({ resource: 'item', operation: 'resolveAlias', alias: alias.POPN, aliasType: '1' });
			expect(r.output('M3')?.[0]).toMatchObject({ found: true, ITNO: alias.ITNO, POPN: alias.POPN });
			const unknown = await run({ resource: 'item', operation: 'resolveAlias', alias: 'NO-SUCH-SKU', aliasType: '1' });
			expect(String(unknown.nodeError('M3')?.message)).toMatch(/NO-SUCH-SKU/);
			const soft = await run({ resource: 'item', operation: 'resolveAlias', alias: 'NO-SUCH-SKU', options: { errorIfNotFound: false } });
			expect(soft.output('M3')?.[0]).toMatchObject({ found: false, ITNO: '' });
		});

		it('warehouse balance as numbers; changed balances since a timestamp', async () => {
			sim.control.setStock('001', 'MUG10001', 42);
			const b = await run({ resource: 'inventory', operation: 'getWarehouseBalance', warehouse: '001', itemNumber: 'MUG10001' });
			const bal = b.output('M3')?.[0] as Obj;
			expect(bal).toMatchObject({ WHLO: '001', ITNO: 'MUG10001' });
			expect(typeof bal.STQT).toBe('number');
			expect(typeof bal.AV01).toBe('number');
			expect(bal.AV01).toBe((bal.STQT as number) - (bal.ALQT as number));

			// no overlap: nextSince is the M3 clock stamp this run took before reading
			const first = await run({
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: { rememberPosition: true, overlapRuns: 0 },
			});
			const rows = first.output('M3') as Obj[];
			expect(rows.length).toBe(Object.keys(sim.state.balances).length);
			const cursor = String(rows[0].nextSince);
			const stamp = Object.values(sim.state.customFields as Record<string, Obj>).find((r) => r.PK01 === 'AMZCLOCK');
			expect(cursor).toBe(String(stamp?.LMTS));
			sim.control.setStock('002', 'TSH10002', 7);
			const next = await run({
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: cursor,
				returnAll: true,
			});
			expect((next.output('M3') as Obj[]).map((r) => [r.WHLO, r.ITNO, r.AV01])).toEqual([['002', 'TSH10002', 7]]);
			// every listed warehouse of the changed item, and with a figure beyond AV01/AV02 the GetItmWhsBal fields
			const both = await run({
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: cursor,
				returnAll: true,
				options: { warehouses: '001,002', allWarehouses: true, figure: 'STQT - REQT' },
			});
			const out = both.output('M3') as Obj[];
			expect(out.map((r) => [r.WHLO, r.ITNO]).sort()).toEqual([
				['001', 'TSH10002'],
				['002', 'TSH10002'],
			]);
			for (const r of out) expect(typeof r.STQT === 'number' && typeof r.REQT === 'number').toBe(true);
			const noList = await run({ resource: 'inventory', operation: 'getChangedBalances', since: cursor, options: { allWarehouses: true, figure: 'STQT' } });
			expect(String(noList.nodeError('M3')?.message)).toMatch(/list the warehouses/);
		});
	});

	describe('delivery / shipment', () => {
		it('deliveries, head with tracking, packages, shipment feedback', async () => {
			sim.control.setStock('001', 'MUG10001', 100);
			sim.control.setStock('001', 'TSH10002', 100);
			const created = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
				credentials: { inforM3Api: basicCredentials(sim) },
				input: [
					{
						json: planFor('113-2000000-0000001', [
							{ ITNO: 'MUG10001', ORQT: '2', CUOR: 'oi-1' },
							{ ITNO: 'TSH10002', ORQT: '1', CUOR: 'oi-2' },
						]) as IDataObject,
					},
				],
			});
			const ORNO = String(created.output('M3')?.[0].ORNO);
			const ship = sim.control.ship(ORNO, { carrier: 'UPS', trackingNumber: '1ZTEST0001' }) as Obj;
			expect(ship.error).toBeUndefined();
			const DLIX = String(ship.DLIX);

			const lines = await run({ resource: 'delivery', operation: 'getOrderDeliveries', orderNumber: ORNO });
			expect((lines.output('M3') as Obj[]).map((l) => l.DLIX)).toEqual([DLIX, DLIX]);
			const head = await run({ resource: 'delivery', operation: 'getHead', deliveryNumber: DLIX });
			expect(head.output('M3')?.[0]).toMatchObject({ DLIX, ETRN: '1ZTEST0001', FWNO: 'UPS' });
			const pk = await run({ resource: 'delivery', operation: 'getPackages', deliveryNumber: DLIX });
			expect(pk.output('M3')?.[0]).toMatchObject({ DLIX, ETRN: '1ZTEST0001' });

			const fb = await run({ resource: 'delivery', operation: 'getShipmentFeedback', orderNumber: ORNO });
			const f = fb.output('M3')?.[0] as Obj;
			expect(f).toMatchObject({ ORNO, CUOR: '113-2000000-0000001', CUNO: 'AMZUS01', ORST: '66' });
			const [d] = f.deliveries as Obj[];
			expect(d).toMatchObject({ DLIX, ETRN: '1ZTEST0001', FWNO: 'UPS' });
			expect(d.DSDT).toMatch(/^\d{8}$/);
			expect(d.lines).toEqual([
				{ PONR: '1', POSX: '0', ITNO: 'MUG10001', TRQT: 2, CUOR: 'oi-1', ORQT: 2, DLQT: 2 },
				{ PONR: '2', POSX: '0', ITNO: 'TSH10002', TRQT: 1, CUOR: 'oi-2', ORQT: 1, DLQT: 1 },
			]);
			expect((d.packages as Obj[])[0]).toMatchObject({ ETRN: '1ZTEST0001' });
			// per delivery (the default): the same delivery, now with its selection summary; marked deliveries are left out
			expect(f).toMatchObject({ DLIX, PGRS: '60', attempt: 1, source: 'orders' });
			const whole = await run({ resource: 'delivery', operation: 'getShipmentFeedback', orderNumber: ORNO, perDelivery: false });
			expect((whole.output('M3')?.[0] as Obj).DLIX).toBeUndefined();
			const mark = await run({ resource: 'delivery', operation: 'markConfirmed' }, [{ m3: { DLIX, ORNO, packages: 1 }, packageReferenceId: DLIX, confirmed: true }]);
			expect(mark.output('M3')?.[0]).toMatchObject({ deliveryMarked: true });
			const after = await run({ resource: 'delivery', operation: 'getShipmentFeedback', orderNumber: ORNO });
			expect(after.output('M3') ?? []).toEqual([]);
		});
	});

	describe('GL batch', () => {
		it('creates a GLS840MI batch once per KEY1', async () => {
			const batch = { KEY1: 'AMZ2611291', DESC: 'Amazon settlement', INTN: 'AMZ', lines: [{ PARM: 'I1 first' }, { PARM: 'I2 second' }] };
			const a = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			expect(a.output('M3')?.[0]).toMatchObject({ KEY1: 'AMZ2611291', created: true, lines: 2, status: 'updated' });
			const b = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			expect(b.output('M3')?.[0]).toMatchObject({ KEY1: 'AMZ2611291', created: false, status: 'existing' });
			const stored = Object.values(sim.state.glBatches as Record<string, Obj>).filter((x) => x.KEY1 === 'AMZ2611291');
			expect(stored).toHaveLength(1);
			expect((stored[0].lines as Obj[]).map((l) => l.PARM)).toEqual(['I1 first', 'I2 second']);
			const bad = await run({ resource: 'glBatch', operation: 'create' }, [{ KEY1: 'X1', INTN: 'AMZ', lines: [] }]);
			expect(String(bad.nodeError('M3')?.message)).toMatch(/no lines/);
			const unbalanced = await run({ resource: 'glBatch', operation: 'create' }, [{ ...batch, KEY1: 'X2', balanced: false }]);
			expect(String(unbalanced.nodeError('M3')?.message)).toMatch(/not balanced/);
			// completion record: the batch is recorded as done in CUSEXTMI (FGLINH, division, KEY1)
			expect(Object.values(sim.state.customFields as Record<string, Obj>).find((r) => r.FILE === 'FGLINH' && r.PK02 === 'AMZ2611291')).toMatchObject({ A030: 'COMPLETE' });
		});

		it('a batch whose lines failed is not "existing" for good: the next run adds the missing lines and posts it once', async () => {
			const batch = { KEY1: 'AMZRESUME1', DESC: 'Amazon.de EUR', INTN: 'AMZ', lines: [{ PARM: 'L1' }, { PARM: 'L2' }, { PARM: 'L3' }] };
			sim.control.addFaults({ kind: 'authFailure', program: 'GLS840MI', transaction: 'AddBatchLine', times: 1 });
			const a = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			sim.control.clearFaults();
			expect(String(a.nodeError('M3')?.message)).toMatch(/not recorded as complete: a re-run adds the missing lines/);
			const stored = () => Object.values(sim.state.glBatches as Record<string, Obj>).filter((x) => x.KEY1 === 'AMZRESUME1');
			expect(stored()[0].status).toBe('added');
			const linesBefore = (stored()[0].lines as Obj[]).length;
			expect(linesBefore).toBeLessThan(3);
			const b = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			expect(b.output('M3')?.[0]).toMatchObject({ KEY1: 'AMZRESUME1', created: true, resumed: true, lines: 3, status: 'updated' });
			expect(stored()).toHaveLength(1);
			expect((stored()[0].lines as Obj[]).map((l) => l.PARM).sort()).toEqual(['L1', 'L2', 'L3']);
			expect(stored()[0].status).toBe('updated');
			const c = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			expect(c.output('M3')?.[0]).toMatchObject({ created: false, status: 'existing' });
		});

		it('a batch posted whose completion record was lost is recorded by the next run, not posted again', async () => {
			const batch = { KEY1: 'AMZLOSTREC', DESC: 'Amazon.com USD', INTN: 'AMZ', lines: [{ PARM: 'L1' }, { PARM: 'L2' }] };
			sim.control.addFaults({ kind: 'authFailure', program: 'CUSEXTMI', transaction: 'AddFieldValue', times: 1 });
			const a = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			sim.control.clearFaults();
			expect(String(a.nodeError('M3')?.message)).toMatch(/CUSEXTMI\/AddFieldValue on FGLINH failed/);
			const stored = Object.values(sim.state.glBatches as Record<string, Obj>).filter((x) => x.KEY1 === 'AMZLOSTREC');
			expect(stored[0].status).toBe('updated');
			const b = await run({ resource: 'glBatch', operation: 'create' }, [batch]);
			expect(b.output('M3')?.[0]).toMatchObject({ created: false, status: 'existing' });
			expect((stored[0].lines as Obj[]).length).toBe(2);
			expect(Object.values(sim.state.customFields as Record<string, Obj>).find((r) => r.FILE === 'FGLINH' && r.PK02 === 'AMZLOSTREC')).toMatchObject({ A030: 'COMPLETE' });
		});
	});

	describe('custom field', () => {
		it('set (add, then change) and get', async () => {
			const p = { resource: 'customField', file: 'OOHEAD', pk01: '1000009999', options: { skipExistenceCheck: true } };
			const s1 = await run({ ...p, operation: 'set', values: { value: [{ field: 'A030', value: 'one' }, { field: 'N096', value: '1.5' }] } });
			expect(s1.output('M3')?.[0]).toMatchObject({ action: 'added', A030: 'one' });
			const s2 = await run({ ...p, operation: 'set', values: { value: [{ field: 'A030', value: 'two' }] } });
			expect(s2.output('M3')?.[0]).toMatchObject({ action: 'changed' });
			const g = await run({ resource: 'customField', operation: 'get', file: 'OOHEAD', pk01: '1000009999' });
			expect(g.output('M3')?.[0]).toMatchObject({ found: true, A030: 'two', FILE: 'OOHEAD', PK01: '1000009999' });
			const none = await run({ resource: 'customField', operation: 'get', file: 'OOHEAD', pk01: 'none', options: { errorIfNotFound: false } });
			expect(none.output('M3')?.[0]).toMatchObject({ found: false });
		});
	});

	describe('transaction (any)', () => {
		it('runs any transaction with fields or JSON, list output', async () => {
			const r = await run({
				resource: 'transaction',
				operation: 'execute',
				program: 'CRS610MI',
				transaction: 'GetBasicData',
				fields: { field: [{ name: 'CUNO', value: 'AMZUS01' }] },
				options: { returnColumns: 'CUNO,CUNM' },
			});
			expect(r.output('M3')).toEqual([{ CUNO: 'AMZUS01', CUNM: 'Amazon.com marketplace' }]);
			const l = await run({
				resource: 'transaction',
				operation: 'execute',
				program: 'MMS025MI',
				transaction: 'LstAlias',
				inputMode: 'json',
				inputJson: '{"ITNO": "MUG10001"}',
				options: { output: 'single' },
			});
			expect((l.output('M3')?.[0] as Obj).count).toBeGreaterThanOrEqual(1);
		});

		it('bulk: all items in one v2 request, results matched to items, per-item errors', async () => {
			const before = (sim.control.requestCounts() as Record<string, number>)['CRS610MI/GetBasicData'] ?? 0;
			const r = await run(
				{
					resource: 'transaction',
					operation: 'execute',
					program: 'CRS610MI',
					transaction: 'GetBasicData',
					inputMode: 'json',
					inputJson: '={{ { CUNO: $json.cuno } }}',
					options: { bulk: true, returnColumns: 'CUNO,CUNM' },
				},
				[{ cuno: 'AMZUS01' }, { cuno: 'NOPE' }, { cuno: 'AMZDE01' }],
				{ onError: 'continueRegularOutput' },
			);
			const items = r.items('M3') ?? [];
			expect(items.map((it) => it.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json).toMatchObject({ CUNO: 'AMZUS01' });
			expect(items[1].json).toMatchObject({ details: { system: 'm3', kind: 'nok', code: 'XRE0103', transaction: 'GetBasicData', input: { cuno: 'NOPE' } } });
			expect(Object.keys(items[1].json).sort()).toEqual(['details', 'error']);
			expect(items[2].json).toMatchObject({ CUNO: 'AMZDE01' });
			const after = (sim.control.requestCounts() as Record<string, number>)['CRS610MI/GetBasicData'];
			expect(after - before).toBe(3);
		});
	});

	describe('transport', () => {
		it('retries 5xx, 429 and connection resets on reads; ION API mode works end to end', async () => {
			sim.control.addFaults([
				{ kind: 'http5xx', program: 'CRS610MI', transaction: 'GetBasicData', times: 1 },
				{ kind: 'rateLimit', program: 'CRS610MI', transaction: 'GetBasicData', times: 1, retryAfter: 0 },
				{ kind: 'reset', program: 'CRS610MI', transaction: 'GetBasicData', times: 1 },
			]);
			const r = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'AMZUS01' }), {
				credentials: { inforM3Api: ionCredentials(sim) },
			});
			sim.control.clearFaults();
			expect(r.error).toBeUndefined();
			expect(r.output('M3')?.[0]).toMatchObject({ CUNO: 'AMZUS01' });
		});

		it('MI REST v1 (older on-prem): padded NameValue records and ServerReturnedNOK are parsed; bulk runs one by one', async () => {
			const v1 = { inforM3Api: { ...basicCredentials(sim), apiVersion: 'v1' } };
			const g = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'AMZUS01' }), { credentials: v1 });
			expect(g.error).toBeUndefined();
			expect(g.output('M3')?.[0]).toMatchObject({ CUNO: 'AMZUS01', CUNM: 'Amazon.com marketplace' });
			const bad = await runWorkflow(m3Workflow({ resource: 'customer', operation: 'get', customerNumber: 'NOPE' }), { credentials: v1 });
			expect(String(bad.nodeError('M3')?.message)).toBe('CRS610MI/GetBasicData: Record does not exist - customer NOPE (code XRE0103, field CUNO)');
			const created = await runWorkflow(m3Workflow({ resource: 'customerOrder', operation: 'create' }), {
				credentials: v1,
				input: [{ json: planFor('113-3000000-0000001') as IDataObject }],
			});
			expect(created.error).toBeUndefined();
			expect(created.output('M3')?.[0]).toMatchObject({ created: true });
		});

		it('does not retry a NOK', async () => {
			const before = (sim.control.requestCounts() as Record<string, number>)['CRS610MI/GetBasicData'] ?? 0;
			await run({ resource: 'customer', operation: 'get', customerNumber: 'NOPE' });
			const after = (sim.control.requestCounts() as Record<string, number>)['CRS610MI/GetBasicData'];
			expect(after - before).toBe(1);
		});
	});
});
