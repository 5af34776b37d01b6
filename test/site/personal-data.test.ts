// The sample's leads and contacts carry names, emails and phone numbers; none may reach the built site.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listFiles } from "../../data-loaders/files.ts";

/** Parse the sample's quoted CSV (every value quoted, no embedded quotes in these columns). */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const split = (line: string) => line.slice(1, -1).split('","');
  const names = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((v, i) => [names[i], v])));
}

/** The needle as a whole word: "Sungmin Yoo" is not found in the rep name "Sungmin Yoon". */
function containsWhole(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1] ?? "";
    const after = text[at + needle.length] ?? "";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

describe("no personal data in the built site", () => {
  const sample = "data/exports/sample";
  const people = [...readCsv(join(sample, "Lead.csv")), ...readCsv(join(sample, "Contact.csv"))];
  const employees = new Set(readCsv(join(sample, "User.csv")).map((u) => `${u.FirstName} ${u.LastName}`));
  const needles = new Set<string>();
  for (const person of people) {
    for (const value of [person.Email, person.Phone, person.MobilePhone]) if (value) needles.add(value);
    const name = `${person.FirstName} ${person.LastName}`;
    // Reps are shown by name on purpose; a contact who shares a rep's name cannot be told apart by text.
    if (person.FirstName && person.LastName && !employees.has(name)) {
      needles.add(name);
      // Korean names are written family name first, without a space.
      if (/[\uAC00-\uD7A3]/.test(name)) needles.add(`${person.LastName}${person.FirstName}`);
    }
  }

  it("has personal data in the sample to look for", () => {
    expect(people.length).toBeGreaterThan(5000);
    expect([...needles].filter((n) => n.includes("@")).length).toBeGreaterThan(5000);
  });

  it("finds no contact name, email or phone number in any file of dist/", () => {
    const siteDir = inject("siteDir");
    const files = listFiles(siteDir);
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, "utf8");
      for (const needle of needles) {
        if (containsWhole(text, needle)) found.push(`${relative(siteDir, path)}: ${needle}`);
        if (found.length > 20) break;
      }
    }
    expect(found).toEqual([]);
  });
});
