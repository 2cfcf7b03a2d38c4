/**
 * Code in the README and docs is written as a user writes it, importing from "cdktf-aks-gateway": every name a
 * snippet imports must be exported by the package root, so a renamed or removed export cannot leave the docs behind.
 */
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import * as pkg from "../index";

const REPO = join(__dirname, "..");
const files = ["README.md", ...readdirSync(join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** `[file, name]` for every name imported from the package in a ```ts block (type-only imports included). */
function imports(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of files) {
    const text = readFileSync(join(REPO, file), "utf8");
    for (const block of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      for (const m of block[1].matchAll(/import(?: type)? \{([^}]+)\} from "cdktf-aks-gateway";/g)) {
        m[1].split(",").map((n) => n.trim().replace(/^type /, "")).filter((n) => n !== "").forEach((n) => out.push([file, n]));
      }
    }
  }
  return out;
}

/** Type-only exports (interfaces, type aliases) are not runtime values; the API report lists them. */
const API_REPORT = readFileSync(join(REPO, "etc", "cdktf-aks-gateway.api.md"), "utf8");

test("the docs import from the package", () => {
  expect(imports().length).toBeGreaterThan(20);
});

test.each(imports())("%s imports %s, which the package exports", (_file, name) => {
  const exported = name in pkg || new RegExp(`export (interface|type|enum|class|function|const) ${name}\\b`).test(API_REPORT);
  expect(exported).toBe(true);
});
