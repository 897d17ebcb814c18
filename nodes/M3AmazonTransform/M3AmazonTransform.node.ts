import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as finance from './actions/finance/Finance.resource';
import * as inventory from './actions/inventory/Inventory.resource';
import * as listing from './actions/listing/Listing.resource';
import * as order from './actions/order/Order.resource';
import * as shipment from './actions/shipment/Shipment.resource';
import * as status from './actions/status/Status.resource';
import { router } from './actions/router';
import { hintAllInvalid } from '../shared/execution';

export class M3AmazonTransform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'M3 Amazon Transform',
		name: 'm3AmazonTransform',
		icon: { light: 'file:m3AmazonTransform.svg', dark: 'file:m3AmazonTransform.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Pure mappings between Amazon SP-API and Infor M3 shapes via a canonical model: orders, statuses, shipments, inventory, item master to listings, payments to GL',
		defaults: { name: 'M3 Amazon Transform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Invalid'],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Finance', value: 'finance' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Listing', value: 'listing' },
					{ name: 'Order', value: 'order' },
					{ name: 'Shipment', value: 'shipment' },
					{ name: 'Status', value: 'status' },
				],
				default: 'order',
			},
			...order.description,
			...status.description,
			...shipment.description,
			...inventory.description,
			...finance.description,
			...listing.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [valid, invalid] = await router.call(this);
		if (invalid.length && !valid.length) hintAllInvalid(this, this.getInputData().length);
		return [valid, invalid];
	}
}
