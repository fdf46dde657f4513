import { splitMatches } from "./split-matches";

/** Text with the occurrences of `query` wrapped in <mark>; plain React text, never HTML. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  return (
    <>{splitMatches(text, query).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>
  );
}
