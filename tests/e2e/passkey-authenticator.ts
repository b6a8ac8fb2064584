import type { Page } from 'playwright-core'

export interface VirtualAuthenticator {
  authenticatorId: string
  remove(): Promise<void>
}

/**
 * A platform authenticator for the page, through the DevTools protocol: a tablet's
 * fingerprint reader with PRF that always verifies the user, with no prompt to answer.
 * WebAuthn refuses an IP address as the relying party: the page must be on localhost.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const session = await page.context().newCDPSession(page)
  await session.send('WebAuthn.enable')
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  })
  return {
    authenticatorId,
    async remove() {
      await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
      await session.detach()
    },
  }
}
