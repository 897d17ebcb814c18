import type { INodeProperties } from 'n8n-workflow';
import * as amazonToCanonical from './amazonToCanonical.operation';
import * as amazonToM3 from './amazonToM3.operation';
import * as amazonToM3Cancellation from './amazonToM3Cancellation.operation';
import * as m3ToAmazonCancellation from './m3ToAmazonCancellation.operation';
import * as canonicalToM3 from './canonicalToM3.operation';

export { amazonToCanonical, amazonToM3, amazonToM3Cancellation, canonicalToM3, m3ToAmazonCancellation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Amazon Order to Canonical',
				value: 'amazonToCanonical',
				action: 'Map an amazon order to a canonical order',
				description: 'Orders API 2026-01-01 Order or v0 Order + OrderItems to the canonical Order',
			},
			{
				name: 'Amazon Order to M3 Cancellation',
				value: 'amazonToM3Cancellation',
				action: 'Map an amazon cancellation to an m3 cancellation',
				description: 'The items Amazon cancelled (or the whole order) as input of Infor M3 Customer Order > Cancel; nothing for orders without cancellations',
			},
			{
				name: 'Amazon Order to M3 Customer Order',
				value: 'amazonToM3',
				action: 'Map an amazon order to an m3 customer order plan',
				description: 'Both steps at once: Amazon order to canonical to M3 batch order plan',
			},
			{
				name: 'Canonical Order to M3 Customer Order',
				value: 'canonicalToM3',
				action: 'Map a canonical order to an M3 customer order plan',
				description: 'Canonical Order to the M3 batch order plan (OIS100MI AddBatchHead/Address/Line/HeadChg)',
			},
			{
				name: 'M3 Closed Order to Amazon Cancellation',
				value: 'm3ToAmazonCancellation',
				action: 'Map lines m3 closed without delivery to an amazon cancellation',
				description: 'Amazon items whose M3 line was closed or deleted without delivery, not yet cancelled on Amazon (order acknowledgement feed input)',
			},
		],
		default: 'amazonToM3',
	},
	...amazonToCanonical.description,
	...canonicalToM3.description,
	...amazonToM3.description,
	...amazonToM3Cancellation.description,
	...m3ToAmazonCancellation.description,
];
