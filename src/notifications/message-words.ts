// What every message Cymuned sends opens and closes with, in both languages.

export const messageWords = {
  greeting: { cy: 'Helo', en: 'Hello' },
  // Welsh Language Standards: every message says Welsh correspondence is welcome.
  welsh: {
    cy: 'Rydym yn croesawu gohebiaeth yn Gymraeg a byddwn yn ateb yn Gymraeg.',
    en: 'We welcome correspondence in Welsh and will answer in Welsh.',
  },
};
