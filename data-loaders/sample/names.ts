/**
 * Names: deterministic word lists. Company names are invented; person names are common given names and
 * surnames, combined at random, so no real person is described.
 */
import type { Region } from "./parameters.ts";
import type { Random } from "./random.ts";

const COMPANY_BRANDS = [
  "Hanbit", "Saebyeok", "Mirae", "Haneul", "Dasol", "Nuri", "Bomnal", "Gaon", "Narae", "Bitna", "Areum", "Taebaek",
  "Onnuri", "Seorin", "Jaram", "Northwind", "Bluepeak", "Silverline", "Ironbridge", "Cedar", "Harbor", "Summit",
  "Lumen", "Vertex", "Pinewood", "Redstone", "Brightwater", "Clearview", "Granite", "Maple", "Oakridge", "Riverside",
  "Skyline", "Sterling", "Tidewater", "Evergreen", "Crescent", "Beacon", "Falcon", "Atlas", "Nova", "Orion",
  "Polaris", "Zenith", "Apex", "Meridian", "Horizon", "Keystone", "Lakeshore", "Westgate", "Eastbridge", "Goldleaf",
  "Ember", "Copperfield", "Highland", "Kestrel", "Larkspur", "Monarch", "Northstar", "Prairie", "Sapphire", "Trident",
  "Vanguard", "Willow", "Aurora", "Blackwood", "Coral", "Driftwood", "Foxglove", "Sakura", "Kaimon", "Lotus",
  "Marlin", "Saffron", "Tamarind", "Juniper", "Halcyon", "Quarry", "Rookwood", "Bramble",
];
const COMPANY_QUALIFIERS = ["Global", "Digital", "Smart", "United", "Advanced", "Precision", "Green", "Pacific", "Asia", "Korea", "Coastal", "Metro", "Prime", "First", "Grand", "Modern", "Allied", "Central", "Bright", "Next"];
const COMPANY_CORES = [
  "Logistics", "Foods", "Systems", "Electronics", "Motors", "Chemicals", "Pharma", "Textiles", "Robotics", "Semiconductor",
  "Biotech", "Energy", "Construction", "Retail", "Media", "Software", "Networks", "Instruments", "Materials", "Machinery",
  "Shipping", "Hospitality", "Healthcare", "Analytics", "Security", "Packaging", "Plastics", "Steel", "Telecom", "Insurance",
  "Capital", "Beverages", "Apparel", "Cosmetics", "Furniture", "Engineering", "Labs", "Solutions", "Industries", "Trading",
];
const COMPANY_SUFFIXES = ["", "", " Co.", " Inc.", " Ltd.", " Corp.", " Group", " Holdings", " Co., Ltd."];
/** Korean company names: [hangul, romanisation for the e-mail domain]. */
const KOREAN_BRANDS: ReadonlyArray<[string, string]> = [
  ["서울", "seoul"], ["부산", "busan"], ["대한", "daehan"], ["한빛", "hanbit"], ["미래", "mirae"], ["세종", "sejong"],
  ["동방", "dongbang"], ["태평", "taepyeong"], ["새벽", "saebyeok"], ["하늘", "haneul"], ["누리", "nuri"], ["가온", "gaon"],
  ["한결", "hangyeol"], ["푸른", "pureun"], ["다솜", "dasom"], ["온누리", "onnuri"], ["바른", "bareun"], ["으뜸", "eutteum"],
  ["참빛", "chambit"], ["한울", "hanul"], ["청운", "cheongun"], ["백두", "baekdu"], ["금강", "geumgang"], ["태백", "taebaek"],
];
const KOREAN_CORES: ReadonlyArray<[string, string]> = [
  ["정밀", "precision"], ["물산", "trading"], ["전자", "electronics"], ["식품", "foods"], ["화학", "chemical"], ["건설", "construction"],
  ["테크", "tech"], ["시스템", "systems"], ["바이오", "bio"], ["로지스", "logis"], ["제약", "pharm"], ["섬유", "textile"],
  ["기계", "machinery"], ["소프트", "soft"], ["에너지", "energy"], ["통신", "telecom"], ["산업", "industrial"], ["유통", "distribution"],
];
const KOREAN_FORMS = ["{name}", "{name}", "(주){name}", "{name} 주식회사"];

const KOREAN_SURNAMES: ReadonlyArray<[string, string]> = [
  ["김", "Kim"], ["이", "Lee"], ["박", "Park"], ["최", "Choi"], ["정", "Jung"], ["강", "Kang"], ["조", "Cho"], ["윤", "Yoon"],
  ["장", "Jang"], ["임", "Lim"], ["한", "Han"], ["오", "Oh"], ["서", "Seo"], ["신", "Shin"], ["권", "Kwon"], ["황", "Hwang"],
  ["안", "Ahn"], ["송", "Song"], ["유", "Yoo"], ["홍", "Hong"],
];
const KOREAN_GIVEN_NAMES: ReadonlyArray<[string, string]> = [
  ["민준", "Minjun"], ["서연", "Seoyeon"], ["지우", "Jiwoo"], ["하준", "Hajun"], ["서준", "Seojun"], ["지호", "Jiho"],
  ["예준", "Yejun"], ["도윤", "Doyun"], ["하윤", "Hayoon"], ["지민", "Jimin"], ["수진", "Sujin"], ["현우", "Hyunwoo"],
  ["성민", "Sungmin"], ["재원", "Jaewon"], ["다혜", "Dahye"], ["민서", "Minseo"], ["혜진", "Hyejin"], ["영호", "Youngho"],
  ["동현", "Donghyun"], ["지훈", "Jihoon"], ["승우", "Seungwoo"], ["나연", "Nayeon"], ["유나", "Yuna"], ["은우", "Eunwoo"],
];
const WESTERN_GIVEN_NAMES = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan",
  "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Emily",
  "Paul", "Laura", "Steven", "Anna", "Andrew", "Olivia", "Lukas", "Sophie", "Hannah", "Pierre", "Camille", "Marco",
  "Giulia", "Lars", "Emma", "Noah", "Amélie", "Jürgen", "Chloé", "Mateo",
];
const WESTERN_SURNAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
  "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Müller", "Schmidt", "Schneider", "Fischer",
  "Dubois", "Moreau", "Rossi", "Bianchi", "Jansen", "de Vries", "O'Brien", "Murphy", "Kelly", "Novak", "Lindqvist",
];
const JAPANESE_GIVEN_NAMES = ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Sakura", "Kenji", "Mei"];
const JAPANESE_SURNAMES = ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Nakamura", "Kobayashi"];
const CHINESE_GIVEN_NAMES = ["Wei", "Jia Hui", "Jun Jie", "Xin Yi", "Hao", "Mei Ling", "Zhi Wei", "Li Na"];
const CHINESE_SURNAMES = ["Tan", "Lim", "Lee", "Ng", "Wong", "Chen", "Goh", "Nguyen", "Tran"];

/** Job titles of the people behind leads; Korean titles go with some Hangul names. */
export const LEAD_TITLES = [
  "CEO", "COO", "CFO", "CTO", "VP of Sales", "Head of Sales Operations", "Sales Manager", "Marketing Director",
  "IT Manager", "Operations Manager", "Procurement Manager", "Director of Business Development", "Revenue Operations Lead",
  "Customer Service Manager", "General Manager", "Team Lead", "Business Analyst", "Project Manager",
];
export const KOREAN_TITLES = ["대표이사", "영업팀장", "마케팅 팀장", "영업본부장", "경영지원팀 과장", "IT 팀장", "전략기획실 차장"];

/** A person's name as written on the record, and in ASCII for the e-mail address. */
export interface PersonName {
  firstName: string;
  lastName: string;
  /** ASCII names for the e-mail address. */
  emailFirst: string;
  emailLast: string;
  hangul: boolean;
}

/** A name for a person in `region`: Korean in Korea (a quarter written in Hangul); Korean, Japanese, Chinese or Western in the rest of Asia-Pacific; Western elsewhere. */
export function personName(rng: Random, region: Region): PersonName {
  const roll = rng.next();
  if (region === "Seoul" || region === "Busan" || (region === "APAC" && roll < 0.1)) {
    const [lastHangul, lastRoman] = rng.pick(KOREAN_SURNAMES);
    const [firstHangul, firstRoman] = rng.pick(KOREAN_GIVEN_NAMES);
    const hangul = rng.chance(0.25);
    return hangul
      ? { firstName: firstHangul, lastName: lastHangul, emailFirst: firstRoman, emailLast: lastRoman, hangul }
      : { firstName: firstRoman, lastName: lastRoman, emailFirst: firstRoman, emailLast: lastRoman, hangul };
  }
  let firstName: string;
  let lastName: string;
  if (region === "APAC" && roll < 0.45) [firstName, lastName] = [rng.pick(JAPANESE_GIVEN_NAMES), rng.pick(JAPANESE_SURNAMES)];
  else if (region === "APAC" && roll < 0.8) [firstName, lastName] = [rng.pick(CHINESE_GIVEN_NAMES), rng.pick(CHINESE_SURNAMES)];
  else [firstName, lastName] = [rng.pick(WESTERN_GIVEN_NAMES), rng.pick(WESTERN_SURNAMES)];
  return { firstName, lastName, emailFirst: firstName, emailLast: lastName, hangul: false };
}

/** Lower-case ASCII for an e-mail local part or domain: accents dropped, spaces and apostrophes removed. */
export function asciiSlug(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** An address at `domain`: first.last, flast or first. */
export function emailAddress(rng: Random, name: PersonName, domain: string): string {
  const first = asciiSlug(name.emailFirst);
  const last = asciiSlug(name.emailLast);
  const roll = rng.next();
  const local = roll < 0.75 ? `${first}.${last}` : roll < 0.9 ? `${first.charAt(0)}${last}` : first;
  return `${local}@${domain}`;
}

/** A unique company name and its e-mail domain. A few are Korean (Unicode), a few carry quotes or commas. */
export function companyName(rng: Random, region: Region, used: Set<string>, quoted: boolean): { name: string; domain: string } {
  const korean = !quoted && (region === "Seoul" || region === "Busan") && rng.chance(0.12);
  for (let attempt = 0; attempt < 50; attempt++) {
    let name: string;
    let domain: string;
    if (korean && attempt < 10) {
      const [brand, brandRoman] = rng.pick(KOREAN_BRANDS);
      const [core, coreRoman] = rng.pick(KOREAN_CORES);
      name = rng.pick(KOREAN_FORMS).replace("{name}", brand + core);
      domain = `${brandRoman}-${coreRoman}.example`;
    } else {
      const brand = rng.pick(COMPANY_BRANDS);
      const qualifier = rng.chance(0.4) ? ` ${rng.pick(COMPANY_QUALIFIERS)}` : "";
      const core = rng.pick(COMPANY_CORES);
      name = `${quoted ? `"${brand}"` : brand}${qualifier} ${core}${rng.pick(COMPANY_SUFFIXES)}`;
      domain = `${asciiSlug(brand)}${asciiSlug(qualifier)}-${asciiSlug(core)}.example`;
    }
    if (!used.has(name)) {
      used.add(name);
      return { name, domain };
    }
  }
  // Name space exhausted (millions of accounts): number the name to keep it unique.
  const base = `${rng.pick(COMPANY_BRANDS)} ${rng.pick(COMPANY_CORES)}`;
  let n = 2;
  while (used.has(`${base} ${n}`)) n++;
  used.add(`${base} ${n}`);
  return { name: `${base} ${n}`, domain: `${asciiSlug(base)}${n}.example` };
}
