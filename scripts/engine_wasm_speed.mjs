// Times the engine's hot loops compiled to WebAssembly as the page compiles them
// (crates/hyperplane-core/examples/wasm_speed.rs: the release profile, then wasm-opt -Oz
// as scripts/build_app.py runs it) in Node's V8, without a browser's noise: per
// workload, the median [range] over rounds of the time per call. Not a test: prints
// figures for BENCHMARKS.md. Compare two builds by naming their modules.
// Run: node scripts/engine_wasm_speed.mjs [module.wasm …] [--rounds N]
//   (no module: builds the example and runs wasm-opt on it first)
import { execFileSync } from "node:child_process";
import { readFileSync, copyFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const ROUNDS = at >= 0 ? Number(args.splice(at, 2)[1]) : 7;
const WORK = [
  ["svc_fit_rbf_1000", "rbf SVC fitted on 1,000 moons", 3],
  ["svc_surface", "that SVC's 240×240 surface", 5],
  ["mlp_100_epochs", "100 epochs, playground 4-2 on 250 points", 10],
  ["knn_surface", "k-NN surface, k = 15 distance, 500 points", 3],
  ["tree_fit_5000", "decision tree on 5,000 moons", 5],
  ["logistic_fit_5000", "logistic regression on 5,000 moons", 5],
];

function build() {
  execFileSync("cargo", ["build", "--release", "--offline", "--target", "wasm32-unknown-unknown", "-p", "hyperplane-core", "--example", "wasm_speed"], { stdio: "inherit" });
  const out = "target/wasm_speed.opt.wasm";
  copyFileSync("target/wasm32-unknown-unknown/release/examples/wasm_speed.wasm", out);
  execFileSync("python3", ["scripts/build_app.py", "--wasm-opt", out], { stdio: "inherit" });
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const modules = args.length ? args : [build()];
const instances = await Promise.all(modules.map(async (m) => (await WebAssembly.instantiate(readFileSync(m), {})).instance.exports));
for (const e of instances) e.prepare();
const times = instances.map(() => Object.fromEntries(WORK.map(([f]) => [f, []])));
for (let round = 0; round < ROUNDS; round++) {
  // Modules alternate within each round, so a drift in the machine's speed hits both.
  instances.forEach((e, i) => {
    for (const [f, , reps] of WORK) {
      e[f]();
      const t = performance.now();
      for (let r = 0; r < reps; r++) e[f]();
      times[i][f].push((performance.now() - t) / reps);
    }
  });
}
console.log(`Node ${process.version} (V8), ${ROUNDS} rounds, ms per call, median [range]`);
for (const [f, what] of WORK) {
  const cols = times.map((t) => `${median(t[f]).toFixed(2)} [${Math.min(...t[f]).toFixed(2)}–${Math.max(...t[f]).toFixed(2)}]`);
  console.log(`${what}: ${cols.join(" | ")}`);
}
if (modules.length > 1) console.log(`columns: ${modules.join(" | ")}`);
