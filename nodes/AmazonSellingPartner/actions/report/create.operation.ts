import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{
		displayName: 'Report Type',
		name: 'reportType',
		type: 'options',
		options: [
			{ name: 'FBA Customer Returns (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA)', value: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA' },
			{ name: 'Merchant Returns by Return Date (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE)', value: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' },
			{ name: 'Other (Enter Below)', value: 'other' },
		],
		default: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
	},
	{
		displayName: 'Other Report Type',
		name: 'otherReportType',
		type: 'string',
		default: '',
		placeholder: 'e.g. GET_MERCHANT_LISTINGS_ALL_DATA',
		displayOptions: { show: { reportType: ['other'] } },
	},
	{
		displayName: 'Marketplace IDs',
		name: 'marketplaceIds',
		type: 'string',
		default: '',
		description: 'Comma-separated; empty = the credential\'s default marketplaces',
	},
	{
		displayName: 'Data Start Time',
		name: 'dataStartTime',
		type: 'dateTime',
		default: '',
	},
	{
		displayName: 'Data End Time',
		name: 'dataEndTime',
		type: 'dateTime',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['create'] } }, properties);

function iso(v: unknown): string | undefined {
	const t = String(v ?? '').trim();
	if (!t) return undefined;
	const ms = Date.parse(t);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const chosen = this.getNodeParameter('reportType', i) as string;
	const reportType = chosen === 'other' ? String(this.getNodeParameter('otherReportType', i, '')).trim() : chosen;
	if (!reportType) throw new NodeOperationError(this.getNode(), 'Enter the report type', { itemIndex: i });
	const given = params(this, i).list('marketplaceIds');
	const marketplaceIds = given.length ? given : client.marketplaceIds;
	if (!marketplaceIds.length) throw new NodeOperationError(this.getNode(), 'Enter Marketplace IDs (the credential has no default marketplaces)', { itemIndex: i });
	const body: IDataObject = { reportType, marketplaceIds };
	const start = iso(this.getNodeParameter('dataStartTime', i, ''));
	const end = iso(this.getNodeParameter('dataEndTime', i, ''));
	if (start) body.dataStartTime = start;
	if (end) body.dataEndTime = end;
	const res = await client.call<IDataObject>('reports.createReport', { body });
	return [{ json: { reportId: res.body.reportId, reportType, marketplaceIds, ...(start ? { dataStartTime: start } : {}), ...(end ? { dataEndTime: end } : {}) } }];
}
