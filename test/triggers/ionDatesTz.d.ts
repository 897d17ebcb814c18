export function parseInHostZone(tz: string, values: string[], zone: string): Array<string | null>;
