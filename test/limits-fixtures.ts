/** Helpers of the boundary tests (test/limits-*.test.ts). */

/** A hostname of exactly `length` characters ending in `.suffix`, in labels of at most `label` characters. */
export function hostnameOf(length: number, suffix: string, label = 63): string {
  const labels: string[] = [];
  let left = length - suffix.length;
  while (left > 0) {
    const n = Math.min(label, left - 1); // one character for the dot
    labels.push("a".repeat(n));
    left -= n + 1;
  }
  const name = `${labels.join(".")}.${suffix}`;
  if (name.length !== length) throw new Error(`hostnameOf(${length}) built ${name.length} characters`);
  return name;
}

/** A DNS-1123 subdomain of exactly `length` characters (labels of 63 and fewer, joined by dots). */
export function subdomainOf(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 0) {
    let n = Math.min(63, left);
    if (left > n && left - n - 1 === 0) n -= 1; // leave a character for the label after the dot
    labels.push("d".repeat(n));
    left -= n + 1;
  }
  const name = labels.join(".");
  if (name.length !== length) throw new Error(`subdomainOf(${length}) built ${name.length} characters`);
  return name;
}

/** Escapes `text` for use inside a regular expression. */
export function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
