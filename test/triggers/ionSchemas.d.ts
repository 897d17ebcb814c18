export function readSchema(name: string): Record<string, unknown>;
