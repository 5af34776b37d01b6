import type { Page } from "playwright-core";

/**
 * Watch a page the way every browser test does: console errors, page errors and dialogs go to
 * `problems` (a dialog is dismissed), and every request leaving `origin` is blocked and recorded in
 * `outside` (data: and blob: URLs are the page's own). `prefix` names the page in problems.
 */
export async function watchPage(page: Page, origin: string, problems: string[], outside: string[], prefix = ""): Promise<void> {
  page.on("console", (m) => m.type() === "error" && problems.push(`${prefix}console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${prefix}page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`${prefix}dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
}
