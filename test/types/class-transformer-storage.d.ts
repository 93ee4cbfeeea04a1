/** class-transformer keeps its @Type() metadata in a store its package root does not export; tests read it. */
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
