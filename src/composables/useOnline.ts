/** Whether the browser believes it has a connection; changes as the device goes on and offline. */
export { useOnline } from '@vueuse/core'
