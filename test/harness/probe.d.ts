export class ProbeTokenApi {}
export class ProbeNode {}
export interface TokenServer {
	url: string;
	readonly tokensIssued: number;
	rotate(): void;
	close(): Promise<void>;
}
export function startTokenServer(): Promise<TokenServer>;
