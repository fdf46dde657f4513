/** Test support reaches the repository's corpus (`test-data/`) through the product's one locator. */
export { CONFORMANCE_DIR, HISTORIES_DIR, TEST_DATA_DIR } from "../lib/conformance/corpus";
