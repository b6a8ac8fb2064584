import { nextTick } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    title: string
  }
}

const SERVICE_NAME = 'Inclusion Companion'

/** Every page is its own chunk, so the first visit downloads only the page it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./pages/home/HomePage.vue'), meta: { title: 'Home' } },
  { path: '/forums', component: () => import('./pages/forums/ForumsPage.vue'), meta: { title: 'Inclusion forums' } },
  {
    path: '/forums/:forumId(early-years|primary|secondary|post-16)',
    component: () => import('./pages/forums/ForumPage.vue'),
    props: true,
    meta: { title: 'Forum' },
  },
  {
    path: '/which-forum',
    component: () => import('./pages/forums/FinderPage.vue'),
    meta: { title: 'Which forum is right for this child?' },
  },
  { path: '/directory', component: () => import('./pages/directory/DirectoryPage.vue'), meta: { title: 'Support services' } },
  {
    path: '/exclusions',
    component: () => import('./pages/exclusions/ExclusionsPage.vue'),
    meta: { title: 'Exclusions: what to do' },
  },
  { path: '/settings', component: () => import('./pages/settings/SettingsPage.vue'), meta: { title: 'Settings' } },
  { path: '/:pathMatch(.*)*', component: () => import('./pages/errors/NotFoundPage.vue'), meta: { title: 'Page not found' } },
]

export function pageTitle(title: string): string {
  return title === 'Home' ? SERVICE_NAME : `${title} – ${SERVICE_NAME}`
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(to, _from, savedPosition) {
    if (savedPosition) return savedPosition
    if (to.hash) return { el: to.hash }
    return { top: 0 }
  },
})

router.afterEach((to, from, failure) => {
  if (failure) return
  document.title = pageTitle(to.meta.title)
  // On the first load the browser starts at the top; after that, move focus to the new
  // page's heading so screen reader and keyboard users start where the content starts.
  const isFirstLoad = from.matched.length === 0
  if (isFirstLoad || to.path === from.path) return
  void nextTick(() => document.querySelector<HTMLElement>('main h1')?.focus())
})
