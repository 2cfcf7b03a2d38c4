"use strict";
/**
 * Translates an RE2 pattern (Go `regexp`, used by OpenAPI `pattern` and CEL `matches()` in the API server) into
 * a JavaScript regular expression with the same meaning, or throws when the pattern uses a construct this
 * translation does not cover (so a new bundle fails at generation time instead of validating differently).
 *
 * Differences handled: RE2 `.` excludes only "\n" (JavaScript also excludes "\r", U+2028, U+2029); inline
 * flags `(?i)` at the start become the `i` flag; `\d`, `\w`, `\s` are ASCII in RE2; RE2 takes a lone `]`, `{`
 * or `}` literally. The `u` flag makes JavaScript match code points, as RE2 does. Both search (no implicit
 * anchors) and both read `$` as end of text without the `m` flag.
 */

const PERL_CLASSES = { d: "0-9", w: "0-9A-Za-z_", s: "\\t\\n\\f\\r " };
const PERL_NEGATED = { D: "d", W: "w", S: "s" };
const SIMPLE_ESCAPES = new Set(["n", "t", "r", "f", "v"]);
const QUOTABLE = new Set([..."\\.+*?()|[]{}^$/-"]);

/** One escape sequence at `i` (pointing at the backslash); returns [translation, length]. */
function escape(src, i, inClass) {
  const c = src[i + 1];
  if (c === undefined) throw new Error(`RE2 pattern ends with a backslash: ${src}`);
  if (PERL_CLASSES[c]) return [inClass ? PERL_CLASSES[c] : `[${PERL_CLASSES[c]}]`, 2];
  if (PERL_NEGATED[c] && !inClass) return [`[^${PERL_CLASSES[PERL_NEGATED[c]]}]`, 2];
  if (SIMPLE_ESCAPES.has(c)) return [`\\${c}`, 2];
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) return [`\\x${src.slice(i + 2, i + 4)}`, 4];
  if (QUOTABLE.has(c)) return [c === "-" && !inClass ? "-" : `\\${c}`, 2];
  if (/[^A-Za-z0-9]/.test(c)) return [`\\u{${c.codePointAt(0).toString(16)}}`, 2];
  throw new Error(`unsupported RE2 escape \\${c} in ${src}`);
}

/** A character class starting at `i` (the '['); returns [translation, length]. */
function characterClass(src, i) {
  let j = i + 1;
  let out = "[";
  if (src[j] === "^") out += src[j++];
  if (src[j] === "]") {
    out += "\\]";
    j++;
  }
  while (j < src.length && src[j] !== "]") {
    if (src[j] === "[" && src[j + 1] === ":") throw new Error(`POSIX classes are not supported: ${src}`);
    if (src[j] === "\\") {
      const [t, n] = escape(src, j, true);
      out += t;
      j += n;
    } else {
      out += src[j] === "/" || src[j] === "[" ? `\\${src[j]}` : src[j];
      j++;
    }
  }
  if (src[j] !== "]") throw new Error(`unterminated character class in ${src}`);
  return [out + "]", j + 1 - i];
}

/** A group opener at `i` (the '('); returns [translation, length]. */
function group(src, i) {
  if (src[i + 1] !== "?") return ["(", 1];
  if (src.startsWith("(?:", i)) return ["(?:", 3];
  if (src.startsWith("(?P<", i)) return ["(?<", 4];
  throw new Error(`unsupported RE2 group or flag at ${i} in ${src}`);
}

/** Leading `(?i)`, alone or after '^': returns the pattern without it and whether it was there. */
function leadingFlags(src) {
  if (src.startsWith("(?i)")) return { body: src.slice(4), ignoreCase: true };
  if (src.startsWith("^(?i)")) return { body: "^" + src.slice(5), ignoreCase: true };
  return { body: src, ignoreCase: false };
}

/** Translates `src`; returns `{ source, flags }` for a JavaScript RegExp. */
function translateRe2(src) {
  const { body, ignoreCase } = leadingFlags(src);
  let out = "";
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    let t = c;
    let n = 1;
    if (c === "\\") [t, n] = escape(body, i, false);
    else if (c === "[") [t, n] = characterClass(body, i);
    else if (c === "(") [t, n] = group(body, i);
    else if (c === ".") t = "[^\\n]";
    else if (c === "/" || c === "]" || c === "}") t = `\\${c}`;
    else if (c === "{") {
      const m = /^\{\d+(,\d*)?\}/.exec(body.slice(i));
      t = m ? m[0] : "\\{";
      n = m ? m[0].length : 1;
    }
    out += t;
    i += n;
  }
  const flags = ignoreCase ? "iu" : "u";
  new RegExp(out, flags); // throws if the translation is not valid JavaScript
  return { source: out, flags };
}

/** A JavaScript regex literal for `src`. */
function regexLiteral(src) {
  const { source, flags } = translateRe2(src);
  return `/${source}/${flags}`;
}

module.exports = { translateRe2, regexLiteral };
