/** Every route of the app, with the heading it must show (online and off). */
export const ROUTES: [path: string, heading: string][] = [
  ['/', 'Inclusion Companion'],
  ['/forums', 'Inclusion forums'],
  ['/forums/early-years', 'Early years inclusion forum'],
  ['/forums/primary', 'Primary inclusion forum'],
  ['/forums/secondary', 'Secondary inclusion forum'],
  ['/forums/post-16', 'Post 16 education, employment and training (EET) forum'],
  ['/which-forum', 'Which forum is right for this child?'],
  ['/directory', 'Support services'],
  ['/exclusions', 'Exclusions: what to do'],
  ['/outbox', 'Outbox'],
  ['/settings', 'Settings'],
  ['/settings/enrolment', 'Enrol this device'],
  ['/no-such-page', 'Page not found'],
]
