/** A value as it arrives through JSON (a route handler's answer, a phone's store): dates become ISO strings. Client-safe. */
export type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
