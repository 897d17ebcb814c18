// @ts-check
'use strict';
/**
 * In-simulator SQS-compatible queue endpoint (what SP-API writes notifications into).
 * Protocols: AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.ReceiveMessage`, body {QueueUrl,...}) and the query form
 * (`Action=ReceiveMessage&QueueUrl=...`, XML answers). Every call must carry a valid SigV4 signature made with the
 * demo AWS keys; failures use AWS's error shapes. VisibilityTimeout / WaitTimeSeconds are scaled by timeScale.
 */
const crypto = require('node:crypto');
const { verify } = require('./sigv4');
const { uuid, sleep } = require('./util');

const ACTIONS = new Set(['ListQueues', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'SendMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ChangeMessageVisibility', 'PurgeQueue']);
const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';
/** @param {string} s */
const xmlEsc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** @param {string} s */
const md5 = (s) => crypto.createHash('md5').update(s, 'utf8').digest('hex');

class SqsError extends Error {
	/** @param {number} status @param {string} code query-protocol code @param {string} type JSON __type @param {string} message @param {'Sender'|'Receiver'} [fault] */
	constructor(status, code, type, message, fault = 'Sender') {
		super(message);
		this.status = status;
		this.code = code;
		this.type = type;
		this.fault = fault;
	}
}

class Sqs {
	/** @param {{sim:any}} o */
	constructor(o) {
		this.sim = o.sim;
		/** @type {Map<string, any>} */
		this.queues = new Map();
		this.closed = false;
		this.ensureQueue('sp-api-notifications');
	}
	close() {
		this.closed = true;
	}
	get account() {
		return this.sim.demo.awsAccountId;
	}
	/** @param {string} name */
	ensureQueue(name) {
		let q = this.queues.get(name);
		if (!q) {
			q = { name, arn: `arn:aws:sqs:us-east-1:${this.account}:${name}`, messages: [], sent: 0, received: 0, deleted: 0, visibilityTimeout: 30 };
			this.queues.set(name, q);
		}
		return q;
	}
	/** @param {string} name */
	queueUrl(name) {
		return `${this.sim.url}/sqs/${this.account}/${name}`;
	}
	/** @param {string} arn */
	queueFromArn(arn) {
		const m = /^arn:aws:sqs:[a-z0-9-]+:\d{12}:([A-Za-z0-9_-]{1,80})$/.exec(arn || '');
		return m ? this.ensureQueue(m[1]) : null;
	}
	/**
	 * Put a message on a queue. `duplicate` delivers the same message (same MessageId/body) twice, like SQS's at-least-once.
	 * @param {string} name @param {string} body @param {{duplicate?:boolean}} [o]
	 */
	enqueue(name, body, o = {}) {
		const q = this.ensureQueue(name);
		const messageId = uuid();
		const copies = o.duplicate ? 2 : 1;
		for (let i = 0; i < copies; i++) {
			q.messages.push({ messageId, body, md5: md5(body), sentAt: Date.now(), visibleAt: 0, receiveCount: 0, firstReceiveAt: 0, handles: new Set() });
			q.sent++;
		}
		return messageId;
	}
	snapshot() {
		return [...this.queues.values()].map((q) => ({
			name: q.name,
			arn: q.arn,
			url: this.queueUrl(q.name),
			sent: q.sent,
			received: q.received,
			deleted: q.deleted,
			messages: q.messages.map((/** @type {any} */ m) => ({ messageId: m.messageId, receiveCount: m.receiveCount, visible: m.visibleAt <= Date.now(), body: m.body })),
		}));
	}

	/**
	 * @param {string} method @param {URL} u @param {Buffer} raw @param {Record<string, any>} headers
	 * @returns {Promise<{status:number, body:any, contentType:string, headers?:Record<string,string>, action?:string}>}
	 */
	async handle(method, u, raw, headers) {
		const target = String(headers['x-amz-target'] || '');
		const json = target.startsWith('AmazonSQS.');
		/** @type {Record<string, any>} */
		let p = {};
		let action = '';
		try {
			if (json) {
				action = target.slice('AmazonSQS.'.length);
				try {
					p = raw.length ? JSON.parse(raw.toString('utf8')) : {};
				} catch {
					throw new SqsError(400, 'SerializationException', 'com.amazon.coral.service#SerializationException', 'Start of structure or map found where not expected.');
				}
			} else {
				const form = method === 'POST' ? new URLSearchParams(raw.toString('utf8')) : u.searchParams;
				p = queryToObject(form);
				action = p.Action || '';
			}
			const sig = verify(
				{ method, path: u.pathname, query: u.search.slice(1), headers, body: raw },
				(akid) => (akid === this.sim.demo.awsAccessKeyId ? this.sim.demo.awsSecretAccessKey : undefined),
			);
			if (!sig.ok) {
				const bad = /** @type {{code:string, message:string}} */ (/** @type {any} */ (sig));
				const type = {
					SignatureDoesNotMatch: 'com.amazon.coral.service#InvalidSignatureException',
					InvalidClientTokenId: 'com.amazon.coral.service#UnrecognizedClientException',
					MissingAuthenticationToken: 'com.amazon.coral.service#MissingAuthenticationTokenException',
					IncompleteSignature: 'com.amazon.coral.service#IncompleteSignatureException',
				}[bad.code] || 'com.amazon.coral.service#AccessDeniedException';
				throw new SqsError(403, bad.code, type, bad.message);
			}
			if (!ACTIONS.has(action)) throw new SqsError(400, 'InvalidAction', 'com.amazonaws.sqs#InvalidAction', `The action ${action || '(none)'} is not valid for this endpoint.`);
			const result = await this.dispatch(action, p, u);
			return json
				? { status: 200, body: result, contentType: 'application/x-amz-json-1.0', action }
				: { status: 200, body: toXml(action, result), contentType: 'text/xml', action };
		} catch (e) {
			if (!(e instanceof SqsError)) throw e;
			const requestId = uuid();
			if (json)
				return {
					status: e.status,
					action,
					contentType: 'application/x-amz-json-1.0',
					headers: { 'x-amzn-query-error': `${e.code};${e.fault}` },
					body: { __type: e.type, message: e.message },
				};
			return {
				status: e.status,
				action,
				contentType: 'text/xml',
				body: `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>${e.fault}</Type><Code>${xmlEsc(e.code)}</Code><Message>${xmlEsc(e.message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
			};
		}
	}

	/** @param {Record<string, any>} p @param {URL} u */
	queueOf(p, u) {
		let url = p.QueueUrl;
		if (!url && /^\/sqs\/\d{12}\/[^/]+$/.test(u.pathname)) url = u.pathname; // query form may post to the queue URL itself
		const m = /\/sqs\/(\d{12})\/([A-Za-z0-9_-]+)\/?$/.exec(String(url || ''));
		const q = m && m[1] === this.account ? this.queues.get(m[2]) : null;
		if (!q) throw new SqsError(400, 'AWS.SimpleQueueService.NonExistentQueue', 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
		return q;
	}

	/** @param {string} action @param {Record<string, any>} p @param {URL} u */
	async dispatch(action, p, u) {
		const ts = this.sim.timeScale;
		if (action === 'GetQueueUrl') {
			const q = this.queues.get(p.QueueName);
			if (!q) throw new SqsError(400, 'AWS.SimpleQueueService.NonExistentQueue', 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
			return { QueueUrl: this.queueUrl(q.name) };
		}
		if (action === 'ListQueues') {
			// what the AWS SQS credential test calls (MaxResults, QueueNamePrefix)
			const names = [...this.queues.keys()].filter((n) => !p.QueueNamePrefix || n.startsWith(String(p.QueueNamePrefix))).sort();
			const max = Number(p.MaxResults) > 0 ? Number(p.MaxResults) : 1000;
			return { QueueUrls: names.slice(0, max).map((n) => this.queueUrl(n)) };
		}
		const q = this.queueOf(p, u);
		if (action === 'SendMessage') {
			if (typeof p.MessageBody !== 'string' || !p.MessageBody) throw new SqsError(400, 'MissingParameter', 'com.amazonaws.sqs#MissingParameter', 'The request must contain the parameter MessageBody.');
			const id = this.enqueue(q.name, p.MessageBody);
			return { MessageId: id, MD5OfMessageBody: md5(p.MessageBody) };
		}
		if (action === 'GetQueueAttributes') {
			const now = Date.now();
			return {
				Attributes: {
					QueueArn: q.arn,
					ApproximateNumberOfMessages: String(q.messages.filter((/** @type {any} */ m) => m.visibleAt <= now).length),
					ApproximateNumberOfMessagesNotVisible: String(q.messages.filter((/** @type {any} */ m) => m.visibleAt > now).length),
					VisibilityTimeout: String(q.visibilityTimeout),
				},
			};
		}
		if (action === 'PurgeQueue') {
			q.messages = [];
			return {};
		}
		if (action === 'DeleteMessage') {
			this.deleteByHandle(q, p.ReceiptHandle);
			return {};
		}
		if (action === 'DeleteMessageBatch') {
			const entries = p.Entries || [];
			const Successful = [];
			const Failed = [];
			for (const e of entries) {
				try {
					this.deleteByHandle(q, e.ReceiptHandle);
					Successful.push({ Id: e.Id });
				} catch (err) {
					Failed.push({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: /** @type {any} */ (err).message });
				}
			}
			return { Successful, Failed };
		}
		if (action === 'ChangeMessageVisibility') {
			const m = q.messages.find((/** @type {any} */ x) => x.handles.has(p.ReceiptHandle));
			if (!m) throw new SqsError(400, 'ReceiptHandleIsInvalid', 'com.amazonaws.sqs#ReceiptHandleIsInvalid', `The input receipt handle "${p.ReceiptHandle}" is not a valid receipt handle.`);
			m.visibleAt = Date.now() + (Number(p.VisibilityTimeout) * 1000) / ts;
			return {};
		}
		// ReceiveMessage
		const max = p.MaxNumberOfMessages === undefined ? 1 : Number(p.MaxNumberOfMessages);
		if (!Number.isInteger(max) || max < 1 || max > 10)
			throw new SqsError(400, 'InvalidParameterValue', 'com.amazonaws.sqs#InvalidParameterValue', `Value ${p.MaxNumberOfMessages} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
		const wait = p.WaitTimeSeconds === undefined ? 0 : Number(p.WaitTimeSeconds);
		if (!Number.isInteger(wait) || wait < 0 || wait > 20)
			throw new SqsError(400, 'InvalidParameterValue', 'com.amazonaws.sqs#InvalidParameterValue', `Value ${p.WaitTimeSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`);
		const vis = p.VisibilityTimeout === undefined ? q.visibilityTimeout : Number(p.VisibilityTimeout);
		if (!Number.isInteger(vis) || vis < 0 || vis > 43200)
			throw new SqsError(400, 'InvalidParameterValue', 'com.amazonaws.sqs#InvalidParameterValue', `Value ${p.VisibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`);
		const names = [...(p.AttributeNames || []), ...(p.MessageSystemAttributeNames || [])];
		const deadline = Date.now() + (wait * 1000) / ts;
		for (;;) {
			const now = Date.now();
			const ready = q.messages.filter((/** @type {any} */ m) => m.visibleAt <= now).slice(0, max);
			if (ready.length || now >= deadline || this.closed) {
				const Messages = ready.map((/** @type {any} */ m) => {
					const handle = Buffer.from(`${m.messageId}:${uuid()}`).toString('base64');
					m.handles.add(handle);
					m.receiveCount++;
					if (!m.firstReceiveAt) m.firstReceiveAt = now;
					m.visibleAt = now + (vis * 1000) / ts;
					q.received++;
					/** @type {any} */
					const out = { MessageId: m.messageId, ReceiptHandle: handle, MD5OfBody: m.md5, Body: m.body };
					if (names.length) {
						const all = { SenderId: '437568002678', SentTimestamp: String(m.sentAt), ApproximateReceiveCount: String(m.receiveCount), ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt) };
						out.Attributes = names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
					}
					return out;
				});
				return Messages.length ? { Messages } : {};
			}
			await sleep(Math.min(50, Math.max(1, deadline - now)));
		}
	}

	/** @param {any} q @param {string} handle */
	deleteByHandle(q, handle) {
		const i = q.messages.findIndex((/** @type {any} */ m) => m.handles.has(handle));
		if (i < 0) {
			// Already-deleted handles are accepted silently by SQS; unknown ones are not.
			if (this.deletedHandles && this.deletedHandles.has(handle)) return;
			throw new SqsError(400, 'ReceiptHandleIsInvalid', 'com.amazonaws.sqs#ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
		}
		const [m] = q.messages.splice(i, 1);
		this.deletedHandles = this.deletedHandles || new Set();
		for (const h of m.handles) this.deletedHandles.add(h);
		q.deleted++;
	}
}

/** Query-protocol params (AttributeName.1, DeleteMessageBatchRequestEntry.1.Id, ...) -> JSON-protocol shape. @param {URLSearchParams} form */
function queryToObject(form) {
	/** @type {Record<string, any>} */
	const o = {};
	/** @type {Record<string, any>} */
	const entries = {};
	for (const [k, v] of form) {
		let m;
		if ((m = /^(AttributeName|MessageSystemAttributeName|MessageAttributeName)(?:\.\d+)?$/.exec(k))) {
			const key = m[1] === 'AttributeName' ? 'AttributeNames' : m[1] + 's';
			(o[key] = o[key] || []).push(v);
		} else if ((m = /^DeleteMessageBatchRequestEntry\.(\d+)\.(Id|ReceiptHandle)$/.exec(k))) {
			(entries[m[1]] = entries[m[1]] || {})[m[2]] = v;
		} else o[k] = v;
	}
	if (Object.keys(entries).length) o.Entries = Object.values(entries);
	return o;
}

/** @param {string} action @param {any} r */
function toXml(action, r) {
	const rid = uuid();
	let inner = '';
	if (action === 'ReceiveMessage') {
		inner = (r.Messages || [])
			.map(
				(/** @type {any} */ m) =>
					`<Message><MessageId>${m.MessageId}</MessageId><ReceiptHandle>${xmlEsc(m.ReceiptHandle)}</ReceiptHandle><MD5OfBody>${m.MD5OfBody}</MD5OfBody><Body>${xmlEsc(m.Body)}</Body>` +
					Object.entries(m.Attributes || {})
						.map(([k, v]) => `<Attribute><Name>${k}</Name><Value>${xmlEsc(String(v))}</Value></Attribute>`)
						.join('') +
					`</Message>`,
			)
			.join('');
	} else if (action === 'SendMessage') inner = `<MessageId>${r.MessageId}</MessageId><MD5OfMessageBody>${r.MD5OfMessageBody}</MD5OfMessageBody>`;
	else if (action === 'GetQueueUrl') inner = `<QueueUrl>${xmlEsc(r.QueueUrl)}</QueueUrl>`;
	else if (action === 'ListQueues') inner = (r.QueueUrls || []).map((/** @type {string} */ q) => `<QueueUrl>${xmlEsc(q)}</QueueUrl>`).join('');
	else if (action === 'GetQueueAttributes')
		inner = Object.entries(r.Attributes)
			.map(([k, v]) => `<Attribute><Name>${k}</Name><Value>${xmlEsc(String(v))}</Value></Attribute>`)
			.join('');
	else if (action === 'DeleteMessageBatch')
		inner =
			r.Successful.map((/** @type {any} */ s) => `<DeleteMessageBatchResultEntry><Id>${xmlEsc(s.Id)}</Id></DeleteMessageBatchResultEntry>`).join('') +
			r.Failed.map((/** @type {any} */ f) => `<BatchResultErrorEntry><Id>${xmlEsc(f.Id)}</Id><Code>${f.Code}</Code><SenderFault>true</SenderFault></BatchResultErrorEntry>`).join('');
	const hasResult = ['ReceiveMessage', 'SendMessage', 'GetQueueUrl', 'GetQueueAttributes', 'DeleteMessageBatch'].includes(action);
	return `<?xml version="1.0"?><${action}Response xmlns="${XMLNS}">${hasResult ? `<${action}Result>${inner}</${action}Result>` : ''}<ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></${action}Response>`;
}

module.exports = { Sqs, queryToObject };
