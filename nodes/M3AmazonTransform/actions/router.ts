import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { failAll, failureItem, findOperation, type FailureInfo, type ItemRunnerOptions, type Resources } from '../../shared/execution';
import type { Issue } from '../../shared/mapping/result';
import * as finance from './finance/Finance.resource';
import * as inventory from './inventory/Inventory.resource';
import * as listing from './listing/Listing.resource';
import * as order from './order/Order.resource';
import * as shipment from './shipment/Shipment.resource';
import * as status from './status/Status.resource';
import type { OperationModule, OperationOutput } from './common';

const operations: Resources<OperationModule> = {
	order: {
		amazonToCanonical: order.amazonToCanonical,
		canonicalToM3: order.canonicalToM3,
		amazonToM3: order.amazonToM3,
		amazonToM3Cancellation: order.amazonToM3Cancellation,
		m3ToAmazonCancellation: order.m3ToAmazonCancellation,
	},
	status: { amazonToM3: status.amazonToM3, m3ToAmazon: status.m3ToAmazon },
	shipment: { m3ToAmazon: shipment.m3ToAmazon },
	inventory: { m3ToAmazon: inventory.m3ToAmazon, compare: inventory.compare },
	finance: { amazonToM3Gl: finance.amazonToM3Gl, amazonToM3Returns: finance.amazonToM3Returns },
	listing: { m3ToAmazon: listing.m3ToAmazon },
};

/** "lines[0].sku: SKU X is not mapped (+2 more)" */
export function issuesSummary(issues: Issue[]): string {
	if (!issues.length) return 'The input is not valid';
	const first = issues[0];
	return `${first.path ? `${first.path}: ` : ''}${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`;
}

function describe(e: unknown): FailureInfo {
	const err = e as { message?: string; description?: string };
	return { message: err?.message ?? String(e), system: 'transform', kind: 'internal', description: err?.description };
}

/**
 * Dispatches to the operation; returns [Valid, Invalid]. Operations report invalid input as `{ issues, input }`; here
 * every one becomes a failure item (nodes/shared/execution): `{ error, details: { reasons: issues, input, … } }`,
 * the same shape the other nodes' error outputs carry, so one dead-letter step handles them all.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { name, op } = findOperation(this, operations);
	const runner: ItemRunnerOptions = {
		operation: name,
		describe,
		toNodeError: (e, i) => (e instanceof Error && 'node' in e ? e : new NodeOperationError(this.getNode(), e as Error, { itemIndex: i })),
	};
	let out: OperationOutput;
	try {
		out = await op.execute.call(this, items);
	} catch (e) {
		return [[], failAll(this, items, e, runner)];
	}
	const node = this.getNode().name;
	const invalid = out.invalid.map((it) => {
		const j = it.json as { issues?: Issue[]; input?: unknown };
		const paired = it.pairedItem;
		const index = Array.isArray(paired) ? paired.map((p) => p.item) : typeof paired === 'object' && paired ? paired.item : 0;
		const issues = j.issues ?? [];
		return failureItem(
			{ message: issuesSummary(issues), system: 'transform', kind: 'invalid', reasons: issues as unknown as IDataObject[] },
			{ node, operation: runner.operation, input: j.input, itemIndex: index },
		);
	});
	return [out.valid, invalid];
}
