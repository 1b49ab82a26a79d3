// The page's main-thread tasks while `act` runs, from a Chromium trace (the renderer's
// `ThreadControllerImpl::RunTask` events, compositor commit and paint included), in ms.
// Shared by the benchmark scripts.
async function mainThreadTasks(cdp, act) {
  const { result, events } = await traced(cdp, "toplevel", act);
  const main = mainThread(events);
  const tasks = events.filter((e) => e.name === "ThreadControllerImpl::RunTask" && e.ph === "X" && main.has(`${e.pid}:${e.tid}`)).map((e) => e.dur / 1000);
  return { result, tasks };
}

/** The trace events of `categories` recorded while `act` runs. */
async function traced(cdp, categories, act) {
  await cdp.send("Tracing.start", { categories, transferMode: "ReturnAsStream" });
  const result = await act();
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.end");
  const { stream } = await done;
  let text = "";
  for (;;) {
    const chunk = await cdp.send("IO.read", { handle: stream });
    text += chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send("IO.close", { handle: stream });
  const parsed = JSON.parse(text);
  return { result, events: parsed.traceEvents || parsed };
}

/** The renderers' main threads ("pid:tid"). */
function mainThread(events) {
  return new Set(events.filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
}

module.exports = { mainThreadTasks, traced, mainThread };
