export { startServer, type StartOptions, type RunningServer } from './serve.js';
export { createApp, readRequest, BadRequest, type ServerOptions } from './http.js';
export { Reader, type ReaderOptions } from './reader.js';
export { loadCatalogue, type LoadOptions, type LoadResult } from './load.js';
export { migrate, schemaVersion, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
export { answerQuery, streamReports, catalogueInfo, type CatalogueInfo } from './search.js';
