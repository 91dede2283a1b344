/** English: the class settings a teacher reads. @module */
export const SETTINGS = {
  'settings.rotation.fewer':
    '{rounds} {rounds|round|rounds}: each student plays {rounds} of the {roles} roles. With {roles} rounds, everyone plays every role.',
  'settings.rotation.exact': '{rounds} rounds: everyone plays every role {times|once|# times}.',
  'settings.rotation.more':
    '{rounds} rounds: everyone plays every role {times|once|# times}, and {extra} {extra|role|roles} once more.',
} as const;
