/**
 * The only error type the XML reader throws. `line` and `column` are 1-based and count UTF-16
 * code units of the decoded text (for ASCII/UTF-8 BOD content this equals characters).
 */
export type XmlErrorCode =
	| 'TOO_LARGE'
	| 'TOO_MANY_NODES'
	| 'TEXT_TOO_LONG'
	| 'TOO_DEEP'
	| 'TOO_MANY_ATTRIBUTES'
	| 'DOCTYPE_FORBIDDEN'
	| 'ENTITY_FORBIDDEN'
	| 'UNDEFINED_ENTITY'
	| 'NAMESPACE'
	| 'ENCODING'
	| 'MALFORMED';

export class XmlError extends Error {
	/** 1-based line of the offending position. */
	readonly line: number;
	/** 1-based column of the offending position. */
	readonly column: number;
	/** 0-based offset into the decoded text. */
	readonly offset: number;
	/** The message without the position suffix. */
	readonly reason: string;
	readonly code: XmlErrorCode;

	constructor(reason: string, line: number, column: number, offset: number, code: XmlErrorCode) {
		super(`${reason} at line ${line}, column ${column}`);
		this.name = 'XmlError';
		this.reason = reason;
		this.line = line;
		this.column = column;
		this.offset = offset;
		this.code = code;
	}

	/** 413 when the document is over a size budget (bytes, nodes, text length), else 400. */
	get httpStatus(): 400 | 413 {
		return this.code === 'TOO_LARGE' || this.code === 'TOO_MANY_NODES' || this.code === 'TEXT_TOO_LONG' ? 413 : 400;
	}

	toJSON(): Record<string, unknown> {
		return {
			name: this.name,
			code: this.code,
			message: this.message,
			reason: this.reason,
			line: this.line,
			column: this.column,
		};
	}
}

/** Line/column (1-based) of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
	const end = Math.max(0, Math.min(offset, text.length));
	let line = 1;
	let lineStart = 0;
	let i = text.indexOf('\n');
	while (i !== -1 && i < end) {
		line++;
		lineStart = i + 1;
		i = text.indexOf('\n', lineStart);
	}
	return { line, column: end - lineStart + 1 };
}

/** Throws the XmlError for `reason` at `offset` of the decoded `source` (the reader's one way to fail). */
export function failAt(source: string, reason: string, offset: number, code: XmlErrorCode = 'MALFORMED'): never {
	const { line, column } = positionOf(source, offset);
	// Names from the document are echoed in messages; keep messages short whatever the input.
	const text = reason.length > 300 ? reason.slice(0, 300) + '...' : reason;
	throw new XmlError(text, line, column, offset, code);
}
