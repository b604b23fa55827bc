// Lighthouse 12 (mobile, the default config) for many URLs with one Chromium, for bench/browser.py.
// One browser and one Node process for every page type instead of one each saves several seconds
// per page (module loading, config resolution, browser start). Lighthouse still clears the cache
// and storage before every load, so each result is a first load.
//
//   node bench/lighthouse_runs.mjs JOBS.json      JOBS: [{"url": ..., "output": ...}, ...]
//
// Each report is written to its "output" as soon as it is ready; a failure is written as
// {"runtimeError": {"message": ...}} so the caller can tell which page failed and why.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chromeFlags = (process.env.BENCH_CHROME_FLAGS || "").split(" ").filter(Boolean);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags,
});
try {
  for (const job of jobs) {
    // A second try when the trace comes back broken (NO_NAVSTART and the like happen now and
    // then on a busy machine); the second report is kept either way.
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      let failed = false;
      try {
        const result = await lighthouse(job.url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: CATEGORIES,
          disableFullPageScreenshot: true,
        });
        fs.writeFileSync(job.output, result.report);
        failed = Boolean(result.lhr.runtimeError);
      } catch (error) {
        fs.writeFileSync(job.output, JSON.stringify({ runtimeError: { message: String(error) } }));
        failed = true;
      }
      if (!failed) break;
    }
    console.log(`done ${job.url}`);
  }
} finally {
  await chrome.kill();
}
