import fc from 'fast-check';

import { createSession, linearWorkflow, runWebhook } from '../harness';
import { readBod } from '../fixtures/bods';

// Test fixture value, not a secret.
const KEY = ['ion', 'fuzz', 'fixture', '0123456789abcdef'].join('-');

describe('Infor ION Trigger: mutated BODs never crash the webhook', () => {
	it('answers 200 (emitted or not), 400, 413 or 415 for any mutation, never throws', async () => {
		const session = createSession({ credentials: { inforIonWebhookApi: { authType: 'headerKey', headerName: 'X-API-Key', apiKey: KEY } } });
		const wf = linearWorkflow([{ type: 'inforIonTrigger', name: 'ION', parameters: {}, credentials: ['inforIonWebhookApi'] }]);
		const bods = [readBod('SyncShipment.xml'), readBod('SyncSalesOrder.xml'), readBod('SyncPurchaseOrder.prefixed.xml')];
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...bods),
				fc.nat(),
				fc.integer({ min: 0, max: 30 }),
				fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('<', '&', '<!DOCTYPE x>', ']]>', '"', '</a>', '{', '')),
				async (bod, at, len, text) => {
					const i = at % (bod.length + 1);
					const body = bod.slice(0, i) + text + bod.slice(i + len);
					const out = await runWebhook(session, wf, 'ION', { headers: { 'x-api-key': KEY }, rawBody: body });
					if (out.response.noWebhookResponse) expect([400, 413, 415]).toContain(out.res.statusCode);
					else expect(out.response.workflowData !== undefined || out.response.webhookResponse !== undefined).toBe(true);
				},
			),
			{ numRuns: 300 },
		);
	});
});
