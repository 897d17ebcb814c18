// Transaction (Any) with "Mapped Fields": the resource mapper's fields from MRS001MI/LstFields (called through
// n8n-core's LoadOptionsContext, as the editor's server does) and workflows that run the transaction with mapped
// values (n8n-core checks them against the field types), against the M3 simulator.
import type { ResourceMapperField } from 'n8n-workflow';

import { callNodeMethod, createSession, type Session } from '../harness';
import { basicCredentials, m3Workflow, startSim, type Sim } from '../m3/helpers';

const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const params = (program: string, transaction: string, extra: Record<string, unknown> = {}) => ({
	resource: 'transaction',
	operation: 'execute',
	program: rl(program),
	transaction: rl(transaction),
	...extra,
});

describe('Transaction (Any): resource mapper', () => {
	let sim: Sim;
	let session: Session;
	const fieldsOf = async (program: string, transaction: string) =>
		(await callNodeMethod(session, { type: 'inforM3', parameters: params(program, transaction), credentials: ['inforM3Api'] }, 'resourceMapping', 'getMappingFields'))
			.fields;
	const mapped = (schema: ResourceMapperField[], value: Record<string, unknown> | null, mappingMode = 'defineBelow') => ({
		inputMode: 'mapper',
		mappedFields: { mappingMode, value, schema, matchingColumns: [], attemptToConvertTypes: false, convertFieldsToString: false },
	});
	beforeAll(async () => {
		sim = await startSim();
		session = createSession({ credentials: { inforM3Api: basicCredentials(sim) } });
	});
	afterAll(async () => {
		await sim.close();
	});

	it('offers the input fields of MRS001MI/LstFields: mandatory first, M3 type and length, numbers as numbers', async () => {
		const fields = await fieldsOf('OIS100MI', 'AddBatchHead');
		const mandatory = fields.filter((f) => f.required).map((f) => f.id);
		expect(mandatory).toContain('CUNO');
		expect(fields.slice(0, mandatory.length).every((f) => f.required)).toBe(true);
		const cuno = fields.find((f) => f.id === 'CUNO');
		expect(cuno).toMatchObject({ type: 'string', display: true, defaultMatch: false });
		expect(cuno?.displayName).toMatch(/^CUNO - .+ \(A10\)$/);
		const cono = fields.find((f) => f.id === 'CONO');
		expect(cono).toMatchObject({ type: 'number', required: false });
		const date = fields.find((f) => f.displayName.endsWith('(D8)'));
		expect(date?.type).toBe('string');
		const none = await callNodeMethod(session, { type: 'inforM3', parameters: params('', ''), credentials: ['inforM3Api'] }, 'resourceMapping', 'getMappingFields');
		expect(none.fields).toEqual([]);
	});

	it('runs the transaction with the mapped values (fixed and expressions), leaving empty fields out', async () => {
		const chg = await fieldsOf('CRS610MI', 'ChgBasicData');
		const write = await session.run(
			m3Workflow(params('CRS610MI', 'ChgBasicData', mapped(chg, { CUNO: '={{ $json.cuno }}', CUNM: 'Mapped Name GmbH', CUA2: '', CONO: null }))),
			{ input: [{ json: { cuno: 'AMZDE01' } }] },
		);
		expect(write.status).toBe('success');
		expect(sim.state.customers.AMZDE01.CUNM).toBe('Mapped Name GmbH');
		const get = await fieldsOf('CRS610MI', 'GetBasicData');
		const read = await session.run(m3Workflow(params('CRS610MI', 'GetBasicData', mapped(get, { CUNO: 'AMZDE01', CONO: Number(sim.credentials.cono) }))));
		expect(read.output('M3')).toEqual([expect.objectContaining({ CUNO: 'AMZDE01', CUNM: 'Mapped Name GmbH' })]);
	});

	it('maps automatically the input fields the item carries', async () => {
		const get = await fieldsOf('CRS610MI', 'GetBasicData');
		const r = await session.run(m3Workflow(params('CRS610MI', 'GetBasicData', mapped(get, null, 'autoMapInputData'))), {
			input: [{ json: { CUNO: 'AMZUS01', somethingElse: 'not sent' } }],
		});
		expect(r.output('M3')).toEqual([expect.objectContaining({ CUNO: 'AMZUS01' })]);
	});

	it('a value that is not a number for a numeric field is refused by n8n before M3 is called', async () => {
		const get = await fieldsOf('CRS610MI', 'GetBasicData');
		const before = sim.state.requestCounts['CRS610MI/GetBasicData'] ?? 0;
		// typed in the mapper: the node has an issue, n8n does not start the run
		await expect(session.run(m3Workflow(params('CRS610MI', 'GetBasicData', mapped(get, { CUNO: 'AMZUS01', CONO: 'abc' }))))).rejects.toThrow(
			/'CONO' expects a number but we got 'abc'/,
		);
		// from an expression: n8n-core checks the resolved value when the node reads it
		const r = await session.run(m3Workflow(params('CRS610MI', 'GetBasicData', mapped(get, { CUNO: 'AMZUS01', CONO: '={{ $json.cono }}' }))), {
			input: [{ json: { cono: 'abc' } }],
		});
		expect(r.status).toBe('error');
		expect(String(r.nodeError('M3')?.message)).toMatch(/Invalid input for 'CONO'/);
		expect(sim.state.requestCounts['CRS610MI/GetBasicData'] ?? 0).toBe(before);
	});
});
