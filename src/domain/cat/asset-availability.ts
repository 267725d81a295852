import { isTransferred, type TransferStatus } from './status.js';

// Where an asset on a public body's register stands. The body offers it (or a group asks for it), its
// officers may withdraw it, a transfer that completes moves it to the group, and when community use stops
// it comes back to the body. One list, so the register can never hold a state the API cannot show.

export const assetAvailabilities = ['offered', 'requested', 'withdrawn', 'transferred', 'returned'] as const;
export type AssetAvailability = (typeof assetAvailabilities)[number];

/** What the register says of the asset once a transfer is at `status`; null while the transfer leaves it as it was. */
export function assetAvailabilityAfter(status: TransferStatus): AssetAvailability | null {
  if (status === 'returned') return 'returned';
  return isTransferred(status) ? 'transferred' : null;
}
