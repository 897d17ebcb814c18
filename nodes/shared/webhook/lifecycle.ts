/**
 * Webhook lifecycle of triggers whose caller is set up outside n8n (an ION connection point, an EventBridge API
 * destination): nothing to register remotely, n8n only needs to know the URL it activated.
 */
import type { IHookFunctions } from 'n8n-workflow';

export const externallyRegisteredWebhook = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			return data.webhookUrl === this.getNodeWebhookUrl('default');
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			data.webhookUrl = this.getNodeWebhookUrl('default');
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			const data = this.getWorkflowStaticData('node');
			delete data.webhookUrl;
			return true;
		},
	},
};
