/**
 * Looks up a record by a dynamic route segment. Next.js hands the segment over decoded already, so
 * it is tried as it is first; a link that was encoded twice (`arn%253A...`) is tried decoded once
 * more. A segment that does not decode (`%`, `%E0%A4%A`) is simply not found: never a thrown
 * URIError, which would be a 500.
 */
export async function findByRouteId<T>(segment: string, find: (key: string) => Promise<T | null>): Promise<T | null> {
  const found = await find(segment);
  if (found) return found;
  const decoded = decodeOnce(segment);
  return decoded !== null && decoded !== segment ? find(decoded) : null;
}

function decodeOnce(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * False for a path with malformed percent-encoding (`/executions/%E0%A4%A`): Next.js fails to
 * decode its dynamic segments and answers 500, so the proxy answers 404 first.
 */
export function pathDecodes(pathname: string): boolean {
  return decodeOnce(pathname) !== null;
}
