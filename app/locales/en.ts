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
  assess: {
    saved: '{{count}} answers saved.',
    savedAt: 'Saved automatically at {{time}}.',
    saving: 'Saving…',
    lateSubmit:
      'Time was up when these answers arrived: the last answers were not saved, the answers saved before are graded.',
    overrodeTimeout:
      'Your answers arrived before the deadline and were accepted: these are the answers graded.',
    timedOutGraded:
      'Time ran out and the attempt was graded before these answers were processed: the answers saved before the deadline are graded.',
    timedOut: 'Time ran out: the answers saved before the deadline were submitted automatically.',
    errors: {
      lateSave:
        'Time is up; these answers were not saved. The answers saved before the deadline are graded.',
      saveAfterSubmit: 'This attempt has been submitted; its answers can no longer be changed.',
      invalidAnswer: 'An answer is not valid for the questions of this attempt.',
      notFound: 'Quiz attempt not found.',
    },
    confirm: {
      title: 'Submit your answers?',
      unanswered: '{{count}} of {{total}} questions are unanswered.',
      allAnswered: 'All {{total}} questions are answered.',
      note: 'Once submitted, the answers cannot be changed.',
      yes: 'Yes, submit',
      back: 'Back to the questions',
    },
    submit: 'Submit',
    saveButton: 'Save answers',
    timeUp: 'Time is up — submitting your answers…',
    grading: 'Your answers were received and are being graded…',
    instructors: {
      title: 'Course instructors',
      course: 'Course',
      none: 'No instructors yet.',
      add: 'Add instructor',
      who: "Instructor's NIP or email",
      remove: 'Remove',
      added: 'Instructor added.',
      removed: 'Instructor removed.',
      notInstructor: 'This user does not have the Instructor role.',
      unknownUser: 'No user with that NIP or email.',
    },
    regrade: {
      button: 'Regrade earlier attempts with these settings',
      queued: 'The regrade was scheduled and recorded.',
      explain:
        'The pass mark and grading method are kept with each attempt when it starts. A settings change reaches earlier attempts only through a recorded regrade.',
    },
  },
}
export default en
