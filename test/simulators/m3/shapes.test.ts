import { startM3Simulator } from '../../../simulators/m3';
import { Sim, bulk, v1, v2 } from './client';

interface V1Body {
	Program?: string;
	Transaction?: string;
	Metadata?: { Field: Array<{ '@name': string; '@type': string; '@length': number }> };
	MIRecord?: Array<{ RowIndex: number; NameValue: Array<{ Name: string; Value: string }> }>;
	'@type'?: string;
	'@code'?: string;
	'@field'?: string;
	Message?: string;
}

describe('response shapes: v1 vs v2 vs bulk (m3-mi-ion.md §1.3-1.6)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startM3Simulator({ seed: 5 });
	});
	afterAll(() => sim.close());

	test('healthz answers 200', async () => {
		const r = await fetch(`${sim.url}/healthz`);
		expect(r.status).toBe(200);
	});

	test('v2 single: results[].records flat string values, counters, wasTerminated as a real tenant sends it', async () => {
		const r = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZDE01' });
		expect(r.status).toBe(200);
		expect(r.body.results).toHaveLength(1);
		expect(r.body.results[0].transaction).toBe('GetBasicData');
		const rec = r.body.results[0].records[0];
		expect(rec.CUNO).toBe('AMZDE01');
		expect(rec.CUCD).toBe('EUR');
		expect(rec.CONO).toBe('100'); // numbers are strings too
		for (const v of Object.values(rec)) expect(typeof v).toBe('string');
		expect(rec.CUNM).toBe(rec.CUNM.trimEnd()); // righttrim defaults to true
		expect(r.body.nrOfSuccessfullTransactions).toBe(1);
		expect(r.body.nrOfFailedTransactions).toBe(0);
		expect(r.body.wasTerminated).toBe('false');
	});

	test('v2 options: returncols, excludeempty, righttrim=false pads, dateformat, maxrecs, extendedresult, format', async () => {
		const cols = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', returncols: 'CUNO,CUNM' });
		expect(Object.keys(cols.body.results[0].records[0]).sort()).toEqual(['CUNM', 'CUNO']);

		const full = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01' });
		const excl = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', excludeempty: true });
		expect(full.body.results[0].records[0].CUA2).toBe('');
		expect(excl.body.results[0].records[0]).not.toHaveProperty('CUA2');

		const padded = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', righttrim: false, returncols: 'CUNO' });
		expect(padded.body.results[0].records[0].CUNO).toBe('AMZUK01   '); // A10

		const ymd8 = full.body.results[0].records[0].LMDT;
		expect(ymd8).toMatch(/^\d{8}$/);
		const dmy = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', dateformat: 'DMY6', returncols: 'LMDT' });
		expect(dmy.body.results[0].records[0].LMDT).toBe(ymd8.slice(6, 8) + ymd8.slice(4, 6) + ymd8.slice(2, 4));

		const two = await v2(sim, 'MMS200MI', 'LstItmWhsByWhs', { WHLO: '001', maxrecs: 2 });
		expect(two.body.results[0].records).toHaveLength(2);
		const dflt = await v2(sim, 'MMS200MI', 'LstItmWhsByWhs', { WHLO: '001' });
		expect(dflt.body.results[0].records).toHaveLength(100); // default maxrecs
		const all = await v2(sim, 'MMS200MI', 'LstItmWhsByWhs', { WHLO: '001', maxrecs: 0 });
		expect(all.body.results[0].records.length).toBeGreaterThanOrEqual(200);

		const ext = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', extendedresult: true });
		expect(ext.body.results[0].parameters).toEqual({ CUNO: 'AMZUK01' });
		expect(full.body.results[0].parameters).toBeUndefined();

		const compact = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZUK01', format: 'COMPACT' });
		expect(compact.text).not.toContain('\n');
		expect(full.text).toContain('\n'); // PRETTY is the default
	});

	test('startM3Simulator resolves to { url, port, close, state, control, credentials } on 127.0.0.1', () => {
		expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
		expect(typeof sim.close).toBe('function');
		expect(typeof sim.control.ship).toBe('function');
		expect(sim.state.cono).toBe('100');
		expect(sim.credentials.cono).toBe('100');
	});

	test('v2 single via POST with query parameters behaves like GET', async () => {
		const r = await v2(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'AMZCA01', returncols: 'CUNO,CSCD' }, { method: 'POST' });
		expect(r.status).toBe(200);
		expect(r.body.results[0].records[0]).toEqual({ CUNO: 'AMZCA01', CSCD: 'CA' });
	});

	test('v2 list with no hits is not an error: records []', async () => {
		const r = await v2(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZFR01' });
		expect(r.status).toBe(200);
		expect(r.body.results[0].records).toEqual([]);
		expect(r.body.nrOfFailedTransactions).toBe(0);
	});

	test('v1: MIRecord/NameValue with padded values, matrix parameters, Metadata on request', async () => {
		const r = await v1(sim, 'CRS610MI', 'LstByNumber;maxrecs=2;returncols=CUNO,CUNM;metadata=true', { CUNO: 'AMZ' });
		expect(r.status).toBe(200);
		const b = r.body as V1Body;
		expect(b.Program).toBe('CRS610MI');
		expect(b.Transaction).toBe('LstByNumber');
		expect(b.MIRecord).toHaveLength(2);
		expect(b.MIRecord?.[1].RowIndex).toBe(1);
		const nv = b.MIRecord?.[0].NameValue ?? [];
		expect(nv.map((x) => x.Name)).toEqual(['CUNO', 'CUNM']);
		expect(nv[0].Value).toBe('AMZCA01   '); // padded to A10
		expect(b.Metadata?.Field.some((f) => f['@name'] === 'CUNO' && f['@type'] === 'A' && f['@length'] === 10)).toBe(true);

		const trimmed = await v1(sim, 'CRS610MI', 'GetBasicData;righttrim=true', { CUNO: 'AMZCA01' });
		const nv2 = (trimmed.body as V1Body).MIRecord?.[0].NameValue ?? [];
		expect(nv2.find((x) => x.Name === 'CUNO')?.Value).toBe('AMZCA01');
		expect((trimmed.body as V1Body).Metadata).toBeUndefined();
	});

	test('v1 error: ServerReturnedNOK with HTTP 200, padded Message, @code and @field', async () => {
		const r = await v1(sim, 'CRS610MI', 'GetBasicData', { CUNO: 'NOBODY' });
		expect(r.status).toBe(200);
		const b = r.body as V1Body;
		expect(b['@type']).toBe('ServerReturnedNOK');
		expect(b['@code']).toBe('XRE0103');
		expect(b['@field']).toBe('CUNO');
		expect(b.Message?.length).toBeGreaterThan(b.Message?.trim().length ?? 0);
		expect(b.MIRecord).toBeUndefined();
	});

	test('v1 empty list: no MIRecord at all', async () => {
		const r = await v1(sim, 'OIS100MI', 'LstHead', { CUNO: 'AMZFR01' });
		expect(r.status).toBe(200);
		expect((r.body as V1Body).MIRecord).toBeUndefined();
		expect((r.body as V1Body)['@type']).toBeUndefined();
	});

	test('bulk: one program, results in order, per-item errors, HTTP 200, selectedColumns', async () => {
		const r = await bulk(
			sim,
			{
				program: 'CRS610MI',
				cono: 100,
				maxReturnedRecords: 0,
				transactions: [
					{ transaction: 'GetBasicData', record: { CUNO: 'AMZUS01' }, selectedColumns: ['CUNO', 'CUCD'] },
					{ transaction: 'GetBasicData', record: { CUNO: 'MISSING' } },
					{ transaction: 'GetBasicData', record: {} },
					{ transaction: 'NoSuchTrn', record: {} },
				],
			},
			'?format=COMPACT&extendedresult=true',
		);
		expect(r.status).toBe(200);
		expect(r.body.nrOfSuccessfullTransactions).toBe(1);
		expect(r.body.nrOfFailedTransactions).toBe(3);
		const [a, b, c, d] = r.body.results;
		expect(a.records).toEqual([{ CUNO: 'AMZUS01', CUCD: 'USD' }]);
		expect(a.parameters).toEqual({ CUNO: 'AMZUS01' });
		expect(a.errorMessage).toBeUndefined();
		expect(b.errorCode).toBe('XRE0103');
		expect(c.errorField).toBe('CUNO');
		expect(d.errorType).toBe('TransactionNotFound');
		expect(r.text).not.toContain('\n');
	});

	test('bulk writes are not rolled back when another item fails', async () => {
		const r = await bulk(sim, {
			program: 'OIS100MI',
			transactions: [
				{ transaction: 'AddBatchHead', record: { CUNO: 'AMZUS01', CUOR: 'BULK-1' } },
				{ transaction: 'AddBatchHead', record: { CUNO: 'NOSUCH' } },
			],
		});
		expect(r.body.nrOfFailedTransactions).toBe(1);
		expect(r.body.results[1].errorCode).toBe('WCU0203');
		const temp = r.body.results[0].records[0].ORNO;
		const batch = (sim.state.batchOrders as Record<string, { head: { CUOR: string } }>)[temp];
		expect(batch.head.CUOR).toBe('BULK-1');
	});
});
