import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import * as customField from './actions/customField/CustomField.resource';
import * as customerOrder from './actions/customerOrder/CustomerOrder.resource';
import * as delivery from './actions/delivery/Delivery.resource';
import * as customerReturn from './actions/customerReturn/CustomerReturn.resource';
import * as glBatch from './actions/glBatch/GlBatch.resource';
import * as inventory from './actions/inventory/Inventory.resource';
import * as item from './actions/item/Item.resource';
import { router } from './actions/router';
import { TOOL_OPERATIONS } from './actions/toolOperations';
import * as transaction from './actions/transaction/Transaction.resource';
import { listSearch } from './methods/listSearch';
import { getInputFields, getMappingFields } from './methods/loadOptions';
import { assertToolOperation, usableAsToolWith } from '../shared/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom Field', value: 'customField' },
			{ name: 'Customer', value: 'customer' },
			{ name: 'Customer Order', value: 'customerOrder' },
			{ name: 'Customer Return', value: 'customerReturn' },
			{ name: 'Delivery / Shipment', value: 'delivery' },
			{ name: 'GL Batch', value: 'glBatch' },
			{ name: 'Inventory', value: 'inventory' },
			{ name: 'Item', value: 'item' },
			{ name: 'Transaction (Any)', value: 'transaction' },
		],
		default: 'customerOrder',
	},
	...customerOrder.description,
	...customer.description,
	...item.description,
	...inventory.description,
	...delivery.description,
	...customerReturn.description,
	...glBatch.description,
	...customField.description,
	...transaction.description,
];

export class InforM3 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Infor M3',
		name: 'inforM3',
		icon: { light: 'file:inforM3.svg', dark: 'file:inforM3.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Customer orders, customers, items, inventory, deliveries, GL batches and any MI transaction in Infor M3',
		defaults: { name: 'Infor M3' },
		usableAsTool: usableAsToolWith(properties, TOOL_OPERATIONS),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'inforM3Api', required: true }],
		properties,
	};

	methods = { loadOptions: { getInputFields }, listSearch, resourceMapping: { getMappingFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertToolOperation(this, TOOL_OPERATIONS);
		return await router.call(this);
	}
}
