// @ts-check
/** A document the SP-API simulator stores (feed result, report), un-gzipped: what a node's file output must hold. */
const { gunzipSync } = require('node:zlib');

/** @param {{ state: any }} sim @param {string} id @returns {Buffer} */
function storedDocument(sim, id) {
	const doc = sim.state.documents.get(id);
	if (!doc) throw new Error(`no document ${id}`);
	return doc.compressed ? gunzipSync(doc.content) : Buffer.from(doc.content);
}

module.exports = { storedDocument };
