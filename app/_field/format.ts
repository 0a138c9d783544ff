export function fullAddress(s: { addressLine1: string; addressLine2?: string | null; city: string; region: string; postalCode: string }) {
  return [s.addressLine1, s.addressLine2, `${s.city}, ${s.region} ${s.postalCode}`].filter(Boolean).join(", ");
}
