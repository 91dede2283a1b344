/** Friendly generated nicknames ("Brave Otter") for classes that prefer them. Randomness is passed in. @module */

const ADJECTIVES = [
  'Brave',
  'Calm',
  'Clever',
  'Curious',
  'Eager',
  'Gentle',
  'Happy',
  'Jolly',
  'Kind',
  'Lucky',
  'Mighty',
  'Nimble',
  'Proud',
  'Quick',
  'Quiet',
  'Shiny',
  'Swift',
  'Witty',
  'Bold',
  'Bright',
] as const;
const ANIMALS = [
  'Otter',
  'Falcon',
  'Panda',
  'Koala',
  'Lynx',
  'Heron',
  'Badger',
  'Dolphin',
  'Gecko',
  'Ibis',
  'Marmot',
  'Narwhal',
  'Owl',
  'Puffin',
  'Quokka',
  'Raven',
  'Seal',
  'Tiger',
  'Walrus',
  'Yak',
] as const;

/**
 * A nickname not in `taken` (compared case-insensitively). `random` returns integers in [0, n); after the
 * 400 plain names are used up, a number is added.
 */
export function generateNickname(random: (n: number) => number, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = `${ADJECTIVES[random(ADJECTIVES.length)]} ${ANIMALS[random(ANIMALS.length)]}`;
    if (!used.has(name.toLowerCase())) return name;
  }
  for (let n = 2; ; n++) {
    const name = `${ADJECTIVES[random(ADJECTIVES.length)]} ${ANIMALS[random(ANIMALS.length)]} ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
