/** Progress lines go to stderr so a bench's stdout stays the report. */
export function log(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
