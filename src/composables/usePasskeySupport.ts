import { ref, type Ref } from 'vue'

/**
 * Whether this browser can unlock with a passkey (PRF and a platform authenticator with user
 * verification): undefined until known. The passkey code loads only here, after the page.
 */
export function usePasskeySupport(): Readonly<Ref<boolean | undefined>> {
  const supported = ref<boolean>()
  void import('../db/passkey').then(async ({ passkeysSupported }) => (supported.value = await passkeysSupported()))
  return supported
}
