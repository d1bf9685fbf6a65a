import type { LeadLike } from "../../core/dedup/keys.ts";
import { gstinCheckChar } from "../../core/dedup/keys.ts";
import { canonicalEmail, normalizePhone } from "../../core/lead/normalize.ts";

/**
 * A labelled set for dedup quality: realistic people (Marathi, Hindi, Tamil, Telugu, Bengali,
 * Gujarati, Punjabi, Malayalam, some written in Devanagari, and international names) and for each
 * pair one kind of variation of the same person, or a hard negative that must not merge.
 * Deterministic for a seed. The nickname list and typo model here are the generator's own, written
 * from how people write names, not from the matcher's tables: some variations it makes the
 * matcher does not know (Sanju, Pakya), as real data would.
 */

export const POSITIVE_KINDS = [
  "exact_repeat",
  "email_variant",
  "email_domain_typo",
  "phone_format",
  "name_format",
  "initials",
  "nickname",
  "swapped_names",
  "devanagari",
  "company_suffix",
  "name_typo",
  "new_phone_same_email",
  "new_email_same_phone",
  "office_line_same_person",
] as const;
export const NEGATIVE_KINDS = [
  "same_name_other_person",
  "family_shared_phone",
  "colleagues_same_company",
  "same_email_domain",
  "same_surname_city",
  "office_switchboard",
] as const;
export type DedupKind = (typeof POSITIVE_KINDS)[number] | (typeof NEGATIVE_KINDS)[number];

export interface DedupPair {
  kind: DedupKind;
  /** True when a and b are the same person. */
  same: boolean;
  /** The lead already in the database. */
  a: LeadLike;
  /** The newcomer. */
  b: LeadLike;
  /** What the database would know about a: how many leads carry its phone (an office line). */
  context?: { phoneSharedBy?: number };
}

interface Community {
  name: string;
  given: string[];
  family: string[];
  cities: string[];
  country?: string;
  phone: "IN" | "US" | "GB" | "AE" | "SG" | "DE";
  /** Latin → Devanagari for the names it has. */
  deva?: Record<string, string>;
}

const D = (pairs: string) => Object.fromEntries(pairs.split(",").map((p) => p.split("=").map((s) => s.trim())));
const L = (s: string) => s.split(",").map((x) => x.trim());

const COMMUNITIES: Community[] = [
  {
    name: "marathi",
    phone: "IN",
    cities: L("Pune,Mumbai,Nagpur,Nashik,Kolhapur,Aurangabad"),
    given: L(
      "Rahul,Sachin,Amit,Sneha,Priya,Pooja,Swapnil,Prasad,Vaishali,Ashwini,Nilesh,Ganesh,Mangesh,Rupali,Sunil,Prakash,Anil,Kiran,Shubham,Aniket,Madhuri,Tejas,Omkar,Sayali",
    ),
    family: L("Patil,Deshmukh,Kulkarni,Joshi,Jadhav,Pawar,Shinde,Gaikwad,Deshpande,Kale,More,Chavan,Bhosale,Kadam,Salunkhe,Apte"),
    deva: D(
      "Rahul=राहुल,Sachin=सचिन,Amit=अमित,Sneha=स्नेहा,Priya=प्रिया,Pooja=पूजा,Swapnil=स्वप्निल,Prasad=प्रसाद,Vaishali=वैशाली,Ashwini=अश्विनी,Nilesh=निलेश,Ganesh=गणेश,Mangesh=मंगेश,Rupali=रुपाली,Sunil=सुनील,Prakash=प्रकाश,Anil=अनिल,Kiran=किरण,Shubham=शुभम,Aniket=अनिकेत,Madhuri=माधुरी,Tejas=तेजस,Omkar=ओंकार,Sayali=सायली,Patil=पाटील,Deshmukh=देशमुख,Kulkarni=कुलकर्णी,Joshi=जोशी,Jadhav=जाधव,Pawar=पवार,Shinde=शिंदे,Gaikwad=गायकवाड,Deshpande=देशपांडे,Kale=काळे,More=मोरे,Chavan=चव्हाण,Bhosale=भोसले,Kadam=कदम,Salunkhe=साळुंखे,Apte=आपटे",
    ),
  },
  {
    name: "hindi",
    phone: "IN",
    cities: L("Delhi,Lucknow,Jaipur,Kanpur,Indore,Bhopal,Patna,Noida"),
    given: L(
      "Ankit,Rohit,Sandeep,Sunita,Neha,Vikas,Anjali,Deepak,Rajesh,Manoj,Pankaj,Ritu,Saurabh,Shweta,Abhishek,Kavita,Ramesh,Suresh,Mahesh,Dinesh,Alok,Nidhi,Gaurav",
    ),
    family: L("Sharma,Verma,Gupta,Singh,Yadav,Mishra,Tiwari,Pandey,Agarwal,Srivastava,Chauhan,Saxena,Dubey,Tripathi,Jain,Kumar"),
    deva: D(
      "Ankit=अंकित,Rohit=रोहित,Sandeep=संदीप,Sunita=सुनीता,Neha=नेहा,Vikas=विकास,Anjali=अंजली,Deepak=दीपक,Rajesh=राजेश,Manoj=मनोज,Pankaj=पंकज,Ritu=रितु,Saurabh=सौरभ,Shweta=श्वेता,Abhishek=अभिषेक,Kavita=कविता,Ramesh=रमेश,Suresh=सुरेश,Mahesh=महेश,Dinesh=दिनेश,Alok=आलोक,Nidhi=निधि,Gaurav=गौरव,Sharma=शर्मा,Verma=वर्मा,Gupta=गुप्ता,Singh=सिंह,Yadav=यादव,Mishra=मिश्रा,Tiwari=तिवारी,Pandey=पांडे,Agarwal=अग्रवाल,Srivastava=श्रीवास्तव,Chauhan=चौहान,Saxena=सक्सेना,Dubey=दुबे,Tripathi=त्रिपाठी,Jain=जैन,Kumar=कुमार",
    ),
  },
  {
    name: "tamil",
    phone: "IN",
    cities: L("Chennai,Coimbatore,Madurai,Trichy,Salem"),
    given: L("Karthik,Lakshmi,Arun,Senthil,Vignesh,Divya,Saravanan,Kavitha,Muthu,Priya,Deepa,Anand,Balaji,Sundar,Meena,Gayathri,Hariharan"),
    family: L("Iyer,Subramanian,Krishnan,Natarajan,Raman,Pillai,Venkatesan,Murugan,Rajendran,Sundaram,Chandrasekaran"),
  },
  {
    name: "telugu",
    phone: "IN",
    cities: L("Hyderabad,Vijayawada,Visakhapatnam,Guntur,Warangal"),
    given: L("Venkatesh,Srinivas,Naresh,Lakshmi,Sai Kiran,Ravi Teja,Swathi,Harika,Chaitanya,Prasanna,Mahesh,Sravani"),
    family: L("Reddy,Rao,Naidu,Chowdary,Varma,Raju,Goud,Murthy"),
  },
  {
    name: "bengali",
    phone: "IN",
    cities: L("Kolkata,Howrah,Durgapur,Siliguri"),
    given: L("Sourav,Arnab,Ananya,Debashish,Riya,Subhajit,Moumita,Sayan,Tanmoy,Paromita,Rituparna"),
    family: L("Banerjee,Chatterjee,Mukherjee,Ghosh,Das,Bose,Sen,Dutta,Chakraborty,Roy"),
  },
  {
    name: "gujarati",
    phone: "IN",
    cities: L("Ahmedabad,Surat,Vadodara,Rajkot"),
    given: L("Hardik,Jignesh,Hetal,Krunal,Nirav,Bhavna,Dhaval,Urvashi,Parth,Foram,Mitesh"),
    family: L("Patel,Shah,Mehta,Desai,Modi,Parekh,Trivedi,Panchal,Thakkar"),
  },
  {
    name: "punjabi",
    phone: "IN",
    cities: L("Amritsar,Ludhiana,Jalandhar,Chandigarh,Patiala"),
    given: L("Gurpreet,Harpreet,Manpreet,Jaspreet,Simran,Amandeep,Navjot,Harjit,Kulwinder,Rajinder"),
    family: L("Singh,Kaur,Gill,Sandhu,Dhillon,Grewal,Sidhu,Bajwa,Randhawa"),
  },
  {
    name: "malayali",
    phone: "IN",
    cities: L("Kochi,Thiruvananthapuram,Kozhikode,Thrissur"),
    given: L("Anoop,Arjun,Sreeja,Nithin,Aswathy,Jithin,Reshma,Vishnu,Anju,Sreekanth,Midhun"),
    family: L("Nair,Menon,Pillai,Kurian,Thomas,Varghese,Nambiar,Kurup,Mathew"),
  },
  {
    name: "anglo",
    phone: "US",
    country: "US",
    cities: L("New York,Boston,Chicago,Seattle"),
    given: L("Robert,Jennifer,Michael,Sarah,David,Emily,James,Olivia,William,Elizabeth,Katherine,Thomas"),
    family: L("Smith,Brown,Johnson,Williams,Taylor,Miller,Anderson,O'Connor"),
  },
  {
    name: "british",
    phone: "GB",
    country: "United Kingdom",
    cities: L("London,Manchester,Leeds"),
    given: L("Oliver,Charlotte,Harry,Amelia,George,Sophie,Seán,Siobhán"),
    family: L("Evans,Wright,Hughes,O'Brien,Murphy,Walsh"),
  },
  {
    name: "european",
    phone: "DE",
    country: "DE",
    cities: L("Berlin,Munich,Hamburg"),
    given: L("Jürgen,Björn,Søren,François,Hélène,José,María,Łukasz,Zoë,Renée,Chloé"),
    family: L("Müller,Schröder,Nielsen,Dubois,Lefèvre,García,Fernández,Kowalski,Weiß"),
  },
  {
    name: "gulf",
    phone: "AE",
    country: "UAE",
    cities: L("Dubai,Abu Dhabi,Sharjah"),
    given: L("Mohammed,Fatima,Ahmed,Aisha,Omar,Khalid,Mariam"),
    family: L("Al-Farsi,Al-Mansoori,Al-Hashimi,Khan,Siddiqui,Qureshi"),
  },
  {
    name: "singapore",
    phone: "SG",
    country: "Singapore",
    cities: L("Singapore"),
    given: L("Wei,Jia Hui,Ming,Siew Ling,Kumar,Hui Min"),
    family: L("Tan,Lim,Lee,Ng,Wong,Goh"),
  },
];

/** Real short forms, some of which a matcher's table will not have. */
const NICK_PAIRS: [string, string, string][] = [
  ["anglo", "Robert", "Bob"],
  ["anglo", "Robert", "Rob"],
  ["anglo", "William", "Bill"],
  ["anglo", "William", "Will"],
  ["anglo", "Michael", "Mike"],
  ["anglo", "James", "Jim"],
  ["anglo", "Thomas", "Tom"],
  ["anglo", "Elizabeth", "Liz"],
  ["anglo", "Elizabeth", "Beth"],
  ["anglo", "Katherine", "Kate"],
  ["anglo", "Jennifer", "Jenny"],
  ["anglo", "Christopher", "Chris"],
  ["anglo", "Daniel", "Dan"],
  ["anglo", "Joseph", "Joe"],
  ["anglo", "Richard", "Rick"],
  ["anglo", "Anthony", "Tony"],
  ["anglo", "Alexander", "Alex"],
  ["anglo", "Andrew", "Andy"],
  ["anglo", "Steven", "Steve"],
  ["anglo", "Margaret", "Maggie"],
  ["anglo", "Nicholas", "Nick"],
  ["anglo", "Matthew", "Matt"],
  ["anglo", "Samuel", "Sam"],
  ["telugu", "Venkatesh", "Venky"],
  ["telugu", "Venkatesh", "Venkat"],
  ["telugu", "Srinivas", "Srini"],
  ["tamil", "Subramanian", "Subbu"],
  ["tamil", "Balaji", "Bala"],
  ["hindi", "Priyanka", "Pinky"],
  ["hindi", "Abhishek", "Abhi"],
  ["hindi", "Vikram", "Vicky"],
  ["marathi", "Nikhil", "Nikki"],
  ["gujarati", "Siddharth", "Sid"],
  ["hindi", "Rajesh", "Raju"],
  ["marathi", "Sunil", "Sunny"],
  ["tamil", "Krishnan", "Krish"],
  ["hindi", "Jitendra", "Jeetu"],
  ["marathi", "Chandrashekhar", "Chandu"],
  ["hindi", "Aditya", "Adi"],
  ["gulf", "Mohammed", "Mohd"],
  ["gulf", "Mohammed", "Md"],
  ["telugu", "Satyanarayana", "Satya"],
  ["tamil", "Gopal", "Gopi"],
  ["hindi", "Deepak", "Deepu"],
  ["hindi", "Ashutosh", "Ashu"],
  ["marathi", "Rishikesh", "Rishi"],
  ["hindi", "Sanjay", "Sanju"],
  ["marathi", "Prakash", "Pakya"],
  ["telugu", "Ramesh", "Ramu"],
];

const IN_BRANDS = L(
  "Shree Ganesh,Sai,Kalpataru,Apex,Greenfield,Vighnaharta,Om Sai,Lakshmi,Sunrise,Bharat,Metro,Navkar,Pioneer,Sahyadri,Kaveri,Godavari,Trident,Nirmal,Ashoka,Anand,Siddhivinayak,Mahalaxmi,Balaji,Jai Hind,Everest,Orbit,Zenith,Vertex,Suvarna,Indus",
);
const IN_TRADES = L(
  "Builders,Infra Developers,Realty,Softech Solutions,Agro Industries,Constructions,Enterprises,Textiles,Pharma,Logistics,Realtors,Steel,Infotech,Foods,Engineering,Polymers,Packaging,Homes,Auto Parts,Chemicals",
);
const INTL_BRANDS = L("Northwind,Contoso,Globex,Initech,Umbrella,Stark,Wayne,Acme,Blue Harbor,Redwood,Silverline,Oakridge");
const INTL_TRADES = L("Traders,Logistics,Components,Foods,Robotics,Analytics,Capital,Health");
const IN_SUFFIXES = ["Pvt Ltd", "Pvt. Ltd.", "Private Limited", "PRIVATE LIMITED", "Ltd", "Limited", "LLP", "L.L.P.", ""];
const INTL_SUFFIXES = ["Inc", "Inc.", "LLC", "Ltd", "GmbH", "Corp", ""];
const STATE_CODES: Record<string, string> = {
  marathi: "27",
  hindi: "09",
  tamil: "33",
  telugu: "36",
  bengali: "19",
  gujarati: "24",
  punjabi: "03",
  malayali: "32",
};
const FREE_DOMAINS = [
  "gmail.com",
  "gmail.com",
  "gmail.com",
  "gmail.com",
  "yahoo.co.in",
  "yahoo.com",
  "rediffmail.com",
  "hotmail.com",
  "outlook.com",
];
const KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

interface Company {
  base: string;
  suffix: string;
  domain: string;
  gstin: string | null;
  landline: string;
}

interface Person {
  c: Community;
  given: string;
  family: string;
  /** A middle name when there is one (Marathi: father's or husband's given name). */
  middle?: string;
  email: string;
  phone: string;
  company: Company | null;
  city: string;
}

/** mulberry32: small, fast and good enough for test data. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDedupSet(seed: number, size: number): { pairs: DedupPair[] } {
  const gen = dedupGenerator(seed);
  return { pairs: Array.from({ length: size }, () => gen.pair()) };
}

/**
 * Background leads for a tenant of `size`: distinct people drawn like the pairs' (so the same names,
 * companies and cities recur as they do in real data), each written as some channel would.
 */
export function generatePopulation(seed: number, size: number): LeadLike[] {
  const gen = dedupGenerator(seed);
  return Array.from({ length: size }, () => gen.person());
}

/** One seeded stream of pairs and people; they never share an email or phone. */
export function dedupGenerator(seed: number): { pair(): DedupPair; person(): LeadLike } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join("");
  const usedEmails = new Set<string>();
  const usedPhones = new Set<string>();

  /** Digits with the country code: 919876543210, 14155550123 … (valid numbering plans). */
  function newPhone(kind: Community["phone"], landline = false): string {
    for (;;) {
      const n =
        kind === "IN"
          ? landline
            ? `91${pick(["20", "22", "40", "44", "80", "33"])}${int(2, 6)}${digits(7)}`
            : `91${pick(["98", "97", "99", "96", "88", "87", "70", "73", "63", "81"])}${digits(8)}`
          : kind === "US"
            ? `1${pick(["212", "415", "646", "617", "312", "206"])}${int(2, 9)}${digits(2)}${digits(4)}`
            : kind === "GB"
              ? `447${pick(["400", "700", "800", "900"])}${digits(6)}`
              : kind === "AE"
                ? `9715${pick(["0", "2", "5", "6"])}${digits(7)}`
                : kind === "SG"
                  ? `65${pick(["8", "9"])}${digits(7)}`
                  : `49${pick(["151", "152", "176"])}${digits(8)}`;
      // Only numbers a phone library accepts: the set tests matching, not number validation.
      if (/^1\d{3}555/.test(n) || usedPhones.has(n) || !normalizePhone(`+${n}`, "IN")) continue;
      usedPhones.add(n);
      return n;
    }
  }

  /** A number as people write it; without the country code only where the lead's region reads it. */
  function formatPhone(n: string, national = true): string {
    const cc = n.startsWith("1") ? 1 : n.startsWith("971") ? 3 : 2;
    const spaced = `+${n.slice(0, cc)} ${n.slice(cc, cc + 3)} ${n.slice(cc + 3)}`;
    if (!national && !n.startsWith("91")) return pick([`+${n}`, `00${n}`, spaced]);
    if (n.startsWith("91") && n.length === 12) {
      const m = n.slice(2);
      if (/^91[2-6]/.test(n) && n[2] !== "9")
        return pick([
          `+91 ${m.slice(0, 2)} ${m.slice(2)}`,
          `0${m.slice(0, 2)}-${m.slice(2)}`,
          `(0${m.slice(0, 2)}) ${m.slice(2, 6)} ${m.slice(6)}`,
        ]);
      return pick([
        `+91 ${m.slice(0, 5)} ${m.slice(5)}`,
        `0${m.slice(0, 5)} ${m.slice(5)}`,
        `(+91) ${m.slice(0, 5)}-${m.slice(5)}`,
        n,
        m,
        `+91-${m}`,
        `0091 ${m}`,
      ]);
    }
    if (n.startsWith("1")) {
      const m = n.slice(1);
      return pick([
        `+1 (${m.slice(0, 3)}) ${m.slice(3, 6)}-${m.slice(6)}`,
        `(${m.slice(0, 3)}) ${m.slice(3, 6)}-${m.slice(6)}`,
        `+${n}`,
        `${m.slice(0, 3)}.${m.slice(3, 6)}.${m.slice(6)}`,
      ]);
    }
    return pick([`+${n}`, spaced, `00${n}`]);
  }

  const slug = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");

  function newEmail(given: string, family: string, domain: string): string {
    const g = slug(given);
    const f = slug(family);
    for (let i = 0; ; i++) {
      const local = pick([
        `${g}.${f}`,
        `${g}${f}`,
        `${g}_${f}`,
        `${g[0]}${f}`,
        `${g}${int(1, 99)}`,
        `${g}.${f}${int(70, 99)}`,
        `${f}.${g}`,
      ]);
      const email = `${i > 2 ? `${local}${int(100, 999)}` : local}@${domain}`;
      // Unique as mailboxes: k.atherine@gmail.com is katherine@gmail.com.
      if (!usedEmails.has(canonicalEmail(email))) {
        usedEmails.add(canonicalEmail(email));
        return email;
      }
    }
  }

  function newCompany(c: Community): Company {
    const intl = c.phone !== "IN";
    const base = intl ? `${pick(INTL_BRANDS)} ${pick(INTL_TRADES)}` : `${pick(IN_BRANDS)} ${pick(IN_TRADES)}`;
    let gstin: string | null = null;
    if (!intl && chance(0.5)) {
      const letters = () => String.fromCharCode(65 + int(0, 25));
      const pan = `${letters()}${letters()}${letters()}C${slug(base)[0].toUpperCase()}${digits(4)}${letters()}`;
      const first14 = `${STATE_CODES[c.name] ?? "27"}${pan}1Z`;
      gstin = first14 + gstinCheckChar(first14);
    }
    return {
      base,
      suffix: pick(intl ? INTL_SUFFIXES : IN_SUFFIXES),
      domain: `${slug(base)}.${intl ? "com" : pick(["in", "com", "co.in"])}`,
      gstin,
      landline: newPhone(c.phone, true),
    };
  }

  function newPerson(c: Community, given?: string, family?: string, company?: Company | null): Person {
    given ??= pick(c.given);
    family ??= c.name === "tamil" && chance(0.15) ? pick(c.family)[0] : pick(c.family);
    const co = company === undefined ? (chance(0.6) ? newCompany(c) : null) : company;
    const domain = co && chance(0.35) ? co.domain : pick(FREE_DOMAINS);
    return { c, given, family, email: newEmail(given, family, domain), phone: newPhone(c.phone), company: co, city: pick(c.cities) };
  }

  /** The person as a lead from some channel: split or full name, company with some suffix, GSTIN sometimes. */
  function writePhone(lead: LeadLike, n: string): void {
    lead.phone = formatPhone(n, lead.country != null);
  }

  function leadOf(p: Person): LeadLike {
    const first = p.middle ? `${p.given} ${p.middle}` : p.given;
    const lead: LeadLike = chance(0.5) ? { first_name: first, last_name: p.family } : { name: `${first} ${p.family}` };
    lead.email = p.email;
    if (p.company) {
      lead.company = `${p.company.base} ${p.company.suffix}`.trim();
      if (p.company.gstin && chance(0.5)) lead.gstin = p.company.gstin;
    }
    lead.city = p.city;
    if (p.c.country && chance(0.8)) lead.country = p.c.country;
    if (!p.c.country && chance(0.3)) lead.country = "India";
    writePhone(lead, p.phone);
    return lead;
  }

  function setName(lead: LeadLike, first: string, last: string): void {
    delete lead.first_name;
    delete lead.last_name;
    delete lead.name;
    if (chance(0.5)) Object.assign(lead, { first_name: first, last_name: last });
    else lead.name = `${first} ${last}`.trim();
  }

  /** One slip of a finger: a neighbouring key, a letter dropped, doubled or swapped (never the first). */
  function typo(word: string): string {
    const i = int(1, word.length - 1);
    const ch = word[i].toLowerCase();
    switch (int(0, 3)) {
      case 0: {
        const row = KEYBOARD.find((r) => r.includes(ch));
        if (!row) return word.slice(0, i) + word.slice(i + 1);
        const k = row.indexOf(ch);
        const next = row[k + (k === 0 ? 1 : k === row.length - 1 ? -1 : pick([-1, 1]))];
        return word.slice(0, i) + next + word.slice(i + 1);
      }
      case 1:
        return word.slice(0, i) + word.slice(i + 1);
      case 2:
        return word.slice(0, i) + word[i] + word.slice(i);
      default:
        return i < word.length - 1 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + word.slice(i + 1);
    }
  }

  const emailVariant = (e: string) => {
    const [local, domain] = e.split("@");
    const forms = [
      `${local.toUpperCase()}@${domain}`,
      `${local[0].toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`,
      `${local}+${pick(["ads", "fb", "diwali", "promo", "crm"])}@${domain}`,
      ` ${e} `,
    ];
    if (domain === "gmail.com")
      forms.push(`${local.replace(/\./g, "").split("").join(".")}@gmail.com`, `${local.replace(/\./g, "")}@googlemail.com`);
    return pick(forms);
  };

  /** Another way of writing the same person, or another person, by kind. */
  function makePair(kind: DedupKind): DedupPair {
    let c = pick(COMMUNITIES);
    if (kind === "devanagari") c = pick(COMMUNITIES.filter((x) => x.deva));
    let p = newPerson(c);
    const [nickCommunity, nickFull, nick] = pick(NICK_PAIRS);
    if (kind === "nickname") {
      c = COMMUNITIES.find((x) => x.name === nickCommunity)!;
      p = newPerson(c, nickFull);
    }
    if (
      ["company_suffix", "colleagues_same_company", "same_email_domain", "office_switchboard", "office_line_same_person"].includes(kind) &&
      !p.company
    ) {
      p = newPerson(c, p.given, p.family, newCompany(c));
    }
    if (kind === "email_domain_typo" && !FREE_DOMAINS.includes(p.email.split("@")[1]))
      p.email = newEmail(p.given, p.family, pick(FREE_DOMAINS));
    if (kind === "same_email_domain") p.email = newEmail(p.given, p.family, p.company!.domain);
    const a = leadOf(p);
    let b: LeadLike = { ...leadOf(p) };
    const same = (POSITIVE_KINDS as readonly string[]).includes(kind);
    let context: DedupPair["context"];
    const first = p.given;
    switch (kind) {
      case "exact_repeat":
        b = { ...a };
        break;
      case "email_variant":
        b.email = emailVariant(p.email);
        break;
      case "email_domain_typo": {
        const [local, domain] = p.email.split("@");
        const [host, ...tld] = domain.split(".");
        b.email = chance(0.75) ? `${local}@${typo(host)}.${tld.join(".")}` : `${local}@${host}.${pick(["con", "co", "cm", "om", "comm"])}`;
        if (domain.endsWith(".co.in") && b.email.endsWith(".co")) b.email += ".in";
        break;
      }
      case "phone_format":
        writePhone(b, p.phone);
        if (chance(0.5)) delete b.email;
        break;
      case "name_format": {
        const full = `${first} ${p.family}`;
        const plain = full.normalize("NFKD").replace(/\p{M}/gu, "");
        const forms = [
          full.toUpperCase(),
          full.toLowerCase(),
          `  ${full}. `,
          plain,
          plain.replace(/'/g, ""),
          full.replace(/-/g, " "),
          `${pick(["Mr.", "Ms.", "Dr.", "Shri"])} ${full}`,
          `${full.replace(/ /g, "  ")}`,
        ];
        b.name = pick(forms);
        delete b.first_name;
        delete b.last_name;
        break;
      }
      case "initials": {
        const init = first
          .split(" ")
          .map((t) => `${t[0]}${pick([".", "", ". "])}`)
          .join(" ")
          .trim();
        if (chance(0.75)) setName(b, init, p.family);
        else setName(b, first, `${p.family[0]}.`);
        break;
      }
      case "nickname":
        setName(b, nick, p.family);
        break;
      case "swapped_names":
        delete b.name;
        delete b.first_name;
        delete b.last_name;
        if (chance(0.5)) Object.assign(b, { first_name: p.family, last_name: first });
        else b.name = `${p.family}${pick([" ", ", "])}${first}`;
        break;
      case "devanagari": {
        const deva = c.deva!;
        setName(b, deva[first] ?? first, deva[p.family] ?? p.family);
        break;
      }
      case "company_suffix": {
        const base = p.company!.base;
        b.company = pick([
          `${base} ${pick(IN_SUFFIXES.concat(INTL_SUFFIXES))}`.trim(),
          base.toUpperCase(),
          base.replace(/ /g, "  "),
          `${base}, ${pick(["Pvt Ltd", "Inc", "LLP"])}`,
        ]);
        break;
      }
      case "name_typo": {
        const targets = [first, p.family].filter((t) => t.length >= 4);
        const t = targets.length ? pick(targets) : first;
        setName(b, t === first ? typo(first) : first, t === p.family ? typo(p.family) : p.family);
        break;
      }
      case "new_phone_same_email":
        writePhone(b, newPhone(c.phone));
        break;
      case "new_email_same_phone":
        b.email = newEmail(first, p.family, pick(FREE_DOMAINS));
        break;
      case "office_line_same_person":
        writePhone(a, p.company!.landline);
        writePhone(b, p.company!.landline);
        if (chance(0.6)) b.email = newEmail(first, p.family, pick(FREE_DOMAINS));
        context = { phoneSharedBy: int(3, 12) };
        break;
      case "same_name_other_person": {
        // Sometimes at the same (large) company: still two people.
        const q = newPerson(c, first, p.family, p.company && chance(0.1) ? p.company : undefined);
        b = leadOf(q);
        if (chance(0.3)) b.city = a.city;
        break;
      }
      case "family_shared_phone": {
        const q = newPerson(c, pick(c.given.filter((g) => g !== first)), p.family, chance(0.3) ? p.company : null);
        if (c.name === "marathi" && chance(0.4)) q.middle = first;
        b = leadOf(q);
        writePhone(b, p.phone);
        b.city = a.city;
        if (chance(0.3)) delete b.email;
        break;
      }
      case "colleagues_same_company":
      case "same_email_domain":
      case "office_switchboard": {
        const qc = chance(0.7) ? c : pick(COMMUNITIES);
        const q = newPerson(qc, undefined, undefined, p.company);
        if (q.given === first && q.family === p.family) q.given = pick(qc.given.filter((g) => g !== first));
        if (kind !== "colleagues_same_company" || chance(0.5)) q.email = newEmail(q.given, q.family, p.company!.domain);
        b = leadOf(q);
        if (kind === "same_email_domain" && chance(0.5)) delete b.company;
        if (chance(0.7)) b.city = a.city;
        if (kind === "office_switchboard") {
          writePhone(a, p.company!.landline);
          writePhone(b, p.company!.landline);
          if (chance(0.3)) a.email = b.email = `${pick(["info", "sales", "contact", "enquiry"])}@${p.company!.domain}`;
          context = { phoneSharedBy: int(3, 12) };
        }
        break;
      }
      case "same_surname_city": {
        const q = newPerson(c, pick(c.given.filter((g) => g !== first)), p.family);
        b = leadOf(q);
        b.city = a.city;
        break;
      }
    }
    if (same && kind !== "exact_repeat") addNoise(kind, b);
    return { kind, same, a, b, ...(context ? { context } : {}) };
  }

  /** What other channels do to a returning lead: a field left out, the phone written another way. */
  function addNoise(kind: DedupKind, b: LeadLike): void {
    // A second difference on top of the kind's: the name retyped in capitals, the email with a tag.
    const nameKinds = ["name_format", "initials", "nickname", "swapped_names", "devanagari", "name_typo"];
    if (!nameKinds.includes(kind) && chance(0.2)) {
      const full = b.name ?? `${b.first_name ?? ""} ${b.last_name ?? ""}`.trim();
      delete b.first_name;
      delete b.last_name;
      b.name = chance(0.5) ? full.toUpperCase() : full.toLowerCase();
    }
    if (kind !== "email_variant" && b.email && chance(0.15)) b.email = emailVariant(b.email.trim());
    const needsEmail = ["email_variant", "email_domain_typo", "new_phone_same_email"].includes(kind);
    const needsPhone = ["phone_format", "new_email_same_phone", "office_line_same_person"].includes(kind);
    if (!needsEmail && b.phone && b.email && chance(0.15)) delete b.email;
    else if (!needsPhone && b.email && b.phone && chance(0.15)) delete b.phone;
    if (kind !== "company_suffix" && chance(0.25)) delete b.company;
    if (chance(0.3)) delete b.city;
  }

  return {
    pair: () => makePair(chance(0.68) ? pick(POSITIVE_KINDS) : pick(NEGATIVE_KINDS)),
    person: () => leadOf(newPerson(pick(COMMUNITIES))),
  };
}
