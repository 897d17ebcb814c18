// @ts-check
/**
 * M3 MI errors. A handler throws MIError; the server renders it in the v1, v2 or bulk error shape.
 * Codes follow M3's message ids where one is known (m3-mi-ion.md §1.3/§1.6): XRE0103 "Record does not exist"
 * is the one code clients can key on for "not found" (its text always contains "does not exist").
 */
'use strict';

class MIError extends Error {
	/**
	 * @param {string} message M3 message text (unpadded)
	 * @param {{ code?: string, field?: string, type?: string, cfg?: string | null }} [opts]
	 */
	constructor(message, opts = {}) {
		super(message);
		this.name = 'MIError';
		this.code = opts.code || '';
		this.field = opts.field || '';
		// v1 "@type" / v2 "errorType": ServerReturnedNOK for business errors, framework names for contract errors
		this.type = opts.type || 'ServerReturnedNOK';
		this.cfg = opts.cfg === undefined ? null : opts.cfg;
	}
}

const errors = {
	/** Get/Chg/Del on a missing key. @param {string} what @param {string} [field] */
	notFound: (what, field) => new MIError(`Record does not exist${what ? ` - ${what}` : ''}`, { code: 'XRE0103', field }),
	/** Add on an existing key. @param {string} what @param {string} [field] */
	alreadyExists: (what, field) => new MIError(`Record already exists${what ? ` - ${what}` : ''}`, { code: 'XRE0104', field }),
	/**
	 * A referenced entity (customer, item...) is unknown inside a write: M3's W<xx>03 family, e.g. WCU0203.
	 * @param {string} code @param {string} text @param {string} field
	 */
	refMissing: (code, text, field) => new MIError(text, { code, field }),
	/** Authorisation failure (XAU0008 style). @param {string} cono */
	notAuthorised: (cono) => new MIError(`Not authorized for company ${cono}`, { code: 'XAU0008', field: 'CONO' }),
};

module.exports = { MIError, errors };
