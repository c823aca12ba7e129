export * from './roles';
export * from './errors';
export * from './envelope';
export * from './define';
export * from './hall-schemas';
export * from './methods';
export * from './events';
export * from './client';
