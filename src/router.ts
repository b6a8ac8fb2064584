import { nextTick } from 'vue'
import { createRouter, createWebHistory, type RouterHistory, type Router, type RouteRecordRaw } from 'vue-router'
import { setPageTitle } from './composables/page-title'
import { CASE_SECTION_IDS, caseRoutePattern } from './domain/case-section-ids'

declare module 'vue-router' {
  interface RouteMeta {
    title: string
    /** Shows personal data: behind the passphrase. */
    personal?: boolean
    /** Shows the reference content: a prerendered page is hydrated with the bundled copy. */
    content?: boolean
  }
}

/** Every page is its own chunk, so the first visit downloads only the page it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./pages/home/HomePage.vue'), meta: { title: 'Home' } },
  { path: '/forums', component: () => import('./pages/forums/ForumsPage.vue'), meta: { title: 'Inclusion forums', content: true } },
  {
    path: '/forums/:forumId(early-years|primary|secondary|post-16)',
    component: () => import('./pages/forums/ForumPage.vue'),
    props: true,
    meta: { title: 'Forum', content: true },
  },
  {
    path: '/which-forum',
    component: () => import('./pages/forums/FinderPage.vue'),
    meta: { title: 'Which forum is right for this child?' },
  },
  { path: '/directory', component: () => import('./pages/directory/DirectoryPage.vue'), meta: { title: 'Support services', content: true } },
  {
    path: '/exclusions',
    component: () => import('./pages/exclusions/ExclusionsPage.vue'),
    meta: { title: 'Exclusions: what to do', content: true },
  },
  { path: '/cases', component: () => import('./pages/cases/CasesPage.vue'), meta: { title: 'Forum cases', personal: true } },
  { path: '/cases/new', component: () => import('./pages/cases/NewCasePage.vue'), meta: { title: 'Start a case', personal: true } },
  { path: '/cases/:caseId/check', component: () => import('./pages/cases/CheckAnswersPage.vue'), props: true, meta: { title: 'Check your answers', personal: true } },
  { path: '/cases/:caseId/plan', component: () => import('./pages/cases/EducationPlanPage.vue'), props: true, meta: { title: 'Education plan', personal: true } },
  {
    path: caseRoutePattern(CASE_SECTION_IDS),
    component: () => import('./pages/cases/CaseSectionPage.vue'),
    props: true,
    meta: { title: 'Forum case', personal: true },
  },
  { path: '/cases/:caseId', component: () => import('./pages/cases/CasePage.vue'), props: true, meta: { title: 'Forum case', personal: true } },
  { path: '/outbox', component: () => import('./pages/outbox/OutboxPage.vue'), meta: { title: 'Outbox' } },
  { path: '/exclusions/notices', component: () => import('./pages/exclusions/NoticesPage.vue'), meta: { title: 'Your notices', personal: true } },
  {
    path: '/exclusions/suspensions/new',
    component: () => import('./pages/exclusions/NewNoticePage.vue'),
    props: { kind: 'suspension' },
    meta: { title: 'Suspension notice', personal: true },
  },
  {
    path: '/exclusions/permanent/new',
    component: () => import('./pages/exclusions/NewNoticePage.vue'),
    props: { kind: 'permanent-exclusion' },
    meta: { title: 'Permanent exclusion', personal: true },
  },
  { path: '/exclusions/suspensions/:noticeId', component: () => import('./pages/exclusions/SuspensionPage.vue'), props: true, meta: { title: 'Suspension notice', personal: true } },
  { path: '/exclusions/permanent/:noticeId', component: () => import('./pages/exclusions/PermanentExclusionPage.vue'), props: true, meta: { title: 'Permanent exclusion', personal: true } },
  { path: '/settings', component: () => import('./pages/settings/SettingsPage.vue'), meta: { title: 'Settings' } },
  { path: '/settings/term-dates', component: () => import('./pages/settings/TermDatesPage.vue'), meta: { title: 'Term dates' } },
  {
    path: '/settings/enrolment',
    component: () => import('./pages/settings/EnrolmentPage.vue'),
    meta: { title: 'Enrol this device' },
  },
  {
    path: '/settings/your-details',
    component: () => import('./pages/settings/YourDetailsPage.vue'),
    meta: { title: 'Your details', personal: true },
  },
  {
    path: '/settings/profile',
    component: () => import('./pages/settings/YourProfilePage.vue'),
    meta: { title: 'Your profile', personal: true },
  },
  {
    path: '/settings/passphrase',
    component: () => import('./pages/settings/ChangePassphrasePage.vue'),
    meta: { title: 'Change your passphrase', personal: true },
  },
  { path: '/:pathMatch(.*)*', component: () => import('./pages/errors/NotFoundPage.vue'), meta: { title: 'Page not found' } },
]

/** The app's router over any history: the browser's, or memory when pages are prerendered at build time. */
export function createAppRouter(history: RouterHistory): Router {
  return createRouter({
    history,
    routes,
    scrollBehavior(to, _from, savedPosition) {
      if (savedPosition) return savedPosition
      if (to.hash) return { el: to.hash }
      return { top: 0 }
    },
  })
}

/** The router in the browser, with what it does there: titles, focus, recovery after a release. */
export function createBrowserRouter(): Router {
  const router = createAppRouter(createWebHistory())

  // After a new release, a page still running the old version may ask for a file that no
  // longer exists: load the new version at the address the user was going to.
  router.onError((error, to) => {
    if (/dynamically imported module|Importing a module script failed|error loading dynamically/i.test(String(error))) {
      window.location.assign(to.fullPath)
    }
  })

  router.afterEach((to, from, failure) => {
    if (failure) return
    setPageTitle(to.meta.title)
    // On the first load the browser starts at the top; after that, move focus to the new
    // page's heading so screen reader and keyboard users start where the content starts.
    const isFirstLoad = from.matched.length === 0
    if (isFirstLoad) return
    // A contents link on the same page moves focus to its section; a new page, to its h1.
    const target = to.path === from.path ? (to.hash ? `main ${to.hash}` : undefined) : 'main h1'
    if (target) void nextTick(() => document.querySelector<HTMLElement>(target)?.focus())
  })
  return router
}
