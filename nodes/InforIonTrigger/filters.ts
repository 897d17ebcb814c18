/** The ION trigger's filters and settings readers: sender logical-id patterns, extraction path overrides. */
import type { IDataObject } from 'n8n-workflow';

/** `lid://infor.m3.m3` or `infor.m3.*`; compared trimmed, case-insensitively, with or without `lid://`. */
export function logicalIdMatches(logicalId: string | null, patterns: string[]): boolean {
	if (patterns.length === 0) return true;
	if (!logicalId) return false;
	const norm = (s: string) => s.trim().toLowerCase().replace(/^lid:\/\//, '');
	const id = norm(logicalId);
	return patterns.some((p) => {
		const re = new RegExp(
			'^' +
				norm(p)
					.split('*')
					.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*') +
				'$',
		);
		return re.test(id);
	});
}

export function pathsFrom<T extends Record<string, string>>(defaults: T, given: unknown): T {
	const out = { ...defaults };
	if (given && typeof given === 'object') {
		for (const [k, v] of Object.entries(given as IDataObject)) {
			if (k in out && typeof v === 'string' && v.trim() !== '') (out as Record<string, string>)[k] = v;
		}
	}
	return out;
}
