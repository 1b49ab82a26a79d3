// Durable storage: a full store is told by its error's name, with the usage the browser
// reports; the failed save leaves the list as it was, and the next save works once there
// is room.
const { test, expect } = require("@playwright/test");
const { openStudio } = require("./helpers");

test("a full store says so, and saving works again once there is room", async ({ page, baseURL }) => {
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 2000 });
  await openStudio(page);
  const notice = page.getByTestId("registry-notice");
  const versions = page.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice).toContainText("Could not save the version: the browser's storage for this page is full (");
  await expect(notice).toContainText("MB");
  await expect(versions).toHaveCount(0);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(notice).toContainText("Saved SVM v1");
  await page.reload();
  await expect(versions).toHaveCount(1);
});
