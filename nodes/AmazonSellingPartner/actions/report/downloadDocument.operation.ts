import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryFile, documentKindOf, fileNamePart, outputBinaryField } from '../../../shared/binary';
import { downloadDocument, type SpApiClient } from '../../../shared/spapi';

const properties: INodeProperties[] = [
	{
		displayName: 'Report Document ID',
		name: 'reportDocumentId',
		type: 'string',
		default: "={{ $json.reportDocumentId ?? '' }}",
		description: 'Empty for a report Amazon cancelled because it had no data (Get gives noData = true): no rows',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Row (Tab-Separated Reports)', value: 'rows' },
			{ name: 'The Whole Document as Text', value: 'text' },
			{ name: 'The Whole Document as a File', value: 'file' },
		],
		default: 'rows',
		description: 'A file keeps the document as Amazon made it (un-gzipped): XML, JSON or tab-separated, for any report type',
	},
	outputBinaryField({ output: ['file'] }, 'report document'),
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['downloadDocument'] } }, properties);

/** Rows of a tab-separated report: the first line names the columns. */
export function parseTsv(text: string): IDataObject[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
	if (!lines.length) return [];
	const head = lines[0].split('\t').map((h) => h.trim());
	return lines.slice(1).map((l) => {
		const cells = l.split('\t');
		const row: IDataObject = {};
		head.forEach((h, k) => (row[h] = (cells[k] ?? '').trim()));
		return row;
	});
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('reportDocumentId', i, '') ?? '').trim();
	const input = this.getInputData()[i]?.json ?? {};
	if (!id) {
		if (input.processingStatus === 'CANCELLED' || input.noData === true) return [];
		throw new Error('Enter the Report Document ID (getReport gives it once the report is DONE)');
	}
	const doc = await client.call<IDataObject>('reports.getReportDocument', { pathParams: { reportDocumentId: id } });
	const bytes = await downloadDocument(this, String(doc.body.url));
	const output = this.getNodeParameter('output', i, 'rows');
	if (output === 'file') {
		const kind = documentKindOf(bytes);
		const binary = await binaryFile(this, this.getNodeParameter('binaryPropertyName', i, 'data'), bytes, `report-${fileNamePart(id, 'document')}.${kind.extension}`, kind);
		return [{ json: { reportDocumentId: id, compressionAlgorithm: doc.body.compressionAlgorithm, bytes: bytes.length }, binary }];
	}
	const text = bytes.toString('utf8');
	if (output === 'text') return [{ json: { reportDocumentId: id, compressionAlgorithm: doc.body.compressionAlgorithm, text } }];
	return parseTsv(text).map((json) => ({ json }));
}
