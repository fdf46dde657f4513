import fc from "fast-check";
import { fuzzSeeds } from "./testing/fuzz/fuzz-seeds";

// Property tests draw their inputs from one fixed seed (the first of FC_SEED's list, else of CI's
// list), the same on every machine; the fuzzers in testing/fuzz run every seed of the list.
fc.configureGlobal({ seed: fuzzSeeds()[0] });
