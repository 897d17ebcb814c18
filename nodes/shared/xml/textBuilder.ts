/** Text assembled from many small pieces (text runs, decoded references) without quadratic copies. */
/**
 * Joins many small strings without a chain of string objects (`+=`) and without one huge array of pieces
 * (which would be garbage in V8's large-object space): pieces are joined per chunk, chunks at the end.
 */
export class TextBuilder {
	private readonly pieces: string[] = [];
	private chunks: string[] = [];
	length = 0;

	push(piece: string): void {
		this.pieces.push(piece);
		this.length += piece.length;
		if (this.pieces.length >= 1024) {
			this.chunks.push(this.pieces.join(''));
			this.pieces.length = 0;
		}
	}

	/** The text so far; the builder is empty afterwards. */
	take(): string {
		let out: string;
		if (this.chunks.length === 0) out = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
		else {
			if (this.pieces.length > 0) this.chunks.push(this.pieces.join(''));
			out = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
			this.chunks = [];
		}
		this.pieces.length = 0;
		this.length = 0;
		return out;
	}
}
