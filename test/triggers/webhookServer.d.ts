export interface WebhookServerRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	rawBody: Buffer;
}
export function startWebhookServer(
	handler: (req: WebhookServerRequest) => Promise<{ status: number; headers?: Record<string, string>; body?: string }>,
): Promise<{ url: string; close: () => Promise<void>; requests: number }>;
