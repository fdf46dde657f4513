// C0 controls but tab and newline, DEL, C1 controls (0x80-0x9f: 0x9b is a one-byte CSI in some
// terminals), and the bidirectional overrides and isolates that reorder what a reader sees.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text quoting user data (a file name, an execution id, a payload excerpt) made safe to print on a
 * terminal or show in an error message: control characters are removed, so a name holding
 * `ESC[2J` cannot clear a terminal or forge colours, and a carriage return cannot overwrite a line.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, "");
}

/** `printable`, with newlines removed too: for one-line messages (a line must stay one line). */
export function printableLine(text: string): string {
  return printable(text).replace(/[\n\t]/g, " ");
}
