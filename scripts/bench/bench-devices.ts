import type { SealingKeys } from '../../server/sealing-key'
import { randomToken, sha256 } from '../../server/secrets'
import type { IntakeStore } from '../../server/store/intake-store'
import type { EnrolledDevice } from '../../tests/server/intake-harness'

/**
 * Devices enrolled straight into the store, one per sender, as many settings' tablets would be
 * (each within its own rate limit): enrolment is not what the benches measure.
 */
export function enrolDevicesDirectly(store: IntakeStore, settingId: string, sealing: SealingKeys, count: number): Promise<EnrolledDevice[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const token = randomToken()
      const codeHash = sha256(randomToken())
      await store.addEnrolmentCode(settingId, codeHash, '2999-01-01T00:00:00.000Z', new Date().toISOString())
      await store.redeemEnrolmentCode(codeHash, { id: crypto.randomUUID(), tokenHash: sha256(token) }, new Date().toISOString())
      return { token, sealingKey: sealing.publicJwk }
    }),
  )
}
