export function fullAddress(s: { addressLine1: string; addressLine2?: string | null; city: string; region: string; postalCode: string }) {
  return [s.addressLine1, s.addressLine2, `${s.city}, ${s.region} ${s.postalCode}`].filter(Boolean).join(", ");
}

/** A maps link for an address (opens the phone's maps app). */
export function mapsUrl(address: string) {
  return `https://maps.google.com/?q=${encodeURIComponent(address)}`;
}

/** Bytes as people read them. */
export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
