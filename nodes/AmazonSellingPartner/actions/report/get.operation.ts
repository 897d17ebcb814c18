import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep, updateDisplayOptions } from 'n8n-workflow';

import { SpApiError, type SpApiClient } from '../../../shared/spapi';

const DONE = ['DONE', 'CANCELLED', 'FATAL'];

const properties: INodeProperties[] = [
	{
		displayName: 'Report ID',
		name: 'reportId',
		type: 'string',
		default: '={{ $json.reportId }}',
		required: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: true,
				description: 'Whether to poll getReport until the report is DONE, CANCELLED (no data) or FATAL (then the item fails)',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1800,
				description: 'Give up after this long: the item fails (retryable) and the next run asks again',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const reportId = String(this.getNodeParameter('reportId', i)).trim();
	const o = this.getNodeParameter('options', i, {}) as IDataObject;
	const wait = o.waitForCompletion !== false;
	const interval = Math.max(0, Number(o.pollIntervalSeconds ?? 30)) * 1000;
	const budget = Math.max(0, Number(o.maxWaitSeconds ?? 1800)) * 1000;
	const started = Date.now();
	for (;;) {
		const res = await client.call<IDataObject>('reports.getReport', { pathParams: { reportId } });
		const status = String(res.body.processingStatus ?? '');
		if (!wait || DONE.includes(status)) {
			if (status === 'FATAL') {
				throw new SpApiError({ operation: 'reports.getReport', status: 200, code: 'ReportFatal', message: `Amazon could not produce report ${reportId} (processingStatus FATAL); request it again` });
			}
			return [{ json: { ...res.body, noData: status === 'CANCELLED' } }];
		}
		if (Date.now() - started + interval > budget) {
			throw new SpApiError({ operation: 'reports.getReport', status: 200, code: 'ReportNotReady', message: `Report ${reportId} is still ${status} after ${Math.round(budget / 1000)} s; the next run asks again` });
		}
		await sleep(interval);
	}
}
