// Unit tests of the shared M3 MI client: response parsing (v1, v2, bulk), M3Error, retries, paging, values.
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	M3Client,
	M3Error,
	cleanMessage,
	isAlreadyExists,
	isNotFound,
	parseM3Number,
	parseSingle,
	parseV1,
	parseV2Bulk,
	parseV2Single,
	toM3Date,
	toM3Decimal,
	toM3Inputs,
	transportError,
	type M3HttpResponse,
} from '../../nodes/shared/m3';

type Reply = M3HttpResponse | Error;

function mockClient(replies: Reply[], extra: Partial<ConstructorParameters<typeof M3Client>[0]> = {}) {
	const calls: IHttpRequestOptions[] = [];
	const sleeps: number[] = [];
	const client = new M3Client({
		baseUrl: 'https://m3.example/m3api-rest/',
		company: '100',
		division: 'AAA',
		request: async (o) => {
			calls.push(o);
			const r = replies.shift();
			if (!r) throw new Error('no more replies');
			if (r instanceof Error) throw r;
			return r;
		},
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		...extra,
	});
	return { client, calls, sleeps };
}

const ok = (body: unknown, statusCode = 200): M3HttpResponse => ({ statusCode, body, headers: {} });
const v2 = (records: Array<Record<string, string>>, extra: Record<string, unknown> = {}) =>
	ok({ results: [{ transaction: 'X', records, ...extra }], wasTerminated: 'false', nrOfSuccessfullTransactions: 1, nrOfFailedTransactions: 0 });

describe('v1 response parsing', () => {
	it('reads NameValue records and trims the right padding', () => {
		const r = parseV1(
			{
				Program: 'CRS610MI',
				Transaction: 'LstByNumber',
				MIRecord: [
					{ RowIndex: 0, NameValue: [{ Name: 'CUNO', Value: 'AMZUS01   ' }, { Name: 'CUNM', Value: 'Amazon  US          ' }] },
					{ RowIndex: 1, NameValue: [{ Name: 'CUNO', Value: 'CUST001   ' }, { Name: '1UDT', Value: '  ' }] },
				],
			},
			'CRS610MI',
			'LstByNumber',
		);
		expect(r.error).toBeUndefined();
		expect(r.records).toEqual([
			{ CUNO: 'AMZUS01', CUNM: 'Amazon  US' },
			{ CUNO: 'CUST001', '1UDT': '' },
		]);
	});

	it('turns ServerReturnedNOK into M3Error with code, field and a clean message', () => {
		const r = parseSingle(
			{ '@type': 'ServerReturnedNOK', '@code': 'XRE0103', '@field': 'CUNO', Message: 'Record does not exist       XRE0103' + ' '.repeat(30) },
			'CRS610MI',
			'GetBasicData',
			200,
		);
		expect(r.error).toBeInstanceOf(M3Error);
		expect(r.error).toMatchObject({
			program: 'CRS610MI',
			transaction: 'GetBasicData',
			code: 'XRE0103',
			field: 'CUNO',
			message: 'Record does not exist',
			type: 'ServerReturnedNOK',
			httpStatus: 200,
		});
		expect(isNotFound(r.error)).toBe(true);
		expect(isAlreadyExists(r.error)).toBe(false);
	});

	it('keeps the rows AND the error of a list that failed half-way (KB 2159861)', () => {
		const r = parseV1(
			{
				MIRecord: [{ RowIndex: 0, NameValue: [{ Name: 'ORNO', Value: '1 ' }] }],
				ErrorMessage: { '@type': 'ServerReturnedNOK', '@code': 'XAU0008', '@field': 'CONO', Message: 'Not authorized for company 200 ' },
			},
			'OIS100MI',
			'LstHead',
		);
		expect(r.records).toEqual([{ ORNO: '1' }]);
		expect(r.error).toMatchObject({ code: 'XAU0008', field: 'CONO', message: 'Not authorized for company 200' });
	});

	it('an empty list is not an error', () => {
		expect(parseV1({ Program: 'X', Transaction: 'Lst' }, 'X', 'Lst')).toEqual({ program: 'X', transaction: 'Lst', records: [] });
		expect(parseV2Single({ results: [{ transaction: 'Lst', records: [] }], wasTerminated: false }, 'X', 'Lst').error).toBeUndefined();
	});

	it('cleans message padding, code and field tokens', () => {
		expect(cleanMessage('WCU0203   Customer   X does not exist   CUNO ', 'WCU0203', 'CUNO')).toBe('Customer X does not exist');
	});
});

describe('v2 response parsing', () => {
	it('records as strings, wasTerminated given as the string "false"', () => {
		const r = parseV2Single(
			{ results: [{ transaction: 'LstPartnerMedia', records: [{ DONR: '231', '1UDT': '' }] }], wasTerminated: 'false', nrOfFailedTransactions: 0 },
			'CRS949MI',
			'LstPartnerMedia',
		);
		expect(r.error).toBeUndefined();
		expect(r.records).toEqual([{ DONR: '231', '1UDT': '' }]);
	});

	it('HTTP 400 with the error at the top level', () => {
		const r = parseSingle(
			{ errorMessage: 'Order number must be entered', errorCode: 'WORNO02', errorField: 'ORNO', errorType: 'MandatoryInputFieldNotFound' },
			'OIS100MI',
			'GetHead',
			400,
		);
		expect(r.error).toMatchObject({ code: 'WORNO02', field: 'ORNO', type: 'MandatoryInputFieldNotFound', httpStatus: 400, kind: 'nok' });
	});

	it('HTTP 200 with the error in results[0], partial records kept on the error', () => {
		const r = parseV2Single(
			{
				results: [{ transaction: 'LstHead', records: [{ ORNO: '1' }], errorMessage: 'Not authorized', errorCode: 'XAU0008', errorField: 'CONO' }],
				wasTerminated: true,
				nrOfFailedTransactions: 1,
			},
			'OIS100MI',
			'LstHead',
			200,
		);
		expect(r.error?.partialRecords).toEqual([{ ORNO: '1' }]);
		expect(r.error).toMatchObject({ code: 'XAU0008', field: 'CONO' });
	});

	it('terminationReason stands in when there is no errorMessage', () => {
		const r = parseV2Single({ results: [], wasTerminated: 'true', terminationReason: 'Timeout ', terminationErrorType: 'TIMEOUT' }, 'A', 'B');
		expect(r.error).toMatchObject({ message: 'Timeout', type: 'TIMEOUT' });
	});

	it('bulk: results matched to transactions by order, per-item errors and notProcessed', () => {
		const res = parseV2Bulk(
			{
				results: [
					{ transaction: 'AddBatchLine', records: [{ PONR: '1' }] },
					{ transaction: 'AddBatchLine', records: [], errorMessage: 'Item X does not exist', errorCode: 'WIT0103', errorField: 'ITNO' },
					{ transaction: 'AddBatchLine', records: [], notProcessed: true },
				],
				wasTerminated: 'true',
				terminationReason: 'stopped',
				nrOfFailedTransactions: 1,
			},
			'OIS100MI',
			['AddBatchLine', 'AddBatchLine', 'AddBatchLine', 'AddBatchHeadChg'],
		);
		expect(res.map((r) => r.records)).toEqual([[{ PONR: '1' }], [], [], []]);
		expect(res[0].error).toBeUndefined();
		expect(res[1].error).toMatchObject({ code: 'WIT0103', field: 'ITNO', index: 1, kind: 'nok' });
		expect(res[2]).toMatchObject({ notProcessed: true });
		expect(res[2].error?.kind).toBe('notProcessed');
		expect(res[3]).toMatchObject({ notProcessed: true, transaction: 'AddBatchHeadChg' });
	});
});

describe('M3Client', () => {
	it('v2 single GET: URL, control parameters, inputs as strings, empty inputs dropped', async () => {
		const { client, calls } = mockClient([v2([{ CUNO: 'A' }])]);
		const rec = await client.get('CRS610MI', 'GetBasicData', { CUNO: 'A', CUA2: '', X: undefined, N: 1.5, B: true });
		expect(rec).toEqual({ CUNO: 'A' });
		expect(calls[0].url).toBe('https://m3.example/m3api-rest/v2/execute/CRS610MI/GetBasicData');
		expect(calls[0].method).toBe('GET');
		expect(calls[0].qs).toMatchObject({ CUNO: 'A', N: '1.5', B: '1', cono: '100', divi: 'AAA', dateformat: 'YMD8' });
		expect(calls[0].qs).not.toHaveProperty('CUA2');
	});

	it('v1 request form (matrix parameters) and v1 parsing', async () => {
		const { client, calls } = mockClient(
			[ok({ Program: 'OIS100MI', Transaction: 'LstHead', MIRecord: [{ RowIndex: 0, NameValue: [{ Name: 'ORNO', Value: '10  ' }] }] })],
			{ apiVersion: 'v1' },
		);
		expect(await client.execute('OIS100MI', 'LstHead', { CUNO: 'C' }, { maxrecs: 5, returncols: ['ORNO'] })).toEqual([{ ORNO: '10' }]);
		expect(calls[0].url).toBe('https://m3.example/m3api-rest/execute/OIS100MI/LstHead;cono=100;divi=AAA;maxrecs=5;returncols=ORNO;excludempty=false');
	});

	it('throws M3Error on NOK and never retries it', async () => {
		const { client, calls } = mockClient([
			ok({ errorMessage: 'Record does not exist', errorCode: 'XRE0103', errorField: 'CUNO' }, 400),
		]);
		const e = await client.get('CRS610MI', 'GetBasicData', { CUNO: 'X' }).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(M3Error);
		expect(isNotFound(e)).toBe(true);
		expect((e as M3Error).fullMessage).toBe('CRS610MI/GetBasicData: Record does not exist (code XRE0103, field CUNO)');
		expect(calls).toHaveLength(1);
		expect(await client.find('CRS610MI', 'GetBasicData', { CUNO: 'X' }).catch(() => 'second call: no reply')).toBe(
			'second call: no reply',
		);
	});

	it('retries reads on 429 (Retry-After), 5xx, timeouts and connection resets', async () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const timeout = Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' });
		const { client, calls, sleeps } = mockClient([
			{ statusCode: 429, body: {}, headers: { 'retry-after': '2' } },
			ok({ error: 'x' }, 502),
			reset,
			timeout,
			v2([{ A: '1' }]),
		], { retry: { attempts: 5, baseDelayMs: 10, maxDelayMs: 100 } });
		expect(await client.get('MMS200MI', 'Get', { ITNO: 'A' })).toEqual({ A: '1' });
		expect(calls).toHaveLength(5);
		expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
	});

	it('gives up after the attempts with an http M3Error', async () => {
		const { client } = mockClient([ok({}, 503), ok({}, 503)], { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
		await expect(client.get('MMS200MI', 'Get', {})).rejects.toMatchObject({ kind: 'http', httpStatus: 503 });
	});

	it('does not resend a write after a reset or 500 (it may have committed), but does after 429/503', async () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		const a = mockClient([reset, v2([{ ORNO: '1' }])]);
		await expect(a.client.get('OIS100MI', 'AddBatchHead', { CUNO: 'C' })).rejects.toMatchObject({ kind: 'network' });
		expect(a.calls).toHaveLength(1);
		const b = mockClient([ok({}, 500)]);
		await expect(b.client.get('OIS100MI', 'AddBatchHead', { CUNO: 'C' })).rejects.toMatchObject({ httpStatus: 500 });
		const c = mockClient([ok({}, 429), ok({}, 503), v2([{ ORNO: '7' }])]);
		expect(await c.client.get('OIS100MI', 'AddBatchHead', { CUNO: 'C' })).toEqual({ ORNO: '7' });
	});

	it('maps a 401 that survived the token refresh to an auth error without request details', () => {
		const wrapped = {
			message: 'Authorization failed',
			httpCode: '401',
			cause: { response: { status: 401, data: { error: 'invalid_token' } }, config: { headers: { Authorization: 'Bearer SECRET' } } },
		};
		const e = transportError(wrapped, 'CRS610MI', 'GetBasicData');
		expect(e.kind).toBe('auth');
		expect(JSON.stringify({ m: e.message, j: e.toJSON() })).not.toContain('SECRET');
	});

	it('bulk: one POST per chunk, results matched by order, per-item errors re-indexed', async () => {
		const { client, calls } = mockClient(
			[
				ok({ results: [{ transaction: 'GetBasicData', records: [{ CUNO: 'A' }] }, { transaction: 'GetBasicData', records: [], errorMessage: 'Record does not exist', errorCode: 'XRE0103', errorField: 'CUNO' }], nrOfFailedTransactions: 1 }),
				ok({ results: [{ transaction: 'GetBasicData', records: [{ CUNO: 'C' }] }], nrOfFailedTransactions: 0 }),
			],
			{ bulkChunkSize: 2 },
		);
		const res = await client.bulk('CRS610MI', ['A', 'B', 'C'].map((CUNO) => ({ transaction: 'GetBasicData', record: { CUNO } })));
		expect(calls).toHaveLength(2);
		expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://m3.example/m3api-rest/v2/execute' });
		expect(calls[0].body).toMatchObject({ program: 'CRS610MI', cono: 100, divi: 'AAA', transactions: [{ transaction: 'GetBasicData', record: { CUNO: 'A' } }, { record: { CUNO: 'B' } }] });
		expect(res.map((r) => r.records[0]?.CUNO ?? r.error?.code)).toEqual(['A', 'XRE0103', 'C']);
		expect(res[1].error?.index).toBe(1);
	});

	it('bulk: a refused request (HTTP 400, no results) throws', async () => {
		const { client } = mockClient([ok({ errorMessage: 'Program must be entered', errorType: 'BadRequest' }, 400)]);
		await expect(client.bulk('', [{ transaction: 'X', record: {} }])).rejects.toMatchObject({ message: 'Program must be entered', httpStatus: 400 });
	});

	it('pages a list by start keys, dropping the repeated boundary record', async () => {
		const rows = Array.from({ length: 7 }, (_, n) => ({ CUNO: `C${n}` }));
		const { client, calls } = mockClient([]);
		const pages = [rows.slice(0, 3), rows.slice(2, 5), rows.slice(4, 7), rows.slice(6, 7)];
		const c2 = new M3Client({
			baseUrl: 'x',
			request: async (o) => {
				calls.push(o);
				return v2(pages.shift() ?? []);
			},
		});
		void client;
		const all = await c2.list('CRS610MI', 'LstByNumber', { CUNO: '' }, { pageSize: 3, startKeys: { CUNO: 'CUNO' } });
		expect(all.map((r) => r.CUNO)).toEqual(rows.map((r) => r.CUNO));
		expect(calls.map((c) => (c.qs as Record<string, string>).CUNO)).toEqual([undefined, 'C2', 'C4', 'C6']);
		expect((calls[0].qs as Record<string, string>).maxrecs).toBe('3');
	});

	it('a list without start keys is one call with maxrecs = limit (0 = all)', async () => {
		const { client, calls } = mockClient([v2([{ A: '1' }]), v2([])]);
		await client.list('OIS100MI', 'LstHead', { CUNO: 'C' }, { limit: 25 });
		await client.list('OIS100MI', 'LstHead', { CUNO: 'C' });
		expect(calls.map((c) => (c.qs as Record<string, string>).maxrecs)).toEqual(['25', '0']);
	});

	it('rejects a 200 that is not JSON (wrong base URL, login page)', async () => {
		const { client } = mockClient([ok('<html>login</html>')]);
		await expect(client.get('A', 'GetX', {})).rejects.toMatchObject({ kind: 'http' });
	});
});

describe('values', () => {
	it('dates as yyyyMMdd, decimals with a dot, numbers from padded output', () => {
		expect(toM3Date('2026-11-29T23:30:00-08:00')).toBe('20261129');
		expect(toM3Date('20261129')).toBe('20261129');
		expect(toM3Date(new Date(Date.UTC(2026, 0, 5)))).toBe('20260105');
		expect(() => toM3Date('tomorrow')).toThrow(/not a date/);
		expect(toM3Decimal(19.99)).toBe('19.99');
		expect(toM3Decimal(0.1 + 0.2)).toBe('0.3');
		expect(toM3Decimal(1e-7)).toBe('0.0000001');
		expect(toM3Decimal('12,50')).toBe('12.50');
		expect(parseM3Number('   12.500 ')).toBe(12.5);
		expect(parseM3Number('3-')).toBe(-3);
		expect(parseM3Number('')).toBeNull();
		expect(toM3Inputs({ A: 1, B: '', C: null, D: false })).toEqual({ A: '1', D: '0' });
		expect(toM3Inputs({ ORDT: '2026-11-29T10:00:00Z', CUDT: '20261128', YREF: '2026-11-29' })).toEqual({
			ORDT: '20261129',
			CUDT: '20261128',
			YREF: '2026-11-29',
		});
		expect(() => toM3Inputs({ DWDT: 'soon' })).toThrow(/DWDT "soon" is not a date/);
	});
});
