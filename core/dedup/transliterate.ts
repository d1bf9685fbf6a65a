/**
 * Indic scripts → the Latin spelling people use for their own names (राहुल पाटील → rahul patil),
 * for matching only. No package does this: transliteration libraries (sanscript, any-ascii,
 * transliteration) either keep every inherent vowel ("rāhula pāṭīla") or drop them all
 * ("srma" for शर्मा), and names are spelt neither way. So: a table for Devanagari, the other
 * ISCII-derived scripts read through it (Unicode laid Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
 * Telugu, Kannada and Malayalam out at the same offsets), and schwa deletion for the northern
 * scripts whose inherent vowel goes unsaid at the end of a word and between VC_CV.
 */

/** Blocks at the Devanagari layout; `north` scripts drop the unwritten inherent vowel. */
interface Script {
  base: number;
  north: boolean;
  tamil?: boolean;
}
const SCRIPTS: Script[] = [
  { base: 0x0900, north: true }, // Devanagari: Hindi, Marathi, Nepali
  { base: 0x0980, north: true }, // Bengali, Assamese
  { base: 0x0a00, north: true }, // Gurmukhi: Punjabi
  { base: 0x0a80, north: true }, // Gujarati
  { base: 0x0b00, north: true }, // Oriya
  { base: 0x0b80, north: false, tamil: true },
  { base: 0x0c00, north: false }, // Telugu
  { base: 0x0c80, north: false }, // Kannada
  { base: 0x0d00, north: false }, // Malayalam
];

const VOWELS: Record<number, string> = {
  0x05: "a",
  0x06: "a",
  0x07: "i",
  0x08: "i",
  0x09: "u",
  0x0a: "u",
  0x0b: "ri",
  0x0c: "li",
  0x0d: "e",
  0x0e: "e",
  0x0f: "e",
  0x10: "ai",
  0x11: "o",
  0x12: "o",
  0x13: "o",
  0x14: "au",
  0x60: "ri",
  0x61: "li",
  0x72: "a",
  0x73: "i",
  0x74: "u",
};
const MATRAS: Record<number, string> = {
  0x3e: "a",
  0x3f: "i",
  0x40: "i",
  0x41: "u",
  0x42: "u",
  0x43: "ri",
  0x44: "ri",
  0x45: "e",
  0x46: "e",
  0x47: "e",
  0x48: "ai",
  0x49: "o",
  0x4a: "o",
  0x4b: "o",
  0x4c: "au",
  0x4e: "e",
  0x4f: "aw",
  0x55: "e",
  0x56: "ai",
  0x57: "au",
  0x62: "li",
  0x63: "li",
};
const CONSONANTS: Record<number, string> = {
  0x15: "k",
  0x16: "kh",
  0x17: "g",
  0x18: "gh",
  0x19: "n",
  0x1a: "ch",
  0x1b: "chh",
  0x1c: "j",
  0x1d: "jh",
  0x1e: "n",
  0x1f: "t",
  0x20: "th",
  0x21: "d",
  0x22: "dh",
  0x23: "n",
  0x24: "t",
  0x25: "th",
  0x26: "d",
  0x27: "dh",
  0x28: "n",
  0x29: "n",
  0x2a: "p",
  0x2b: "ph",
  0x2c: "b",
  0x2d: "bh",
  0x2e: "m",
  0x2f: "y",
  0x30: "r",
  0x31: "r",
  0x32: "l",
  0x33: "l",
  0x34: "zh",
  0x35: "v",
  0x36: "sh",
  0x37: "sh",
  0x38: "s",
  0x39: "h",
  0x58: "k",
  0x59: "kh",
  0x5a: "g",
  0x5b: "z",
  0x5c: "r",
  0x5d: "rh",
  0x5e: "f",
  0x5f: "y",
};
/** A consonant with a nukta below reads as another sound (ज़ z, फ़ f, ड़ r). */
const NUKTA: Record<string, string> = { k: "k", kh: "kh", g: "g", j: "z", d: "r", dh: "rh", ph: "f", y: "y" };
/** Malayalam chillus: a consonant that is already dead (no vowel). */
const CHILLU: Record<number, string> = {
  0x0d54: "m",
  0x0d55: "y",
  0x0d56: "l",
  0x0d7a: "n",
  0x0d7b: "n",
  0x0d7c: "r",
  0x0d7d: "l",
  0x0d7e: "l",
  0x0d7f: "k",
};
const LABIAL = new Set(["p", "ph", "b", "bh", "m"]);

const VIRAMA = 0x4d;
const ANUSVARA = 0x02;
const CHANDRABINDU = 0x01;
const VISARGA = 0x03;
const NUKTA_SIGN = 0x3c;
const GURMUKHI_TIPPI = 0x0a70;
const GURMUKHI_ADDAK = 0x0a71;

interface Unit {
  cons: string[];
  /** The written vowel; null = the inherent one; "" = none (virama). */
  vowel: string | null;
  nasal: boolean;
  tail: string;
  /** Waiting for the next consonant to join its cluster (after a virama). */
  open: boolean;
  drop: boolean;
}

function scriptOf(cp: number): Script | null {
  for (const s of SCRIPTS) if (cp >= s.base && cp < s.base + 0x80) return s;
  return null;
}

/** True when the text holds a letter of a script this module reads. */
export function hasIndic(text: string): boolean {
  return /[\u0900-\u0d7f]/.test(text);
}

/** One word of one script → Latin, lower case. */
function word(chars: number[], script: Script): string {
  const units: Unit[] = [];
  const last = () => units[units.length - 1];
  for (const cp of chars) {
    if (CHILLU[cp]) {
      units.push({ cons: [CHILLU[cp]], vowel: "", nasal: false, tail: "", open: false, drop: false });
      continue;
    }
    if (cp === GURMUKHI_TIPPI) {
      if (last()) last().nasal = true;
      continue;
    }
    if (cp === GURMUKHI_ADDAK) continue;
    const s = scriptOf(cp);
    if (!s) continue;
    const o = cp - s.base;
    const u = last();
    if (CONSONANTS[o] !== undefined) {
      if (u?.open) {
        u.cons.push(CONSONANTS[o]);
        u.open = false;
        u.vowel = null;
      } else {
        units.push({ cons: [CONSONANTS[o]], vowel: null, nasal: false, tail: "", open: false, drop: false });
      }
    } else if (VOWELS[o] !== undefined) {
      units.push({ cons: [], vowel: VOWELS[o], nasal: false, tail: "", open: false, drop: false });
    } else if (!u) {
      continue;
    } else if (o === VIRAMA) {
      u.open = true;
      u.vowel = "";
    } else if (MATRAS[o] !== undefined) {
      u.vowel = MATRAS[o];
      u.open = false;
    } else if (o === ANUSVARA && u.cons.length === 0 && u.vowel === "o") {
      u.tail += "m"; // ओं is om (ओंकार Omkar)
    } else if (o === ANUSVARA || o === CHANDRABINDU) {
      u.nasal = true;
    } else if (o === VISARGA) {
      u.tail += "h";
    } else if (o === NUKTA_SIGN && u.cons.length) {
      const c = u.cons[u.cons.length - 1];
      u.cons[u.cons.length - 1] = NUKTA[c] ?? c;
    }
  }
  if (script.north) deleteSchwas(units);
  if (script.tamil) tamilSounds(units);
  let out = "";
  units.forEach((u, i) => {
    let syllable = u.cons.join("");
    // ज्ञ is said "gy" in Hindi names (Gyan, Gyanesh), not "jn".
    syllable = syllable.replace(/jn$/, "gy").replace(/^jn/, "gy");
    syllable += u.vowel ?? (u.drop ? "" : "a");
    if (u.nasal) {
      const next = units[i + 1]?.cons[0];
      // Anusvara takes the place of the next consonant: m before labials; सिंह is "singh".
      syllable += next && LABIAL.has(next) ? "m" : next === "h" && i + 1 === units.length - 1 ? "ng" : "n";
    }
    out += syllable + u.tail;
  });
  return out;
}

/**
 * Hindi/Marathi schwa deletion: the inherent vowel is silent at the end of a word (unless after a
 * cluster: मिश्र mishra, चंद्र chandra) and in V C _ C V (कमलेश kamlesh, देशमुख deshmukh), taken
 * left to right so two neighbours are not both dropped (हरभजन harbhajan). A final cluster keeps
 * its vowel only when it ends in r, y or v (इंद्र indra, धन्य dhanya; but हर्ष harsh).
 */
function deleteSchwas(units: Unit[]): void {
  const n = units.length;
  const lastUnit = units[n - 1];
  const glide = /^(r|y|v)$/.test(lastUnit.cons[lastUnit.cons.length - 1] ?? "");
  if (n > 1 && lastUnit.vowel === null && (lastUnit.cons.length === 1 || !glide) && !lastUnit.nasal) lastUnit.drop = true;
  const voiced = (u: Unit) => u.vowel !== "" && !u.drop;
  for (let i = 1; i < n - 1; i++) {
    const u = units[i];
    if (u.vowel !== null || u.cons.length !== 1 || u.nasal || u.tail) continue;
    const prev = units[i - 1];
    const next = units[i + 1];
    // A y dropped after a vowel closes that syllable as a diphthong (गायकवाड gāy-k-vāḍ, Gaikwad).
    const glideCoda = prev.drop && prev.cons.length === 1 && prev.cons[0] === "y" && i > 1 && voiced(units[i - 2]);
    if ((voiced(prev) || glideCoda) && next.cons.length > 0 && voiced(next)) u.drop = true;
  }
}

/**
 * Tamil writes k/g and ch/s with one letter each: ச is "s" in names (Senthil, Saravanan) and க
 * between vowels is "g" (Murugan).
 */
function tamilSounds(units: Unit[]): void {
  units.forEach((u, i) => {
    u.cons = u.cons.map((c, j) => {
      if (c === "ch" && !(j > 0 && u.cons[j - 1] === "ch")) return "s";
      if (c === "k" && j === 0 && u.cons.length === 1 && u.vowel !== "" && i > 0 && units[i - 1].vowel !== "") return "g";
      return c;
    });
  });
}

/** Every run of Indic letters in `text` becomes Latin; everything else is kept. */
export function transliterate(text: string): string {
  if (!hasIndic(text)) return text;
  const cps = [...text.normalize("NFC")].map((c) => c.codePointAt(0)!);
  let out = "";
  let run: number[] = [];
  let script = SCRIPTS[0];
  const flush = () => {
    if (run.length) out += word(run, script);
    run = [];
  };
  for (const cp of cps) {
    const s = scriptOf(cp);
    const o = s ? cp - s.base : -1;
    // Danda, digits and the like end a word; digits are kept as digits.
    const letter =
      (s && o > 0 && o < 0x64 && o !== 0x3d && o !== 0x50) ||
      CHILLU[cp] ||
      cp === GURMUKHI_TIPPI ||
      cp === GURMUKHI_ADDAK ||
      (s && o >= 0x72 && o <= 0x74);
    if (letter) {
      if (s) script = s;
      run.push(cp);
      continue;
    }
    flush();
    if (s && o >= 0x66 && o <= 0x6f) out += String(o - 0x66);
    else if (!s) out += String.fromCodePoint(cp);
    else out += " ";
  }
  flush();
  return out;
}
