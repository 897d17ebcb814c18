import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { markDeliveriesConfirmed, type ConfirmedPackage, type M3Client } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, show, type OperationContext, type OperationResult } from '../common';
import { markFileOption } from './getShipmentFeedback.operation';

const R = 'delivery';
const O = 'markConfirmed';

export const description: INodeProperties[] = [
	{
		displayName: 'Delivery Number (DLIX)',
		name: 'deliveryNumber',
		type: 'string',
		default: '={{ $json.m3 && $json.m3.DLIX }}',
		description: 'The M3 delivery the confirmed package belongs to (the Transform puts it in m3.DLIX of every confirmation)',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Packages of the Delivery',
		name: 'packageCount',
		type: 'string',
		default: '={{ $json.m3 && $json.m3.packages }}',
		description: 'How many Amazon packages the delivery has: it is marked once all of them are confirmed',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Package Reference ID',
		name: 'packageReferenceId',
		type: 'string',
		default: '={{ $json.packageReferenceId }}',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [markFileOption]),
];

function str(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/**
 * All items at once: the packages Amazon confirmed, grouped by delivery; a delivery whose packages are all confirmed
 * gets its lasting mark in M3 (and leaves the queue) in one CUSEXTMI request. Each item comes out with
 * deliveryMarked true/false.
 */
export async function executeAll(this: IExecuteFunctions, client: M3Client, items: INodeExecutionData[]): Promise<OperationResult[]> {
	const o = params(this, 0).collection();
	const file = str(o.markFile) || 'MHDISH';
	const packages: Array<ConfirmedPackage | undefined> = items.map((item, i) => {
		const DLIX = str(this.getNodeParameter('deliveryNumber', i, ''));
		// only packages Amazon has (sent now or found confirmed before: confirmShipment's `confirmed`)
		if (!/^\d+$/.test(DLIX) || item.json.confirmed !== true) return undefined;
		const m3 = (item.json.m3 ?? {}) as IDataObject;
		return {
			DLIX,
			ORNO: str(m3.ORNO),
			amazonOrderId: str(item.json.amazonOrderId),
			packageReferenceId: str(this.getNodeParameter('packageReferenceId', i, '')),
			packages: Math.max(1, Number(this.getNodeParameter('packageCount', i, 1)) || 1),
		};
	});
	const marked = await markDeliveriesConfirmed(
		client,
		file,
		packages.filter((p): p is ConfirmedPackage => !!p),
		{ company: str(o.company) || undefined, division: str(o.division) || undefined },
	);
	return items.map((item, i) => {
		const p = packages[i];
		return { ...item.json, deliveryMarked: !!p && marked.has(String(Number(p.DLIX))) };
	});
}

export async function execute(this: IExecuteFunctions, { client, item }: OperationContext): Promise<OperationResult> {
	return (await executeAll.call(this, client, [item]))[0];
}
