/** The input shared by the intrinsic and JSONata chains (same data, same expected output). */
export function chainInput(loops: number) {
  return {
    limit: loops,
    tag: "statelens-bench",
    words: ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"],
    dupes: [3, 1, 3, 2, 1, 5, 8, 5, 13],
    csv: "north,south,east,west,up,down",
    jsonText: '{"order":{"id":"o-1","lines":[1,2,3]},"ok":true}',
    a: { x: 1, y: { deep: true } },
    b: { y: 2, z: "zed" },
  };
}

/** States entered by a chain: Init + 3 per loop (Check, Work, Inc) + the last Check + Done. */
export function chainTransitions(loops: number): number {
  return 3 * loops + 3;
}

export function chainLoops(transitions: number): number {
  return Math.max(1, Math.ceil((transitions - 3) / 3));
}
