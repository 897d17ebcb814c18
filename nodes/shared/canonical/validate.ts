import type { ZodTypeAny, z } from 'zod';

export interface ValidationIssue {
	path: string;
	code: string;
	message: string;
}

/** zod validation of a canonical entity, with issues in the mappers' {path, code, message} form. */
export function validateCanonical<S extends ZodTypeAny>(
	schema: S,
	input: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; issues: ValidationIssue[] } {
	const r = schema.safeParse(input);
	if (r.success) return { ok: true, value: r.data as z.infer<S> };
	return {
		ok: false,
		issues: r.error.issues.slice(0, 50).map((i) => ({
			path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, ''),
			code: 'invalid_canonical',
			message: i.message,
		})),
	};
}
