// @ts-check
'use strict';
/**
 * Runs a bench's main() with a hard deadline: on timeout or failure it logs why and the exit code is 1 (and the
 * bench has printed no BENCH line).
 * @param {() => Promise<void>} main @param {number} deadlineMs @param {(msg: string) => void} log
 */
function runBench(main, deadlineMs, log) {
	const timer = setTimeout(() => {
		log(`did not finish within ${deadlineMs / 1000} s`);
		process.exit(1);
	}, deadlineMs);
	timer.unref();
	main().then(
		() => clearTimeout(timer),
		(e) => {
			clearTimeout(timer);
			log(`failed: ${e && e.stack ? e.stack : e}`);
			process.exitCode = 1;
		},
	);
}

module.exports = { runBench };
