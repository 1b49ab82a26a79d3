// Code fetched after the first picture (the split build's chunks) can fail to arrive: the
// connection drops, or a newer deployment has replaced this page's files. The page says
// so where the code was needed, keeps working, and fetches it on "Try again".
const { test, expect } = require("@playwright/test");
const { watchPage, openStudio } = require("./helpers");

const CHUNK = /app-[0-9a-f]+\/(split|chunk)_[^/]*\.wasm$/;

/** Fails every chunk's fetch until the returned function is called. */
async function failChunks(page) {
  const failed = [];
  const handler = (route) => {
    failed.push(route.request().url());
    return route.abort("internetdisconnected");
  };
  await page.route(CHUNK, handler);
  return {
    failed,
    restore: () => page.unroute(CHUNK, handler),
  };
}

test("a chunk that cannot be fetched is said where it was needed and arrives on Try again", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  const chunks = await failChunks(page);
  await openStudio(page);
  // The versions' chunk is fetched after the first picture; it failed.
  const versions = page.getByRole("alert").filter({ hasText: "Could not load the versions" });
  await expect(versions).toBeVisible();
  await expect(versions).toContainText("offline, or a newer version of the page replaced it");
  // The studio still works: picking another model says its controls could not come.
  await page.getByRole("combobox", { name: "Model", exact: true }).selectOption("knn");
  const controls = page.getByRole("alert").filter({ hasText: "Could not load the model's controls" });
  await expect(controls).toBeVisible();
  expect(chunks.failed.length).toBeGreaterThan(0);
  // Nothing panicked.
  await expect(page.locator(".panic-notice")).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);

  // Back online: each retry fetches its code and shows what was missing.
  await chunks.restore();
  await controls.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("slider", { name: "Neighbours" })).toBeVisible();
  await expect(controls).toHaveCount(0);
  await versions.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("button", { name: "Save version" })).toBeVisible();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("list", { name: "Versions" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.locator(".panic-notice")).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);
});

test("with neither a worker nor the worker's chunk, an import says why it cannot read the file", async ({ page, baseURL }) => {
  const problems = watchPage(page, baseURL);
  // The compute worker cannot start (its script fails), and the code to run its jobs on
  // the page cannot be fetched either.
  await page.route(/compute_worker\.js$/, (route) => route.abort("internetdisconnected"));
  const chunks = await failChunks(page);
  await openStudio(page);
  await page.getByRole("button", { name: "Paste a table" }).click();
  await page.getByLabel("Table to import").fill("a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
  await page.getByRole("button", { name: "Preview the table" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not run this here" })).toBeVisible();
  expect(chunks.failed.length).toBeGreaterThan(0);
  await expect(page.locator(".panic-notice")).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);
});

test("an imported file's target, and a link to an example file, wait for their chunk and say so when it cannot come", async ({ page, context, baseURL }) => {
  const problems = watchPage(page, baseURL);
  await openStudio(page);
  await page.getByRole("combobox", { name: "Dataset" }).selectOption({ label: "Example: penguins" });
  await page.getByRole("button", { name: "Use this data" }).click();
  await expect(page.getByRole("combobox", { name: "Dataset" })).toHaveValue("imported");
  const target = page.getByRole("combobox", { name: "Target column" });
  await expect(target).toHaveValue("species");
  await expect(page).toHaveURL(/file=penguins\.csv/);
  const link = page.url();

  // The code that reads the file again is a chunk of its own: while it cannot be
  // fetched, the target stays and the page says why.
  const reread = /app-[0-9a-f]+\/split_reread\.wasm$/;
  await page.route(reread, (route) => route.abort("internetdisconnected"));
  await target.selectOption("island");
  await expect(page.getByRole("alert").filter({ hasText: "Could not change the target: its code could not be fetched" })).toBeVisible();
  const axis = page.getByRole("combobox", { name: "Horizontal axis" });
  await expect(axis).not.toContainText("species");
  await page.unroute(reread);
  await target.selectOption("island");
  // Predicting the island, the species is now one of the features.
  await expect(axis).toContainText("species");
  await expect(page.locator(".panic-notice")).toHaveCount(0);
  expect(problems.pageErrors).toEqual([]);

  // A link naming the example file, opened with every chunk failing: the studio stays
  // as it was and says the file could not be read.
  const other = await context.newPage();
  const otherProblems = watchPage(other, baseURL);
  await failChunks(other);
  await other.goto(link);
  await expect(other.getByText("This link's example file could not be read (its code could not be fetched")).toBeVisible();
  await expect(other.getByRole("combobox", { name: "Dataset" })).not.toHaveValue("imported");
  await expect(other.locator(".panic-notice")).toHaveCount(0);
  expect(otherProblems.pageErrors).toEqual([]);
});
