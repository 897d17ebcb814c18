import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep, updateDisplayOptions } from 'n8n-workflow';

import { SpApiError, type SpApiClient } from '../../../shared/spapi';
import { waitFields, waitTimes } from '../common';

const DONE = ['DONE', 'CANCELLED', 'FATAL'];
const REPORT_MAX_WAIT_SECONDS = 1800;

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
		options: waitFields({
			waitForCompletion: {
				default: true,
				description: 'Whether to poll getReport until the report is DONE, CANCELLED (no data) or FATAL (then the item fails)',
			},
			maxWait: { default: REPORT_MAX_WAIT_SECONDS, description: 'Give up after this long: the item fails (retryable) and the next run asks again' },
		}),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const reportId = String(this.getNodeParameter('reportId', i)).trim();
	const o = this.getNodeParameter('options', i, {}) as IDataObject;
	const wait = o.waitForCompletion !== false;
	const { pollIntervalMs: interval, timeoutMs: budget } = waitTimes(o, REPORT_MAX_WAIT_SECONDS);
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
