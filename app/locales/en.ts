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
}
export default en
