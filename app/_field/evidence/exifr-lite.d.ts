// exifr has no "exports" map: its lite build (21 kB gzip, no tag dictionaries) is a deep import with the package's own types.
declare module "exifr/dist/lite.esm.mjs" {
  export * from "exifr";
  import exifr from "exifr";
  export default exifr;
}
