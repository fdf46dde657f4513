/**
 * Text read from a file without the UTF-8 byte order mark some editors (Notepad, PowerShell's
 * `Out-File`) put first: JSON.parse refuses it, and a definition stored with it would not parse
 * again at replay. Only a leading mark goes; one inside the text is data.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
