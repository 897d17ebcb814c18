// AI-tool use: the "<name>Tool" wrapper n8n builds from `usableAsTool` offers only the allowed operations (the
// replacement properties), and the node refuses anything else when it runs as the tool (n8n executes the wrapper
// with the base node's properties). Executions through n8n-core against the real simulators.
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { AmazonSellingPartner } from '../../nodes/AmazonSellingPartner/AmazonSellingPartner.node';
import { TOOL_OPERATIONS as SP_TOOL } from '../../nodes/AmazonSellingPartner/actions/toolOperations';
import { InforM3 } from '../../nodes/InforM3/InforM3.node';
import { TOOL_OPERATIONS as M3_TOOL } from '../../nodes/InforM3/actions/toolOperations';
import type { ToolOperations } from '../../nodes/shared/tool';
import { createSession, linearWorkflow, PACKAGE_NAME } from '../harness';
import { basicCredentials, startSim as startM3, type Sim as M3Sim } from '../m3/helpers';
import { credentialsFor, startSim as startSp, type Sim as SpSim } from '../spapi/helpers';

/** The description n8n gives the tool wrapper: the node's, with usableAsTool.replacements spread over it. */
function toolDescription(d: INodeTypeDescription): INodeTypeDescription {
	expect(typeof d.usableAsTool).toBe('object');
	const replacements = (d.usableAsTool as { replacements?: Partial<INodeTypeDescription> }).replacements;
	return { ...d, ...replacements };
}

const values = (p: INodeProperties | undefined) => ((p?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
const operationOf = (props: INodeProperties[], resource: string) =>
	props.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource));

function expectOnly(base: INodeTypeDescription, allowed: ToolOperations, excluded: string[]) {
	const tool = toolDescription(base).properties;
	const resources = values(tool.find((p) => p.name === 'resource'));
	expect(resources.sort()).toEqual(Object.keys(allowed).sort());
	for (const r of excluded) expect(resources).not.toContain(r);
	for (const [r, ops] of Object.entries(allowed)) {
		// every allowed operation exists on the node, and the tool offers exactly those
		expect(values(operationOf(base.properties, r))).toEqual(expect.arrayContaining([...ops]));
		const op = operationOf(tool, r);
		expect(values(op).sort()).toEqual([...ops].sort());
		expect(ops).toContain(op?.default);
	}
	// parameters of hidden resources are gone; the base node keeps everything
	for (const p of tool) {
		const shown = p.displayOptions?.show?.resource as string[] | undefined;
		if (shown) expect(shown.some((r) => allowed[r])).toBe(true);
	}
	expect(tool.length).toBeLessThan(base.properties.length);
}

describe('AI tool: the operations the tool wrapper offers', () => {
	it('Infor M3: no Transaction (Any), no cursor-advancing or posting operations', () => {
		const d = new InforM3().description;
		expectOnly(d, M3_TOOL, ['transaction', 'glBatch', 'customerReturn']);
		expect(values(operationOf(toolDescription(d).properties, 'customerOrder'))).not.toContain('getClosed');
		expect(values(d.properties.find((p) => p.name === 'resource'))).toContain('transaction');
	});

	it('Amazon Selling Partner: no API Call, no feed submission, no queue acknowledgement', () => {
		const d = new AmazonSellingPartner().description;
		expectOnly(d, SP_TOOL, ['apiCall', 'queue']);
		expect(values(operationOf(toolDescription(d).properties, 'feed'))).toEqual(['getResult', 'getStatus']);
		expect(values(operationOf(toolDescription(d).properties, 'listing'))).not.toContain('syncListings');
	});
});

describe('AI tool: execution as the tool wrapper (n8n-core)', () => {
	let m3: M3Sim;
	let sp: SpSim;
	beforeAll(async () => {
		m3 = await startM3();
		sp = await startSp();
	});
	afterAll(async () => {
		await m3.close();
		await sp.close();
	});
	const session = () =>
		createSession({
			credentials: { inforM3Api: basicCredentials(m3), amazonSpApi: credentialsFor(sp) },
			extraNodeTypes: { [`${PACKAGE_NAME}.inforM3Tool`]: new InforM3(), [`${PACKAGE_NAME}.amazonSellingPartnerTool`]: new AmazonSellingPartner() },
		});
	const one = (type: string, parameters: Record<string, unknown>, credentials: string) =>
		linearWorkflow([{ type, name: 'N', parameters, credentials: [credentials] }]);

	it('Infor M3 tool: a read runs, Transaction (Any) is refused before any MI call', async () => {
		const s = session();
		const ok = await s.run(one('inforM3Tool', { resource: 'customer', operation: 'get', customerNumber: 'AMZUS01' }, 'inforM3Api'));
		expect(ok.status).toBe('success');
		expect(ok.output('N')?.[0]).toMatchObject({ CUNO: 'AMZUS01' });
		const before = m3.control.rowsRead().requests;
		const any = { resource: 'transaction', operation: 'execute', program: 'CRS610MI', transaction: 'LstByNumber', inputMode: 'json', inputJson: '{}' };
		const refused = await s.run(one('inforM3Tool', any, 'inforM3Api'));
		expect(refused.status).toBe('error');
		expect(refused.nodeError('N')?.message).toBe('"execute" of "transaction" is not available to AI agents');
		expect(m3.control.rowsRead().requests).toBe(before);
		// the same parameters in the ordinary node still run
		const plain = await s.run(one('inforM3', any, 'inforM3Api'));
		expect(plain.status).toBe('success');
		expect((plain.output('N') ?? []).length).toBe(Object.keys(m3.state.customers).length);
	});

	it('Amazon tool: API Call is refused before any SP-API request, order search runs', async () => {
		const s = session();
		const before = sp.control.requestStats().total;
		const refused = await s.run(one('amazonSellingPartnerTool', { resource: 'apiCall', operation: 'call', method: 'GET', path: '/orders/2026-01-01/orders' }, 'amazonSpApi'));
		expect(refused.nodeError('N')?.message).toBe('"call" of "apiCall" is not available to AI agents');
		expect(sp.control.requestStats().total).toBe(before);
		const ok = await s.run(
			one('amazonSellingPartnerTool', { resource: 'order', operation: 'search', filterBy: 'created', createdAfter: '2020-01-01T00:00:00Z', returnAll: false, limit: 3 }, 'amazonSpApi'),
		);
		expect(ok.status).toBe('success');
		expect(ok.output('N')).toHaveLength(3);
	});
});
