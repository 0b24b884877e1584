// English: the second language of the portal.
import type { Messages } from './id'

const en: Messages = {
  app: {
    name: 'Bina',
    tagline: 'Competency development portal for the civil servants of Jambi Province',
  },
  nav: {
    home: 'Home',
    catalog: 'Course catalogue',
    myLearning: 'My learning',
    profile: 'Competency profile',
    team: 'My team',
    admin: 'Administration',
    users: 'Users',
    organisation: 'Organisation',
    authoring: 'Manage courses',
    jobs: 'Job queues',
    notifications: 'Notifications',
    signOut: 'Sign out',
    signIn: 'Sign in',
    skip: 'Skip to main content',
    language: 'Language',
    mainMenu: 'Main menu',
  },
  roles: {
    ASN: 'ASN (learner)',
    INSTRUCTOR: 'Instructor',
    SUPERVISOR: 'Supervisor',
    ADMIN: 'Admin',
  },
  jabatanKind: {
    JPT_MADYA: 'JPT Madya',
    JPT_PRATAMA: 'JPT Pratama',
    ADMINISTRATOR: 'Administrator',
    PENGAWAS: 'Pengawas',
    PELAKSANA: 'Pelaksana',
    FUNGSIONAL: 'Functional',
  },
  login: {
    title: 'Sign in to Bina',
    identifier: 'NIP or email',
    identifierHint: '18-digit NIP, spaces allowed.',
    password: 'Password',
    submit: 'Sign in',
    expired: 'Your session has ended. Please sign in again.',
    signedOut: 'You have signed out.',
  },
  home: {
    greeting: 'Welcome, {{name}}',
    unit: 'Unit',
    jabatan: 'Position',
    roles: 'Roles',
    nip: 'NIP',
    employeeKind: 'Status',
    noUnit: 'Not assigned',
  },
  notifications: {
    title: 'Notifications',
    empty: 'No notifications yet.',
    markAll: 'Mark all as read',
    unread: '{{count}} unread',
  },
  errors: {
    forbiddenTitle: 'Access denied',
    notFoundTitle: 'Page not found',
    genericTitle: 'Something went wrong',
    generic: 'Sorry, the server ran into an error. Please try again shortly.',
    back: 'Back to home',
  },
  domain: {
    numbers: {
      DOT_THOUSANDS_OR_DECIMAL:
        'A number can be read two ways (e.g. 6.600: six thousand six hundred, or 6.6). Write thousands with a dot and decimals with a comma: 6.600 or 6,6; write millions in full, e.g. 6.600.000.',
      COMMA_DECIMAL_OR_THOUSANDS:
        'A number like 1,500 reads as 1.5 (the comma is the decimal mark). For one thousand five hundred write 1.500.',
      ENGLISH_SEPARATORS: 'Use a dot for thousands and a comma for decimals, e.g. 5.250.000,50.',
      NOT_A_NUMBER: 'Enter a number, e.g. 6.600.000 or 1,5.',
    },
    rating: {
      rule: 'How levels are computed: every answered quiz attempt is evidence for {{years}} years; an attempt with nothing answered does not count. For each level your best result on that level’s questions is used; a level is reached when that best result is at least {{threshold}}% and every lower level that has questions is reached too. A worse retake does not lower a level.',
      notMeasured: 'not yet measured',
      belowLevel1: '0 — level 1 not yet reached',
      levelLine: 'Level {{level}}: best {{percent}}% ({{date}})',
      reached: 'reached',
      notReached: 'not reached, needs {{threshold}}%',
      blank: 'nothing answered, not counted',
      expired: 'older than {{years}} years, not counted',
      quizNote:
        'For competency levels: an attempt with nothing answered does not count; for each level your best result of the last {{years}} years is used (at least {{threshold}}%). A retake cannot lower your level.',
    },
    gradingMethod: {
      name: { HIGHEST: 'Highest', LAST: 'Latest', FIRST: 'First', AVERAGE: 'Average' },
      counts: {
        HIGHEST: 'the highest grade',
        LAST: 'the latest grade',
        FIRST: 'the first grade',
        AVERAGE: 'the average grade',
      },
      option: {
        HIGHEST: 'Highest — the best attempt',
        LAST: 'Latest — the last attempt',
        FIRST: 'First — the first attempt',
        AVERAGE: 'Average — the mean of all attempts',
      },
    },
    recommendation: {
      GAP: 'A gap of {{gap}} level(s) in {{competency}}',
      JP_LEFT: '{{left}} JP to go to the {{target}} JP of this year',
      JP_REACHED: 'this year’s {{target}} JP target is reached',
    },
    nip: {
      EMPTY: 'NIP is required.',
      NOT_DIGITS:
        'A NIP contains digits only: the character "{{char}}" at position {{position}} is not allowed.',
      LENGTH: 'A NIP has 18 digits; {{length}} digits were entered.',
      BIRTH_DATE:
        'Invalid birth date: {{digits}} is not a calendar date (digits 1 to 8, format YYYYMMDD).',
      BIRTH_YEAR: 'Invalid birth date: birth year {{year}} is earlier than {{min}}.',
      BIRTH_FUTURE: 'Invalid birth date: {{date}} is in the future.',
      TMT_MONTH:
        'Invalid TMT CPNS month: "{{month}}" in {{digits}} must be between 01 and 12 (digits 13 to 14).',
      TMT_YEAR: 'Invalid TMT CPNS year: {{year}} is earlier than {{min}}.',
      TMT_FUTURE: 'Invalid TMT CPNS: {{tmt}} is in the future.',
      TMT_BEFORE_18:
        'TMT CPNS must come after the 18th birthday: born {{birth}}, so the earliest TMT CPNS is {{earliest}}, not {{tmt}}.',
      SEX: 'The sex code must be 1 or 2 (digit 15), not {{digit}}.',
      SEQUENCE: 'The sequence number cannot be 000: digits 16 to 18 must be between 001 and 999.',
    },
  },
  jobs: {
    notifications: {
      WELCOME: {
        title: 'Welcome to Bina',
        body: 'Hello {{name}}, your account has been created. See your competency profile and start learning from the course catalogue.',
      },
      COURSE_COMPLETED: {
        title: 'Course completed',
        body: 'Congratulations! You completed "{{course}}" and earned {{jp}} JP.',
      },
      open: 'Open',
    },
  },
  security: {
    forgotLink: 'Forgot your password?',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
    passwordHint: 'At least 10 characters. Do not use your NIP, your name or a common password.',
    changeTitle: 'Change password',
    changeSubmit: 'Save the new password',
    mustChange: 'You signed in with a temporary password. Choose your own password to continue.',
    changed: 'Password changed. Other sessions of this account have been ended.',
    currentWrong: 'The current password is wrong.',
    mismatch: 'The two new passwords differ.',
    sameAsCurrent: 'The new password must differ from the current one.',
    required: 'Required.',
    forgotTitle: 'Forgot password',
    forgotIntro:
      'Enter the NIP or email of your account. We will send a link to create a new password to its registered email.',
    forgotSubmit: 'Send link',
    forgotSent:
      'If that account exists, a link to create a new password has been sent to its email. The link is valid for {{minutes}} minutes and works once.',
    forgotWait: 'Too many requests. Please try again in a few minutes.',
    resetTitle: 'Create a new password',
    resetSubmit: 'Save and sign in',
    resetInvalid: 'This link is not valid: already used, expired or incomplete. Request a new one.',
    resetDone: 'Your new password is saved. Please sign in.',
    requestNew: 'Request a new link',
    backToLogin: 'Back to sign-in',
    problem: {
      TOO_SHORT: 'The password needs at least 10 characters.',
      TOO_LONG: 'The password may have at most 128 characters.',
      COMMON: 'This password is too common and easy to guess. Choose another.',
      CONTAINS_NIP: 'The password must not contain your NIP or birth date.',
      CONTAINS_NAME: 'The password must not contain your name or email address.',
    },
  },
}
export default en
