import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as finance from './finance/Finance.resource';
import * as inventory from './inventory/Inventory.resource';
import * as order from './order/Order.resource';
import * as shipment from './shipment/Shipment.resource';
import * as status from './status/Status.resource';
import type { OperationExecute, OperationOutput } from './common';

const operations: Record<string, Record<string, OperationExecute>> = {
	order: {
		amazonToCanonical: order.amazonToCanonical.execute,
		canonicalToM3: order.canonicalToM3.execute,
		amazonToM3: order.amazonToM3.execute,
	},
	status: { amazonToM3: status.amazonToM3.execute, m3ToAmazon: status.m3ToAmazon.execute },
	shipment: { m3ToAmazon: shipment.m3ToAmazon.execute },
	inventory: { m3ToAmazon: inventory.m3ToAmazon.execute, compare: inventory.compare.execute },
	finance: { amazonToM3Gl: finance.amazonToM3Gl.execute },
};

/** Dispatches to the operation; returns [Valid, Invalid]. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const fn = operations[resource]?.[operation];
	if (!fn) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const out: OperationOutput = await fn.call(this, items);
	return [out.valid, out.invalid];
}
