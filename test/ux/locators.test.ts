// Resource locators of the Infor M3 node: list searches called through n8n-core's LoadOptionsContext (as the editor's
// server does) against the M3 simulator, and workflows whose locator parameters hold either the editor's
// { __rl, mode, value } or the plain string older workflows saved.
import { callNodeMethod, createSession, type Session } from '../harness';
import { basicCredentials, m3Workflow, startSim, type Sim } from '../m3/helpers';

const m3 = (parameters: Record<string, unknown>) => ({ type: 'inforM3', parameters, credentials: ['inforM3Api'] });
const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('Infor M3 resource locators', () => {
	let sim: Sim;
	let session: Session;
	beforeAll(async () => {
		sim = await startSim({ items: 120 });
		session = createSession({ credentials: { inforM3Api: basicCredentials(sim) } });
	});
	afterAll(async () => {
		await sim.close();
	});

	it('lists MI programs (MRS001MI/LstPrograms), filtered by name or description', async () => {
		const all = await callNodeMethod(session, m3({ resource: 'transaction', operation: 'execute' }), 'listSearch', 'searchPrograms');
		expect(all.results.map((r) => r.value)).toEqual(expect.arrayContaining(['OIS100MI', 'CRS610MI', 'MMS200MI']));
		const values = all.results.map((r) => String(r.value));
		expect(values).toEqual([...values].sort((a, b) => a.localeCompare(b)));
		const some = await callNodeMethod(session, m3({}), 'listSearch', 'searchPrograms', { filter: 'crs610' });
		expect(some.results.map((r) => r.value)).toEqual(['CRS610MI']);
		expect(some.results[0].name).toMatch(/^CRS610MI - /);
	});

	it("lists the chosen program's transactions, whether the program is a locator or an older plain string", async () => {
		for (const program of [rl('OIS100MI'), rl('OIS100MI', 'id'), 'OIS100MI']) {
			const r = await callNodeMethod(session, m3({ resource: 'transaction', operation: 'execute', program }), 'listSearch', 'searchTransactions');
			expect(r.results.map((t) => t.value)).toEqual(expect.arrayContaining(['AddBatchHead', 'Confirm', 'GetHead']));
		}
		const filtered = await callNodeMethod(session, m3({ resource: 'transaction', operation: 'execute', program: rl('OIS100MI') }), 'listSearch', 'searchTransactions', {
			filter: 'batchhead',
		});
		expect(filtered.results.length).toBeGreaterThan(1);
		expect(filtered.results.every((t) => /batchhead/i.test(String(t.value)) || /batch head/i.test(t.name))).toBe(true);
		const none = await callNodeMethod(session, m3({ resource: 'transaction', operation: 'execute', program: rl('') }), 'listSearch', 'searchTransactions');
		expect(none.results).toEqual([]);
	});

	it('input fields of Fields mode follow locator values (MRS001MI/LstFields)', async () => {
		const fields = await callNodeMethod(
			session,
			m3({ resource: 'transaction', operation: 'execute', program: rl('OIS100MI'), transaction: rl('AddBatchHead', 'id') }),
			'loadOptions',
			'getInputFields',
		);
		expect(fields.find((f) => f.value === 'CUNO')?.name).toMatch(/mandatory/);
	});

	it('lists customers page by page (CRS610MI/LstByNumber) and searches them (SearchCustomer)', async () => {
		const step = m3({ resource: 'customer', operation: 'get' });
		const all = await callNodeMethod(session, step, 'listSearch', 'searchCustomers');
		const cunos = Object.keys(sim.state.customers).sort();
		expect(all.results.map((r) => r.value)).toEqual(cunos);
		expect(all.paginationToken).toBeUndefined();
		const de = await callNodeMethod(session, step, 'listSearch', 'searchCustomers', { filter: 'amazon.de' });
		expect(de.results).toEqual([{ name: 'AMZDE01 - Amazon.de Marktplatz', value: 'AMZDE01' }]);
	});

	it('lists items 50 at a time from the start key (MMS200MI/LstItmByItm) and searches them (SearchItem)', async () => {
		const step = m3({ resource: 'item', operation: 'get' });
		const itnos = Object.keys(sim.state.items).sort();
		expect(itnos.length).toBeGreaterThan(100);
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await callNodeMethod(session, step, 'listSearch', 'searchItems', { paginationToken: token });
			expect(page.results.length).toBeLessThanOrEqual(50);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
			pages++;
		} while (token && pages < 10);
		expect(pages).toBe(Math.ceil(itnos.length / 50));
		expect(seen).toEqual(itnos);
		const mug = await callNodeMethod(session, step, 'listSearch', 'searchItems', { filter: 'MUG1000' });
		expect(mug.results.map((r) => r.value)).toContain('MUG10001');
		expect(mug.results.every((r) => r.name.startsWith(`${String(r.value)} - `))).toBe(true);
	});

	it('an MI error reaches the editor as the list error', async () => {
		const r = callNodeMethod(session, m3({ resource: 'transaction', operation: 'execute', program: rl('NOSUCHMI') }), 'listSearch', 'searchTransactions');
		await expect(r).rejects.toThrow(/MRS001MI\/LstTransactions: .*NOSUCHMI/);
	});

	it('operations read locator values and plain strings alike', async () => {
		for (const customerNumber of [rl('AMZDE01'), rl('AMZDE01', 'id'), 'AMZDE01']) {
			const r = await session.run(m3Workflow({ resource: 'customer', operation: 'get', customerNumber }));
			expect(r.output('M3')).toEqual([expect.objectContaining({ CUNO: 'AMZDE01', CUNM: 'Amazon.de Marktplatz' })]);
		}
		for (const itemNumber of [rl('MUG10001'), 'MUG10001']) {
			const r = await session.run(m3Workflow({ resource: 'item', operation: 'get', itemNumber }));
			expect(r.output('M3')).toEqual([expect.objectContaining({ ITNO: 'MUG10001' })]);
		}
		for (const [program, transaction] of [
			[rl('CRS610MI'), rl('GetBasicData', 'id')],
			['CRS610MI', 'GetBasicData'],
		]) {
			const r = await session.run(
				m3Workflow({ resource: 'transaction', operation: 'execute', program, transaction, inputMode: 'json', inputJson: '{"CUNO":"AMZUS01"}' }),
			);
			expect(r.output('M3')).toEqual([expect.objectContaining({ CUNO: 'AMZUS01' })]);
		}
		// an empty locator is a required parameter left empty: n8n refuses to run the workflow, as for the old string
		await expect(session.run(m3Workflow({ resource: 'item', operation: 'get', itemNumber: rl('') }))).rejects.toThrow(
			/Parameter "Item \(ITNO\)" is required/,
		);
	});
});
