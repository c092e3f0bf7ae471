/**
 * Tells the person running the program about mendkit's own logging (a log file that stopped or
 * works again, a transport that fell behind) on stderr: seen even when the log file or the
 * console's reader is what failed. One line, prefixed `mendkit: `.
 */
export function sayOnStderr(text: string): void {
  process.stderr.write(`mendkit: ${text}\n`);
}
