// The compute worker's script. It runs the page's own module, which the page sends it
// already compiled (src/worker_link.rs): nothing is downloaded or compiled twice. That
// module's `main` finds no window here and starts the worker's side
// (src/compute_worker.rs) instead of the page. wasm-bindgen copies this file to
// snippets/<crate>/src/, three folders below the module's glue.
import init from "../../../hyperplane-app.js";

self.addEventListener(
  "message",
  (event) => {
    // A failure must reach the page as the worker's error event (it then runs the jobs
    // itself), so it is thrown outside the promise.
    init({ module_or_path: event.data }).catch((e) => setTimeout(() => { throw e; }));
  },
  { once: true },
);
