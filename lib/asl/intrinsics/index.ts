export { evaluateIntrinsic } from "./evaluate-intrinsic";
export { parseIntrinsic, isIntrinsicCall, type IntrinsicNode } from "./parse-intrinsic";
export { hashText, isHashAlgorithm, HASH_ALGORITHMS, type HashAlgorithm } from "./hash/hash-text";
export { JavaRandom } from "./support/java-random";
