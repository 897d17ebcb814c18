import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollBackstop } from './backstop';
import { properties } from './properties';
import { pollSqs } from './sqs';

export class AmazonSpApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Trigger',
		name: 'amazonSpApiTrigger',
		icon: { light: 'file:amazonSpApiTrigger.svg', dark: 'file:amazonSpApiTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "backstop" ? "orders backstop poll" : "SQS queue"}}',
		description:
			'Starts the workflow on Amazon SP-API notifications read from your SQS queue (ORDER_CHANGE, FEED_PROCESSING_FINISHED, ...), or on orders found by a searchOrders backstop poll',
		defaults: { name: 'Amazon SP-API Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'awsSqsApi', required: true, displayOptions: { show: { mode: ['sqs'] } } },
			{ name: 'amazonSpApi', required: true, displayOptions: { show: { mode: ['backstop'] } } },
		],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const mode = this.getNodeParameter('mode', 'sqs') as string;
		if (mode === 'backstop') return await pollBackstop.call(this);
		return await pollSqs.call(this);
	}
}
