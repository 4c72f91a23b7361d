export * from './sector';
export * from './search-attributes';
export * from './issue';
export * from './sectors';
export * from './report';
export * from './limits';
export * from './clean-text';
export * from './identity';
