import { describe, expect, it } from "vitest";
import { compareNames, compareTokens, nameTokens, phonetic } from "../../../core/dedup/names.ts";
import { transliterate } from "../../../core/dedup/transliterate.ts";

describe("transliterate", () => {
  it.each([
    ["राहुल पाटील", "rahul patil"],
    ["प्रिया शर्मा", "priya sharma"],
    ["स्नेहा कुलकर्णी", "sneha kulkarni"],
    ["अमित देशमुख", "amit deshmukh"],
    ["श्रीकांत जोशी", "shrikant joshi"],
    ["संजय गांधी", "sanjay gandhi"],
    ["लक्ष्मी नारायण", "lakshmi narayan"],
    ["महेंद्र सिंह", "mahendra singh"],
    ["कमलेश", "kamlesh"],
    ["हरभजन", "harbhajan"],
    ["सौरभ", "saurabh"],
    ["संपत", "sampat"],
    ["कृष्णा", "krishna"],
    ["ज़ैनब", "zainab"],
    ["गायकवाड", "gaykvad"],
  ])("when the name is %s, then it reads %s", (deva, latin) => {
    expect(transliterate(deva)).toBe(latin);
  });

  it("when the inherent vowel ends a word, then it is silent; after a cluster in r it is said", () => {
    expect(transliterate("राम")).toBe("ram");
    expect(transliterate("हर्ष")).toBe("harsh");
    expect(transliterate("इंद्र")).toBe("indra");
  });

  it("when matras, anusvara and conjuncts are used, then each reads as spoken", () => {
    expect(transliterate("पूजा")).toBe("puja");
    expect(transliterate("अंकिता")).toBe("ankita");
    expect(transliterate("क्षितिज")).toBe("kshitij");
    expect(transliterate("ओंकार")).toBe("omkar");
  });

  it("when other Indian scripts are used, then they read through the same table", () => {
    expect(transliterate("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ")).toBe("gurprit singh");
    expect(transliterate("હાર્દિક પટેલ")).toBe("hardik patel");
    expect(transliterate("வெங்கடேஷ்")).toBe("venkatesh");
    expect(transliterate("முருகன்")).toBe("murugan");
  });

  it("when the text has no Indic letters, then it is returned as is", () => {
    expect(transliterate("Rahul Patil")).toBe("Rahul Patil");
  });
});

describe("phonetic", () => {
  it("when spellings differ by habit, then they sound the same", () => {
    expect(phonetic("shrikant")).toBe(phonetic("srikanth"));
    expect(phonetic("laxmi")).toBe(phonetic("lakshmi"));
    expect(phonetic("pooja")).toBe(phonetic("puja"));
    expect(phonetic("sourav")).toBe(phonetic("saurav"));
    expect(phonetic("reddy")).toBe(phonetic("reddi"));
    expect(phonetic("gaikwad")).toBe(phonetic("gaykvad"));
  });
  it("when names differ by a sound, then they stay apart", () => {
    expect(phonetic("amit")).not.toBe(phonetic("amita"));
    expect(phonetic("zoe")).not.toBe(phonetic("joe"));
  });
});

describe("compareTokens", () => {
  it.each([
    ["rahul", "rahul", "exact"],
    ["bob", "robert", "nickname"],
    ["bob", "rob", "nickname"],
    ["venky", "venkatesh", "nickname"],
    ["mohd", "mohammed", "nickname"],
    ["shrikant", "srikanth", "spelling"],
    ["r", "rahul", "initial"],
    ["rahul", "rahil", "typo"],
    ["kulkarni", "kulkanri", "typo"],
    ["amit", "amita", null],
    ["ramesh", "suresh", null],
    ["priya", "priyanka", null],
  ])("when %s meets %s, then %s", (a, b, how) => {
    expect(compareTokens(a, b)).toBe(how);
  });
});

describe("compareNames", () => {
  const cmp = (a: string, b: string) => compareNames(nameTokens(a), nameTokens(b));

  it("when the tokens are the same in any order, then same", () => {
    expect(cmp("Rahul Patil", "PATIL, Rahul").verdict).toBe("same");
    expect(cmp("राहुल पाटील", "Rahul Patil").verdict).toBe("same");
  });
  it("when a nickname, initial, spelling or a middle name differs, then compatible (a split name joins)", () => {
    expect(cmp("Bob Smith", "Robert Smith").verdict).toBe("compatible");
    expect(cmp("R. Patil", "Rahul Patil").verdict).toBe("compatible");
    expect(cmp("Shrikant Joshi", "Srikanth Joshi").verdict).toBe("compatible");
    expect(cmp("Rahul Suresh Patil", "Rahul Patil").verdict).toBe("compatible");
    expect(cmp("Ravi Teja Reddy", "Raviteja Reddy").verdict).toBe("same");
  });
  it("when only a typo, a first name alone or initials agree, then similar", () => {
    expect(cmp("Rahul Patil", "Rahil Patil").verdict).toBe("similar");
    expect(cmp("Rahul", "Rahul Patil").verdict).toBe("similar");
    expect(cmp("R. P.", "Rahul Patil").verdict).toBe("similar");
  });
  it("when the first names are different people, then conflict, noting a shared family name", () => {
    expect(cmp("Rahul Patil", "Priya Patil")).toMatchObject({ verdict: "conflict", sharedToken: true });
    expect(cmp("Rahul Sharma", "Amit Verma")).toMatchObject({ verdict: "conflict", sharedToken: false });
  });
  it("when brothers' names are one letter apart, then only similar (the scorer then wants an email)", () => {
    expect(cmp("Ramesh Patil", "Rajesh Patil").verdict).toBe("similar");
  });
  it("when a Marathi name carries the husband's or father's name in the middle, then it is not him", () => {
    expect(cmp("Priya Rahul Patil", "Rahul Patil").verdict).toBe("conflict");
    expect(cmp("Priya Rahul Patil", "Priya Patil").verdict).toBe("compatible");
  });
  it("when a side has no name, then unknown", () => {
    expect(cmp("", "Rahul Patil").verdict).toBe("unknown");
  });
});
