export class ProbeTokenApi {}
export class ProbeNode {}
export interface TokenServer {
	url: string;
	readonly tokensIssued: number;
	rotate(): void;
	close(): Promise<void>;
}
export function startTokenServer(): Promise<TokenServer>;
export function instanceFolders(): { n8nFolder: string; home: string; tmp: string; encryptionKeySet: boolean };
