export * from './sector';
export * from './search-attributes';
