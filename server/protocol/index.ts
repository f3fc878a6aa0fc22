export * from './api';
export * from './auth';
export * from './common';
export * from './events';
export * from './report';
export * from './socket';
export * from './resolution';
export * from './lifecycle-api';
