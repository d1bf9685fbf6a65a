/**
 * HTML to plain text that keeps what lead mails mean: a two-cell table row `<td>Name</td><td>Rahul</td>`
 * reads "Name: Rahul", a header row over value rows is zipped into "Name: Rahul" lines, `<br>` and
 * blocks become line breaks. Script, style and head are dropped (code, not text); entities decoded.
 * Written here because html-to-text (what mailparser uses) runs table cells together ("NameRahul").
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  sbquo: "‚",
  bdquo: "„",
  hellip: "…",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  times: "×",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  rupee: "₹",
  zwnj: "\u200c",
  zwj: "\u200d",
  shy: "",
  laquo: "«",
  raquo: "»",
  iexcl: "¡",
  iquest: "¿",
  sect: "§",
  para: "¶",
  plusmn: "±",
  aacute: "á",
  eacute: "é",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  agrave: "à",
  egrave: "è",
  ograve: "ò",
  acirc: "â",
  ecirc: "ê",
  ocirc: "ô",
  auml: "ä",
  euml: "ë",
  iuml: "ï",
  ouml: "ö",
  uuml: "ü",
  ccedil: "ç",
  ntilde: "ñ",
  szlig: "ß",
  Aacute: "Á",
  Eacute: "É",
  Ouml: "Ö",
  Uuml: "Ü",
};

/** Text made safe to put in HTML, in an element or a quoted attribute. */
export const escapeHtml = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (all, ent: string) => {
    if (ent[0] === "#") {
      const code = ent[1] === "x" || ent[1] === "X" ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
    }
    return NAMED[ent] ?? NAMED[ent.toLowerCase()] ?? all;
  });
}

const BLOCK = /^(p|div|li|ul|ol|h[1-6]|blockquote|pre|section|article|header|footer|hr|dl|dt|dd|center|address|form|fieldset)$/;

interface Table {
  rows: string[][];
  row: string[] | null;
  /** Index of the open cell in `row`, or -1. */
  cell: number;
}

function isLabel(cell: string): boolean {
  return cell.length > 0 && cell.length <= 40 && !cell.includes("\n") && /^[\p{L}][\p{L}\p{N} .()/&'#-]*:?$/u.test(cell);
}

function renderTable(t: Table, labelLike: (s: string) => boolean): string {
  const rows = t.rows.map((r) => r.map((c) => tidy(c))).filter((r) => r.some((c) => c));
  const out: string[] = [];
  const head = rows[0];
  const zip =
    rows.length >= 2 &&
    head.length >= 2 &&
    head.every((c) => isLabel(c) && labelLike(c)) &&
    rows.slice(1).every((r) => r.length === head.length);
  if (zip) {
    for (const r of rows.slice(1)) r.forEach((c, i) => out.push(`${head[i].replace(/:$/, "")}: ${c}`));
    return out.join("\n");
  }
  for (const r of rows) {
    const cells = r.filter((c) => c);
    if (cells.length === 2 && isLabel(cells[0])) {
      const label = cells[0].replace(/:$/, "");
      out.push(cells[1].includes("\n") ? `${label}:\n${cells[1]}` : `${label}: ${cells[1]}`);
    } else {
      out.push(...cells);
    }
  }
  return out.join("\n");
}

function tidy(s: string): string {
  return s
    .split("\n")
    .map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * @param labelLike tells a header cell ("Mobile") from a value cell, for zipping column tables.
 */
export function htmlToText(html: string, labelLike: (s: string) => boolean = () => true): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head|title|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "");
  const root = { text: "" };
  const tables: Table[] = [];
  const append = (s: string) => {
    const t = tables[tables.length - 1];
    if (t && t.row && t.cell >= 0) t.row[t.cell] += s;
    else if (t) {
      // Text between cells (whitespace, stray words): keep words, they are still content.
      if (s.trim()) {
        t.row ??= [];
        t.cell = t.row.push(s) - 1;
      }
    } else root.text += s;
  };
  for (const token of cleaned.split(/(<[^>]*>)/)) {
    if (!token) continue;
    if (token[0] !== "<" || !/^<\/?[a-zA-Z!]/.test(token)) {
      append(decodeEntities(token.replace(/\s+/g, " ")));
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(token);
    if (!m) continue;
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    const t = tables[tables.length - 1];
    if (tag === "table") {
      if (!closing) tables.push({ rows: [], row: null, cell: -1 });
      else if (t) {
        if (t.row) t.rows.push(t.row);
        tables.pop();
        append(`\n${renderTable(t, labelLike)}\n`);
      }
    } else if (tag === "tr" && t) {
      if (t.row) t.rows.push(t.row);
      t.row = closing ? null : [];
      t.cell = -1;
    } else if ((tag === "td" || tag === "th") && t) {
      if (closing) t.cell = -1;
      else {
        t.row ??= [];
        t.row.push("");
        t.cell = t.row.length - 1;
      }
    } else if (tag === "br") append("\n");
    else if (BLOCK.test(tag)) append("\n");
  }
  while (tables.length) {
    const t = tables.pop() as Table;
    if (t.row) t.rows.push(t.row);
    append(`\n${renderTable(t, labelLike)}\n`);
  }
  return tidy(root.text);
}
