/** The catalog of framework objects and its searches. */
export { Catalog, type CatalogEntry, type CatalogIncident, type CatalogObject, type CatalogTactic, type CatalogTechnique, type KindCounts, type TechniqueUse } from './catalog';
export { type MatchTier, type SearchOptions, type SearchResult } from './search';
export { type IncidentTextHit } from './incident-text-search';
export { MeaningIndex, type MeaningExample, type MeaningHit } from './meaning-search';
