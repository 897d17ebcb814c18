import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';

/** Destinations are grantless operations: the client fetches a client_credentials token itself. */
const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'Your name for the destination' },
	{
		displayName: 'Destination Type',
		name: 'destinationType',
		type: 'options',
		options: [
			{ name: 'Amazon SQS Queue', value: 'sqs', description: 'Standard queue; ORDER_CHANGE, FEED_PROCESSING_FINISHED and most other types are delivered only to SQS' },
			{ name: 'Amazon EventBridge', value: 'eventBridge', description: 'LISTINGS_ITEM_* and other EventBridge-only types' },
		],
		default: 'sqs',
	},
	{
		displayName: 'SQS Queue ARN',
		name: 'arn',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'arn:aws:sqs:us-east-1:123456789012:sp-api-notifications',
		displayOptions: { show: { destinationType: ['sqs'] } },
	},
	{
		displayName: 'AWS Region',
		name: 'awsRegion',
		type: 'string',
		default: 'us-east-1',
		required: true,
		displayOptions: { show: { destinationType: ['eventBridge'] } },
	},
	{
		displayName: 'AWS Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { destinationType: ['eventBridge'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['createDestination'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const type = this.getNodeParameter('destinationType', i) as string;
	let resourceSpecification: IDataObject;
	if (type === 'sqs') {
		const arn = String(this.getNodeParameter('arn', i)).trim();
		if (!/^arn:aws:sqs:\S+:\S+:\S+/.test(arn)) {
			throw new NodeOperationError(this.getNode(), `"${arn}" is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)`, { itemIndex: i });
		}
		resourceSpecification = { sqs: { arn } };
	} else {
		resourceSpecification = {
			eventBridge: { region: String(this.getNodeParameter('awsRegion', i)).trim(), accountId: String(this.getNodeParameter('accountId', i)).trim() },
		};
	}
	const res = await client.call<{ payload?: IDataObject }>('notifications.createDestination', {
		body: { name: String(this.getNodeParameter('name', i)), resourceSpecification },
	});
	return jsonItems(res.body.payload ?? (res.body as IDataObject));
}
