import fc from "fast-check";

// Property tests run with one fixed seed so CI is repeatable; FC_SEED explores other inputs by hand.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
