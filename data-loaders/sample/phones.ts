/** Phone numbers: plausible formats per country, random digits. */
import type { Random } from "./random.ts";

/** A plausible phone number for the country; North American, British, French and Australian ones are from the ranges reserved for fiction. */
export function phoneNumber(rng: Random, country: string, mobile: boolean): string {
  switch (country) {
    case "South Korea":
      if (mobile) return `+82 10-${digits(rng, 4)}-${digits(rng, 4)}`;
      return rng.chance(0.8) ? `+82 2-${digits(rng, 4)}-${digits(rng, 4)}` : `+82 51-${digits(rng, 3)}-${digits(rng, 4)}`;
    case "United States":
    case "Canada":
      return `(${rng.pick(["212", "415", "646", "312", "617", "206", "512", "404", "303", "416", "604"])}) 555-01${digits(rng, 2)}`;
    case "United Kingdom":
      return mobile ? `+44 7700 900${digits(rng, 3)}` : `+44 20 7946 0${digits(rng, 3)}`;
    case "France":
      return `+33 1 99 00 ${digits(rng, 2)} ${digits(rng, 2)}`;
    case "Australia":
      return mobile ? `+61 491 570 ${digits(rng, 3)}` : `+61 2 5550 ${digits(rng, 4)}`;
    case "Japan":
      return mobile ? `+81 90-${digits(rng, 4)}-${digits(rng, 4)}` : `+81 3-${digits(rng, 4)}-${digits(rng, 4)}`;
    case "Singapore":
      return mobile ? `+65 9${digits(rng, 3)} ${digits(rng, 4)}` : `+65 6${digits(rng, 3)} ${digits(rng, 4)}`;
    case "Germany":
      return mobile ? `+49 151 ${digits(rng, 8)}` : `+49 30 ${digits(rng, 8)}`;
    case "Netherlands":
      return mobile ? `+31 6 ${digits(rng, 8)}` : `+31 20 ${digits(rng, 3)} ${digits(rng, 4)}`;
    case "Taiwan":
      return `+886 2 ${digits(rng, 4)} ${digits(rng, 4)}`;
    case "Vietnam":
      return `+84 28 ${digits(rng, 4)} ${digits(rng, 4)}`;
    default:
      return `+971 4 ${digits(rng, 3)} ${digits(rng, 4)}`;
  }
}

function digits(rng: Random, count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

