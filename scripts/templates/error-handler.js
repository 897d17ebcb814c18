// @ts-check
/**
 * The error-handler template (workflows/error-handler.json; building blocks in ./blocks.js): the workflow every other
 * template names as its error workflow (reports a failed execution), and the one that creates the dead-letter table.
 */
const { ERROR_WORKFLOW_ID, sticky, workflow, DEAD_LETTER_TABLE, DEAD_LETTER_COLUMNS } = require('./blocks');

module.exports = workflow(
	'error-handler.json',
	'Error handler (M3 <-> Amazon)',
	ERROR_WORKFLOW_ID,
	[
		sticky(
			'About this workflow',
			"## Error handler\nThe other templates name this workflow in *Settings -> Error workflow*. When one of them fails, this records which workflow, execution, node and message, with a link to the execution.\nA template fails its execution on purpose when it kept failed items in the dead letter (data table **m3amz_dead_letter**: input, node, reason, time, replays); the message names them. See them under *Overview -> Data tables*; fix the cause and run *Replay dead letter* in that workflow.\n\n**Set up once**: run **Create the dead-letter table** (it keeps an existing table), then **publish** this workflow: n8n 2.x runs an error workflow only when it is published.\nConnect **Notify** to e-mail, Slack or a ticket system of your choice.",
			340,
			560,
		),
		{ name: 'When a workflow fails', type: 'n8n-nodes-base.errorTrigger', at: [0, 0], parameters: {} },
		{
			name: 'Failure report',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			at: [1, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: '1', name: 'workflow', value: '={{ $json.workflow.name }}', type: 'string' },
						{ id: '2', name: 'executionId', value: '={{ $json.execution.id }}', type: 'string' },
						{ id: '3', name: 'executionUrl', value: '={{ $json.execution.url }}', type: 'string' },
						{ id: '4', name: 'failedNode', value: '={{ $json.execution.lastNodeExecuted }}', type: 'string' },
						{ id: '5', name: 'message', value: '={{ $json.execution.error.message }}', type: 'string' },
						{ id: '6', name: 'description', value: '={{ $json.execution.error.description }}', type: 'string' },
					],
				},
				options: {},
			},
		},
		{ name: 'Notify', type: 'n8n-nodes-base.noOp', at: [2, 0] },
		{ name: 'Create the dead-letter table', type: 'n8n-nodes-base.manualTrigger', at: [0, 2], parameters: {} },
		{
			name: 'Dead-letter table',
			type: 'n8n-nodes-base.dataTable',
			typeVersion: 1.1,
			at: [1, 2],
			parameters: {
				resource: 'table',
				operation: 'create',
				tableName: DEAD_LETTER_TABLE,
				columns: { column: DEAD_LETTER_COLUMNS.map(([name, type]) => ({ name, type })) },
				options: { createIfNotExists: true },
			},
		},
	],
	[
		['When a workflow fails', 'Failure report'],
		['Failure report', 'Notify'],
		['Create the dead-letter table', 'Dead-letter table'],
	],
	{ errorWorkflow: false },
);
