/** Sizes shared by the server and the pages (client-safe). */

/** Longest side of a thumbnail (shown at about 160 CSS px on 3x screens). */
export const THUMB_SIZE = 480;
/** The phone shrinks a photo to at most this many pixels on its longer side before uploading it. */
export const PHONE_MAX_SIDE = 1600;

/** Where a photo and its thumbnail are served (no zod here: the phone's job view imports these eagerly, and the offline shell's CSP refuses zod's eval probe). */
export const photoUrl = (id: string) => `/api/photos/${id}`;
export const thumbUrl = (id: string) => `/api/photos/${id}/thumb`;
